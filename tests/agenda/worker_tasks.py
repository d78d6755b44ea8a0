"""A task small enough to show that the worker runs tasks (tests/agenda/test_worker.py)."""

from django.tasks import task


@task
def echo(text):
    return text
