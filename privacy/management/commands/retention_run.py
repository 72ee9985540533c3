"""`manage.py retention_run`: the daily retention job, now, in this process (list, remind, old signals)."""

from django.core.management.base import BaseCommand

from privacy.retention import retention_send_now


class Command(BaseCommand):
    help = "List cases due for anonymisation, remind their director and privacy officers, anonymise old signals."

    def handle(self, **options):
        result = retention_send_now()
        self.stdout.write(
            "{listed} newly due, {sent} reminders sent, {signals} old signals anonymised.".format(**result)
        )
