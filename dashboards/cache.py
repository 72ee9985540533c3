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

import functools
import pickle
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

from core.kept import digest

# Bump when what is kept changes shape, so a deploy never reads the old shape.
SHAPE = 3


@dataclass
class Figures:
    """A page's figures: `values` (a dict) kept pickled, so that a page whose rendered fragments are kept
    too never unpickles them (for the overview, a millisecond a request)."""

    pickled: bytes
    names: tuple  # the keys of `values`
    small: dict  # values every page shows outside its kept fragments (a count), kept unpickled beside the rest
    computed_at: datetime
    key: str = ""  # the cache key, for the template's fragment cache
    seconds: int = 0  # how long both are kept; 0: not at all
    _when_read: list = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def of(cls, values, computed_at, key="", seconds=0, small=()):
        figures = cls(
            pickle.dumps(values, pickle.HIGHEST_PROTOCOL),
            tuple(values),
            {name: values[name] for name in small},
            computed_at,
            key,
            seconds,
        )
        figures.__dict__["values"] = values
        return figures

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("values", None)
        state["_when_read"] = []
        return state

    @functools.cached_property
    def values(self):
        values = pickle.loads(self.pickled)  # noqa: S301 - written by `of` above, read from our own cache
        for prepare in self._when_read:
            prepare(values)
        return values

    def when_read(self, prepare):
        """Call `prepare(values)` once the values are read (now, if they have been)."""
        if "values" in self.__dict__:
            prepare(self.values)
        else:
            self._when_read.append(prepare)

    def context(self):
        """The values for a template, each read when the template first reads it: a template that reads
        none of them (its fragments are kept) unpickles nothing."""
        lazy = {name: SimpleLazyObject(functools.partial(self._value, name)) for name in self.names}
        return {**lazy, **self.small}

    def _value(self, name):
        return self.values[name]


def page_figures(page, neighbourhood_ids, day, compute, small=()):
    """`compute()`'s dict for this page and scope, from the cache when it is fresh enough; the values
    named in `small` are shown outside the kept fragments and are kept where reading them costs nothing."""
    seconds = settings.DASHBOARD_CACHE_SECONDS
    if seconds <= 0:
        return Figures.of(compute(), timezone.now(), small=small)
    scope = digest(",".join(str(pk) for pk in sorted(neighbourhood_ids)))
    key = f"dashboards:{SHAPE}:{page}:{translation.get_language()}:{day.isoformat()}:{scope}"
    figures = cache.get(key)
    if figures is None:
        figures = Figures.of(compute(), timezone.now(), key, seconds, small=small)
        cache.set(key, figures, seconds)
    return figures
