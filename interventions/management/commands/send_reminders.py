from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import REMINDER_KINDS

from ...reminders import reminders_send_now


class Command(BaseCommand):
    help = "Run the reminder sweep once, now, and deliver what is due (each reminder is sent only once)."

    def handle(self, *args, **options):
        sent = reminders_send_now()
        with translation.override("en"):
            for kind in REMINDER_KINDS:
                self.stdout.write(f"{kind.value:16} {sent.get(kind.value, 0)}")
        self.stdout.write(_("%(count)s reminders sent.") % {"count": sum(sent.values())})
