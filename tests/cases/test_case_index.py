"""Casussen (/casussen/): every case the user may see, filtered, searched, sorted and paged; nothing of
anyone else's case, not in the rows, not in the counts, not in the filters' choices."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories as f

pytestmark = pytest.mark.django_db

INDEX = reverse("cases:index")


def page(client, user, query=""):
    client.force_login(user)
    response = client.get(INDEX + query)
    assert response.status_code == 200
    return response.content.decode()


def own_case(cast, **fields):
    fields = {"lead_organisation": cast.case.lead_organisation, "neighbourhood": cast.case.neighbourhood, **fields}
    case = f.CaseFactory(**fields)
    f.CaseParticipantFactory(case=case, organisation=cast.case.lead_organisation)
    return case


def foreign_case(**fields):
    case = f.CaseFactory(title="Geheime casus van een ander", **fields)
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    return case


def test_the_index_lists_every_case_i_take_part_in_also_closed_ones(client, cast):
    closed = own_case(cast, title="Afgesloten casus Javastraat", status="closed")
    content = page(client, cast.participant)
    assert cast.case.title in content and closed.title in content
    assert "2 casussen" in content


def test_an_outsider_sees_no_title_and_no_count_of_other_cases(client, cast):
    foreign_case(postcode="1094 AB", house_number=17)
    for query in ["", "?q=Geheime", "?q=1094AB17", "?status=open", f"?neighbourhood={cast.case.neighbourhood.pk}"]:
        content = page(client, cast.outsider, query)
        assert cast.case.title not in content, query
        assert "Geheime casus" not in content, query
        assert "0 casussen" in content, query
    # Nor in the filter's choices: the neighbourhood of a case one may not see is not offered.
    assert cast.case.neighbourhood.name not in page(client, cast.outsider)


def test_a_foreign_neighbourhood_in_the_filter_answers_as_an_unknown_one(client, cast):
    foreign = foreign_case()
    for pk in (foreign.neighbourhood.pk, 999999):
        content = page(client, cast.participant, f"?neighbourhood={pk}")
        assert "Geheime casus" not in content and cast.case.title not in content
        assert "Selecteer een geldige keuze" in content


def test_filters_status_priority_and_neighbourhood(client, cast):
    urgent = own_case(cast, title="Spoed Celebesstraat", priority="urgent", status="triage")
    elsewhere = own_case(cast, title="Elders Molukkenstraat", neighbourhood=f.NeighbourhoodFactory())
    content = page(client, cast.participant, "?priority=urgent")
    assert urgent.title in content and cast.case.title not in content
    content = page(client, cast.participant, "?status=triage")
    assert urgent.title in content and elsewhere.title not in content
    content = page(client, cast.participant, f"?neighbourhood={elsewhere.neighbourhood.pk}")
    assert elsewhere.title in content and urgent.title not in content


def test_my_part_tells_the_cases_i_direct_from_those_my_organisation_takes_part_in(client, cast):
    directed = own_case(cast, title="Ik regisseer deze", case_director=cast.participant)
    content = page(client, cast.participant, "?part=ik_regisseer")
    assert directed.title in content and cast.case.title not in content
    content = page(client, cast.participant, "?part=neemt_deel")
    assert cast.case.title in content and directed.title not in content


def test_review_overdue_shows_only_open_cases_whose_review_date_passed_with_te_laat(client, cast):
    past = timezone.localdate() - datetime.timedelta(days=3)
    late = own_case(cast, title="Overleg te laat", next_review_on=past)
    own_case(cast, title="Gesloten met oude datum", next_review_on=past, status="closed")
    own_case(cast, title="Overleg later", next_review_on=timezone.localdate() + datetime.timedelta(days=3))
    content = page(client, cast.participant, "?review_overdue=on")
    assert late.title in content and "te laat" in content
    assert "Gesloten met oude datum" not in content and "Overleg later" not in content
    assert "te laat" in page(client, cast.participant)


def test_no_open_action_shows_open_cases_without_one(client, cast):
    quiet = own_case(cast, title="Niemand doet iets")
    done = own_case(cast, title="Alles gedaan")
    f.ActionFactory(case=done, organisation=cast.case.lead_organisation, done_at=timezone.now())
    content = page(client, cast.participant, "?no_open_action=on")
    assert quiet.title in content and done.title in content
    assert cast.case.title not in content  # it has the cast's open action


@pytest.mark.parametrize("typed", ["1094 AB 17", "1094ab17", "1094 ab  17", " 1094AB 17 "])
def test_search_finds_titles_and_addresses_in_any_spelling(client, cast, typed):
    at = own_case(cast, title="Portiek", postcode="1094 AB", house_number=17)
    own_case(cast, title="Buren", postcode="1094 AB", house_number=171)
    content = page(client, cast.participant, f"?q={typed}")
    assert at.title in content and "Buren" not in content and cast.case.title not in content
    assert reverse("cases:address", kwargs={"postcode": "1094AB", "house_number": 17}) in content
    assert "Buren" in page(client, cast.participant, "?q=bUREn")


def test_search_by_address_also_finds_a_case_through_its_signals(client, cast):
    f.SignalFactory(
        case=cast.case, neighbourhood=cast.case.neighbourhood, reporting_organisation=cast.case.lead_organisation,
        postcode="1094 AB", house_number=17, house_number_addition="H",
    )  # fmt: skip
    assert cast.case.title in page(client, cast.participant, "?q=1094 ab 17-h")
    assert cast.case.title in page(client, cast.participant, "?q=1094AB17")
    assert cast.case.title not in page(client, cast.participant, "?q=1094AB17-2")


def test_sorting_and_pagination(client, cast):
    for n in range(30):
        own_case(cast, title=f"Casus {n:02d}")
    content = page(client, cast.participant, "?ordering=title")
    assert content.index("Casus 00") < content.index("Casus 01")
    assert "Pagina 1 van 2" in content and "Casus 29" not in content
    content = page(client, cast.participant, "?ordering=title&page=2")
    assert "Casus 29" in content and "Casus 00" not in content
    urgent = own_case(cast, title="Heel dringend", priority="urgent")
    content = page(client, cast.participant, "?ordering=priority")
    assert content.index(urgent.title) < content.index("Casus 29")  # the newest of the normal ones


# 1 user (the session is cached), 2 memberships with organisations (the viewer, once per request; a case's
# visibility needs no team neighbourhoods), 3 the neighbourhood filter's choices (cached afterwards), 4 the
# count of matching cases, 5 the page of cases (with neighbourhood and lead organisation, "you direct"
# annotated), 6 unread notifications for the header.
INDEX_QUERIES = 6


@pytest.mark.parametrize("extra", [0, 30])
def test_the_index_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries, extra):
    for _n in range(extra):
        own_case(cast, neighbourhood=f.NeighbourhoodFactory(), next_review_on=timezone.localdate())
    cast.action.done_at = timezone.now()
    cast.action.save()
    client.force_login(cast.participant)
    with django_assert_num_queries(INDEX_QUERIES):
        response = client.get(INDEX + "?status=open&no_open_action=on&part=neemt_deel&q=portiek")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1 + extra


def test_mijn_werk_links_to_the_index_with_the_count_of_every_case(client, cast):
    own_case(cast, status="closed")
    client.force_login(cast.participant)
    home = client.get(reverse("cases:home")).content.decode()
    assert "alle 2 casussen" in home and f'href="{INDEX}"' in home
    client.force_login(cast.outsider)
    assert "alle 0" not in client.get(reverse("cases:home")).content.decode()
