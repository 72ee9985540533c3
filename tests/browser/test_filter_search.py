"""Typing in a long filter's search box narrows its options; choosing one still filters the list."""

import pytest
from playwright.sync_api import expect

from tests import factories as f

from .journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def citywide(transactional_db):
    police = f.OrganisationFactory(name="Politie Amsterdam")
    officer = f.UserFactory(username="agent", organisation=police)
    officer.set_password("demo")
    officer.save()
    for name in [f"Buurt {i:02d}" for i in range(30)] + ["Dapperbuurt"]:
        f.SignalFactory(neighbourhood=f.NeighbourhoodFactory(name=name), reporting_organisation=police)
    return officer


def test_the_search_box_narrows_a_long_neighbourhood_list(live_server, page, citywide):
    log_in(page, live_server, "agent")
    page.goto(live_server.url + "/meldingen/")
    page.get_by_text("Zoeken, filteren en sorteren").click()
    box = page.get_by_role("searchbox", name="Zoek in Buurt")
    box.fill("dapper")
    select = page.locator("select#id_neighbourhood")
    visible = select.evaluate("s => [...s.options].filter(o => !o.hidden).map(o => o.text)")
    assert visible == ["Alle", "Dapperbuurt"]
    select.select_option(label="Dapperbuurt")
    expect(page.locator("#signal-count")).to_have_text("1 melding")
