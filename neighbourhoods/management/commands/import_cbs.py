from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from neighbourhoods.cbs import CbsImportError, import_cbs


class Command(BaseCommand):
    help = "Import a CBS StatLine export of table 85163NED (SES-WOA per wijk en buurt), as shipped by CBS."

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file exported from StatLine (with statistical symbols)")

    def handle(self, *args, path, **options):
        """Import the file in one transaction; on any error nothing is saved."""
        try:
            result = import_cbs(path)
        except OSError as error:
            raise CommandError(_("cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from error
        except CbsImportError as error:
            raise CommandError(str(error)) from error

        lines = [
            _("Imported CBS 85163NED, year %(year)s:") % {"year": result.year},
            _("  municipalities: %(created)s created, %(updated)s updated")
            % {"created": result.municipalities_created, "updated": result.municipalities_updated},
            _("  districts: %(created)s created, %(updated)s updated")
            % {"created": result.districts_created, "updated": result.districts_updated},
            _("  neighbourhoods: %(created)s created, %(updated)s updated")
            % {"created": result.neighbourhoods_created, "updated": result.neighbourhoods_updated},
            _("  statistics: %(created)s created, %(updated)s updated, %(unchanged)s unchanged")
            % {
                "created": result.statistics_created,
                "updated": result.statistics_updated,
                "unchanged": result.statistics_unchanged,
            },
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
