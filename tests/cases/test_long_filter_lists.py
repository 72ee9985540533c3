"""A citywide organisation's filter lists run into the hundreds: long selects get a search box (static/js/filters.js),
short ones stay as they are; without JavaScript every select is the whole list."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def citywide_reporter(neighbourhoods):
    """Someone of a citywide organisation (in no team) whose organisation reported in `neighbourhoods` buurten."""
    police = f.OrganisationFactory(name="Politie Amsterdam")
    officer = f.UserFactory(username="agent", organisation=police)
    for i in range(neighbourhoods):
        f.SignalFactory(neighbourhood=f.NeighbourhoodFactory(name=f"Buurt {i:03d}"), reporting_organisation=police)
    return officer


def test_the_neighbourhood_filter_of_a_citywide_organisation_is_searchable(client):
    client.force_login(citywide_reporter(40))
    content = client.get(reverse("cases:signal_list")).content.decode()
    assert 'data-searchable="Buurt"' in content
    assert "js/filters.js" in content


def test_a_short_list_gets_no_search_box(client):
    client.force_login(citywide_reporter(3))
    assert "data-searchable" not in client.get(reverse("cases:signal_list")).content.decode()


def test_the_case_index_neighbourhood_filter_is_searchable_too(client):
    lead = f.OrganisationFactory()
    user = f.UserFactory(organisation=lead)
    for _n in range(20):
        case = f.CaseFactory(lead_organisation=lead)
        f.CaseParticipantFactory(case=case, organisation=lead)
    client.force_login(user)
    assert 'data-searchable="Buurt"' in client.get(reverse("cases:index")).content.decode()


def test_titles_say_where_you_are(client, cast):
    client.force_login(cast.participant)
    assert "<title>Casussen · Veerkracht</title>" in client.get(reverse("cases:index")).content.decode()
    address = client.get(reverse("cases:address", kwargs={"postcode": "1094AB", "house_number": 17}))
    assert "<title>1094 AB 17 · Adres · Veerkracht</title>" in address.content.decode()
    case_page = client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert f"<title>{cast.case.title} · Casus · Veerkracht</title>" in case_page
