"""The edition's old decision reference and date become its adoption, a Decision."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("agenda", "0009_accent_default_kern")]
AFTER = [("agenda", "0010_decisions")]


@pytest.mark.django_db(transaction=True)
def test_an_editions_decision_reference_and_date_become_its_adoption():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Edition = old.get_model("agenda", "Edition")
    adopted = Edition.objects.create(
        title="Beschlossen",
        reporting_date=datetime.date(2026, 1, 1),
        decision_reference="KT/2026/17",
        decision_date=datetime.date(2026, 2, 1),
        snapshot={"fields": []},
    )
    draft = Edition.objects.create(
        title="Entwurf", reporting_date=datetime.date(2026, 1, 1), snapshot={"fields": []}
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Edition = new.get_model("agenda", "Edition")
    adoption = Edition.objects.get(pk=adopted.pk).adoption
    assert (adoption.paper_reference, adoption.date, adoption.result) == (
        "KT/2026/17",
        datetime.date(2026, 2, 1),
        "adopted",
    )
    assert Edition.objects.get(pk=draft.pk).adoption is None
    # And back: the reference and date return.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Edition = executor.loader.project_state(BEFORE).apps.get_model("agenda", "Edition")
    assert Edition.objects.get(pk=adopted.pk).decision_reference == "KT/2026/17"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
