from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from neighbourhoods.cbs import CbsImportError
from neighbourhoods.kwb import FIGURES, import_kwb, year_from_file_name
from neighbourhoods.models import NeighbourhoodStatistics


class Command(BaseCommand):
    help = (
        "Import CBS Kerncijfers wijken en buurten (e.g. 83765NED for 2017, 84583NED for 2019) as written by R's "
        "write.csv: municipality, districts and neighbourhoods with their figures for one year. The files hold no "
        "period, so the year comes from --year or, without it, from the file name "
        "(Kerncijfers_wijken_en_buurten_2019.csv). Missing regions are created."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV file of Kerncijfers wijken en buurten, comma-separated as R writes it")
        parser.add_argument(
            "--year",
            type=int,
            help="year of the figures; needed when the file name does not say it, and must agree when it does",
        )

    def handle(self, *args, path, year, **options):
        """Import the file in one transaction; on any error nothing is saved."""
        year, year_origin = self._year(path, year)
        try:
            result = import_kwb(path, year=year)
        except OSError as error:
            raise CommandError(_("cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from error
        except CbsImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("\n".join(self._summary(result, year_origin))))

    def _year(self, path, year):
        """(year, where it came from): --year wins, but must not contradict the file name."""
        named = year_from_file_name(path)
        if year is None:
            if named is None:
                raise CommandError(_("the file holds no year and its name does not say one; give it with --year"))
            return named, _("from the file name")
        if not 1900 <= year <= 2100:
            raise CommandError(_("--year %(year)s is not a plausible year") % {"year": year})
        if named is not None and named != year:
            raise CommandError(
                _("--year %(year)s contradicts the file name, which says %(named)s") % {"year": year, "named": named}
            )
        return year, _("from --year")

    def _summary(self, result, year_origin):
        regions, statistics = result.regions, result.statistics
        level_lines = (
            (_("  municipalities: %(created)s created, %(updated)s updated; figures: %(f_created)s created, "
               "%(f_updated)s updated, %(f_unchanged)s unchanged"), "municipalities"),
            (_("  districts: %(created)s created, %(updated)s updated; figures: %(f_created)s created, "
               "%(f_updated)s updated, %(f_unchanged)s unchanged"), "districts"),
            (_("  neighbourhoods: %(created)s created, %(updated)s updated; figures: %(f_created)s created, "
               "%(f_updated)s updated, %(f_unchanged)s unchanged"), "neighbourhoods"),
        )  # fmt: skip
        lines = [
            _("Imported CBS Kerncijfers wijken en buurten, year %(year)s (%(origin)s):")
            % {"year": result.year, "origin": year_origin},
        ]
        for text, level in level_lines:
            lines.append(
                text
                % {
                    "created": regions[level].created,
                    "updated": regions[level].updated,
                    "f_created": statistics[level].created,
                    "f_updated": statistics[level].updated,
                    "f_unchanged": statistics[level].unchanged,
                }
            )
        if result.country_rows_skipped:
            lines.append(_("  country rows skipped: %(count)s") % {"count": result.country_rows_skipped})
        lines.append(_("  not available, of %(count)s neighbourhoods:") % {"count": result.neighbourhoods_in_file})
        for name in FIGURES:
            label = NeighbourhoodStatistics._meta.get_field(name).verbose_name
            lines.append(f"    {label}: {result.not_available[name]}")
        if not result.changed:
            lines.append(_("Nothing changed: the database already held these figures."))
        return lines
