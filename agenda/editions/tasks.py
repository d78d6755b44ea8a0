from django.tasks import task


@task
def render_report(report_id):
    """Render one report in the background (the worker: `manage.py run_worker`)."""
    from agenda.editions.services import run_report

    run_report(report_id)
