from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from dashboards.alerts import alerts_run_now
from devdata.demo import DEMO_LOGINS, PASSWORD, load_demo_world


class Command(BaseCommand):
    help = (
        "Load the Veerkracht demo world: CBS neighbourhoods of Amsterdam, two wijkteams, partner organisations, "
        "demo users (password 'demo'), a year of signals and cases in every status. Running it again changes nothing; "
        "--reset empties the database first and builds the demo around today's date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. The demo users all have the password 'demo'.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Empty the whole database (every row, not only the demo's) and the cache, then build the demo "
                "world again around today's date. Refused with DEBUG off unless --force is given as well."
            ),
        )

    def handle(self, *args, force=False, reset=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "Refusing to load the demo world with DEBUG off: it creates users whose password is “demo”. "
                    "Use --force if this really is a demo or test installation."
                )
            )
        if reset:
            self.reset()

        result = load_demo_world()
        counts = result.counts
        if not result.created:
            self.stdout.write(self.style.WARNING(_("Demo world already present; nothing changed.")))
            return
        # Run the daily early-warning job once, so the managers' overview shows
        # today's alerts straight away instead of after beat's 06:30 run.
        alerts = alerts_run_now()

        self.stdout.write(self.style.SUCCESS(_("Demo world loaded.")))
        self.stdout.write(
            _("%(organisations)s organisations, %(users)s users, %(teams)s teams, %(neighbourhoods)s neighbourhoods")
            % counts
        )
        self.stdout.write(
            _("%(signals)s signals, %(cases)s cases (%(open_cases)s open), %(participants)s participations") % counts
        )
        self.stdout.write(
            _(
                "%(notes)s notes (%(own_notes)s own-organisation only), %(timeline)s timeline entries, "
                "%(reviews)s case reviews"
            )
            % counts
        )
        self.stdout.write(
            _(
                "%(interventions)s interventions, %(actions)s actions "
                "(%(open_actions)s open, %(overdue_actions)s overdue)"
            )
            % counts
        )
        self.stdout.write(_("%(raised)s early-warning alerts raised.") % alerts)
        self.stdout.write(
            _("Log in as %(usernames)s with password “%(password)s”.")
            % {"usernames": ", ".join(DEMO_LOGINS), "password": PASSWORD}
        )

    def reset(self):
        """Empty every table (flush keeps the schema and re-creates content types and permissions) and the cache
        (sessions, dashboard figures), so the demo is built again around today's date. Attachment files stay in
        MEDIA_ROOT; the new demo does not point at them."""
        self.stdout.write(self.style.WARNING(_("Emptying the database and the cache ...")))
        call_command("flush", interactive=False, verbosity=0)
        cache.clear()
