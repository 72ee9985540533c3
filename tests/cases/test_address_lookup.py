"""Look-up by address: '1094 AB 17' in any spelling finds that address in the signal and case searches, and the
address page shows the signals and cases there over time, as far as the reader may see them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import parse_address
from tests import factories as f

pytestmark = pytest.mark.django_db

SPELLINGS = ["1094 AB 17", "1094ab17", "1094 ab 17", "  1094AB  17 ", "1094 Ab, 17"]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_reads_as_the_same_address(typed):
    address = parse_address(typed)
    assert (address.postcode, address.house_number, address.addition) == ("1094 AB", 17, "")


@pytest.mark.parametrize(
    "typed,addition", [("1094 ab 17-h", "H"), ("1094AB17H", "H"), ("1094 AB 17 2", "2"), ("1094 AB 17-bis", "BIS")]
)
def test_an_addition_after_a_dash_a_space_or_straight_after_the_number(typed, addition):
    assert parse_address(typed).addition == addition


@pytest.mark.parametrize(
    "typed", ["1094 AB", "Dapperstraat 17", "1094 AB 0", "0094 AB 17", "geluidsoverlast 1094 AB 17"]
)
def test_anything_else_is_no_address(typed):
    assert parse_address(typed) is None


def signal_at(cast, number=17, addition="", **fields):
    return f.SignalFactory(
        neighbourhood=cast.case.neighbourhood,
        reporting_organisation=cast.case.lead_organisation,
        reported_by=cast.participant,
        postcode="1094 AB",
        house_number=number,
        house_number_addition=addition,
        **fields,
    )


@pytest.mark.parametrize("typed", [*SPELLINGS, "1094 ab 17-h"])
def test_the_signal_search_finds_the_address(client, cast, typed):
    at = signal_at(cast, addition="H", description="Harde muziek op nummer zeventien")
    signal_at(cast, number=171, description="Blaffende hond op honderdeenenzeventig")
    client.force_login(cast.participant)
    content = client.get(reverse("cases:signal_list"), {"q": typed}).content.decode()
    assert at.description in content and "Blaffende hond" not in content
    assert reverse("cases:address", kwargs={"postcode": "1094AB", "house_number": 17}) in content


def test_the_address_page_shows_signals_and_cases_there_over_time(client, cast):
    old = signal_at(cast, occurred_at=timezone.now() - datetime.timedelta(days=400), category="GEL")
    new = signal_at(cast, addition="H", category="DRU")
    cast.case.postcode, cast.case.house_number = "1094 AB", 17
    cast.case.save()
    closed = f.CaseFactory(
        title="Eerdere casus op dit adres", lead_organisation=cast.case.lead_organisation, status="closed"
    )
    f.CaseParticipantFactory(case=closed, organisation=cast.case.lead_organisation)
    signal_at(cast, case=closed, number=17)
    client.force_login(cast.participant)
    url = reverse("cases:address", kwargs={"postcode": "1094AB", "house_number": 17})
    content = client.get(url).content.decode()
    assert cast.case.title in content and closed.title in content
    assert reverse("cases:signal_detail", args=[old.pk]) in content
    assert content.index(reverse("cases:signal_detail", args=[new.pk])) < content.index(
        reverse("cases:signal_detail", args=[old.pk])
    )  # newest first
    only_h = client.get(url, {"toevoeging": "h"}).content.decode()
    assert reverse("cases:signal_detail", args=[new.pk]) in only_h
    assert reverse("cases:signal_detail", args=[old.pk]) not in only_h


def test_an_outsider_sees_nothing_at_the_address_not_even_a_count(client, cast):
    signal_at(cast)
    cast.case.postcode, cast.case.house_number = "1094 AB", 17
    cast.case.save()
    url = reverse("cases:address", kwargs={"postcode": "1094AB", "house_number": 17})
    client.force_login(cast.outsider)
    seen = client.get(url).content.decode()
    client.force_login(cast.outsider)
    nobody = client.get(reverse("cases:address", kwargs={"postcode": "1094AB", "house_number": 99})).content.decode()
    assert cast.case.title not in seen
    # The same page as for an address nobody reported (but for the address and the form tokens).
    assert main(seen).replace("17", "N") == main(nobody).replace("99", "N")


def main(content):
    return content[content.index('<main id="main"') : content.index("</main>")]


def test_a_malformed_address_is_a_404(client, cast):
    client.force_login(cast.participant)
    assert client.get(reverse("cases:address", kwargs={"postcode": "onzin", "house_number": 17})).status_code == 404


def test_mijn_werk_links_recent_signals_to_their_pages(client, cast):
    client.force_login(cast.participant)
    content = client.get(reverse("cases:home")).content.decode()
    assert reverse("cases:signal_detail", args=[cast.signal.pk]) in content
