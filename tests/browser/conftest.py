"""Playwright against Debian's Chromium (STACK.md: "Browser: Playwright with Debian Chromium").

`playwright install chromium` cannot download here, and --browser-channel cannot
point at /usr/bin/chromium, so the launch arguments are overridden instead.
Mark every test here `@pytest.mark.browser`, so `-m "not browser"` skips them.
"""

import pytest
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Dutch professional's browser; a phone-sized window, since that is where signals get logged.
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": {"width": 390, "height": 844},
    }


# Django keeps a connection per context (asgiref Local). While Playwright's event
# loop runs, the ORM is in another context than before and after it, so each side
# opens its own connection. Close both, or the one left open blocks dropping the
# test database at the end of the run ("being accessed by other users").
@pytest.fixture(scope="session", autouse=True)
def _db_connections_before_playwright():
    connections.close_all()


@pytest.fixture(scope="session", autouse=True)
def _db_connections_while_playwright(_db_connections_before_playwright, playwright):
    yield
    connections.close_all()
