"""Under the Content-Security-Policy the site still works in a real browser: htmx, the admin, the API docs.

Any inline script or style the policy blocks shows up as a console message
naming the "Content Security Policy"; the journey collects them and expects none.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case

from .journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db):
    call_command("load_demo", force=True)


@pytest.fixture
def violations(page):
    found = []

    def note(message):
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", note)
    return found


def test_htmx_pages_work_under_the_content_security_policy(live_server, page, demo_world, violations):
    log_in(page, live_server, "wijkconsulent")
    case = Case.objects.visible_to(get_user_model().objects.get(username="wijkconsulent")).order_by("pk").first()

    # The case page: a note is posted by htmx and its panel swapped in place.
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_label("Nieuwe notitie").fill("Gesproken met de buren; het is rustiger sinds vorige week.")
    with page.expect_request(lambda request: request.headers.get("hx-request") == "true"):
        page.get_by_role("button", name="Notitie opslaan").click()
    notes = page.locator("#notes-panel")
    expect(notes.get_by_role("status")).to_have_text("Je notitie is toegevoegd.")
    expect(notes).to_contain_text("het is rustiger sinds vorige week")

    # The signal list: changing a filter fetches the results through htmx and pushes the URL.
    page.goto(f"{live_server.url}/meldingen/")
    page.get_by_text("Zoeken, filteren en sorteren").click()
    with page.expect_request(lambda request: request.headers.get("hx-request") == "true"):
        page.locator("#id_status").select_option(index=1)
    expect(page).to_have_url(re.compile(r"/meldingen/\?.*status="))

    assert violations == []


def test_the_admin_and_the_api_docs_work_under_the_content_security_policy(live_server, page, demo_world, violations):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("link", name="Access attempts")).to_be_visible()
    page.get_by_role("link", name="Access attempts").click()
    expect(page.locator("#changelist")).to_be_visible()

    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Veerkracht API")
    expect(page.locator(".opblock-tag").first).to_be_visible()

    assert violations == []


def test_the_page_warns_before_the_session_ends(live_server, page, demo_world, violations, settings):
    settings.SESSION_IDLE_MINUTES = 2  # the warning comes a fifth of that (24 s) before the end
    page.clock.install()
    log_in(page, live_server, "wijkagent")
    warning = page.locator("#session-warning")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("01:40")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Je sessie eindigt om")
    expect(warning).to_contain_text("Sla nu op wat je aan het typen bent")

    page.clock.fast_forward("00:30")
    expect(warning).to_contain_text("Je sessie is waarschijnlijk verlopen")
    assert violations == []
