"""Counts the busiest pages show, kept until what they count changes.

How many cases a user may see — open ones, and all — kept until a case or a participation changes.

"Mijn werk" shows both counts on every visit. Over a city's cases they are a scan of the case table per
request (about 5 ms of PostgreSQL's time for a professional whose organisation takes part in a thousand
cases), for numbers that change a few times an hour. They follow from three things:

- the user's active organisations (the need-to-know rule, `participates`): in the entry's key, so a
  membership change counts at once (partners/viewer.py keeps those ids up to date);
- the day: participations start and end on dates, so the date is in the key too;
- the cases and participations themselves: every save or delete of either replaces the version
  (receivers below), and so do the writes that change them without a signal (`case_counts_changed`).

Only two numbers per set of organisations are kept: no case content.

How many signals the triage queue finds for a query ("1.274 meldingen") likewise, per query and what the
reader may see, until any signal is saved, deleted or anonymised: counting every matching signal was a
tenth of the queue's time. The rows themselves are always read afresh.
"""

import hashlib

from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from core.kept import Kept, key, replace_version
from partners.viewer import viewer_of

from .models import OPEN_CASE_STATUSES, Case, CaseParticipant, Signal

VERSION_KEY = "case-counts-version"
SIGNALS_VERSION_KEY = "signal-counts-version"


def case_counts_changed():
    """Every kept count is out of date: now, and once more when the transaction commits."""
    replace_version(key(VERSION_KEY))


def visible_case_counts(user):
    """{"open": .., "all": ..}: the cases `user` may see, the open ones and every one (one query, or none)."""
    if not (user and user.is_authenticated and user.is_active):
        return {"open": 0, "all": 0}  # sees nothing (visible_to); the kept counts are per organisations
    organisations = ",".join(map(str, viewer_of(user).organisation_ids))
    kept = Kept(key(VERSION_KEY), key("case-counts:1", timezone.localdate(), organisations))
    return kept.answer(
        "counts",
        lambda: Case.objects.visible_to(user).aggregate(
            open=Count("pk", filter=Q(status__in=OPEN_CASE_STATUSES)), all=Count("pk")
        ),
    )


def signal_counts_changed():
    """Every kept signal count is out of date: now, and once more when the transaction commits."""
    replace_version(key(SIGNALS_VERSION_KEY))


def kept_signal_count(user, query, count):
    """The number of signals `user`'s query (a query string, without the page) finds: kept, else `count()`."""
    viewer = viewer_of(user)
    seen = f"{viewer.organisation_ids}:{viewer.neighbourhood_ids}:{query}"  # what the count depends on
    kept = Kept(key(SIGNALS_VERSION_KEY), key("signal-count:1", hashlib.sha256(seen.encode()).hexdigest()[:32]))
    return kept.answer("count", count)


@receiver([post_save, post_delete], sender=Signal, dispatch_uid="cases_counts_signal")
def signal_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        signal_counts_changed()


@receiver([post_save, post_delete], sender=Case, dispatch_uid="cases_counts_case")
@receiver([post_save, post_delete], sender=CaseParticipant, dispatch_uid="cases_counts_participant")
def case_or_participation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        case_counts_changed()
