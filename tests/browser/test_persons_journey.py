"""The people a case is about, and "known elsewhere?" across teams.

wijkconsulent (De Veste, Wijkteam Oost) adds a person to a case she takes part
in who is also on a Nieuw-West case De Veste takes no part in → the person page
says only that a match exists and who directs that case → she asks to
coordinate → nadia.haddou, who directs the Nieuw-West case, gets the request
and lands on the invitation page of her own case with De Veste chosen.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case, Person

from .journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", force=True)
    ours = Case.objects.get(title="Burenruzie Kramatweg")  # in Oost, De Veste takes part
    theirs = Case.objects.get(title="Woonoverlast Pieter Calandlaan")  # nadia.haddou's, in Nieuw-West
    return ours, theirs, Person.objects.get(case=theirs, role="main")


def test_a_person_known_in_another_teams_case_leads_to_a_coordination_request(live_server, page, demo):
    ours, theirs, known = demo
    log_in(page, live_server, "wijkconsulent")
    response = page.goto(f"{live_server.url}/casussen/{theirs.pk}/")
    assert response.status == 404  # De Veste takes no part in the Nieuw-West case

    # 1. She adds the person to her own case.
    page.goto(f"{live_server.url}/casussen/{ours.pk}/")
    page.get_by_role("region", name="Betrokkenen").get_by_role("link", name="Betrokkene toevoegen").click()
    page.get_by_label("Naam").fill(known.name)
    page.get_by_label("Geboortedatum").fill(known.date_of_birth.isoformat())
    page.get_by_label("Rol in de casus").select_option("household")
    page.get_by_label("Contactnotities").fill("Logeert sinds kort bij de benedenburen.")
    page.get_by_role("button", name="Opslaan").click()

    # 2. The person page: a match, who directs it, and nothing else of that case.
    expect(page.get_by_role("heading", name=known.name, level=1)).to_be_visible()
    match = page.get_by_role("note")
    expect(match).to_contain_text("Ook bekend in een andere casus (zelfde naam en geboortedatum)")
    expect(match).to_contain_text("Nadia Haddou")
    expect(page.locator("main")).not_to_contain_text(theirs.title)
    # The case page marks the person as known elsewhere.
    page.get_by_role("link", name=ours.title).click()
    expect(page.get_by_role("region", name="Betrokkenen")).to_contain_text("elders bekend")

    # 3. She asks to coordinate.
    page.get_by_role("region", name="Betrokkenen").get_by_role("link", name=known.name).click()
    page.get_by_role("button", name="Vraag afstemming aan").click()
    expect(page.locator("main")).to_contain_text("heeft op")
    log_out(page)

    # 4. nadia.haddou gets the request and lands on her own case's invitation, the organisation chosen.
    log_in(page, live_server, "nadia.haddou")
    page.get_by_role("link", name=re.compile("Notificaties")).click()
    request = page.get_by_role("listitem").filter(has_text="vraagt om afstemming")
    expect(request).to_contain_text(known.name)
    expect(request).to_contain_text(theirs.title)
    request.get_by_role("button").click()
    expect(page.get_by_role("heading", name="Organisatie uitnodigen")).to_be_visible()
    veste = ours.participants.get(organisation__name="Woonstichting De Veste").organisation_id
    expect(page.get_by_label("Organisatie")).to_have_value(str(veste))
