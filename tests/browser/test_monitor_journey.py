"""A manager sees where vulnerability and nuisance meet: the monitor's quadrant, a buurt's profile, the CSV.

manager (Woonstichting De Veste) opens the Veerkracht monitor on the demo world, sees the quadrant
with a highlighted buurt "kwetsbaar en onder druk", opens its profile and downloads its figures.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db):
    call_command("load_demo", force=True)


def test_manager_opens_the_monitor_sees_a_highlighted_buurt_and_downloads_its_profile(live_server, page, demo_world):
    log_in(page, live_server, "manager")
    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.get_by_role("link", name="Veerkrachtmonitor").click()
    expect(page.get_by_role("heading", name="Veerkrachtmonitor", level=1)).to_be_visible()

    quadrant = page.get_by_role("img", name=re.compile("Kwetsbaarheid tegen de overlasttrend"))
    expect(quadrant).to_be_visible()
    highlighted = quadrant.locator("a.quadrant__highlight").first
    name = highlighted.get_attribute("aria-label")
    assert name, "the demo world should have a buurt that is vulnerable and under pressure"
    highlighted.click()

    expect(page.get_by_role("heading", name=f"Buurtprofiel {name}", level=1)).to_be_visible()
    expect(page.get_by_text("Kwetsbaar en onder druk").first).to_be_visible()
    expect(page.get_by_text("Bron: CBS").first).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Downloaden als CSV")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Indicator", "Eerder"]
    assert any(row[0].startswith("Huishoudens met een laag inkomen") for row in rows)
