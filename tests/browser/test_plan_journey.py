"""A plan with owners and dates, and a reminder that really arrives.

regisseur adds an intervention led by the corporation with the GGZ
contributing, assigns an action to wijkconsulent that was due yesterday →
the reminder sweep runs → wijkconsulent sees the reminder under the bell and on
"Mijn acties", completes the action with a note → it shows on the case timeline.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case

from .journey import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTION = "Bewoner en buren samen spreken over de geluidsafspraken"


@pytest.fixture
def demo_case(transactional_db):
    call_command("load_demo", force=True)
    return (
        Case.objects.open()
        .filter(case_director__username="regisseur", participants__organisation__name="GGZ Amstelzorg")
        .filter(participants__organisation__name="Woonstichting De Veste")
        .exclude(status="escalated")
        .order_by("pk")
        .first()
    )


def test_a_planned_action_reminds_its_owner_who_completes_it(live_server, page, demo_case):
    case_url = f"{live_server.url}/casussen/{demo_case.pk}/"
    wijkconsulent = get_user_model().objects.get(username="wijkconsulent")
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    # 1. regisseur plans an intervention led by the corporation, the GGZ contributing.
    log_in(page, live_server, "regisseur")
    page.goto(case_url)
    page.get_by_role("link", name="Interventie toevoegen").click()
    page.get_by_label("Soort interventie").select_option("home_visit")
    page.get_by_label("Oplossingsrichting").select_option("care_and_support")
    page.get_by_label("Doel").fill("Samen met de GGZ achter de voordeur kijken wat de bewoner nodig heeft.")
    page.get_by_label("Regievoerende organisatie").select_option(label="Woonstichting De Veste")
    page.get_by_label("Verantwoordelijke").select_option(str(wijkconsulent.pk))
    page.get_by_label("GGZ Amstelzorg").fill("Ggz-verpleegkundige gaat mee op huisbezoek")
    page.get_by_role("button", name="Interventie toevoegen").click()
    expect(page.locator("body")).to_contain_text("Samen met de GGZ achter de voordeur")

    # ... and gives wijkconsulent an action that was due yesterday.
    page.goto(case_url)
    page.get_by_role("link", name="Actie toevoegen").click()
    page.get_by_label("Wat moet er gebeuren?").fill(ACTION)
    page.get_by_label("Organisatie").select_option(label="Woonstichting De Veste")
    page.get_by_label("Uitvoerder").select_option(str(wijkconsulent.pk))
    page.get_by_label("Uiterlijk").fill(yesterday)
    page.get_by_role("button", name="Actie toevoegen").click()
    expect(page.locator("main")).to_contain_text(ACTION)
    log_out(page)

    # 2. Celery beat's sweep runs (here: the same sweep, on demand).
    call_command("send_reminders")

    # 3. wijkconsulent sees the reminder under the bell and the action on "Mijn acties".
    log_in(page, live_server, "wijkconsulent")
    bell = page.get_by_role("link", name=re.compile("Notificaties"))
    expect(bell).to_contain_text("ongelezen")
    bell.click()
    expect(page.locator("main")).to_contain_text(ACTION)
    page.get_by_role("link", name="Mijn acties").first.click()
    item = page.get_by_role("listitem").filter(has_text=ACTION)
    expect(item.get_by_text("Te laat")).to_be_visible()

    # 4. ... completes it with a note, which lands on the case timeline.
    item.get_by_role("link", name=re.compile("Afronden")).click()
    page.get_by_label("Wat heeft het opgeleverd?").fill("Gesprek gevoerd; afspraak: na 22:00 geen muziek meer.")
    page.get_by_role("button", name="Afronden").click()
    page.goto(case_url)
    expect(page.get_by_role("region", name="Tijdlijn")).to_contain_text("na 22:00 geen muziek meer")
