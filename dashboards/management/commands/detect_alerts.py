from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ...alerts import alerts_run_now


class Command(BaseCommand):
    help = (
        "Run the early-warning detection now: raise and clear alerts, and notify the coordinators and case "
        "directors of the covering teams (each alert reaches each of them once)."
    )

    def handle(self, *args, **options):
        result = alerts_run_now()
        self.stdout.write(_("%(raised)s alerts raised, %(cleared)s cleared, %(notified)s notifications sent.") % result)
