"""From a signal on a phone to a shared case, with need-to-know holding at every step.

wijkconsulent logs a signal at an address → regisseur opens a case from it and
invites the GGZ (and the police) → ggz sees the case and writes an
own-organisation note → wijkagent, also taking part, does not see that note →
buitenstaander gets 404 on the case URL.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case, Signal

from .journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Cliënt is opgenomen geweest; behandeling loopt via de GGZ."


@pytest.fixture
def demo_world(transactional_db):
    call_command("load_demo", force=True)


def test_signal_becomes_a_shared_case_on_need_to_know(live_server, page, demo_world):
    # 1. wijkconsulent logs a signal at an address, on a phone.
    log_in(page, live_server, "wijkconsulent")
    page.get_by_role("link", name="Melding doen").click()
    page.get_by_label("Buurt").fill("Dapperbuurt Noord")
    page.get_by_label(re.compile("Dapperbuurt Noord")).check()
    page.get_by_label("Postcode").fill("1093ab")
    page.get_by_label("Huisnummer").fill("17")
    page.get_by_label("Categorie").select_option("GEL")
    page.get_by_label("hoog").check()
    page.get_by_label("Wat is er gebeurd").fill("Drie nachten achter elkaar harde muziek en geschreeuw op driehoog.")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_text("Drie nachten achter elkaar")).to_be_visible()
    signal = Signal.objects.get(description__startswith="Drie nachten")
    assert (signal.postcode, signal.house_number, signal.reported_by.username) == ("1093 AB", 17, "wijkconsulent")
    log_out(page)

    # 2. regisseur opens a case from it and invites the GGZ and the police.
    log_in(page, live_server, "regisseur")
    page.goto(f"{live_server.url}/meldingen/{signal.pk}/")
    page.get_by_role("link", name="Casus openen vanuit deze melding").click()
    page.get_by_label("Titel").fill("Geluidsoverlast driehoog Dapperbuurt")
    page.get_by_label("Doel / grondslag").fill("Wet aanpak woonoverlast: aanpak geluidsoverlast")
    page.get_by_role("button", name="Casus openen").click()
    expect(page.get_by_role("heading", name="Geluidsoverlast driehoog Dapperbuurt", level=1)).to_be_visible()
    case = Case.objects.get(title="Geluidsoverlast driehoog Dapperbuurt")
    case_url = f"{live_server.url}/casussen/{case.pk}/"
    for organisation in ["GGZ Amstelzorg", "Politie Amsterdam"]:
        invite = page.get_by_role("form", name="Organisatie uitnodigen")
        invite.get_by_label("Organisatie").select_option(label=organisation)
        invite.get_by_label("Grondslag").fill("Zorg en veiligheid rond de bewoner")
        invite.get_by_role("button", name="Uitnodigen").click()
        expect(page.get_by_role("region", name="Deelnemers")).to_contain_text(organisation)
    log_out(page)

    # 3. ggz sees the case and writes a note only the GGZ may read.
    log_in(page, live_server, "ggz")
    page.goto(case_url)
    expect(page.get_by_role("heading", name=case.title, level=1)).to_be_visible()
    page.get_by_label("Nieuwe notitie").fill(SECRET)
    page.get_by_label("Alleen mijn eigen organisatie").check()
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.get_by_role("region", name="Notities")).to_contain_text(SECRET)
    log_out(page)

    # 4. wijkagent takes part too, but does not see the GGZ's own note.
    log_in(page, live_server, "wijkagent")
    page.goto(case_url)
    expect(page.get_by_role("heading", name=case.title, level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Notities")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(SECRET)
    log_out(page)

    # 5. buitenstaander's organisation takes part in nothing: the case does not exist for them.
    log_in(page, live_server, "buitenstaander")
    response = page.goto(case_url)
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(case.title)
