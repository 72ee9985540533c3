"""The weekly summary for managers and case directors: what changed in their scope last week.

Scope is the neighbourhoods of the recipient's teams. Signals there are
visible to them, so signal counts are exact. Every count over cases (opened,
closed, actions, intervention outcomes) includes cases the reader may not
open, so 1 to 4 is shown as "<5"; case titles are listed only for cases the
reader's organisation takes part in (`Case.objects.visible_to`).

Sending follows the reminders: one WeeklySummarySent row per (recipient,
week) is the claim, delivery locks it and writes the in-app notification and
the e-mail in the transaction that marks it sent. The figures are computed in
a fixed number of queries per recipient, whatever the number of
neighbourhoods or organisations.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import OPEN_CASE_STATUSES, Case, Signal
from cases.visibility import team_neighbourhoods
from interventions.models import Action, Intervention, InterventionStatus, Outcome
from notifications.delivery import Message, Outbox, claim, deliver, deliver_now, register
from notifications.email import Email, render_email_text
from notifications.models import NotificationKind
from notifications.texts import NOTIFICATIONS
from partners.models import Role

from .alerts import active_alerts_for, dashboard_path
from .models import WeeklySummarySent

SUMMARY_ROLES = [Role.MANAGER, Role.CASE_DIRECTOR]
SMALL = 5  # counts from 1 up to here (exclusive) over cases the reader may not open are shown as "<5"


def shown(count):
    """A count over cases the reader may not all open: 1–4 could point at one household, so "<5"."""
    return f"<{SMALL}" if 0 < count < SMALL else str(count)


def period_of(week_start):
    """The week from Monday `week_start` to its Sunday, as the reader writes dates."""
    return _("%(start)s – %(end)s") % {
        "start": date_format(week_start, "j N Y"),
        "end": date_format(week_start + datetime.timedelta(days=6), "j N Y"),
    }


# The in-app line of the summary (the e-mail has the whole of it), in each reader's language.
NOTIFICATIONS.register(
    NotificationKind.WEEKLY_SUMMARY,
    gettext_lazy("Weekly summary %(period)s: %(signals)s new signals, %(opened)s cases opened, %(closed)s closed."),
    values=lambda data: {"period": period_of(datetime.date.fromisoformat(data["week_start"]))},
    example={"week_start": "2026-11-23", "signals": 12, "opened": "<5", "closed": "0"},
)


def week_before(today):
    """Monday of the full week (Monday to Sunday) before the one `today` is in."""
    return today - datetime.timedelta(days=today.weekday() + 7)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def summary_recipients():
    """Active users with a manager or case-director role in an active organisation and a team with neighbourhoods."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role__in=SUMMARY_ROLES,
            memberships__organisation__is_active=True,
        )
        .filter(teams__neighbourhoods__isnull=False)
        .distinct()
        .order_by("pk")
    )


@dataclass
class WeeklySummary:
    """The figures for one reader and one week, ready for the templates (counts already shown as text)."""

    user: object
    week_start: datetime.date
    signals: list = field(default_factory=list)  # (neighbourhood name, count), busiest first
    signals_total: int = 0
    cases_opened: str = "0"
    cases_closed: str = "0"
    opened_titles: list = field(default_factory=list)  # (title, link) of cases the reader may open
    closed_titles: list = field(default_factory=list)
    actions: list = field(default_factory=list)  # (organisation name, done, overdue)
    outcomes: list = field(default_factory=list)  # (outcome label, count)
    alerts: list = field(default_factory=list)

    @property
    def week_end(self):
        return self.week_start + datetime.timedelta(days=6)

    @property
    def period(self):
        return period_of(self.week_start)

    @property
    def notification_data(self):
        """What the in-app line (code weekly_summary, registered above) is filled in from: the figures."""
        return {
            "week_start": self.week_start.isoformat(),
            "signals": self.signals_total,
            "opened": self.cases_opened,
            "closed": self.cases_closed,
        }


