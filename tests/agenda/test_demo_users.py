import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_printed_login_link_names_the_port_the_demo_is_served_on():
    out = io.StringIO()
    call_command("create_demo_users", force=True, url="http://127.0.0.1:8123", stdout=out)
    assert "Anmeldung: http://127.0.0.1:8123/intern/anmelden/" in out.getvalue()


def test_make_run_passes_its_port_to_the_demo_logins():
    command = [shutil.which("make"), "-n", "demo", "PORT=8123"]
    dry_run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    assert "create_demo_users --url http://127.0.0.1:8123" in dry_run.stdout


@pytest.mark.django_db
def test_the_demo_fachbereich_login_has_something_due_of_every_kind():
    """After the full demo, "Meine Aufgaben" of the Fachbereich login shows reports,
    milestones, an indicator value and an idea of its unit, and a reminder would go out."""
    import datetime

    from django.contrib.auth import get_user_model

    from agenda.reminders.services import send_reminders
    from agenda.worklist.items import due_items

    for command in ("load_demo", "load_demo_ideas"):
        call_command(command, stdout=io.StringIO())
    call_command("create_demo_users", force=True, stdout=io.StringIO())
    department = get_user_model().objects.get(username="fachbereich")
    assert department.email
    today = datetime.date(2026, 12, 1)
    due = due_items(department, today)
    assert all(due[kind] for kind in ("report", "milestone", "indicator", "idea"))
    (outcome,) = send_reminders(today=today, dry_run=True)
    assert outcome.user == department


@pytest.mark.django_db
def test_the_demo_has_a_redaktion_login_per_amt_and_the_others_belong_to_the_root():
    from django.contrib.auth import get_user_model

    from measures.models import StaffProfile
    from strategy.organisations.models import Organisation
    from strategy.staff import roles

    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("create_demo_users", force=True, stdout=out)
    call_command("create_demo_users", force=True, stdout=io.StringIO())  # twice: no change
    users = get_user_model().objects
    for username, slug in (
        ("redaktion-wilster", "wilstermarsch"),
        ("redaktion-schenefeld", "schenefeld"),
    ):
        user = users.get(username=username)
        assert user.groups.get().name == roles.EDITORS
        assert StaffProfile.objects.get(user=user).organisation.slug == slug
        assert username in out.getvalue()
    assert "Amt Wilstermarsch" in out.getvalue()
    root = Organisation.objects.root()
    for username in ("admin", "redaktion", "fachbereich", "lesezugriff"):
        assert StaffProfile.objects.get(user__username=username).organisation == root
    assert StaffProfile.objects.filter(organisation__parent=root).count() == 4
