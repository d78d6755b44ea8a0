from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from measures.models import Measure, ProgressReport
from strategy.staff import roles

DEMO_PASSWORD = "demo-agenda-2026"  # noqa: S105 - printed on purpose, demo only
DEMO_USERS = [
    # username, first name, last name, role, is_staff
    ("admin", "Ada", "Admin", roles.ADMINISTRATION, True),
    ("redaktion", "Rita", "Redaktion", roles.EDITORS, False),
    ("fachbereich", "Falk", "Fachbereich", roles.DEPARTMENT, False),
    ("lesezugriff", "Lena", "Lesezugriff", roles.READ_ONLY, False),
]


class Command(BaseCommand):
    help = "Create one demo login per role (development only) and print them."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the login link it prints (make run passes it).",
        )

    @transaction.atomic
    def handle(self, *args, force=False, url="http://127.0.0.1:8000", **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo logins are for development only (DJANGO_DEBUG=1 or --force).")
        user_model = get_user_model()
        for username, first, last, role, is_staff in DEMO_USERS:
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            user.is_staff = is_staff
            user.is_superuser = role == roles.ADMINISTRATION
            user.save()
            user.groups.set([Group.objects.get(name=role)])
        # The Fachbereich login is contact person for the digital administration field.
        department = user_model.objects.get(username="fachbereich")
        Measure.objects.filter(action_field__code="4.1", contact_person__isnull=True).update(
            contact_person=department
        )
        # The demo's report waiting for release is the Fachbereich's (see measures.demo_steering).
        ProgressReport.objects.drafts().filter(
            measure__action_field__code="4.1", author__isnull=True
        ).update(author=department)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):"))
        for username, _first, _last, role, _staff in DEMO_USERS:
            self.stdout.write(f"  {username:<12} Rolle {role}")
        self.stdout.write(f"  Anmeldung: {url.rstrip('/')}{reverse('login')}")
