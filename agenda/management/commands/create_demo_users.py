from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from measures.models import Measure, ProgressReport, StaffProfile
from participation.models import Idea
from strategy.models import Indicator, Organisation
from strategy.staff import roles

DEMO_PASSWORD = "demo-agenda-2026"  # noqa: S105 - printed on purpose, demo only
DEMO_USERS = [
    # username, first name, last name, role, is_staff
    ("admin", "Ada", "Admin", roles.ADMINISTRATION, True),
    ("redaktion", "Rita", "Redaktion", roles.EDITORS, False),
    ("fachbereich", "Falk", "Fachbereich", roles.DEPARTMENT, False),
    ("lesezugriff", "Lena", "Lesezugriff", roles.READ_ONLY, False),
]
# The logins above belong to the root (the Verbund); these to one Amt each (by its slug).
MEMBER_USERS = [
    ("redaktion-itzehoe", "Ida", "Itzehoe-Land", "itzehoe-land"),
    ("redaktion-krempe", "Karl", "Krempermarsch", "krempermarsch"),
    ("redaktion-schenefeld", "Sina", "Schenefeld", "schenefeld"),
    ("redaktion-wilster", "Wiebke", "Wilstermarsch", "wilstermarsch"),
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
        root = Organisation.objects.root()
        members = {o.slug: o for o in Organisation.objects.members()}
        logins = [(*row, root) for row in DEMO_USERS] + [
            (username, first, last, roles.EDITORS, False, members[slug])
            for username, first, last, slug in MEMBER_USERS
            if slug in members  # only once load_demo made the Ämter
        ]
        for username, first, last, role, is_staff, organisation in logins:
            self._login(username, first, last, role, is_staff, organisation)
        # The Fachbereich login is contact person for the digital administration field.
        department = get_user_model().objects.get(username="fachbereich")
        Measure.objects.filter(action_field__code="4.1", contact_person__isnull=True).update(
            contact_person=department
        )
        # The demo's report waiting for release is the Fachbereich's (see measures.demo_steering).
        ProgressReport.objects.drafts().filter(
            measure__action_field__code="4.1", author__isnull=True
        ).update(author=department)
        self._route_to(department)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):"))
        for username, _first, _last, role, _staff, organisation in logins:
            where = f" ({organisation.name})" if organisation and organisation != root else ""
            self.stdout.write(f"  {username:<20} Rolle {role}{where}")
        self.stdout.write(f"  Anmeldung: {url.rstrip('/')}{reverse('login')}")

    @staticmethod
    def _login(username, first, last, role, is_staff, organisation):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        # An address on a reserved domain, so `send_reminders` has someone to remind.
        user.email = user.email or f"{username}@example.org"
        user.is_staff = is_staff
        user.is_superuser = role == roles.ADMINISTRATION
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        if organisation is not None:
            StaffProfile.objects.update_or_create(
                user=user, defaults={"organisation": organisation}
            )

    @staticmethod
    def _route_to(department):
        """Give the Fachbereich login something in every part of "Meine Aufgaben": it works in
        the unit responsible for field 4.1, which answers the open ideas on it (and those on no
        field), and it
        reports the field's indicators."""
        lead = Measure.objects.filter(action_field__code="4.1", responsible_unit__isnull=False)
        unit = lead.values_list("responsible_unit", flat=True).first()
        if unit is None:
            return
        StaffProfile.objects.update_or_create(user=department, defaults={"unit_id": unit})
        Idea.objects.filter(
            state__in=Idea.OPEN_STATES, responsible_unit__isnull=True, organisation__isnull=True
        ).filter(Q(action_field__isnull=True) | Q(action_field__code="4.1")).update(
            responsible_unit_id=unit
        )
        Indicator.objects.filter(goal__action_field__code="4.1", responsible__isnull=True).update(
            responsible=department
        )
