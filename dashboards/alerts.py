"""Early warning: neighbourhoods where signals rise, addresses several partners worry about.

Detection is two grouped queries over the signals, whatever their number.
An alert is raised once while its condition holds (a conditional unique
constraint allows one active alert per neighbourhood and per address), is
cleared when the condition stops, and a later recurrence raises a new one.

Telling people follows the reminders (interventions/reminders.py): each
(alert, recipient) is first *claimed* as an AlertNotification row whose unique
constraint makes a second run, a concurrent worker or a retry claim nothing
new; delivery then works through unsent claims under a row lock, writing the
in-app notification and the e-mail in the transaction that marks it sent.

A third kind comes from the Veerkracht monitor: a buurt "kwetsbaar en onder
druk" (monitor/data.py `vulnerable_buurten`: a corporatiebuurt with low income
above the city and rising signals), raised and cleared the same way.

Recipients are the coordinators and case directors in the teams covering the
neighbourhood. As team members they can already see the signals behind an
alert, and an alert names no case. Their link goes to the dashboard when they
may see figures, else to the neighbourhood's signal list.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, ExpressionWrapper, F, FloatField, OuterRef, Q, Value
from django.db.models.lookups import GreaterThan
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Signal
from cases.visibility import covering_pairs, people_covering
from monitor.data import vulnerable_buurten
from notifications.delivery import Message, Outbox, claim, deliver, deliver_now, register
from notifications.texts import NOTIFICATIONS
from partners.models import Membership, Role

from .models import Alert, AlertKind, AlertNotification

DASHBOARD_PATH = "/overzicht/"
ALERTED_ROLES = [Role.COORDINATOR, Role.CASE_DIRECTOR]

# What an alert says (Alert.message picks the code), from its figures, in each reader's language.
NEIGHBOURHOOD_EXAMPLE = {
    "neighbourhood": "Dapperbuurt Noord",
    "recent": 7,
    "baseline": 12,
    "recent_weeks": 4,
    "baseline_weeks": 12,
    "expected": 4,
}
NOTIFICATIONS.register(
    "neighbourhood_alert",
    _(
        "Signals are rising in %(neighbourhood)s: %(recent)s in the last %(recent_weeks)s weeks, "
        "where about %(expected)s would be usual."
    ),
    example=NEIGHBOURHOOD_EXAMPLE,
)
NOTIFICATIONS.register(
    "neighbourhood_alert_from_none",
    _(
        "Signals are rising in %(neighbourhood)s: %(recent)s in the last %(recent_weeks)s weeks, "
        "against none in the %(baseline_weeks)s weeks before."
    ),
    example={**NEIGHBOURHOOD_EXAMPLE, "recent": 5, "baseline": 0, "expected": 0},
)
NOTIFICATIONS.register(
    "vulnerable_alert",
    _(
        "%(neighbourhood)s is vulnerable and under pressure: %(corporation_share)s%% corporation homes, "
        "low income at %(low_income_index)s (Amsterdam = 100), and %(recent)s signals in the last three months "
        "against %(previous)s in the three before."
    ),
    example={
        "neighbourhood": "Transvaalbuurt West",
        "corporation_share": 63.0,
        "low_income_index": 145,
        "recent": 12,
        "previous": 6,
    },
)
NOTIFICATIONS.register(
    "address_alert",
    _(
        "%(count)s signals from %(organisations)s organisations about %(address)s (%(neighbourhood)s) "
        "in the last %(days)s days."
    ),
    example={"neighbourhood": "Dapperbuurt Noord", "address": "1093 AB 12", "count": 4, "organisations": 3, "days": 30},
)


def dashboard_path():
    """The neighbourhood dashboard's path; its fixed address while the page is not registered yet."""
    try:
        return reverse("dashboards:neighbourhoods")
    except NoReverseMatch:
        return DASHBOARD_PATH


def alert_link(alert, user):
    """Where a recipient follows an alert to: the dashboard if they may see figures, else the signals themselves.

    Coordinators are told about alerts but the dashboard is for managers and
    case directors (a 403 for them); every covering team member may open the
    signal list of the neighbourhood.
    """
    if any(membership.sees_aggregates for membership in Membership.objects.of(user)):
        if alert.kind == AlertKind.VULNERABLE:
            return reverse("monitor:neighbourhood", args=[alert.neighbourhood.code])
        return dashboard_path()
    return alert.signals_url


