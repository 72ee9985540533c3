"""A legal basis per participant per phase, confirmed by the director as the case enters a phase; scaling down
at monitoring; closing ends every participation but the lead's. Page and API through the same verb."""

import pytest
from django.http import Http404
from django.urls import reverse
from rest_framework.test import APIClient

from cases.access import get_case_for_user
from cases.errors import CaseError
from cases.models import CaseParticipant, ProcessingBasis
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")


def api_for(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def case(db):
    """A reported case of Woonstad, with GGZ and the police invited through the verb."""
    lead = f.OrganisationFactory(name="Woonstad")
    director = f.UserFactory(username="director", organisation=lead, role="case_director")
    case = f.CaseFactory(status="reported", lead_organisation=lead, case_director=director)
    f.CaseParticipantFactory(case=case, organisation=lead, role="lead")
    case.invite(f.OrganisationFactory(name="GGZ Oost"), by=director, legal_basis="Zorgplicht", purpose="Zorg")
    case.invite(f.OrganisationFactory(name="Politie"), by=director, legal_basis="Wpg art. 16")
    return case


def participant(case, name):
    return CaseParticipant.objects.get(case=case, organisation__name=name)


def history(case, name):
    return list(
        ProcessingBasis.objects.filter(participant=participant(case, name))
        .order_by("confirmed_at", "pk")
        .values_list("phase", "legal_basis", "purpose", "until")
    )


def test_an_invitation_starts_a_basis_and_each_phase_confirms_or_changes_it(case):
    director = case.case_director
    ggz = participant(case, "GGZ Oost")
    case.transition("triage", by=director)
    case.transition(
        "plan", by=director, bases={ggz.pk: {"legal_basis": "Toestemming cliënt", "purpose": "Zorg in het plan"}}
    )
    today = ggz.since.__class__.today()
    assert history(case, "GGZ Oost") == [
        ("reported", "Zorgplicht", "Zorg", today),
        ("triage", "Zorgplicht", "Zorg", today),
        ("plan", "Toestemming cliënt", "Zorg in het plan", None),
    ]
    ggz.refresh_from_db()
    assert ggz.legal_basis == "Toestemming cliënt"  # the participation shows what holds now
    assert [row[0] for row in history(case, "Politie")] == ["reported", "triage", "plan"]


def test_a_basis_for_no_participant_or_an_empty_one_is_refused_and_nothing_moves(case):
    director = case.case_director
    before = ProcessingBasis.objects.filter(case=case).count()
    other_case_participant = f.CaseParticipantFactory()
    for bases in (
        {other_case_participant.pk: {"legal_basis": "X"}},
        {participant(case, "Politie").pk: {"legal_basis": " "}},
    ):
        with pytest.raises(CaseError):
            case.transition("triage", by=director, bases=bases)
    case.refresh_from_db()
    assert case.status == "reported"
    assert ProcessingBasis.objects.filter(case=case).count() == before


def test_the_status_page_asks_per_participant_and_keeps_what_was_typed(case, client):
    client.force_login(case.case_director)
    url = reverse("cases:change_status", args=[case.pk, "triage"])
    page = client.get(url).content.decode()
    assert 'value="Zorgplicht"' in page and 'value="Wpg art. 16"' in page
    politie, ggz = participant(case, "Politie"), participant(case, "GGZ Oost")
    lead = participant(case, "Woonstad")
    refused = client.post(
        url, {f"basis_{ggz.pk}": "Nieuw: toestemming", f"basis_{politie.pk}": "", f"basis_{lead.pk}": "x"}
    )
    assert refused.status_code == 200
    assert "Nieuw: toestemming" in refused.content.decode()
    case.refresh_from_db()
    assert case.status == "reported"

    client.post(url, {f"basis_{ggz.pk}": "Nieuw: toestemming", f"basis_{politie.pk}": "Wpg", f"basis_{lead.pk}": "x"})
    case.refresh_from_db()
    assert case.status == "triage"
    assert history(case, "Politie")[-1][:2] == ("triage", "Wpg")
    panel = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Nieuw: toestemming" in panel and "Verwerkingen" in panel


def test_the_api_takes_bases_and_lists_the_processing_history(case):
    api = api_for(case.case_director)
    ggz = participant(case, "GGZ Oost")
    response = api.post(
        f"/api/cases/{case.pk}/transition/",
        {"status": "triage", "bases": [{"participant": ggz.pk, "legal_basis": "Toestemming", "purpose": "Zorg"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    rows = api.get(f"/api/cases/{case.pk}/processing/").json()
    assert [(r["organisation_name"], r["phase"], r["legal_basis"]) for r in rows if r["until"] is None] == [
        ("GGZ Oost", "triage", "Toestemming"),
        ("Politie", "triage", "Wpg art. 16"),
        ("Woonstad", "triage", "Wet aanpak woonoverlast"),
    ]
    bad = api.post(
        f"/api/cases/{case.pk}/transition/", {"status": "plan", "bases": [{"participant": ggz.pk}]}, format="json"
    )
    assert bad.status_code == 400 and "bases" in bad.json()


def test_moving_to_monitoring_scales_down_who_does_not_stay_and_they_lose_access_at_once(case, client):
    director = case.case_director
    ggz_user = f.UserFactory(username="ggz", organisation=participant(case, "GGZ Oost").organisation)
    police_user = f.UserFactory(username="agent", organisation=participant(case, "Politie").organisation)
    case.status = "in_progress"
    case.save()

    client.force_login(director)
    url = reverse("cases:change_status", args=[case.pk, "monitoring"])
    form = client.get(url).content.decode()
    assert "Welke organisaties blijven betrokken" in form
    data = {f"basis_{p.pk}": p.legal_basis for p in case.participants.active()}
    client.post(url, {**data, "staying": [participant(case, "GGZ Oost").organisation_id]})

    case.refresh_from_db()
    assert case.status == "monitoring"
    police = participant(case, "Politie")
    assert (police.until, police.ended_reason) == (police.since.__class__.today(), "scaled_down")
    assert case.timeline.filter(code="participant_scaled_down", data__organisation="Politie").exists()
    assert history(case, "Politie")[-1][3] is not None  # its basis ended with it
    assert get_case_for_user(ggz_user, case.pk)
    with pytest.raises(Http404):
        get_case_for_user(police_user, case.pk)


def test_the_api_scales_down_the_same_way_and_the_lead_always_stays(case):
    case.status = "in_progress"
    case.save()
    response = api_for(case.case_director).post(
        f"/api/cases/{case.pk}/transition/", {"status": "monitoring", "staying": []}, format="json"
    )
    assert response.status_code == 200
    assert [p.organisation.name for p in case.participants.active()] == ["Woonstad"]


def test_closing_ends_every_participation_but_the_leads(case):
    director = case.case_director
    case.transition("triage", by=director)
    case.close(by=director, reason="unfounded")
    assert list(case.participants.active().values_list("organisation__name", flat=True)) == ["Woonstad"]
    ended = CaseParticipant.objects.filter(case=case, ended_reason="case_closed")
    assert sorted(ended.values_list("organisation__name", flat=True)) == ["GGZ Oost", "Politie"]
    assert get_case_for_user(director, case.pk)  # the lead keeps the file for the retention period
