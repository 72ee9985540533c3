"""Counts the busiest pages show, kept until a table they count from is written.

"Mijn werk" shows how many cases a user may see — open ones, and all — on every visit. Over a city's
cases they are a scan of the case table per request (about 5 ms of PostgreSQL's time for a professional
whose organisation takes part in a thousand cases), for numbers that change a few times an hour. The
triage queue says how many signals a query finds ("1.274 meldingen"): counting every matching signal was
a tenth of the queue's time. Each count follows from

- what the reader may see (the need-to-know rule): their active organisations, and for signals the
  neighbourhoods of their teams, in the entry's key, so a membership change counts at once
  (partners/viewer.py keeps those ids up to date);
- for cases the day, in the key too: participations start and end on dates;
- the rows counted: kept under the versions of the tables the count read (core/table_versions.py), which
  every statement that writes one replaces once committed, however it was written (a save, an
  `update()`, an anonymisation, a bulk load).

Only numbers are kept: no case content. The rows themselves are always read afresh.
"""

from django.db.models import Count, Q
from django.utils import timezone

from core.kept import digest, key
from core.table_versions import kept_until_written
from partners.viewer import viewer_of

from .models import OPEN_CASE_STATUSES, Case


def visible_case_counts(user):
    """{"open": .., "all": ..}: the cases `user` may see, the open ones and every one (one query, or none)."""
    if not (user and user.is_authenticated and user.is_active):
        return {"open": 0, "all": 0}  # sees nothing (visible_to); the kept counts are per organisations
    organisations = ",".join(map(str, viewer_of(user).organisation_ids))
    return kept_until_written(
        key("case-counts:2", timezone.localdate(), organisations),
        lambda: Case.objects.visible_to(user).aggregate(
            open=Count("pk", filter=Q(status__in=OPEN_CASE_STATUSES)), all=Count("pk")
        ),
    )


def kept_signal_count(user, query, count):
    """The number of signals `user`'s query (a query string, without the page) finds: kept, else `count()`."""
    viewer = viewer_of(user)
    seen = f"{viewer.organisation_ids}:{viewer.neighbourhood_ids}:{query}"  # what the count depends on
    return kept_until_written(key("signal-count:2", digest(seen)), count)
