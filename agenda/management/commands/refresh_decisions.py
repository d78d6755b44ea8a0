from django.core.management.base import BaseCommand

from agenda.council.services import refresh_decisions_task, refresh_open_decisions


class Command(BaseCommand):
    help = (
        "Fetch again, from the council information system (OParl), every paper with a council "
        "decision not yet final (pending or postponed). For the daily systemd timer; "
        "--enqueue hands it to the background worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Run it in the background worker."
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            refresh_decisions_task.enqueue()
            self.stdout.write("Refresh of council decisions queued.")
            return
        done, failed = refresh_open_decisions()
        self.stdout.write(f"{done} papers refreshed, {failed} failed.")