def _key(kind, neighbourhood_id, postcode="", house_number=None):
    return (kind, neighbourhood_id, postcode, house_number)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def rising_neighbourhoods(today):
    """{key: figures} for every neighbourhood whose signals rose above its usual level.

    Compares the count in the last ALERT_RECENT_WEEKS with ALERT_FACTOR times
    the weekly average over the ALERT_BASELINE_WEEKS before, for as many weeks;
    written without division: recent × baseline_weeks > factor × recent_weeks × baseline.
    """
    recent_weeks, baseline_weeks = settings.ALERT_RECENT_WEEKS, settings.ALERT_BASELINE_WEEKS
    end = _midnight(today)
    recent_start = _midnight(today - datetime.timedelta(weeks=recent_weeks))
    baseline_start = _midnight(today - datetime.timedelta(weeks=recent_weeks + baseline_weeks))
    rows = (
        Signal.objects.filter(occurred_at__gte=baseline_start, occurred_at__lt=end)
        .order_by()
        .values("neighbourhood")
        .annotate(
            recent=Count("pk", filter=Q(occurred_at__gte=recent_start)),
            baseline=Count("pk", filter=Q(occurred_at__lt=recent_start)),
        )
        .filter(recent__gte=settings.ALERT_MIN_SIGNALS)
        .filter(
            GreaterThan(
                F("recent") * baseline_weeks,
                ExpressionWrapper(
                    F("baseline") * Value(settings.ALERT_FACTOR * recent_weeks), output_field=FloatField()
                ),
            )
        )
        .values_list("neighbourhood", "recent", "baseline")
    )
    return {
        _key(AlertKind.NEIGHBOURHOOD, neighbourhood_id): {
            "recent": recent,
            "baseline": baseline,
            "recent_weeks": recent_weeks,
            "baseline_weeks": baseline_weeks,
            "expected": round(baseline * recent_weeks / baseline_weeks),
        }
        for neighbourhood_id, recent, baseline in rows
    }


def hot_addresses(today):
    """{key: figures} for every address with signals from several organisations and no open case there now."""
    days = settings.ALERT_ADDRESS_DAYS
    open_case_here = Case.objects.open().filter(postcode=OuterRef("postcode"), house_number=OuterRef("house_number"))
    rows = (
        Signal.objects.filter(
            occurred_at__gte=_midnight(today - datetime.timedelta(days=days)),
            occurred_at__lt=_midnight(today),
            house_number__isnull=False,
        )
        .exclude(postcode="")
        .filter(~Exists(open_case_here))
        .order_by()
        .values("neighbourhood", "postcode", "house_number")
        .annotate(count=Count("pk"), organisations=Count("reporting_organisation", distinct=True))
        .filter(
            count__gte=settings.ALERT_ADDRESS_MIN_SIGNALS,
            organisations__gte=settings.ALERT_ADDRESS_MIN_ORGANISATIONS,
        )
        .values_list("neighbourhood", "postcode", "house_number", "count", "organisations")
    )
    return {
        _key(AlertKind.ADDRESS, neighbourhood_id, postcode, house_number): {
            "count": count,
            "organisations": organisations,
            "days": days,
        }
        for neighbourhood_id, postcode, house_number, count, organisations in rows
    }


def vulnerable_neighbourhoods(today):
    """{key: figures} for every buurt "kwetsbaar en onder druk" (the monitor's rule, monitor/data.py)."""
    return {_key(AlertKind.VULNERABLE, pk): figures for pk, figures in vulnerable_buurten(today).items()}


