"""The signal pages: log a signal, the triage queue, one signal with its triage verbs,
and opening a case from signals.

Who is who (tests/conftest.py): the participant reports for the case's lead
organisation and sits in the team covering the case's neighbourhood; the
manager is in that team too; the outsider's organisation and team have nothing
to do with it. New interface text is asserted in English (msgids), data by value.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Signal, SignalStatus, TimelineEntry
from tests import factories as f


def in_english(client):
    """Ask for the English interface, so new text can be asserted by its msgid."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def local_input(moment):
    """A moment as a datetime-local input sends it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def signal_input(cast, **overrides):
    data = {
        "neighbourhood": cast.case.neighbourhood.name,
        "postcode": "1094ab",
        "house_number": "12",
        "house_number_addition": "",
        "category": "GEL",
        "severity": "high",
        "description": "Harde muziek en geschreeuw tot 03:00, derde keer deze maand.",
        "occurred_at": local_input(timezone.now() - datetime.timedelta(hours=2)),
    }
    data.update(overrides)
    return data


@pytest.fixture
def director(cast):
    """A case director of the lead organisation, in the team covering the neighbourhood."""
    user = f.UserFactory(username="regisseur", organisation=cast.case.lead_organisation, role="case_director")
    f.TeamFactory(name="Wijkteam").members.add(user)
    return user


# Logging a signal ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_log_form_starts_at_now(client, cast):
    client.force_login(cast.participant)
    response = client.get(reverse("cases:signal_new"))
    assert response.status_code == 200
    shown = timezone.make_aware(response.context["form"]["occurred_at"].value())  # local wall-clock time
    assert abs(timezone.now() - shown) < datetime.timedelta(minutes=2)
    assert 'type="datetime-local"' in response.content.decode()


@pytest.mark.django_db
def test_logging_a_signal_saves_it_for_my_organisation_and_shows_it(client, cast):
    client.force_login(cast.participant)
    in_english(client)
    response = client.post(reverse("cases:signal_new"), signal_input(cast))

    signal = Signal.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == reverse("cases:signal_detail", args=[signal.pk])
    assert signal.reported_by == cast.participant
    assert signal.reporting_organisation == cast.case.lead_organisation
    assert signal.neighbourhood == cast.case.neighbourhood
    assert (signal.postcode, signal.house_number) == ("1094 AB", 12)
    assert (signal.category, signal.severity, signal.status) == ("GEL", "high", SignalStatus.NEW)
    page = client.get(response.url)
    assert "Signal saved." in page.content.decode()


@pytest.mark.django_db
def test_a_neighbourhood_can_be_given_by_its_cbs_code(client, cast):
    client.force_login(cast.participant)
    client.post(reverse("cases:signal_new"), signal_input(cast, neighbourhood=cast.case.neighbourhood.code.lower()))
    assert Signal.objects.latest("pk").neighbourhood == cast.case.neighbourhood


@pytest.mark.django_db
def test_several_matching_neighbourhoods_are_offered_and_the_ticked_one_is_used(client, cast):
    team = f.TeamFactory(name="Wijkteam")
    east, east_two = f.NeighbourhoodFactory(name="Oostpoort"), f.NeighbourhoodFactory(name="Oostpoort-Zuid")
    team.neighbourhoods.add(east, east_two)
    client.force_login(cast.participant)

    unique = client.post(reverse("cases:signal_new"), signal_input(cast, neighbourhood="oostpoort-"))
    assert unique.status_code == 302  # part of one name is enough
    assert Signal.objects.latest("pk").neighbourhood == east_two

    ambiguous = client.post(reverse("cases:signal_new"), signal_input(cast, neighbourhood="Oost", description="Twee"))
    assert ambiguous.status_code == 200
    assert "neighbourhood" in ambiguous.context["form"].errors
    assert {n.pk for n in ambiguous.context["form"].neighbourhood_matches()} == {east.pk, east_two.pk}
    assert f'name="neighbourhood_choice" value="{east.pk}"' in ambiguous.content.decode()

    client.post(
        reverse("cases:signal_new"),
        signal_input(cast, neighbourhood="Oost", neighbourhood_choice=east.pk, description="3"),
    )
    assert Signal.objects.latest("pk").neighbourhood == east


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"postcode": "12345"}, "postcode"),
        ({"postcode": "0123 AB"}, "postcode"),
        ({"house_number": ""}, "house_number"),
        ({"postcode": "", "house_number": "12"}, "postcode"),
        ({"neighbourhood": "Nergenshuizen"}, "neighbourhood"),
        ({"neighbourhood": ""}, "neighbourhood"),
        ({"category": "XYZ"}, "category"),
        ({"description": "   "}, "description"),
        ({"occurred_at": "gisteren"}, "occurred_at"),
    ],
    ids=[
        "malformed postcode",
        "postcode starting with 0",
        "postcode without house number",
        "house number without postcode",
        "unknown neighbourhood",
        "no neighbourhood",
        "unknown category",
        "empty description",
        "unreadable date",
    ],
)
def test_bad_input_reshows_the_form_with_my_text_and_saves_nothing(client, cast, overrides, field):
    client.force_login(cast.participant)
    data = signal_input(cast, description="Mijn eigen woorden over wat er gebeurde.")
    data.update(overrides)

    response = client.post(reverse("cases:signal_new"), data)

    assert response.status_code == 200
    assert Signal.objects.count() == 1  # only the cast's
    form = response.context["form"]
    assert field in form.errors
    assert form["description"].value() == data["description"]
    content = response.content.decode()
    if data["description"].strip():
        assert data["description"] in content
    # The error is tied to its field for screen readers.
    assert f'aria-describedby="id_{field}_error' in content or f'id="id_{field}_error"' in content


@pytest.mark.django_db
def test_a_neighbourhood_outside_my_teams_is_refused(client, cast):
    elsewhere = f.NeighbourhoodFactory(name="Verweg")
    client.force_login(cast.participant)

    by_name = client.post(reverse("cases:signal_new"), signal_input(cast, neighbourhood="Verweg"))
    by_choice = client.post(
        reverse("cases:signal_new"), signal_input(cast, neighbourhood="Verweg", neighbourhood_choice=elsewhere.pk)
    )

    assert "neighbourhood" in by_name.context["form"].errors
    assert "neighbourhood" in by_choice.context["form"].errors
    assert not Signal.objects.filter(neighbourhood=elsewhere).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("choice", ["987654321", "0", "-3", "99999999999999999999", "Oost", "1.5"])
def test_a_chosen_neighbourhood_that_does_not_exist_is_refused_at_the_search_box(client, cast, choice):
    client.force_login(cast.participant)
    before = Signal.objects.count()

    response = client.post(
        reverse("cases:signal_new"), signal_input(cast, neighbourhood="Verweg", neighbourhood_choice=choice)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["neighbourhood"]
    assert Signal.objects.count() == before


@pytest.mark.django_db
def test_someone_in_no_team_may_choose_any_neighbourhood(client, cast):
    police = f.OrganisationFactory(name="Politie Amsterdam")
    officer = f.UserFactory(username="agent", organisation=police)  # city duty: in no team
    elsewhere = f.NeighbourhoodFactory(name="Verweg")
    client.force_login(officer)

    response = client.post(
        reverse("cases:signal_new"), signal_input(cast, neighbourhood="Verweg", neighbourhood_choice=elsewhere.pk)
    )

    assert response.status_code == 302
    assert Signal.objects.get(neighbourhood=elsewhere).reporting_organisation == police


@pytest.mark.django_db
def test_a_signal_cannot_be_about_the_future(client, cast):
    client.force_login(cast.participant)
    tomorrow = local_input(timezone.now() + datetime.timedelta(days=1))

    in_english(client)
    response = client.post(reverse("cases:signal_new"), signal_input(cast, occurred_at=tomorrow))

    assert response.context["form"].errors["occurred_at"] == [
        "A signal cannot be about something that has not happened yet."
    ]
    assert response.context["form"]["occurred_at"].value() == tomorrow
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_with_several_organisations_i_choose_one_of_mine(client, cast):
    second = f.OrganisationFactory(name="Wijkteam Welzijn")
    f.UserFactory(username="participant", organisation=second)  # adds a second membership
    client.force_login(cast.participant)

    foreign = client.post(
        reverse("cases:signal_new"), signal_input(cast, reporting_organisation=f.OrganisationFactory(name="Ander").pk)
    )
    assert "reporting_organisation" in foreign.context["form"].errors

    client.post(reverse("cases:signal_new"), signal_input(cast, reporting_organisation=second.pk))
    assert Signal.objects.latest("pk").reporting_organisation == second


@pytest.mark.django_db
def test_the_log_form_shows_repeats_at_the_address_after_a_failed_submit(client, cast):
    f.SignalFactory(neighbourhood=cast.case.neighbourhood, postcode="1094 AB", house_number=12)
    client.force_login(cast.participant)
    response = client.post(reverse("cases:signal_new"), signal_input(cast, description=""))
    assert response.context["repeats"].signal_count == 1


@pytest.mark.django_db
def test_neighbourhood_search_offers_only_my_teams_neighbourhoods_by_name_and_code(client, cast):
    mine = cast.case.neighbourhood
    mine.name = "Indische Buurt Oost"
    mine.save()
    f.NeighbourhoodFactory(name="Indische Buurt West")  # not covered by my team
    client.force_login(cast.participant)
    url = reverse("cases:signal_neighbourhood_search")

    by_name = client.get(url, {"neighbourhood": "indische"}, HTTP_HX_REQUEST="true")
    by_code = client.get(url, {"neighbourhood": mine.code[-4:]}, HTTP_HX_REQUEST="true")
    nothing = client.get(url, {"neighbourhood": "west"}, HTTP_HX_REQUEST="true")

    assert [n.pk for n in by_name.context["matches"]] == [mine.pk]
    assert [n.pk for n in by_code.context["matches"]] == [mine.pk]
    assert nothing.context["matches"] == []
    assert 'name="neighbourhood_choice"' in by_name.content.decode()
    assert "<html" not in by_name.content.decode()


@pytest.mark.django_db
def test_someone_in_a_team_without_neighbourhoods_finds_none(client, cast):
    client.force_login(cast.outsider)
    response = client.get(reverse("cases:signal_neighbourhood_search"), {"neighbourhood": cast.case.neighbourhood.name})
    assert response.context["matches"] == []


@pytest.mark.django_db
def test_signal_pages_need_a_login(client, cast):
    for url in [
        reverse("cases:signal_new"),
        reverse("cases:signal_list"),
        reverse("cases:signal_neighbourhood_search"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# The triage queue ----------------------------------------------------------------------------


def listed(response):
    return [row["pk"] for row in response.context["page"].object_list]


@pytest.mark.django_db
def test_the_list_shows_the_signals_i_may_see(client, cast):
    f.SignalFactory()  # elsewhere, by someone else
    for who, expected in [("participant", [cast.signal.pk]), ("manager", [cast.signal.pk]), ("outsider", [])]:
        client.force_login(getattr(cast, who))
        assert listed(client.get(reverse("cases:signal_list"))) == expected, who


@pytest.mark.django_db
def test_the_list_filters_by_category_severity_status_organisation_neighbourhood_and_period(client, cast):
    n = cast.case.neighbourhood
    other_org = f.OrganisationFactory(name="Politie")
    old = f.SignalFactory(neighbourhood=n, occurred_at=timezone.now() - datetime.timedelta(days=60))
    squalor = f.SignalFactory(neighbourhood=n, category="VUI", severity="emergency", reporting_organisation=other_org)
    closed = f.SignalFactory(neighbourhood=n, status="closed", status_reason="Opgelost")
    second_neighbourhood = f.NeighbourhoodFactory()
    f.TeamFactory(name="Wijkteam").neighbourhoods.add(second_neighbourhood)
    there = f.SignalFactory(neighbourhood=second_neighbourhood)
    client.force_login(cast.participant)

    def shown(**params):
        return set(listed(client.get(reverse("cases:signal_list"), params)))

    assert shown(category="VUI") == {squalor.pk}
    assert shown(severity="emergency") == {squalor.pk}
    assert shown(status="closed") == {closed.pk}
    assert shown(reporting_organisation=other_org.pk) == {squalor.pk}
    assert shown(neighbourhood=second_neighbourhood.pk) == {there.pk}
    before = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert shown(occurred_before=before) == {old.pk}
    assert old.pk not in shown(occurred_after=before)


@pytest.mark.django_db
def test_the_list_searches_descriptions(client, cast):
    smell = f.SignalFactory(neighbourhood=cast.case.neighbourhood, description="Sterke hennepgeur uit de kelderbox.")
    client.force_login(cast.participant)
    assert listed(client.get(reverse("cases:signal_list"), {"q": "hennepgeur"})) == [smell.pk]


@pytest.mark.django_db
def test_filter_choices_offer_only_what_i_can_see(client, cast):
    f.SignalFactory(reporting_organisation=f.OrganisationFactory(name="Geheim"))  # elsewhere
    client.force_login(cast.participant)
    form = client.get(reverse("cases:signal_list")).context["filterset"].form
    assert list(form.fields["neighbourhood"].queryset) == [cast.case.neighbourhood]
    assert list(form.fields["reporting_organisation"].queryset) == [cast.case.lead_organisation]


@pytest.mark.django_db
def test_filter_choices_are_kept_per_user(client, cast):
    client.force_login(cast.participant)
    mine = client.get(reverse("cases:signal_list")).context["filterset"].form
    assert (cast.case.lead_organisation.pk, cast.case.lead_organisation.name) in mine[
        "reporting_organisation"
    ].field.widget.choices

    client.force_login(cast.outsider)  # right after, while the participant's choices are kept
    theirs = client.get(reverse("cases:signal_list")).context["filterset"].form
    assert [pk for pk, _name in theirs["reporting_organisation"].field.widget.choices] == [""]
    assert [pk for pk, _name in theirs["neighbourhood"].field.widget.choices] == [""]


@pytest.mark.django_db
def test_the_list_sorts_most_severe_first_or_oldest_first(client, cast):
    n = cast.case.neighbourhood
    now = timezone.now()
    low = f.SignalFactory(neighbourhood=n, severity="low", occurred_at=now - datetime.timedelta(days=3))
    emergency = f.SignalFactory(neighbourhood=n, severity="emergency", occurred_at=now - datetime.timedelta(days=2))
    high = f.SignalFactory(neighbourhood=n, severity="high", occurred_at=now - datetime.timedelta(days=1))
    client.force_login(cast.participant)

    most_severe = listed(client.get(reverse("cases:signal_list"), {"ordering": "-severity"}))
    oldest = listed(client.get(reverse("cases:signal_list"), {"ordering": "occurred_at"}))
    newest = listed(client.get(reverse("cases:signal_list")))

    assert most_severe == [emergency.pk, high.pk, cast.signal.pk, low.pk]  # cast's signal is "medium"
    assert oldest == [low.pk, emergency.pk, high.pk, cast.signal.pk]
    assert newest == list(reversed(oldest))


@pytest.mark.django_db
def test_the_list_pages_by_25_and_keeps_the_filters(client, cast):
    f.SignalFactory.create_batch(30, neighbourhood=cast.case.neighbourhood, category="VUI")
    client.force_login(cast.participant)

    first = client.get(reverse("cases:signal_list"), {"category": "VUI"})
    second = client.get(reverse("cases:signal_list"), {"category": "VUI", "page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 5
    assert not set(listed(first)) & set(listed(second))
    assert "?category=VUI&amp;page=2" in first.content.decode()


@pytest.mark.django_db
def test_an_htmx_request_gets_only_the_results(client, cast):
    client.force_login(cast.participant)
    response = client.get(reverse("cases:signal_list"), {"severity": "medium"}, HTTP_HX_REQUEST="true")
    assert [t.name for t in response.templates][0] == "cases/signals/_list_results.html"
    assert "<html" not in response.content.decode()
    assert listed(response) == [cast.signal.pk]
    assert "HX-Request" in response["Vary"]


# 1 user (the session comes from the cache), 2 my memberships and 3 my teams'
# neighbourhoods (read once per request: need-to-know, "may I open cases?", the header),
# 4 neighbourhoods for the filter, 5 organisations for the filter,
# 6 count, 7 the page of signals (with neighbourhood and organisation),
# 8 unread notifications for the header.
SIGNAL_LIST_QUERIES = 8


@pytest.mark.django_db
@pytest.mark.parametrize("extra_rows", [0, 40])
def test_the_list_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries, extra_rows):
    for _ in range(extra_rows):
        f.SignalFactory(neighbourhood=cast.case.neighbourhood, postcode="1094 AB", house_number=1)
    client.force_login(cast.participant)
    with django_assert_num_queries(SIGNAL_LIST_QUERIES):
        response = client.get(reverse("cases:signal_list"))
    assert len(listed(response)) == min(1 + extra_rows, 25)


@pytest.mark.django_db
def test_only_case_directors_can_select_signals(client, cast, director):
    client.force_login(cast.participant)
    assert 'name="signals"' not in client.get(reverse("cases:signal_list")).content.decode()
    client.force_login(director)
    assert f'name="signals" value="{cast.signal.pk}"' in client.get(reverse("cases:signal_list")).content.decode()


@pytest.mark.django_db
def test_each_checkbox_is_named_for_its_signal(client, cast, director):
    Signal.objects.filter(pk=cast.signal.pk).update(
        category="GEL", occurred_at=datetime.datetime(2026, 11, 3, 12, tzinfo=datetime.UTC)
    )
    client.force_login(director)
    html = client.get(reverse("cases:signal_list")).content.decode()
    assert '<span class="visually-hidden">Melding selecteren: geluidsoverlast, 3 nov. 2026</span>' in html


# One signal ----------------------------------------------------------------------------------


def detail_url(signal):
    return reverse("cases:signal_detail", args=[signal.pk])


@pytest.mark.django_db
def test_the_signal_page_shows_the_signal_to_those_who_may_see_it(client, cast):
    for who in ["participant", "manager"]:
        client.force_login(getattr(cast, who))
        response = client.get(detail_url(cast.signal))
        assert response.status_code == 200, who
        assert cast.signal.description in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "note_author"])
def test_others_get_404_on_the_signal_page_and_every_verb(client, cast, who):
    client.force_login(getattr(cast, who))
    pk = cast.signal.pk
    assert client.get(detail_url(cast.signal)).status_code == 404
    for name, data in [
        ("triage", {}),
        ("link", {"case": cast.case.pk}),
        ("refer", {"reason": "Veilig Thuis"}),
        ("close", {"reason": "Opgelost"}),
    ]:
        assert client.post(reverse(f"cases:signal_{name}", args=[pk]), data).status_code == 404, name
    cast.signal.refresh_from_db()
    assert (cast.signal.status, cast.signal.case_id) == (SignalStatus.NEW, None)


@pytest.mark.django_db
def test_verbs_only_take_posts(client, cast):
    client.force_login(cast.participant)
    for name in ["triage", "link", "refer", "close"]:
        assert client.get(reverse(f"cases:signal_{name}", args=[cast.signal.pk])).status_code == 405


@pytest.mark.django_db
def test_marking_a_signal_triaged(client, cast):
    client.force_login(cast.manager)
    response = client.post(reverse("cases:signal_triage", args=[cast.signal.pk]))
    assert response.status_code == 302
    assert response.url == detail_url(cast.signal)
    cast.signal.refresh_from_db()
    assert cast.signal.status == SignalStatus.TRIAGED


@pytest.mark.django_db
def test_a_closed_signal_cannot_be_marked_triaged(client, cast):
    cast.signal.close(by=cast.participant, reason="Dubbele melding")
    client.force_login(cast.participant)
    in_english(client)
    response = client.post(reverse("cases:signal_triage", args=[cast.signal.pk]))
    assert response.status_code == 200
    assert "Only a new signal can be marked as triaged." in response.content.decode()
    cast.signal.refresh_from_db()
    assert cast.signal.status == SignalStatus.CLOSED


@pytest.mark.django_db
def test_closing_needs_a_reason(client, cast):
    client.force_login(cast.participant)
    in_english(client)
    response = client.post(reverse("cases:signal_close", args=[cast.signal.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["close_form"].errors["reason"] == ["Closing a signal needs a reason."]
    assert 'aria-describedby="close_reason_error"' in response.content.decode()
    cast.signal.refresh_from_db()
    assert cast.signal.status == SignalStatus.NEW

    client.post(reverse("cases:signal_close", args=[cast.signal.pk]), {"reason": "Geen overlast meer gemeld"})
    cast.signal.refresh_from_db()
    assert (cast.signal.status, cast.signal.status_reason) == (SignalStatus.CLOSED, "Geen overlast meer gemeld")


@pytest.mark.django_db
def test_referring_on_says_to_whom(client, cast):
    client.force_login(cast.participant)
    empty = client.post(reverse("cases:signal_refer", args=[cast.signal.pk]), {"reason": ""})
    assert "reason" in empty.context["refer_form"].errors

    client.post(reverse("cases:signal_refer", args=[cast.signal.pk]), {"reason": "Veilig Thuis"})
    cast.signal.refresh_from_db()
    assert (cast.signal.status, cast.signal.status_reason) == (SignalStatus.REFERRED, "Veilig Thuis")


@pytest.mark.django_db
def test_linking_a_signal_to_an_open_case_i_take_part_in(client, cast):
    client.force_login(cast.participant)
    page = client.get(detail_url(cast.signal))
    assert cast.case in page.context["linkable_cases"]

    response = client.post(reverse("cases:signal_link", args=[cast.signal.pk]), {"case": cast.case.pk})

    assert response.status_code == 302
    cast.signal.refresh_from_db()
    assert (cast.signal.case, cast.signal.status) == (cast.case, SignalStatus.LINKED)
    assert TimelineEntry.objects.filter(case=cast.case, kind="signal_linked").exists()


@pytest.mark.django_db
def test_a_case_i_do_not_take_part_in_cannot_be_linked_or_named(client, cast):
    foreign = f.CaseFactory(neighbourhood=cast.case.neighbourhood, title="Geheime casus")
    f.CaseParticipantFactory(case=foreign, organisation=foreign.lead_organisation)
    client.force_login(cast.manager)  # sees the signal, takes part in no case

    refused = client.post(reverse("cases:signal_link", args=[cast.signal.pk]), {"case": foreign.pk})
    assert refused.status_code == 200
    assert "case" in refused.context["link_form"].errors
    cast.signal.refresh_from_db()
    assert cast.signal.case is None

    cast.signal.link_to(foreign, by=foreign.case_director)
    page = client.get(detail_url(cast.signal)).content.decode()
    assert "Geheime casus" not in page
    assert page.count(reverse("cases:detail", args=[foreign.pk])) == 0


@pytest.mark.django_db
def test_the_signal_page_offers_the_open_case_at_the_address_in_one_click(client, cast):
    signal = f.SignalFactory(
        neighbourhood=cast.case.neighbourhood,
        reporting_organisation=cast.case.lead_organisation,
        postcode="1094 AB",
        house_number=12,
    )
    cast.case.postcode, cast.case.house_number = "1094 AB", 12
    cast.case.save()
    client.force_login(cast.participant)

    page = client.get(detail_url(signal))
    assert page.context["repeats"].cases == [cast.case]
    link_form = f'action="{reverse("cases:signal_link", args=[signal.pk])}"'
    assert page.content.decode().count(link_form) == 2  # the repeats panel and the triage panel

    client.post(reverse("cases:signal_link", args=[signal.pk]), {"case": cast.case.pk})
    signal.refresh_from_db()
    assert signal.case == cast.case


# 1 user (the session comes from the cache), 2 my memberships and 3 my teams'
# neighbourhoods (read once per request: need-to-know, "may I open cases?", the header),
# 4 the signal (with neighbourhood, organisation, reporter),
# 5-7 repeats at the address (count, signals, open cases), 8 open cases to link to,
# 9 unread notifications for the header.
SIGNAL_PAGE_QUERIES = 9


@pytest.mark.django_db
@pytest.mark.parametrize("extra_rows", [0, 20])
def test_the_signal_page_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries, extra_rows):
    signal = f.SignalFactory(neighbourhood=cast.case.neighbourhood, postcode="1094 AB", house_number=12)
    for _ in range(extra_rows):
        f.SignalFactory(neighbourhood=cast.case.neighbourhood, postcode="1094 AB", house_number=12)
        case = f.CaseFactory(neighbourhood=cast.case.neighbourhood, postcode="1094 AB", house_number=12)
        f.CaseParticipantFactory(case=case, organisation=cast.case.lead_organisation)
    client.force_login(cast.participant)
    with django_assert_num_queries(SIGNAL_PAGE_QUERIES):
        assert client.get(detail_url(signal)).status_code == 200


# Opening a case from signals -------------------------------------------------------------------


def create_case_url(*signals):
    return reverse("cases:signal_create_case") + "?" + "&".join(f"signals={s.pk}" for s in signals)


@pytest.fixture
def two_signals(cast):
    return [
        cast.signal,
        f.SignalFactory(neighbourhood=cast.case.neighbourhood, postcode="1094 AB", house_number=12),
    ]


@pytest.mark.django_db
def test_a_case_director_opens_a_case_from_two_signals(client, cast, director, two_signals):
    Signal.objects.filter(pk=cast.signal.pk).update(postcode="1094 AB", house_number=12)
    client.force_login(director)

    form = client.get(create_case_url(*two_signals))
    assert form.status_code == 200
    assert {s.pk for s in form.context["signals"]} == {s.pk for s in two_signals}

    response = client.post(
        create_case_url(*two_signals),
        {
            "title": "Overlast Celebesstraat 12",
            "legal_basis": "Wet aanpak woonoverlast",
            "scope": "address",
            "priority": "high",
        },
    )

    case = Case.objects.get(title="Overlast Celebesstraat 12")
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert (case.case_director, case.lead_organisation, case.priority) == (
        director,
        cast.case.lead_organisation,
        "high",
    )
    assert (case.postcode, case.house_number) == ("1094 AB", 12)  # the signals' shared address
    assert set(case.signals.values_list("pk", flat=True)) == {s.pk for s in two_signals}
    assert set(case.signals.values_list("status", flat=True)) == {SignalStatus.LINKED}
    assert client.get(response.url).status_code == 200  # the director's organisation takes part


@pytest.mark.django_db
def test_a_comma_separated_selection_works_too(client, cast, director, two_signals):
    client.force_login(director)
    url = reverse("cases:signal_create_case") + f"?signals={two_signals[0].pk},{two_signals[1].pk}"
    assert len(client.get(url).context["signals"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_who_may_not_direct_cases_gets_403(client, cast, two_signals, method):
    client.force_login(cast.participant)
    response = getattr(client, method)(
        create_case_url(*two_signals), {"title": "X", "legal_basis": "Y", "scope": "address", "priority": "normal"}
    )
    assert response.status_code == 403
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_a_signal_i_cannot_see_makes_the_selection_404(client, cast, director):
    hidden = f.SignalFactory()
    client.force_login(director)
    assert client.get(create_case_url(cast.signal, hidden)).status_code == 404
    assert client.get(reverse("cases:signal_create_case") + "?signals=abc").status_code == 404


@pytest.mark.django_db
def test_opening_a_case_without_signals_goes_back_to_the_list(client, cast, director):
    client.force_login(director)
    response = client.get(reverse("cases:signal_create_case"))
    assert response.status_code == 302
    assert response.url == reverse("cases:signal_list")


@pytest.mark.django_db
def test_a_case_needs_a_legal_basis(client, cast, director, two_signals):
    client.force_login(director)
    response = client.post(
        create_case_url(*two_signals),
        {"title": "Overlast", "legal_basis": "", "scope": "address", "priority": "normal"},
    )
    assert response.status_code == 200
    assert "legal_basis" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Overlast"
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_a_signal_already_in_another_case_stops_the_whole_case(client, cast, director, two_signals):
    two_signals[0].link_to(cast.case, by=cast.participant)
    client.force_login(director)
    in_english(client)
    response = client.post(
        create_case_url(*two_signals),
        {"title": "Nieuw", "legal_basis": "Wet aanpak woonoverlast", "scope": "address", "priority": "normal"},
    )
    assert response.status_code == 200
    assert "This signal already belongs to another case." in response.content.decode()
    assert not Case.objects.filter(title="Nieuw").exists()
    two_signals[1].refresh_from_db()
    assert (two_signals[1].case, two_signals[1].status) == (None, SignalStatus.NEW)


@pytest.mark.django_db
def test_someone_whose_teams_cover_nothing_is_told_why_they_cannot_report(client, cast):
    client.force_login(cast.outsider)
    in_english(client)
    response = client.get(reverse("cases:signal_new"))
    assert not response.context["form"].has_neighbourhoods()
    assert "Your teams cover no neighbourhoods yet" in response.content.decode()
