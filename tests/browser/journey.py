"""Small steps the browser journeys share: logging in and out as a demo user."""

from playwright.sync_api import expect


def log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn werk", level=1)).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
