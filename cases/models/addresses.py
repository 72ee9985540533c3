"""Dutch addresses on signals and cases: postcode plus house number (and addition)."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(r"^[1-9][0-9]{3} [A-Z]{2}$", _("Enter a Dutch postcode such as 1234 AB."))


def normalise_postcode(text):
    """'1094ab' or ' 1094 AB ' -> '1094 AB'; anything else is returned stripped, for the validator to refuse."""
    compact = "".join((text or "").split()).upper()
    if len(compact) == 6 and compact[:4].isdigit() and compact[4:].isalpha():
        return f"{compact[:4]} {compact[4:]}"
    return (text or "").strip()


# "1094 AB 17", "1094ab17", "1094 ab 17-h", "1094AB 17 H", "1094 AB, 17 bis": postcode, house number,
# and an optional addition after a space or dash. Nothing else on the line, so "1094 AB" alone or a
# sentence that happens to hold a postcode stays a text search.
ADDRESS_PATTERN = re.compile(
    r"^\s*([1-9][0-9]{3})\s*([a-z]{2})\s*,?\s*([0-9]{1,5})(?:\s*[-\s]\s*|(?=[a-z]))?([a-z0-9]{1,10})?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Address:
    """A looked-up address: a postcode and house number, and an addition only if one was typed."""

    postcode: str
    house_number: int
    addition: str = ""

    def __str__(self):
        return f"{self.postcode} {self.house_number}{('-' + self.addition) if self.addition else ''}"

    def matches(self, prefix=""):
        """Q for rows at this address (`prefix` like "signals__"); without an addition, every addition at the number."""
        q = Q(**{f"{prefix}postcode": self.postcode, f"{prefix}house_number": self.house_number})
        if self.addition:
            q &= Q(**{f"{prefix}house_number_addition__iexact": self.addition})
        return q

    @property
    def url_kwargs(self):
        return {"postcode": self.postcode.replace(" ", ""), "house_number": self.house_number}

    @property
    def query(self):
        """The address page's query string: the addition, if any."""
        return f"?toevoeging={self.addition}" if self.addition else ""


def parse_address(text):
    """'1094 AB 17', '1094ab17', '1094 ab 17-h' (any spacing or case) -> Address; None for anything else.

    The one place a typed address is read: the signal search, the case index search and the address page.
    """
    match = ADDRESS_PATTERN.match(text or "")
    if not match:
        return None
    digits, letters, number, addition = match.groups()
    house_number = int(number)
    if house_number < 1:
        return None
    return Address(f"{digits} {letters.upper()}", house_number, (addition or "").upper())


def format_address(postcode, house_number, addition):
    """'1094 AB 17-H' from an address's three fields; "" without a postcode. Also for rows read with values()."""
    if not postcode:
        return ""
    number = f"{house_number or ''}{('-' + addition) if addition else ''}"
    return f"{postcode} {number}".strip()


class AddressFields(models.Model):
    """An optional Dutch address: postcode plus house number (and addition)."""

    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[postcode_validator])
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)

    class Meta:
        abstract = True

    @property
    def address(self):
        return format_address(self.postcode, self.house_number, self.house_number_addition)

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
