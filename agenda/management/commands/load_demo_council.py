from django.core.management.base import BaseCommand

from agenda.council import demo, services
from measures.models import Measure


class Command(BaseCommand):
    help = (
        "Load example council decisions for a few demo measures (after load_demo) from the "
        "demo's OParl files, without a network. Running it again updates them, adds none."
    )

    def handle(self, *args, **options):
        measures = Measure.objects.in_bulk(list(demo.DEMO_PAPERS), field_name="reference")
        count = 0
        for reference, paper in demo.DEMO_PAPERS.items():
            measure = measures.get(reference)
            if measure is None:
                continue
            decisions = services.link_paper(
                measure=measure, paper_url=paper, source=demo.local_source, is_example=True
            )
            count += len(decisions)
        self.stdout.write(f"{count} example council decisions on {len(measures)} measures.")
