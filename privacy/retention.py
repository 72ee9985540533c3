"""Retention: when a closed case is due for anonymisation, who approves it, who extends it, who is reminded.

A closed or cancelled case is due CASE_RETENTION_MONTHS after it was closed.
The daily job (privacy/tasks.py: `retention_run`) lists every due case once
(a RetentionReview), reminds its director and its lead organisation's privacy
officers once per due case per week (RetentionReminder claims, delivered by
notifications/delivery.py), and anonymises the signals that never joined a
case after SIGNAL_RETENTION_MONTHS. A due case is anonymised when two people
have approved it: one who directs it, and a privacy officer or administrator
of its lead organisation. Either of them may instead extend it, with a reason
and a new date. Each decision is written to the case's access log and timeline.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.errors import CaseError, NotAllowed
from cases.models import Case, CaseStatus, ReadWhat, Signal, TimelineKind
from cases.texts import TIMELINE
from notifications.delivery import Message, Outbox, claim, deliver_now, register
from notifications.models import NotificationKind
from notifications.texts import NOTIFICATIONS
from partners.models import Membership, Role
from partners.viewer import viewer_of

from .anonymise import anonymise_case, signals_anonymise
from .models import RetentionReminder, RetentionReview

EXTENSION_REASON_MAX_CHARS = 500

TIMELINE.register(
    "retention_approved",
    gettext_lazy("Anonymisation approved (%(as)s)"),
    labels={"as": lambda code: {"director": _("as director"), "officer": _("as privacy officer")}.get(code, code)},
    example={"as": "director"},
)
TIMELINE.register(
    "retention_extended",
    gettext_lazy("Retention extended until %(until)s: %(reason)s"),
    values=lambda data: {"until": date_format(datetime.date.fromisoformat(data["until"]), "j F Y")},
    example={"until": "2027-06-01", "reason": "Lopende procedure bij de rechtbank"},
)
TIMELINE.register("case_anonymised", gettext_lazy("Case anonymised: names, addresses and texts removed"))
NOTIFICATIONS.register(
    "retention_due",
    gettext_lazy("The case “%(case)s” is due for anonymisation since %(due)s: approve or extend it"),
    values=lambda data: {"due": date_format(datetime.date.fromisoformat(data["due"]), "j F Y")},
    example={"case_id": 1, "case": "Overlast portiek Dapperstraat 12", "due": "2026-11-30", "review_id": 1},
)


def add_months(day, months):
    """`day` plus `months` calendar months (the 31st becomes the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def due_on(case):
    """When a closed or cancelled `case` is due for anonymisation."""
    return add_months(timezone.localtime(case.closed_at).date(), settings.CASE_RETENTION_MONTHS)


def due_cases(today):
    """Closed and cancelled cases, not anonymised, whose retention period ended by `today`."""
    closed_before = add_months(today, -settings.CASE_RETENTION_MONTHS)
    return Case.objects.filter(
        status__in=[CaseStatus.CLOSED, CaseStatus.CANCELLED],
        anonymised_at__isnull=True,
        closed_at__date__lte=closed_before,
    )


def retention_list(today=None):
    """List every due case that is not listed yet (one RetentionReview each); returns how many are new."""
    today = today or timezone.localdate()
    new = [
        RetentionReview(case=case, due_on=due_on(case))
        for case in due_cases(today).filter(retention__isnull=True).only("pk", "closed_at")
    ]
    return len(RetentionReview.objects.bulk_create(new, ignore_conflicts=True))


def pending_reviews(today):
    """Reviews that wait for a decision today: due (an extension moves the date), not anonymised."""
    return RetentionReview.objects.filter(anonymised_at__isnull=True, due_on__lte=today)


def officers_of(organisation_ids):
    """Memberships of the active privacy officers of these organisations (who are reminded of due cases)."""
    return Membership.objects.filter(
        organisation__in=organisation_ids,
        organisation__is_active=True,
        role=Role.PRIVACY_OFFICER,
        user__is_active=True,
    )


def week_start(today):
    return today - datetime.timedelta(days=today.weekday())


def reminders_claim(today):
    """Claim this week's reminder of every pending review for its director and privacy officers; returns new."""
    reviews = list(pending_reviews(today).select_related("case"))
    officers = {}
    for membership in officers_of({review.case.lead_organisation_id for review in reviews}):
        officers.setdefault(membership.organisation_id, set()).add(membership.user_id)
    monday = week_start(today)
    candidates = [
        RetentionReminder(review=review, recipient_id=user_id, week_start=monday)
        for review in reviews
        for user_id in {review.case.case_director_id} | officers.get(review.case.lead_organisation_id, set())
    ]
    return claim(RetentionReminder, candidates)


def _compose(row):
    review = row.review
    return Message(
        NotificationKind.RETENTION_DUE,
        "retention_due",
        {
            "case_id": review.case_id,
            "case": review.case.title,
            "due": review.due_on.isoformat(),
            "review_id": review.pk,
        },
        reverse("privacy:queue"),
    )


RETENTION_REMINDERS = register(
    Outbox(
        "retention_reminders",
        claims=lambda: RetentionReminder.objects.select_related("review__case", "recipient"),
        # A case decided on (anonymised, or extended past today) since it was claimed needs no reminder.
        still_wanted=lambda row: pending_reviews(timezone.localdate()).filter(pk=row.review_id).exists(),
        compose=_compose,
    )
)


def unsent_reminders(today):
    return list(
        RetentionReminder.objects.filter(week_start=week_start(today), sent_at__isnull=True).values_list(
            "pk", flat=True
        )
    )


def old_signals_anonymise(today=None):
    """Signals that never joined a case, reported more than SIGNAL_RETENTION_MONTHS ago: no approval needed."""
    today = today or timezone.localdate()
    cutoff = add_months(today, -settings.SIGNAL_RETENTION_MONTHS)
    return signals_anonymise(Signal.objects.filter(occurred_at__date__lt=cutoff))


def retention_send_now(today=None):
    """The daily job in this process: list, claim and deliver reminders, anonymise old signals (for commands)."""
    today = today or timezone.localdate()
    listed = retention_list(today)
    claimed = reminders_claim(today)
    sent = deliver_now(RETENTION_REMINDERS, unsent_reminders(today))
    return {"listed": listed, "claimed": claimed, "sent": sent, "signals": old_signals_anonymise(today)}


# Deciding ---------------------------------------------------------------------------------------------


def may_approve_as(review, user):
    """The approvals `user` may still give on `review`: "director" (directs the case), "officer" (privacy
    officer or administrator of its lead organisation), never both by one person."""
    case = review.case
    try:
        access = case.access_of(user)
    except NotAllowed:
        return []
    roles = []
    if access.directs and review.director_approved_at is None and review.officer_approved_by_id != user.pk:
        roles.append("director")
    in_charge = case.lead_organisation_id in viewer_of(user).privacy_organisation_ids
    if in_charge and review.officer_approved_at is None and review.director_approved_by_id != user.pk:
        roles.append("officer")
    return roles


def may_decide(review, user):
    """Whoever may approve `review` in one of the two roles may also extend it."""
    case = review.case
    try:
        access = case.access_of(user)
    except NotAllowed:
        return False
    return access.directs or case.lead_organisation_id in viewer_of(user).privacy_organisation_ids


def _require_pending(review):
    if review.anonymised_at is not None:
        raise CaseError(_("This case has been anonymised already."))
    if review.due_on > timezone.localdate():
        raise CaseError(_("This case is not due for anonymisation before %(date)s.") % {"date": review.due_on})


@transaction.atomic
def retention_approve(review, *, by):
    """Approve anonymising a due case, as its director or as a privacy officer (whichever `by` still may).

    The second approval anonymises the case at once (privacy/anonymise.py).
    Both approvals are written to the case's access log and timeline.
    Returns True if the case was anonymised now.
    """
    review = RetentionReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    _require_pending(review)
    roles = may_approve_as(review, by)
    if not roles:
        raise NotAllowed(
            _("Only one who directs the case and a privacy officer of its lead organisation approve anonymisation.")
        )
    role, now = roles[0], timezone.now()
    if role == "director":
        review.director_approved_by, review.director_approved_at = by, now
    else:
        review.officer_approved_by, review.officer_approved_at = by, now
    review.save()
    case = review.case
    case.access_of(by).log_read(ReadWhat.RETENTION, decision="approved", role=role)
    case.log(TimelineKind.RETENTION, "retention_approved", {"as": role}, by=by)
    if review.approved:
        anonymise_case(case, by=by)  # in this transaction; its files go once it has committed
        return True
    return False


@transaction.atomic
def retention_extend(review, *, by, reason, until):
    """Keep a due case longer: a reason and a new date after today; earlier approvals lapse."""
    review = RetentionReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.anonymised_at is not None:
        raise CaseError(_("This case has been anonymised already."))
    if not may_decide(review, by):
        raise NotAllowed(_("Only one who directs the case or a privacy officer of its lead organisation extends it."))
    reason = (reason or "").strip()
    if not reason:
        raise CaseError(_("Say why the case is kept longer."))
    if len(reason) > EXTENSION_REASON_MAX_CHARS:
        raise CaseError(_("A reason holds at most %(max)s characters.") % {"max": EXTENSION_REASON_MAX_CHARS})
    if until is None or until <= timezone.localdate():
        raise CaseError(_("Choose a new date after today."))
    review.due_on, review.extension_reason = until, reason
    review.extended_by, review.extended_at = by, timezone.now()
    review.director_approved_by = review.director_approved_at = None
    review.officer_approved_by = review.officer_approved_at = None
    review.save()
    case = review.case
    case.access_of(by).log_read(ReadWhat.RETENTION, decision="extended", until=until.isoformat())
    case.log(TimelineKind.RETENTION, "retention_extended", {"until": until.isoformat(), "reason": reason}, by=by)
    return review


def retention_queue(user):
    """The reviews `user` may decide on, not yet anonymised: their lead organisation's (as privacy officer or
    administrator) and the cases they direct, soonest due first."""
    viewer = viewer_of(user)
    reviews = RetentionReview.objects.filter(anonymised_at__isnull=True).select_related(
        "case__lead_organisation", "case__case_director", "director_approved_by", "officer_approved_by", "extended_by"
    )
    mine = reviews.filter(
        case__lead_organisation__in=viewer.privacy_organisation_ids | viewer.directing_organisation_ids
    )
    directed = reviews.filter(case__case_director=user)
    return (mine | directed).filter(case__participants__organisation__in=viewer.organisation_ids).distinct()
