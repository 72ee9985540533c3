"""Reminders that really fire, each exactly once.

The sweep finds what is due and *claims* each reminder by inserting a
ReminderSent row; its unique constraint (kind, target, due date, recipient)
is the claim, so a second sweep, a concurrent worker or a retry inserts
nothing new. Delivery then works through unsent claims one by one under a
row lock: the in-app notification and the e-mail are written in the same
transaction that marks the claim sent, so a failing mail server rolls the
whole delivery back and the retry sends it once.
"""

import datetime
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import DateTimeField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.access import log_case_read
from cases.models import AccessLogEntry, Case, ReadWhat, TimelineEntry
from cases.visibility import takes_part
from notifications.delivery import Message, Outbox, claim, deliver, deliver_now, register
from notifications.models import NotificationKind
from notifications.texts import NOTIFICATIONS
from partners.models import Membership, Role

from .models import Action, CaseReview, ReminderSent

ACTION, REVIEW, CASE = "action", "review", "case"


def _claim(kind, target_type, target_id, due_on, recipient_id, case_id):
    return ReminderSent(
        kind=kind,
        target_type=target_type,
        target_id=target_id,
        due_on=due_on,
        recipient_id=recipient_id,
        case_id=case_id,
    )


def _action_claims(kind, actions):
    """Claims for actions: to the assignee, or to the coordinators of an organisation-wide action."""
    assigned = actions.filter(assignee__isnull=False).filter(takes_part(OuterRef("assignee"), OuterRef("case")))
    for action_id, case_id, due_on, user_id in assigned.values_list("pk", "case_id", "due_on", "assignee_id"):
        yield _claim(kind, ACTION, action_id, due_on, user_id, case_id)

    unassigned = list(actions.filter(assignee__isnull=True).values_list("pk", "case_id", "due_on", "organisation_id"))
    coordinators = defaultdict(list)
    for organisation_id, user_id in Membership.objects.filter(
        organisation_id__in={row[3] for row in unassigned}, role__in=[Role.COORDINATOR, Role.CASE_DIRECTOR]
    ).values_list("organisation_id", "user_id"):
        coordinators[organisation_id].append(user_id)
    for action_id, case_id, due_on, organisation_id in unassigned:
        for user_id in coordinators[organisation_id]:
            yield _claim(kind, ACTION, action_id, due_on, user_id, case_id)


def find_due(today):
    """Every reminder that should exist today, as unsaved ReminderSent claims."""
    tomorrow = today + datetime.timedelta(days=1)
    open_actions = Action.objects.open().filter(case__in=Case.objects.open())
    yield from _action_claims(NotificationKind.DUE_TOMORROW, open_actions.filter(due_on=tomorrow))
    yield from _action_claims(NotificationKind.OVERDUE, open_actions.filter(due_on__lt=today))

    escalate_before = today - datetime.timedelta(days=settings.REMINDER_ESCALATION_DAYS)
    for action_id, case_id, due_on, director_id in open_actions.filter(due_on__lte=escalate_before).values_list(
        "pk", "case_id", "due_on", "case__case_director_id"
    ):
        yield _claim(NotificationKind.ESCALATION, ACTION, action_id, due_on, director_id, case_id)

    upcoming = CaseReview.objects.filter(
        held_at__isnull=True, case__in=Case.objects.open(), scheduled_for__date__range=(today, tomorrow)
    )
    for review_id, case_id, when, director_id in upcoming.values_list(
        "pk", "case_id", "scheduled_for", "case__case_director_id"
    ):
        yield _claim(NotificationKind.REVIEW_UPCOMING, REVIEW, review_id, _day(when), director_id, case_id)
    attendees = CaseReview.attendees.through.objects.filter(casereview__in=upcoming)
    for review_id, case_id, when, user_id in attendees.values_list(
        "casereview_id", "casereview__case_id", "casereview__scheduled_for", "user_id"
    ):
        yield _claim(NotificationKind.REVIEW_UPCOMING, REVIEW, review_id, _day(when), user_id, case_id)

    # Quiet: no timeline activity for CASE_QUIET_DAYS. Keyed on the day of the
    # last activity, so one reminder per quiet spell.
    quiet_since = timezone.now() - datetime.timedelta(days=settings.CASE_QUIET_DAYS)
    last_activity = (
        TimelineEntry.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(last=Max("at"))
        .values("last")
    )
    quiet = (
        Case.objects.open()
        .annotate(last=Coalesce(Subquery(last_activity, output_field=DateTimeField()), "created_at"))
        .filter(last__lt=quiet_since)
    )
    for case_id, last, director_id in quiet.values_list("pk", "last", "case_director_id"):
        yield _claim(NotificationKind.CASE_QUIET, CASE, case_id, _day(last), director_id, case_id)


