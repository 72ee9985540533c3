"""Security headers, production settings, the error pages and the API docs' login."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from tests import factories as f

BASE_DIR = Path(__file__).resolve().parents[2]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {name: values for name, _, values in (part.strip().partition(" ") for part in policy.split(";"))}


def test_a_page_carries_a_content_security_policy_without_inline_scripts(client, db):
    policy = directives(client.get(reverse("login")))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert not any("unsafe" in values for values in policy.values())


def test_a_page_carries_the_other_security_headers(client, db):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    permissions = response["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in permissions
    assert "Strict-Transport-Security" not in response  # plain http: HSTS means nothing there


def test_https_responses_carry_hsts_with_subdomains_and_preload(client, db):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize(
    "page",
    [
        lambda cast: reverse("login"),
        lambda cast: reverse("cases:home"),
        lambda cast: reverse("cases:signal_list"),
        lambda cast: reverse("cases:signal_new"),
        lambda cast: reverse("cases:detail", args=[cast.case.pk]),
        lambda cast: reverse("interventions:mine"),
        lambda cast: reverse("notifications:list"),
    ],
    ids=["login", "home", "signals", "new signal", "case", "my actions", "notifications"],
)
def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(client, cast, page):
    client.force_login(cast.participant)
    response = client.get(page(cast))
    assert response.status_code == 200
    assert INLINE.findall(response.content.decode()) == []


def test_htmx_is_told_not_to_add_its_inline_indicator_style(client, db):
    content = client.get(reverse("login")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in content
    assert content.index('name="htmx-config"') < content.index("htmx-2.min.js")


# Production settings, in a fresh interpreter with exactly the production environment.

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(48), "ALLOWED_HOSTS": "veerkracht.example.nl"}


# The test run's own environment, less what production sets (and pytest's async switch, which check --deploy refuses).
UNSET = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(args, **env):
    clean = {name: value for name, value in os.environ.items() if name not in UNSET and not name.startswith("SECURE_")}
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_secret_key_shorter_than_50_characters_is_refused_at_start_up():
    result = run(["-c", "import config.settings"], **{**PRODUCTION, "SECRET_KEY": "k" * 49})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is 49 characters long; with DEBUG off it must be at least 50" in (
        result.stderr
    )


def settings_value(name, **env):
    result = run(["-c", f"import config.settings as s; print(s.{name})"], **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_redirects_plain_http_unless_the_proxy_does_it():
    assert settings_value("SECURE_SSL_REDIRECT", **PRODUCTION) == "True"
    assert settings_value("SECURE_SSL_REDIRECT", **PRODUCTION, SECURE_SSL_REDIRECT="0") == "False"
    assert settings_value("SECURE_SSL_REDIRECT") == "False"  # make run: DEBUG on, plain http


# The API documentation


@pytest.mark.parametrize("url", ["/api/docs/", "/api/schema/"])
def test_anonymous_api_docs_are_sent_to_the_login_page(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_a_client_with_a_wrong_token_still_gets_the_api_answer(client, db):
    response = client.get("/api/schema/", HTTP_AUTHORIZATION="Token nope")
    assert response.status_code == 403
    assert "Ongeldige token." in response.content.decode()


def test_the_swagger_page_runs_its_own_inline_blocks_by_hash_only(client, db):
    client.force_login(f.UserFactory())
    response = client.get("/api/docs/")
    assert response.status_code == 200
    policy = directives(response)
    assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/=]+'", policy["script-src"])
    assert re.fullmatch(r"'self' 'sha256-[A-Za-z0-9+/=]+'", policy["style-src"])
    assert "unsafe-inline" not in response["Content-Security-Policy"]


# Error pages, in the site's layout


def test_an_unknown_page_gets_the_dutch_404_page(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "<h1>Pagina niet gevonden</h1>" in content
    assert "Deze pagina bestaat niet, of is niet voor jou toegankelijk." in content
    assert 'class="site-header"' in content


def test_an_outsider_gets_the_same_404_page_for_a_case(client, cast):
    client.force_login(cast.outsider)
    response = client.get(reverse("cases:detail", args=[cast.case.pk]))
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in response.content.decode()


def test_the_404_page_is_english_with_the_language_cookie(client, db):
    client.cookies["django_language"] = "en"
    assert "<h1>Page not found</h1>" in client.get("/bestaat-niet/").content.decode()


def test_a_refused_page_gets_the_dutch_403_page(client, cast):
    client.force_login(cast.participant)  # takes part, but does not direct the case
    response = client.get(reverse("cases:edit", args=[cast.case.pk]))
    assert response.status_code == 403
    content = response.content.decode()
    assert "<h1>Geen toegang</h1>" in content
    assert 'class="site-header"' in content


def test_the_500_page_renders_without_request_context_or_database():
    request = RequestFactory().get("/")
    with translation.override("nl"):
        response = server_error(request)
    assert response.status_code == 500
    content = response.content.decode()
    assert "<h1>Er ging iets mis</h1>" in content
    assert 'href="/static/css/app.css"' in content