def alerts_detect(today=None):
    """Raise an alert for every condition that holds and has none active; clear the ones that stopped.

    The windows are whole days up to yesterday, so every run on one day sees
    the same signals: an alert cannot flicker on and off with the time of day.
    Returns {"raised": n, "cleared": n}. Safe to run twice or concurrently:
    the conditional unique constraints turn a second raise into nothing.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    holding = rising_neighbourhoods(today) | hot_addresses(today) | vulnerable_neighbourhoods(today)
    active = {
        _key(kind, neighbourhood_id, postcode, house_number): pk
        for pk, kind, neighbourhood_id, postcode, house_number in Alert.objects.active().values_list(
            "pk", "kind", "neighbourhood", "postcode", "house_number"
        )
    }
    stopped = [pk for key, pk in active.items() if key not in holding]
    cleared = Alert.objects.filter(pk__in=stopped, cleared_at__isnull=True).update(cleared_at=now)
    # Sorted, so concurrent runs insert in the same order and wait on each other instead of deadlocking.
    new = []
    for key in sorted(holding, key=lambda k: (*k[:3], k[3] or 0)):
        if key not in active:
            kind, neighbourhood_id, postcode, number = key
            new.append(
                Alert(
                    kind=kind,
                    neighbourhood_id=neighbourhood_id,
                    postcode=postcode,
                    house_number=number,
                    raised_at=now,
                    figures=holding[key],
                )
            )
    before = Alert.objects.count()
    Alert.objects.bulk_create(new, ignore_conflicts=True)
    return {"raised": Alert.objects.count() - before, "cleared": cleared}


def alert_recipients():
    """(alert id, user id) for every active alert and every coordinator or case director covering it.

    Who covers a buurt is the need-to-know rule's own set-based form (cases/visibility.py), not restated here.
    """
    alerts = list(Alert.objects.active().order_by("pk").values_list("pk", "neighbourhood_id"))
    covering = defaultdict(set)
    for neighbourhood_id, user_id in covering_pairs({n for _pk, n in alerts}, _alerted_roles()):
        covering[neighbourhood_id].add(user_id)
    return [
        (alert_id, user_id) for alert_id, neighbourhood_id in alerts for user_id in sorted(covering[neighbourhood_id])
    ]


def _alerted_roles():
    """Active coordinators and case directors of an active organisation: who hears of alerts."""
    return get_user_model().objects.filter(
        is_active=True, memberships__role__in=ALERTED_ROLES, memberships__organisation__is_active=True
    )


def _alerted_people(alert):
    """Coordinators and case directors (of an active organisation) who cover the alert's neighbourhood."""
    return people_covering(alert.neighbourhood_id).filter(pk__in=_alerted_roles())


def alerts_claim():
    """Claim a notification for every (active alert, recipient) not claimed before; returns how many are new.

    Claims go to everyone covering an active alert, so someone who joins a
    team while an alert is active hears of it too, once.
    """
    claims = [AlertNotification(alert_id=alert_id, recipient_id=user_id) for alert_id, user_id in alert_recipients()]
    return claim(AlertNotification, claims)


def unsent_alert_notifications():
    """Ids of every claim not yet delivered, oldest first."""
    return list(AlertNotification.objects.filter(sent_at__isnull=True).order_by("pk").values_list("pk", flat=True))


def _still_covers(user, alert):
    return _alerted_people(alert).filter(pk=user.pk).exists()


def _compose(row):
    alert = row.alert
    text = alert.message
    return Message(alert.notification_kind, text.code, text.data, alert_link(alert, row.recipient))


ALERTS = register(
    Outbox(
        "alerts",
        claims=lambda: AlertNotification.objects.select_related("recipient", "alert__neighbourhood"),
        # Skipped when the alert cleared, or the recipient no longer covers the neighbourhood.
        still_wanted=lambda row: row.alert.is_active and _still_covers(row.recipient, row.alert),
        compose=_compose,
    )
)


def alert_notification_deliver(claim_id):
    """Deliver one claimed alert notification (notifications.delivery.deliver): True if it went out now."""
    return deliver(ALERTS, claim_id)


def alerts_run_now(today=None):
    """The whole job, in this process: detect, claim, deliver. Returns the counts (for `detect_alerts`)."""
    result = alerts_detect(today)
    result["claimed"] = alerts_claim()
    result["notified"] = deliver_now(ALERTS, unsent_alert_notifications())
    return result


def active_alerts_for(user):
    """The active alerts in the user's teams' neighbourhoods, newest first, in one query."""
    return Alert.objects.active().visible_to(user).select_related("neighbourhood").order_by("-raised_at", "-pk")
