"""Test-only settings and the shared cast, in one place.

The cast for the need-to-know rule, all around one case in one neighbourhood:
- participant: a professional of an organisation taking part in the case
- note_author: a colleague in another participating organisation, who writes
  an own-organisation-only note
- outsider: a professional of an organisation that takes part in nothing
- manager: a manager whose organisation does not take part, but whose team
  covers the case's neighbourhood
"""

import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from config.celery_app import app as celery_app

# Playwright's sync API runs an event loop in the test thread; the ORM must
# still be usable there (STACK.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test process keeps its own cache (emptied before every test, below), so
    # parallel runs and the Celery broker's Redis never see each other's keys.
    # Tests log in with force_login; tests/accounts/test_two_factor.py switches two-factor sign-in on itself.
    settings.TWO_FACTOR_REQUIRED = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language, whichever one the test before it left active in this process
    (a fixture that builds translated texts outside a request would otherwise depend on the order of tests)."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def english():
    """Messages in English, for specs that match on a verb's message outside a request.

    (Requests choose their language themselves: Dutch, or English with the language cookie.)
    """
    with translation.override("en"):
        yield


@dataclass
class Cast:
    case: object
    participant: object
    note_author: object
    outsider: object
    manager: object
    own_note: object
    shared_note: object
    signal: object
    intervention: object
    action: object


@pytest.fixture
def cast(db):
    from tests import factories as f

    case = f.CaseFactory()
    participant = f.UserFactory(username="participant", organisation=case.lead_organisation)
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)

    author_org = f.OrganisationFactory(name="GGZ Oost")
    note_author = f.UserFactory(username="note_author", organisation=author_org)
    f.CaseParticipantFactory(case=case, organisation=author_org)

    outsider = f.UserFactory(username="outsider", organisation=f.OrganisationFactory(name="Buitenstaanders"))
    f.TeamFactory(name="Elders", members=[outsider])

    manager = f.UserFactory(username="manager", organisation=f.OrganisationFactory(name="Bestuur"), role="manager")
    f.TeamFactory(name="Wijkteam", members=[manager, participant], neighbourhoods=[case.neighbourhood])

    own_note = f.NoteFactory(case=case, author=note_author, organisation=author_org, visibility="own")
    shared_note = f.NoteFactory(case=case, author=participant, organisation=case.lead_organisation)
    signal = f.SignalFactory(
        neighbourhood=case.neighbourhood, reporting_organisation=case.lead_organisation, reported_by=participant
    )
    intervention = f.InterventionFactory(case=case, lead_organisation=case.lead_organisation, owner=participant)
    action = f.ActionFactory(
        case=case, intervention=intervention, assignee=participant, organisation=case.lead_organisation
    )
    return Cast(
        case=case,
        participant=participant,
        note_author=note_author,
        outsider=outsider,
        manager=manager,
        own_note=own_note,
        shared_note=shared_note,
        signal=signal,
        intervention=intervention,
        action=action,
    )
