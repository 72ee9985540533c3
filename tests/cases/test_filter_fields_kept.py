"""A list page's filter fields are rendered once per user, language and query, and kept as long as their
choices (cases/filters.py, PageFilterMixin.fields_html); a form with errors is always rendered afresh."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

SIGNAL_FIELDS = "cases/signals/_filter_fields.html"
CASE_FIELDS = "cases/_index_filter_fields.html"


def rendered(response):
    return [template.name for template in response.templates]


@pytest.fixture
def reporter(client):
    police = f.OrganisationFactory(name="Politie Amsterdam")
    officer = f.UserFactory(username="agent", organisation=police)
    f.SignalFactory(neighbourhood=f.NeighbourhoodFactory(name="Kattenburg"), reporting_organisation=police)
    client.force_login(officer)
    return officer


def test_the_same_query_shows_the_fields_kept_from_the_first_time(client, reporter):
    url = reverse("cases:signal_list") + "?category=GEL"
    first, second = client.get(url), client.get(url)
    assert SIGNAL_FIELDS in rendered(first)
    assert SIGNAL_FIELDS not in rendered(second)
    assert b'<option value="GEL" selected>' in second.content
    # The page number is not part of what the fields show.
    assert SIGNAL_FIELDS not in rendered(client.get(url + "&page=1"))


def test_another_query_or_language_renders_its_own_fields(client, reporter):
    url = reverse("cases:signal_list")
    client.get(url + "?category=GEL")
    other = client.get(url + "?category=GEL&severity=high")
    assert SIGNAL_FIELDS in rendered(other)
    assert b'<option value="high" selected>' in other.content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url + "?category=GEL")
    assert SIGNAL_FIELDS in rendered(english)
    assert "Sort by" in english.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert "Sorteren op" in client.get(url + "?category=GEL").content.decode()


def test_each_user_gets_their_own_fields(client, reporter):
    url = reverse("cases:signal_list")
    assert "Kattenburg" in client.get(url).content.decode()
    client.force_login(f.UserFactory(username="buitenstaander"))
    response = client.get(url)
    assert SIGNAL_FIELDS in rendered(response)
    assert "Kattenburg" not in response.content.decode()


def test_a_form_with_errors_is_rendered_afresh_with_the_typed_input(client, reporter):
    url = reverse("cases:signal_list") + "?occurred_after=31-31-2026"
    for _ in range(2):
        response = client.get(url)
        assert SIGNAL_FIELDS in rendered(response)
        assert 'value="31-31-2026"' in response.content.decode()
        assert "field--invalid" in response.content.decode()


def test_the_case_index_keeps_its_fields_too(client, cast):
    client.force_login(cast.participant)
    url = reverse("cases:index") + "?status=open"
    assert CASE_FIELDS in rendered(client.get(url))
    second = client.get(url)
    assert CASE_FIELDS not in rendered(second)
    assert b'<option value="open" selected>' in second.content
