import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from measures.models import Measure
from participation.demo_data import ADDRESSED_TO, DEMO_IDEAS
from participation.models import Idea
from strategy.models import ActionField, Organisation


class Command(BaseCommand):
    help = "Load example citizen ideas for the demo (after load_demo). Running it again adds none."

    @transaction.atomic
    def handle(self, *args, **options):
        fields = {f.code: f for f in ActionField.objects.all()}
        measures = {m.reference: m for m in Measure.objects.all()}
        members = {o.slug: o for o in Organisation.objects.members()}
        today = timezone.localdate()
        created = 0
        for n, (kind, channel, state, code, title, text, answer, ref) in enumerate(DEMO_IDEAS):
            received = today - datetime.timedelta(days=60 - 7 * n)
            answered = state not in Idea.OPEN_STATES
            organisation = members.get(ADDRESSED_TO.get(title, ""))
            idea, new = Idea.objects.get_or_create(
                title=title,
                defaults={
                    "organisation": organisation,
                    "kind": kind,
                    "channel": channel,
                    "state": state,
                    "action_field": fields.get(code),
                    "description": text,
                    "public_answer": answer,
                    "measure": measures.get(ref),
                    "received_on": received,
                    "answered_at": timezone.now() if answered else None,
                    "answer_by": received + datetime.timedelta(days=30),
                },
            )
            created += new
            if organisation is not None and idea.organisation_id is None:
                # Loaded before the demo had its Ämter: addressed now.
                idea.organisation = organisation
                idea.save(update_fields=["organisation", "updated_at"])
        self.stdout.write(f"{created} demo ideas loaded ({len(DEMO_IDEAS)} in the set)")
