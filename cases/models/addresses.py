"""Dutch addresses on signals and cases: postcode plus house number (and addition)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(r"^[1-9][0-9]{3} [A-Z]{2}$", _("Enter a Dutch postcode such as 1234 AB."))


def normalise_postcode(text):
    """'1094ab' or ' 1094 AB ' -> '1094 AB'; anything else is returned stripped, for the validator to refuse."""
    compact = "".join((text or "").split()).upper()
    if len(compact) == 6 and compact[:4].isdigit() and compact[4:].isalpha():
        return f"{compact[:4]} {compact[4:]}"
    return (text or "").strip()


class AddressFields(models.Model):
    """An optional Dutch address: postcode plus house number (and addition)."""

    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[postcode_validator])
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)

    class Meta:
        abstract = True

    @property
    def address(self):
        if not self.postcode:
            return ""
        number = f"{self.house_number or ''}{('-' + self.house_number_addition) if self.house_number_addition else ''}"
        return f"{self.postcode} {number}".strip()

    def clean(self):
        """An address is a postcode with a house number (and perhaps an addition), or nothing at all."""
        super().clean()
        errors = {}
        if self.postcode and not self.house_number:
            errors["house_number"] = _("A postcode needs a house number.")
        if self.house_number and not self.postcode:
            errors["postcode"] = _("A house number needs a postcode.")
        if self.house_number_addition and not self.house_number:
            errors["house_number_addition"] = _("An addition needs a house number.")
        if errors:
            raise ValidationError(errors)
