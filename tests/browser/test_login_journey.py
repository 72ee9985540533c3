"""A wijkconsulent starts the day: logs in on a phone and sees what is waiting for them."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from interventions.models import Action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db):
    # pytest-django runs tests with DEBUG off, and load_demo refuses that without --force.
    call_command("load_demo", force=True)


def test_wijkconsulent_logs_in_and_sees_their_open_actions(live_server, page, demo_world):
    open_actions = list(
        Action.objects.filter(assignee__username="wijkconsulent", done_at__isnull=True).overdue_first()[:20]
    )
    assert open_actions, "the demo world should give wijkconsulent open actions"
    assert any(action.is_overdue for action in open_actions), "and at least one of them overdue"

    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    page.get_by_label("Gebruikersnaam").fill("wijkconsulent")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Mijn werk", level=1)).to_be_visible()
    my_actions = page.get_by_role("region", name="Mijn open acties")
    for action in open_actions:
        expect(my_actions).to_contain_text(action.title)
    overdue = my_actions.get_by_role("listitem").filter(has_text=open_actions[0].title)
    expect(overdue.get_by_text("Te laat")).to_be_visible()
    expect(page.get_by_role("region", name="Mijn casussen")).to_be_visible()
    expect(page.get_by_role("region", name="Recente meldingen in mijn buurten")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
