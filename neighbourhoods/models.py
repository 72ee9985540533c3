"""CBS regions: municipality (gemeente) > district (wijk) > neighbourhood (buurt)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True, validators=[RegexValidator(r"^GM\d{4}$")])
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("CBS reference year"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class District(models.Model):
    code = models.CharField(_("CBS code"), max_length=8, unique=True, validators=[RegexValidator(r"^WK\d{6}$")])
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("CBS reference year"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts", verbose_name=_("municipality")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class NeighbourhoodQuerySet(models.QuerySet):
    def search(self, text):
        """Neighbourhoods whose name or CBS code contains the text."""
        text = text.strip()
        if not text:
            return self.none()
        return self.filter(models.Q(name__icontains=text) | models.Q(code__icontains=text))


class Neighbourhood(models.Model):
    code = models.CharField(_("CBS code"), max_length=10, unique=True, validators=[RegexValidator(r"^BU\d{8}$")])
    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(_("CBS reference year"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("district")
    )

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self):
        return self.name


class KeyFigures(models.Model):
    """The figures of CBS "Kerncijfers wijken en buurten" for one region in one year.

    The same fields on every level, so a buurt compares directly with its wijk and
    its municipality. Empty means "not available" (CBS suppressed or did not
    publish the figure), never zero.
    """

    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    kwb_households = models.PositiveIntegerField(
        _("private households (Kerncijfers)"),
        null=True,
        blank=True,
        help_text=_("Kerncijfers wijken en buurten, rounded to 5."),
    )
    homes = models.PositiveIntegerField(_("homes"), null=True, blank=True)
    average_woz_value = models.PositiveIntegerField(_("average WOZ value (x 1,000 euro)"), null=True, blank=True)
    owner_occupied_pct = models.DecimalField(
        _("share of owner-occupied homes (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    corporation_homes_pct = models.DecimalField(
        _("share of corporation homes (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    low_income_households_pct = models.DecimalField(
        _("share of low-income households (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    social_assistance_recipients = models.PositiveIntegerField(
        _("people on social assistance (bijstand)"), null=True, blank=True
    )

    class Meta:
        abstract = True


KEY_FIGURES = [
    "inhabitants",
    "kwb_households",
    "homes",
    "average_woz_value",
    "owner_occupied_pct",
    "corporation_homes_pct",
    "low_income_households_pct",
    "social_assistance_recipients",
]


class MunicipalityStatistics(KeyFigures):
    """One year's Kerncijfers for a whole municipality: the city the buurten are compared with."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["municipality", "-year"]
        verbose_name = _("municipality statistics")
        verbose_name_plural = _("municipality statistics")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_municipality_statistics_row_per_year"),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"


class DistrictStatistics(KeyFigures):
    """One year's Kerncijfers for a district (wijk)."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("district")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["district", "-year"]
        verbose_name = _("district statistics")
        verbose_name_plural = _("district statistics")
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="one_district_statistics_row_per_year"),
        ]

    def __str__(self):
        return f"{self.district} {self.year}"


class NeighbourhoodStatistics(KeyFigures):
    """One year's figures for a neighbourhood; empty fields mean 'not available'.

    Several CBS tables fill the same row (`source` lists them): the SES-WOA table
    (households, education, SES-WOA score) and the Kerncijfers (the KeyFigures
    fields). The two household counts differ on purpose: `households` is the
    SES-WOA base rounded to 100, `kwb_households` the Kerncijfers count rounded to 5.
    """

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("neighbourhood")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    households = models.PositiveIntegerField(_("private households"), null=True, blank=True)
    education_low_pct = models.DecimalField(
        _("education level low (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    education_middle_pct = models.DecimalField(
        _("education level middle (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    education_high_pct = models.DecimalField(
        _("education level high (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    ses_woa_score = models.DecimalField(_("SES-WOA score"), max_digits=6, decimal_places=3, null=True, blank=True)
    ses_woa_spread = models.DecimalField(_("SES-WOA spread"), max_digits=6, decimal_places=3, null=True, blank=True)
    leefbaarometer_class = models.PositiveSmallIntegerField(_("Leefbaarometer class"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["neighbourhood", "-year"]
        verbose_name = _("neighbourhood statistics")
        verbose_name_plural = _("neighbourhood statistics")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "year"], name="one_statistics_row_per_year"),
        ]

    def __str__(self):
        return f"{self.neighbourhood} {self.year}"
