"""A dashboard page's figures, computed at most once every few minutes per scope.

The figures are aggregates over whole neighbourhoods: the same for everyone
whose teams cover the same neighbourhoods, read far more often than they change
in a way that matters to a manager. A page's figures (its tables and charts, in
the reader's language) are kept for DASHBOARD_CACHE_SECONDS, keyed by exactly
what they depend on: the page, the neighbourhoods, the day and the language.
The page says when they were computed, and renders them once per computation
as well: templates wrap the figures in `{% cache figures.seconds "..." figures.key
figures.computed_at.timestamp %}`, so a new computation is a new fragment.

Nothing kept here names a case, an address or a person: those lists are read
per viewer, through `visible_to`, on every request (need-to-know).
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

# Bump when what is kept changes shape, so a deploy never reads the old shape.
SHAPE = 2


@dataclass
class Figures:
    values: dict
    computed_at: datetime
    key: str = ""  # the cache key, for the template's fragment cache
    seconds: int = 0  # how long both are kept; 0: not at all


def page_figures(page, neighbourhood_ids, day, compute):
    """`compute()`'s dict for this page and scope, from the cache when it is fresh enough."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if seconds <= 0:
        return Figures(compute(), timezone.now())
    scope = hashlib.sha256(",".join(str(pk) for pk in sorted(neighbourhood_ids)).encode()).hexdigest()[:32]
    key = f"dashboards:{SHAPE}:{page}:{translation.get_language()}:{day.isoformat()}:{scope}"
    figures = cache.get(key)
    if figures is None:
        figures = Figures(compute(), timezone.now(), key, seconds)
        cache.set(key, figures, seconds)
    return figures
