"""Repeat detection: what else is known about an address.

A team weighs a signal differently when the same home was reported twice
last month, or when a case about it is already open. Both lists go through
`visible_to(user)`: a signal or case the user may not see is not counted either,
so the count itself never leaks what another organisation knows.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import Case, Signal, normalise_postcode, postcode_validator

REPEAT_WINDOW_DAYS = 90
REPEAT_SIGNALS_SHOWN = 5
REPEAT_CASES_SHOWN = 5


@dataclass
class Repeats:
    """Signals and open cases at one address, as far as one user may know."""

    postcode: str = ""
    house_number: int | None = None
    signals: list = field(default_factory=list)  # the most recent REPEAT_SIGNALS_SHOWN
    signal_count: int = 0
    cases: list = field(default_factory=list)  # open cases, at most REPEAT_CASES_SHOWN
    window_days: int = REPEAT_WINDOW_DAYS

    @property
    def address_given(self):
        return bool(self.postcode and self.house_number)

    def __bool__(self):
        return bool(self.signal_count or self.cases)


def clean_address(postcode, house_number):
    """('1094ab', '12') -> ('1094 AB', 12); ('', None) when either is missing or malformed."""
    postcode = normalise_postcode(postcode)
    try:
        postcode_validator(postcode)
        house_number = int(house_number)
    except (ValidationError, ValueError, TypeError):
        return "", None
    if house_number < 1:
        return "", None
    return postcode, house_number


def repeats_at(user, postcode, house_number, *, exclude=None, now=None):
    """Signals visible to `user` at the address in the last REPEAT_WINDOW_DAYS (up to `now`),
    and open cases visible to `user` about the address.

    A case is about the address when its own address is this one, or when one of
    its signals was at this address. `exclude` leaves out one signal (the one being
    looked at). Three queries when an address is given (count, signals, cases);
    none otherwise.
    """
    postcode, house_number = clean_address(postcode, house_number)
    if not postcode:
        return Repeats()
    now = now or timezone.now()
    signals = Signal.objects.visible_to(user).filter(
        postcode=postcode,
        house_number=house_number,
        occurred_at__gte=now - timedelta(days=REPEAT_WINDOW_DAYS),
        occurred_at__lte=now,
    )
    if exclude is not None:
        signals = signals.exclude(pk=exclude.pk)
    at_address = Signal.objects.filter(case=OuterRef("pk"), postcode=postcode, house_number=house_number)
    cases = (
        Case.objects.visible_to(user)
        .open()
        .filter(Q(postcode=postcode, house_number=house_number) | Exists(at_address))
        .select_related("neighbourhood")
    )
    return Repeats(
        postcode=postcode,
        house_number=house_number,
        signal_count=signals.count(),
        signals=list(signals.select_related("reporting_organisation")[:REPEAT_SIGNALS_SHOWN]),
        cases=list(cases[:REPEAT_CASES_SHOWN]),
    )
