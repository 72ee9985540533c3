import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ...weekly import render_summary_text, week_before, weekly_preview, weekly_send_now


class Command(BaseCommand):
    help = (
        "Send the weekly summary of last week (Monday to Sunday) to managers and case directors; each person "
        "gets it once per week. --dry-run prints who would get what and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print the summaries; send nothing.")
        parser.add_argument(
            "--week",
            metavar="YYYY-MM-DD",
            help="Summarise the week (Monday to Sunday) containing this date instead of last week.",
        )

    def handle(self, *args, dry_run=False, week=None, **options):
        week_start = self._week_start(week)
        if not dry_run:
            sent = weekly_send_now(week_start)
            self.stdout.write(_("%(count)s weekly summaries sent.") % {"count": sent})
            return
        with translation.override(settings.LANGUAGE_CODE):
            preview = weekly_preview(week_start)
            for user, summary, already_sent in preview:
                status = _("already sent") if already_sent else _("would be sent")
                self.stdout.write(f"=== {user.get_username()} <{user.email or '-'}> ({status})")
                self.stdout.write(render_summary_text(summary))
            self.stdout.write(_("Dry run: %(count)s recipients, nothing sent.") % {"count": len(preview)})

    def _week_start(self, week):
        if not week:
            return week_before(timezone.localdate())
        try:
            day = datetime.date.fromisoformat(week)
        except ValueError:
            raise CommandError(_("--week needs a date as YYYY-MM-DD.")) from None
        return day - datetime.timedelta(days=day.weekday())
