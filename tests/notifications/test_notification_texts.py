"""Notifications are stored as a code and its data: the bell reads in the reader's language, the e-mail in
the interface language."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from rest_framework.test import APIClient

from interventions.reminders import reminders_send_now
from notifications.models import Notification, NotificationKind, notify_coordinators
from notifications.texts import LEGACY, NOTIFICATIONS
from tests import factories as f

pytestmark = pytest.mark.django_db

INVITED = {
    "en": "GGZ Amstel was invited to the case “Portiek Celebesstraat”",
    "nl": "GGZ Amstel is uitgenodigd voor de casus “Portiek Celebesstraat”",
}


@pytest.fixture
def coordinator(cast):
    """A coordinator of GGZ Amstel, invited to the cast's case while Dutch was active."""
    ggz = f.OrganisationFactory(name="GGZ Amstel")
    coordinator = f.UserFactory(username="ggz_coordinator", organisation=ggz, role="coordinator")
    cast.case.title = "Portiek Celebesstraat"
    cast.case.save(update_fields=["title"])
    with translation.override("nl"):
        cast.case.invite(ggz, by=cast.case.case_director, legal_basis="Convenant Zorg en Veiligheid")
    return coordinator


def bell_in(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("notifications:list")).content.decode()


def api_texts_in(user, language):
    client = APIClient()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return [n["text"] for n in client.get("/api/notifications/").json()["results"]]


@pytest.mark.parametrize("language, other", [("en", "nl"), ("nl", "en")])
def test_an_invitation_reads_in_the_readers_language_on_the_bell_page(client, coordinator, language, other):
    content = bell_in(client, coordinator, language)
    assert INVITED[language] in content
    assert INVITED[other] not in content


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_invitation_reads_in_the_readers_language_through_the_api(coordinator, language):
    assert api_texts_in(coordinator, language) == [INVITED[language]]


def test_the_api_gives_the_code_and_keeps_the_old_message_field(coordinator):
    client = APIClient()
    client.force_login(coordinator)
    [notification] = client.get("/api/notifications/").json()["results"]
    assert notification["code"] == "invited_to_case"
    assert notification["message"] == notification["text"]


def test_a_reminder_is_mailed_in_the_interface_language_and_read_in_the_readers(client, db):
    case = f.CaseFactory(title="Portiek Celebesstraat")
    f.CaseParticipantFactory(case=case, organisation=case.lead_organisation)
    assignee = f.UserFactory(username="wijkconsulent", organisation=case.lead_organisation)
    due = timezone.localdate() - datetime.timedelta(days=1)
    f.ActionFactory(case=case, organisation=case.lead_organisation, assignee=assignee, due_on=due, title="Bellen")
    with translation.override("en"):  # whatever language the sweep runs in, the e-mail speaks the site's
        reminders_send_now()

    [message] = mail.outbox
    assert "Actie “Bellen” (casus “Portiek Celebesstraat”) is te laat" in message.body
    notification = Notification.objects.get(user=assignee)
    assert notification.data["due"] == due.isoformat()  # a date, written out when shown
    assert "Action “Bellen” (case “Portiek Celebesstraat”) is overdue" in bell_in(client, assignee, "en")
    assert "Actie “Bellen” (casus “Portiek Celebesstraat”) is te laat" in bell_in(client, assignee, "nl")


def test_a_notification_from_before_codes_reads_as_it_was_written(client, cast):
    Notification.objects.create(
        user=cast.participant, kind="overdue", code=LEGACY, data={"text": "Actie “Bellen” is te laat."}
    )
    for language in ["en", "nl"]:
        assert "Actie “Bellen” is te laat." in bell_in(client, cast.participant, language)
        assert api_texts_in(cast.participant, language) == ["Actie “Bellen” is te laat."]


def test_every_kind_of_notification_has_a_sentence_of_its_own_code():
    assert set(NotificationKind.values) <= set(NOTIFICATIONS.codes())


@pytest.mark.parametrize("code", NOTIFICATIONS.codes())
def test_every_notification_sentence_renders_from_its_example_in_both_languages(code):
    example = NOTIFICATIONS.example(code)
    with translation.override("en"):
        english = NOTIFICATIONS.render(code, example)
    with translation.override("nl"):
        dutch = NOTIFICATIONS.render(code, example)
    assert english and dutch
    if isinstance(NOTIFICATIONS.sentence(code).template, Promise):
        assert dutch != english, "no Dutch translation (run makemessages, fill in the msgstr, compilemessages)"


def test_a_notification_with_a_code_nobody_registered_is_refused_before_anyone_gets_it(cast):
    with pytest.raises(KeyError):
        notify_coordinators(cast.case.lead_organisation, kind="invited_to_case", code="no_such_code", data={})
    assert not Notification.objects.exists()


# The data migration: notifications stored as text before codes.
BEFORE_CODES = [("notifications", "0001_initial")]
WITH_CODES = [("notifications", "0002_notification_codes")]
OLD_MESSAGES = [
    # (kind, message as stored, link) -> (code, data)
    (
        ("invited_to_case", "GGZ Amstel is uitgenodigd voor de casus “Portiek”", "/casussen/12/"),
        ("invited_to_case", {"organisation": "GGZ Amstel", "case": "Portiek", "case_id": 12}),
    ),
    (
        ("participation_ended", "GGZ Amstel no longer takes part in the case “Portiek”", ""),
        ("participation_ended", {"organisation": "GGZ Amstel", "case": "Portiek"}),
    ),
    (
        ("due_tomorrow", "Actie “Bellen” (casus “Portiek”) moet uiterlijk morgen klaar zijn.", "/casussen/12/"),
        ("due_tomorrow", {"action": "Bellen", "case": "Portiek", "case_id": 12}),
    ),
    (
        ("overdue", "Actie “Bellen” (casus “Portiek”) is te laat: die moest uiterlijk 1 december 2026 klaar zijn.", ""),
        (
            LEGACY,
            {"text": "Actie “Bellen” (casus “Portiek”) is te laat: die moest uiterlijk 1 december 2026 klaar zijn."},
        ),
    ),
]


@pytest.mark.django_db(transaction=True)
def test_old_notifications_get_their_senders_code_or_keep_their_text_and_going_back_restores_a_message():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_CODES)
    old = executor.loader.project_state(BEFORE_CODES).apps
    user = old.get_model("auth", "User").objects.create(username="coordinator")
    Old = old.get_model("notifications", "Notification")
    pks = [
        Old.objects.create(user=user, kind=kind, message=message, url=url).pk
        for (kind, message, url), _ in OLD_MESSAGES
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(WITH_CODES)
    new = executor.loader.project_state(WITH_CODES).apps.get_model("notifications", "Notification")
    assert [(n.code, n.data) for n in new.objects.order_by("pk")] == [coded for _old, coded in OLD_MESSAGES]
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    with translation.override("en"):
        assert Notification.objects.get(pk=pks[0]).text == "GGZ Amstel was invited to the case “Portiek”"

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_CODES)
    old = executor.loader.project_state(BEFORE_CODES).apps.get_model("notifications", "Notification")
    assert list(old.objects.order_by("pk").values_list("message", flat=True)) == [
        "GGZ Amstel was invited to the case “Portiek”",
        "GGZ Amstel no longer takes part in the case “Portiek”",
        "Action “Bellen” (case “Portiek”) is due tomorrow.",
        "Actie “Bellen” (casus “Portiek”) is te laat: die moest uiterlijk 1 december 2026 klaar zijn.",
    ]
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
