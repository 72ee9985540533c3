"""A manager sees, at a glance, whether the joint approach works — and where a neighbourhood slides.

manager opens the neighbourhood overview, sees the chart and the early-warning
alert for a sliding neighbourhood from the demo world, downloads the CSV.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dashboards.models import Alert

from .journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db):
    call_command("load_demo", force=True)  # also runs the early-warning job once


def test_manager_reads_the_overview_sees_an_alert_and_downloads_the_figures(live_server, page, demo_world):
    sliding = Alert.objects.active().filter(kind="neighbourhood").select_related("neighbourhood").first()
    assert sliding, "the demo world should have a neighbourhood whose signals are rising"

    log_in(page, live_server, "manager")
    page.get_by_role("link", name="Overzicht", exact=True).click()
    expect(page.get_by_role("heading", name="Overzicht van je buurten", level=1)).to_be_visible()

    # A chart a person reads at a glance, with its numbers next to it.
    chart = page.get_by_role("img").first
    expect(chart).to_be_visible()
    assert chart.evaluate("node => node.tagName.toLowerCase()") == "svg"

    # The sliding neighbourhood is flagged.
    alerts = page.get_by_role("region", name=re.compile("Vroegsignalering"))
    expect(alerts).to_contain_text(sliding.neighbourhood.name)

    # And the figures go home as a CSV.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Downloaden als CSV")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) > 1 and all(len(row) == len(rows[0]) > 1 for row in rows)  # Dutch Excel's ';'
    assert download.suggested_filename.startswith("veerkracht-buurten-")  # a Dutch name in the Dutch interface
