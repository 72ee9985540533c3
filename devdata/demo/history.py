"""The demo's past: day offsets as dates and moments, and verb calls replayed at those moments.

The verbs stamp "now" (auto_now fields, timezone.now() defaults, localdate()),
while a believable history needs dates spread over the past year. time-machine
stops the clock at each call's moment, so every verb writes the dates it
would have written then; the calls run in the site's language (Dutch), so the
stored texts are the ones real use stores.
"""

import datetime

import time_machine
from django.conf import settings
from django.utils import timezone, translation

MINUTE = datetime.timedelta(minutes=1)


class Clock:
    """Day offsets relative to the demo's today (negative = in the past); no moment is later than now."""

    def __init__(self, today, now=None):
        self.today = today
        self.now = now or timezone.now()

    def day(self, offset):
        return self.today + datetime.timedelta(days=offset)

    def offset_of(self, moment):
        """The day offset of an aware datetime, in local time."""
        return (timezone.localtime(moment).date() - self.today).days

    def moment(self, offset, hour=10, minute=0, future=False):
        """An aware datetime `offset` days from today; never later than now unless `future`."""
        aware = timezone.make_aware(datetime.datetime.combine(self.day(offset), datetime.time(hour, minute)))
        return aware if future else min(aware, self.now)

    def past(self, offset, hour, minute):
        """Like moment(), but a time later today than now moves to yesterday instead of stacking up at now."""
        aware = self.moment(offset, hour, minute, future=True)
        return aware if aware <= self.now else aware - datetime.timedelta(days=1)


class History:
    """Calls to make at moments in the past."""

    def __init__(self):
        self._calls = []

    def at(self, moment, call, *args, **kwargs):
        """Schedule `call(*args, **kwargs)` at `moment`; calls at the same moment keep the order given."""
        self._calls.append((moment, len(self._calls), call, args, kwargs))

    def replay(self):
        """Make the scheduled calls, oldest first, each with the clock stopped at its moment, in the site's language."""
        calls, self._calls = sorted(self._calls, key=lambda scheduled: scheduled[:2]), []
        with translation.override(settings.LANGUAGE_CODE):
            for moment, _order, call, args, kwargs in calls:
                with time_machine.travel(moment, tick=False):
                    call(*args, **kwargs)
