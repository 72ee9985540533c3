"""The signals and cases API: same access rule as the pages, 400 with field errors on bad input."""

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from cases.models import AccessLogEntry, Case, Signal
from tests import factories as f


@pytest.fixture
def api():
    def client_for(user):
        client = APIClient()
        if user is not None:
            client.force_login(user)  # a fresh user object per request, as in production
        return client

    return client_for


@pytest.fixture
def reporter(cast):
    """The participant, in a team covering the case's neighbourhood (see the cast)."""
    return cast.participant


def signal_payload(cast, **overrides):
    return {
        "neighbourhood": cast.case.neighbourhood.pk,
        "category": "GEL",
        "severity": "high",
        "description": "Harde muziek tot 04:00.",
        "postcode": "1094ab",
        "house_number": 12,
        **overrides,
    }


@pytest.mark.django_db
def test_reporting_a_signal_normalises_the_postcode_and_records_the_reporter(api, cast, reporter):
    response = api(reporter).post("/api/signals/", signal_payload(cast), format="json")
    assert response.status_code == 201, response.json()
    signal = Signal.objects.get(pk=response.json()["id"])
    assert signal.postcode == "1094 AB"
    assert signal.reported_by == reporter
    assert signal.reporting_organisation == cast.case.lead_organisation


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"postcode": "12345"}, "postcode"),
        ({"neighbourhood": 999999}, "neighbourhood"),
        ({"category": "ZZZ"}, "category"),
        ({"description": ""}, "description"),
        ({"postcode": "1094 AB", "house_number": None}, "house_number"),
        # The signal's own rules, the same the log form meets (in the verb, not in a form).
        ({"occurred_at": "2099-01-01T10:00:00+01:00"}, "occurred_at"),
        ({"postcode": "", "house_number": None, "house_number_addition": "H"}, "house_number_addition"),
        ({"postcode": "", "house_number": 12}, "postcode"),
    ],
)
def test_bad_signal_input_gets_field_errors_and_saves_nothing(api, cast, reporter, overrides, field):
    before = Signal.objects.count()
    response = api(reporter).post("/api/signals/", signal_payload(cast, **overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Signal.objects.count() == before


@pytest.mark.django_db
def test_a_neighbourhood_outside_my_teams_is_refused(api, cast, reporter):
    elsewhere = f.NeighbourhoodFactory()
    response = api(reporter).post("/api/signals/", signal_payload(cast, neighbourhood=elsewhere.pk), format="json")
    assert response.status_code == 400
    assert "neighbourhood" in response.json()


@pytest.mark.django_db
def test_signal_list_filters_and_searches(api, cast, reporter):
    f.SignalFactory(
        neighbourhood=cast.case.neighbourhood,
        reporting_organisation=cast.case.lead_organisation,
        category="VUI",
        description="Ernstige vervuiling in de woning, stank in het trappenhuis.",
    )
    client = api(reporter)
    assert {s["category"] for s in client.get("/api/signals/", {"category": "VUI"}).json()["results"]} == {"VUI"}
    found = client.get("/api/signals/", {"q": "vervuiling"}).json()["results"]
    assert [s["category"] for s in found] == ["VUI"]


@pytest.mark.django_db
def test_signal_list_has_a_fixed_query_count(api, cast, reporter, django_assert_num_queries):
    client = api(reporter)
    client.get("/api/signals/")  # the first reads me, my memberships and teams' neighbourhoods into the cache
    # One page of signals with neighbourhood, organisation and reporter joined (the session, user,
    # memberships and neighbourhoods come from the cache). No count: the list pages by a cursor.
    with django_assert_num_queries(1):
        client.get("/api/signals/")
    for _ in range(60):
        f.SignalFactory(neighbourhood=cast.case.neighbourhood, reporting_organisation=cast.case.lead_organisation)
    client.get("/api/signals/")  # the factory's new reporters are memberships: the partnership cache starts over
    with django_assert_num_queries(1):
        first = client.get("/api/signals/").json()
    with django_assert_num_queries(1):
        second = client.get(first["next"]).json()
    assert (len(first["results"]), len(second["results"]), second["next"]) == (50, 11, None)


@pytest.mark.django_db
def test_case_list_has_a_fixed_query_count(api, cast, django_assert_num_queries):
    client = api(cast.participant)
    # The first request: user, my memberships (then both from the cache), the count, the page.
    with django_assert_num_queries(4):
        client.get("/api/cases/")
    for _ in range(10):
        other = f.CaseFactory(lead_organisation=cast.case.lead_organisation)
        f.CaseParticipantFactory(case=other, organisation=cast.case.lead_organisation)
    # The factories made organisations (the partnership cache starts over): my memberships, the count, the page.
    with django_assert_num_queries(3):
        assert client.get("/api/cases/").json()["count"] == 11


@pytest.mark.django_db
def test_outsider_gets_404_on_every_case_endpoint(api, cast):
    client = api(cast.outsider)
    base = f"/api/cases/{cast.case.pk}/"
    for url in [base, base + "notes/", base + "participants/", base + "timeline/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(base + "notes/", {"body": "x"}).status_code == 404
    assert client.post(base + "transition/", {"status": "closed"}).status_code == 404
    assert client.get("/api/cases/").json()["count"] == 0


@pytest.mark.django_db
def test_own_organisation_note_is_invisible_to_other_participants_in_the_api(api, cast):
    url = f"/api/cases/{cast.case.pk}/notes/"
    seen_by_participant = {n["id"] for n in api(cast.participant).get(url).json()}
    seen_by_author = {n["id"] for n in api(cast.note_author).get(url).json()}
    assert seen_by_participant == {cast.shared_note.pk}
    assert seen_by_author == {cast.shared_note.pk, cast.own_note.pk}


@pytest.mark.django_db
def test_reading_a_case_through_the_api_is_logged(api, cast):
    api(cast.participant).get(f"/api/cases/{cast.case.pk}/")
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.channel, entry.on_behalf_of) == (
        cast.participant,
        "api",
        [cast.case.lead_organisation.name],
    )


@pytest.mark.django_db
def test_case_director_opens_a_case_from_a_signal_and_invites_a_partner(api, cast):
    director = cast.case.case_director
    f.TeamFactory(name="Wijkteam", members=[director])  # covers the neighbourhood: sees the signal
    client = api(director)
    response = client.post(
        "/api/cases/",
        {
            "title": "Overlast Celebesstraat",
            "lead_organisation": cast.case.lead_organisation.pk,
            "legal_basis": "Wet aanpak woonoverlast",
            "signals": [cast.signal.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    ggz = f.OrganisationFactory(name="GGZ Centrum")
    invited = client.post(
        f"/api/cases/{case_id}/participants/", {"organisation": ggz.pk, "legal_basis": "Zorg"}, format="json"
    )
    assert invited.status_code == 201
    assert Case.objects.visible_to(f.UserFactory(organisation=ggz)).filter(pk=case_id).exists()


def case_payload(cast, **overrides):
    return {
        "title": "Overlast Celebesstraat",
        "lead_organisation": cast.case.lead_organisation.pk,
        "legal_basis": "Wet aanpak woonoverlast",
        "signals": [cast.signal.pk],
        **overrides,
    }


@pytest.mark.django_db
def test_a_professional_cannot_open_a_case_through_the_api_from_a_signal_seen_through_the_team(api, cast):
    """The page refuses them (403); the API did not, and so showed another organisation's signal to any invitee."""
    ggz_signal = f.SignalFactory(neighbourhood=cast.case.neighbourhood, category="PSY")  # another organisation's
    response = api(cast.participant).post("/api/cases/", case_payload(cast, signals=[ggz_signal.pk]), format="json")
    assert response.status_code == 403
    assert not Case.objects.filter(title="Overlast Celebesstraat").exists()
    ggz_signal.refresh_from_db()
    assert ggz_signal.case is None


@pytest.mark.django_db
@pytest.mark.parametrize("overrides", [{"signals": []}, {"neighbourhood": "elsewhere"}])
def test_a_case_needs_signals_and_the_neighbourhood_of_one_of_them(api, cast, overrides):
    director = cast.case.case_director
    f.TeamFactory(name="Wijkteam", members=[director])
    if overrides.get("neighbourhood") == "elsewhere":
        overrides["neighbourhood"] = f.NeighbourhoodFactory().pk
    response = api(director).post("/api/cases/", case_payload(cast, **overrides), format="json")
    assert response.status_code == 400
    assert not Case.objects.filter(title="Overlast Celebesstraat").exists()


@pytest.mark.django_db
def test_forbidden_transition_and_close_without_reason_are_400(api, cast):
    client = api(cast.case.case_director)
    client.cookies["django_language"] = "en"
    url = f"/api/cases/{cast.case.pk}/transition/"
    assert client.post(url, {"status": "triage"}, format="json").status_code == 400
    response = client.post(url, {"status": "closed"}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()["detail"]
    assert Case.objects.get(pk=cast.case.pk).status == "in_progress"


@pytest.mark.django_db
def test_a_participant_who_does_not_direct_the_case_cannot_change_its_status(api, cast):
    response = api(cast.participant).post(
        f"/api/cases/{cast.case.pk}/transition/", {"status": "monitoring"}, format="json"
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_token_authentication_works_and_anonymous_is_refused(cast):
    _token, secret = AuthToken.objects.create(user=cast.participant)
    client = APIClient()
    assert client.get("/api/cases/").status_code in (401, 403)
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    assert client.get("/api/cases/").json()["count"] == 1


@pytest.mark.django_db
def test_a_signal_never_shows_the_id_of_a_case_the_reader_cannot_open(api, cast, reporter):
    """The signal is seen through the team; its case belongs to others and stays nameless, in detail and list."""
    others = f.CaseFactory(neighbourhood=cast.case.neighbourhood)
    theirs = f.SignalFactory(neighbourhood=cast.case.neighbourhood, case=others, status="linked")
    client = api(reporter)
    assert client.get(f"/api/signals/{theirs.pk}/").json()["case"] is None
    listed = {row["id"]: row["case"] for row in client.get("/api/signals/").json()["results"]}
    assert listed[theirs.pk] is None
    mine = f.SignalFactory(neighbourhood=cast.case.neighbourhood, case=cast.case, status="linked")
    assert client.get(f"/api/signals/{mine.pk}/").json()["case"] == cast.case.pk