def _day(moment):
    return timezone.localtime(moment).date()


def reminders_claim(today=None):
    """Insert a claim for every due reminder not claimed before; returns how many are new per kind."""
    today = today or timezone.localdate()
    candidates = list(
        {(c.kind, c.target_type, c.target_id, c.due_on, c.recipient_id): c for c in find_due(today)}.values()
    )
    return claim(ReminderSent, candidates)


def _date(value):
    return date_format(datetime.date.fromisoformat(value))


def _moment(value):
    return date_format(timezone.localtime(datetime.datetime.fromisoformat(value)), "DATETIME_FORMAT")


# What the reminders say, one code per kind, filled in and shown in each reader's language.
ACTION_EXAMPLE = {"action_id": 1, "action": "Huisbezoek plannen", "case_id": 1, "case": "Portiek", "due": "2026-11-28"}
NOTIFICATIONS.register(
    NotificationKind.DUE_TOMORROW,
    _("Action “%(action)s” (case “%(case)s”) is due tomorrow."),
    example=ACTION_EXAMPLE,
)
NOTIFICATIONS.register(
    NotificationKind.OVERDUE,
    _("Action “%(action)s” (case “%(case)s”) is overdue: it was due %(due)s."),
    values=lambda data: {"due": _date(data["due"])},
    example=ACTION_EXAMPLE,
)
NOTIFICATIONS.register(
    NotificationKind.ESCALATION,
    _("Action “%(action)s” of %(who)s (case “%(case)s”) is overdue since %(due)s."),
    values=lambda data: {"due": _date(data["due"])},
    example={**ACTION_EXAMPLE, "who": "GGZ Amstel"},
)
NOTIFICATIONS.register(
    NotificationKind.REVIEW_UPCOMING,
    _("Case review of “%(case)s” on %(when)s."),
    values=lambda data: {"when": _moment(data["when"])},
    example={"review_id": 1, "case_id": 1, "case": "Portiek", "when": "2026-11-28T09:30:00+00:00"},
)
NOTIFICATIONS.register(
    NotificationKind.CASE_QUIET,
    _("Case “%(case)s” went quiet: no activity since %(since)s."),
    values=lambda data: {"since": _date(data["since"])},
    example={"case_id": 1, "case": "Portiek", "since": "2026-10-28"},
)


def _message(reminder):
    """The reminder's code, data and link, built when it is delivered (the kind is the code)."""
    case = reminder.case
    url = reverse("cases:detail", args=[case.pk])
    about = {"case_id": case.pk, "case": case.title}
    if reminder.target_type == ACTION:
        action = Action.objects.select_related("organisation", "assignee").get(pk=reminder.target_id)
        data = {"action_id": action.pk, "action": action.title, **about, "due": action.due_on.isoformat()}
        if reminder.kind == NotificationKind.ESCALATION:
            data["who"] = (
                (action.assignee.get_full_name() or action.assignee.get_username())
                if action.assignee
                else action.organisation.name
            )
        return data, url
    if reminder.target_type == REVIEW:
        review = CaseReview.objects.get(pk=reminder.target_id)
        return {"review_id": review.pk, **about, "when": review.scheduled_for.isoformat()}, url
    return {**about, "since": reminder.due_on.isoformat()}, url


def _still_wanted(reminder):
    # Access ended since the claim: never tell an outsider.
    return Case.objects.visible_to(reminder.recipient).filter(pk=reminder.case_id).exists()


def _compose(reminder):
    data, url = _message(reminder)
    return Message(reminder.kind, reminder.kind, data, url)


def _emailed(reminder):
    # A reminder e-mail carries the case's title and the action's: a read of the case, by e-mail.
    log_case_read(
        reminder.recipient, reminder.case, ReadWhat.REMINDER, AccessLogEntry.Channel.EMAIL, kind=reminder.kind
    )


REMINDERS = register(
    Outbox(
        "reminders",
        claims=lambda: ReminderSent.objects.select_related("recipient", "case"),
        still_wanted=_still_wanted,
        compose=_compose,
        emailed=_emailed,
    )
)


def reminder_deliver(reminder_id):
    """Deliver one claimed reminder (notifications.delivery.deliver): True if it went out now."""
    return deliver(REMINDERS, reminder_id)


def unsent_reminders():
    """(id, kind) of every claim not yet delivered, oldest first."""
    return list(ReminderSent.objects.filter(sent_at__isnull=True).order_by("pk").values_list("pk", "kind"))


def reminders_send_now(today=None):
    """The whole sweep, in this process: claim, then deliver every unsent claim.

    Returns a Counter of delivered reminders per kind (for `send_reminders`).
    """
    reminders_claim(today)
    return Counter(kind for reminder_id, kind in unsent_reminders() if deliver_now(REMINDERS, [reminder_id]))
