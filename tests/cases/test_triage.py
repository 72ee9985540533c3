"""Triage verbs on signals, and opening a case from signals."""

import pytest

from cases.errors import CaseError, SignalError
from cases.models import Case, Signal, SignalStatus
from cases.services import case_open
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def director(db):
    return f.UserFactory(
        username="regisseur", organisation=f.OrganisationFactory(name="Gemeente"), role="case_director"
    )


@pytest.fixture
def signals(db, director):
    neighbourhood = f.NeighbourhoodFactory()
    f.TeamFactory(name="Wijkteam", members=[director], neighbourhoods=[neighbourhood])  # the director sees them
    return [f.SignalFactory(neighbourhood=neighbourhood, postcode="1094 AB", house_number=12) for _ in range(2)]


def test_a_new_signal_is_marked_triaged_once(signals, director):
    signal = signals[0]
    signal.mark_triaged(by=director)
    signal.mark_triaged(by=director)
    assert Signal.objects.get(pk=signal.pk).status == SignalStatus.TRIAGED


def test_opening_a_case_from_signals_links_them_and_lets_the_lead_organisation_in(signals, director):
    organisation = director.memberships.get().organisation
    case = case_open(
        by=director,
        organisation=organisation,
        title="Overlast Celebesstraat 12",
        neighbourhood=signals[0].neighbourhood,
        signals=signals,
        legal_basis="Wet aanpak woonoverlast",
        postcode="1094 AB",
        house_number=12,
    )
    assert Case.objects.visible_to(director).get() == case
    assert set(case.signals.values_list("status", flat=True)) == {SignalStatus.LINKED}
    kinds = list(case.timeline.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["case_opened", "signal_linked", "signal_linked"]


def test_only_a_case_director_of_the_lead_organisation_opens_a_case_from_signals_they_see(signals, director):
    arguments = {"title": "Portiek", "signals": signals, "legal_basis": "Wet aanpak woonoverlast"}
    professional = f.UserFactory(organisation=director.memberships.get().organisation)
    f.TeamFactory(name="Ook wijkteam", members=[professional], neighbourhoods=[signals[0].neighbourhood])
    with pytest.raises(CaseError, match="Only a case director"):
        case_open(by=professional, organisation=director.memberships.get().organisation, **arguments)
    elsewhere = f.UserFactory(organisation=f.OrganisationFactory(name="Elders"), role="case_director")
    with pytest.raises(CaseError, match="signals you may see"):
        case_open(by=elsewhere, organisation=elsewhere.memberships.get().organisation, **arguments)
    with pytest.raises(CaseError, match="Only a case director"):
        case_open(by=elsewhere, organisation=director.memberships.get().organisation, **arguments)
    assert not Case.objects.exists()


def test_opening_a_case_without_a_title_saves_nothing(signals, director):
    with pytest.raises(CaseError):
        case_open(
            by=director,
            organisation=director.memberships.get().organisation,
            title=" ",
            neighbourhood=signals[0].neighbourhood,
            signals=signals,
            legal_basis="Wet aanpak woonoverlast",
        )
    assert not Case.objects.exists()
    assert not Signal.objects.filter(case__isnull=False).exists()


def test_a_signal_cannot_move_to_a_second_case(signals, director):
    first, second = f.CaseFactory(), f.CaseFactory()
    signals[0].link_to(first, by=director)
    signals[0].link_to(first, by=director)  # again: nothing happens
    with pytest.raises(SignalError):
        signals[0].link_to(second, by=director)
    assert first.timeline.count() == 1


@pytest.mark.parametrize("verb", ["refer_on", "close"])
def test_referring_or_closing_needs_a_reason(signals, director, verb):
    signal = signals[0]
    with pytest.raises(SignalError):
        getattr(signal, verb)(by=director, reason="")
    getattr(signal, verb)(by=director, reason="Veilig Thuis")
    signal.refresh_from_db()
    assert (signal.status, signal.status_reason) == ({"refer_on": "referred", "close": "closed"}[verb], "Veilig Thuis")


def test_a_linked_signal_cannot_be_closed_on_its_own(signals, director):
    signals[0].link_to(f.CaseFactory(), by=director)
    with pytest.raises(SignalError):
        signals[0].close(by=director, reason="Opgelost")
