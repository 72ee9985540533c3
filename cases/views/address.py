"""One address over time: the signals and cases there, as far as the user may see them.

Reached from a looked-up address (the signal and case searches) and from the
address on a signal or case. Everything on it goes through `visible_to(user)`:
someone who may see nothing at the address gets the same empty page as for an
address nobody ever reported, so the page never tells that something exists.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from ..models import Case, Signal, parse_address

ADDRESS_ROWS_SHOWN = 100


def address_url(address):
    """The page of an Address (cases/models/addresses.py)."""
    return reverse("cases:address", kwargs=address.url_kwargs) + address.query


def _address(postcode, house_number, addition=""):
    address = parse_address(f"{postcode} {house_number} {addition}".strip())
    if address is None:
        raise Http404
    return address


@login_required
def address_page(request, postcode, house_number):
    address = _address(postcode, house_number, request.GET.get("toevoeging", "")[:10])
    signals = (
        Signal.objects.visible_to(request.user)
        .filter(address.matches())
        .select_related("neighbourhood", "reporting_organisation")
        .order_by("-occurred_at", "-pk")
    )
    at_address = Signal.objects.filter(address.matches(), case=OuterRef("pk"))
    cases = (
        Case.objects.visible_to(request.user)
        .filter(address.matches() | Exists(at_address))
        .select_related("neighbourhood", "lead_organisation")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "cases/address.html",
        {
            "address": address,
            "signals": signals[:ADDRESS_ROWS_SHOWN],
            "signal_count": signals.count(),
            "cases": cases[:ADDRESS_ROWS_SHOWN],
            "case_count": cases.count(),
        },
    )