def weekly_summary(user, week_start):
    """What changed in the user's teams' neighbourhoods in the week from `week_start`: seven queries."""
    start, end = _midnight(week_start), _midnight(week_start + datetime.timedelta(days=7))
    summary = WeeklySummary(user=user, week_start=week_start)

    # 1. the scope
    names = dict(team_neighbourhoods(user).values_list("pk", "name"))
    scope = list(names)

    # 2. new signals per neighbourhood (all visible to the reader: exact)
    per_neighbourhood = (
        Signal.objects.filter(neighbourhood__in=scope, occurred_at__gte=start, occurred_at__lt=end)
        .order_by()
        .values_list("neighbourhood")
        .annotate(count=Count("pk"))
    )
    summary.signals = sorted(((names[pk], count) for pk, count in per_neighbourhood), key=lambda r: (-r[1], r[0]))
    summary.signals_total = sum(count for _name, count in summary.signals)

    # 3. cases opened and closed (counted over all cases in scope: suppressed)
    opened_q, closed_q = Q(created_at__gte=start, created_at__lt=end), Q(closed_at__gte=start, closed_at__lt=end)
    cases = Case.objects.filter(neighbourhood__in=scope).aggregate(
        opened=Count("pk", filter=opened_q), closed=Count("pk", filter=closed_q)
    )
    summary.cases_opened, summary.cases_closed = shown(cases["opened"]), shown(cases["closed"])

    # 4. titles, only of cases the reader's organisation takes part in
    visible = (
        Case.objects.visible_to(user)
        .filter(opened_q | closed_q, neighbourhood__in=scope)
        .order_by("title", "pk")
        .values_list("pk", "title", "created_at", "closed_at")
    )
    for pk, title, created_at, closed_at in visible:
        link = settings.SITE_URL + reverse("cases:detail", args=[pk])
        if start <= created_at < end:
            summary.opened_titles.append((title, link))
        if closed_at and start <= closed_at < end:
            summary.closed_titles.append((title, link))

    # 5. actions done in the week, and overdue at its end, per partner organisation (suppressed)
    overdue_q = Q(due_on__lt=week_start + datetime.timedelta(days=7), case__status__in=OPEN_CASE_STATUSES)
    per_organisation = (
        Action.objects.filter(case__neighbourhood__in=scope)
        .order_by()
        .values_list("organisation__name")
        .annotate(
            done=Count("pk", filter=Q(done_at__gte=start, done_at__lt=end)),
            overdue=Count("pk", filter=overdue_q & (Q(done_at__isnull=True) | Q(done_at__gte=end))),
        )
        .filter(Q(done__gt=0) | Q(overdue__gt=0))
        .order_by("organisation__name")
    )
    summary.actions = [(name, shown(done), shown(overdue)) for name, done, overdue in per_organisation]

    # 6. interventions finished in the week, by outcome (suppressed)
    outcomes = dict(
        Intervention.objects.filter(
            case__neighbourhood__in=scope, status=InterventionStatus.DONE, updated_at__gte=start, updated_at__lt=end
        )
        .order_by()
        .values_list("outcome")
        .annotate(count=Count("pk"))
    )
    summary.outcomes = [(outcome.label, shown(outcomes[outcome])) for outcome in Outcome if outcomes.get(outcome)]

    # 7. early warnings active now
    summary.alerts = list(active_alerts_for(user))
    return summary


def summary_email(summary):
    """The weekly summary as an e-mail (notifications/email.py sends it)."""
    return Email(
        subject=_("[Veerkracht] Weekly summary %(period)s") % {"period": summary.period},
        template="dashboards/emails/weekly_summary",
        context={
            "summary": summary,
            "dashboard_link": settings.SITE_URL + dashboard_path(),
            "small": shown(1),
        },
    )


def render_summary_text(summary):
    return render_email_text(summary.user, summary_email(summary))


def weekly_claim(week_start):
    """Claim the summary of the week from `week_start` for every recipient not claimed before; returns how many."""
    claims = [
        WeeklySummarySent(recipient_id=pk, week_start=week_start)
        for pk in summary_recipients().values_list("pk", flat=True)
    ]
    return claim(WeeklySummarySent, claims)


def unsent_summaries(week_start):
    """Ids of the week's claims not delivered yet."""
    return list(
        WeeklySummarySent.objects.filter(week_start=week_start, sent_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _compose(row):
    summary = weekly_summary(row.recipient, row.week_start)
    return Message(
        NotificationKind.WEEKLY_SUMMARY,
        NotificationKind.WEEKLY_SUMMARY,
        summary.notification_data,
        dashboard_path(),
        summary_email(summary),
    )


WEEKLY_SUMMARIES = register(
    Outbox(
        "weekly_summaries",
        claims=lambda: WeeklySummarySent.objects.select_related("recipient"),
        # Skipped when the recipient no longer has a manager or case-director role.
        still_wanted=lambda row: summary_recipients().filter(pk=row.recipient_id).exists(),
        compose=_compose,
    )
)


def weekly_deliver(claim_id):
    """Deliver one claimed weekly summary (notifications.delivery.deliver): True if it went out now."""
    return deliver(WEEKLY_SUMMARIES, claim_id)


def weekly_send_now(week_start):
    """Claim and deliver the week's summaries in this process; returns how many went out now."""
    weekly_claim(week_start)
    return deliver_now(WEEKLY_SUMMARIES, unsent_summaries(week_start))


def weekly_preview(week_start):
    """[(user, summary, already sent)] for every recipient, sending nothing (for `--dry-run`)."""
    sent = set(
        WeeklySummarySent.objects.filter(week_start=week_start, sent_at__isnull=False).values_list(
            "recipient", flat=True
        )
    )
    return [(user, weekly_summary(user, week_start), user.pk in sent) for user in summary_recipients()]
