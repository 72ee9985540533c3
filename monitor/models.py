"""The housing corporations' own figures per buurt per year, who may see them, and who entered them when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The figures a corporation enters per buurt per year, in the order of the form, the CSV and the tables.
FIGURE_FIELDS = [
    "homes",
    "lettings",
    "lettings_urgent",
    "lettings_sheltered",
    "lettings_status_holders",
    "lettings_other_priority",
    "nuisance_terminations",
    "leavers_middle_income",
]
PRIORITY_FIELDS = ["lettings_urgent", "lettings_sheltered", "lettings_status_holders", "lettings_other_priority"]


def _count(label, help_text=""):
    return models.PositiveIntegerField(label, help_text=help_text)


class CorporationFigures(models.Model):
    """One corporation's figures for one buurt in one year (verhuringen, priority groups, ...).

    Detail stays with the corporation; others see these only summed over several
    rows, from 5 lettings, where the corporation shares them (monitor/access.py).
    """

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="corporation_figures",
        verbose_name=_("housing corporation"),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="corporation_figures",
        verbose_name=_("neighbourhood"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    homes = _count(_("homes"), _("The corporation's homes in the buurt on 1 January."))
    lettings = _count(_("lettings"), _("Homes let to a new tenant during the year (verhuringen)."))
    lettings_urgent = _count(_("lettings to urgent applicants"))
    lettings_sheltered = _count(_("lettings on leaving sheltered or protected housing"))
    lettings_status_holders = _count(_("lettings to status holders"))
    lettings_other_priority = _count(_("lettings to other priority groups"))
    nuisance_terminations = _count(_("tenancies ended for nuisance"))
    leavers_middle_income = _count(_("leaving tenants with a middle or higher income"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        ordering = ["organisation", "-year", "neighbourhood__name"]
        verbose_name = _("corporation figures")
        verbose_name_plural = _("corporation figures")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "neighbourhood", "year"], name="one_corporation_figures_row_per_year"
            ),
        ]
        indexes = [models.Index(fields=["neighbourhood", "year"], name="corporation_figures_buurt")]

    def __str__(self):
        return f"{self.organisation} {self.neighbourhood} {self.year}"

    @property
    def priority_lettings(self):
        return sum(getattr(self, name) for name in PRIORITY_FIELDS)

    def clean(self):
        """The parts cannot exceed the whole: a form and an upload line get the same reasons."""
        errors = {}
        if self.lettings is not None and self.homes is not None and self.lettings > self.homes:
            errors["lettings"] = _("More lettings than homes.")
        parts = [getattr(self, name) for name in PRIORITY_FIELDS]
        if self.lettings is not None and None not in parts and sum(parts) > self.lettings:
            errors["lettings_other_priority"] = _("The priority-group lettings add up to more than all lettings.")
        leavers = self.leavers_middle_income
        if self.lettings is not None and leavers is not None and leavers > self.lettings:
            errors["leavers_middle_income"] = _("More leaving tenants than lettings.")
        if errors:
            raise ValidationError(errors)


class SharingSetting(models.Model):
    """Whether a corporation lets other organisations see its figures as aggregates (off until it says so)."""

    organisation = models.OneToOneField(
        "partners.Organisation",
        on_delete=models.CASCADE,
        related_name="figures_sharing",
        verbose_name=_("housing corporation"),
    )
    shares_aggregates = models.BooleanField(_("share aggregates with the partners"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("sharing setting")
        verbose_name_plural = _("sharing settings")

    def __str__(self):
        return f"{self.organisation}: {self.shares_aggregates}"


class FiguresChannel(models.TextChoices):
    FORM = "form", _("form")
    UPLOAD = "upload", _("CSV upload")


class FiguresRecord(models.Model):
    """History: who entered or replaced which corporation's figures for which year, when and how."""

    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("housing corporation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    channel = models.CharField(_("channel"), max_length=8, choices=FiguresChannel.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    by_name = models.CharField(_("name"), max_length=200)
    at = models.DateTimeField(_("at"), default=timezone.now)
    rows = models.PositiveIntegerField(_("rows"))
    replaced = models.PositiveIntegerField(_("rows replaced"), default=0)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("figures record")
        verbose_name_plural = _("figures records")

    def __str__(self):
        return f"{self.organisation} {self.year} {self.at:%Y-%m-%d}"
