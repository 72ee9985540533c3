"""A new member signs in for the first time with two-step sign-in on: enrols an authenticator app,
keeps the backup codes, and later signs in with one of them."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_login(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()


def test_first_login_enrols_and_a_backup_code_signs_in_later(live_server, page, settings, transactional_db):
    settings.TWO_FACTOR_REQUIRED = True
    f.UserFactory(username="nieuwlid", organisation=f.OrganisationFactory(name="Wijkteam Noord"))

    fill_login(page, live_server, "nieuwlid")
    expect(page).to_have_url(re.compile(r"/account/tweestaps/instellen/$"))
    expect(page.get_by_role("heading", name="Tweestapsaanmelding instellen", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
    key = page.locator("code.token-secret").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", name="Uw reservecodes", level=1)).to_be_visible()
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Verder").click()
    expect(page.get_by_role("heading", name="Mijn werk", level=1)).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()

    fill_login(page, live_server, "nieuwlid")
    expect(page.get_by_role("heading", name="Tweestapsaanmelding", level=1)).to_be_visible()
    page.get_by_label("Code").fill("verkeerd")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Deze code klopt niet. Probeer het opnieuw.")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp lets a device wait a second after a wrong code
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Mijn werk", level=1)).to_be_visible()
