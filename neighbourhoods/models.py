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


class NeighbourhoodStatistics(models.Model):
    """One year's figures for a neighbourhood; empty fields mean 'not available'."""

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
    corporation_homes_pct = models.DecimalField(
        _("share of corporation homes (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
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
