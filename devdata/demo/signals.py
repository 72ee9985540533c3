"""The demo's signals: drawn with the seeded generator, then reported and handled through the signal verbs.

Drawing and writing are separate steps: every signal is drawn first (in a
fixed order, so the world is the same every time), then reported with
`signal_report` as its reporter at the moment it happened, and taken further
with the triage verbs. Signals that belong to a case are linked by the case's
own story (case_story.py); only the background noise of signals that join no
case is written in bulk (signals_insert), for speed.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Value
from django.db.models.functions import Least

from cases.models import Signal, SignalStatus
from cases.services import signal_report

from .history import History
from .people import NOT_REPORTING, USERS
from .signal_texts import (
    AFTERWORDS,
    BACKGROUND_SIGNALS,
    CATEGORY_WEIGHTS,
    CLOSED_REASONS,
    DESCRIPTIONS,
    EVENING,
    POSTCODE_AREAS,
    POSTCODE_LETTERS,
    REFERRED_REASONS,
    REPEAT_ADDRESSES,
    REPORTERS,
    SERIOUS,
    SERIOUS_SEVERITY_WEIGHTS,
    SEVERITY_WEIGHTS,
    TIJDEN,
    VAAK,
    WONINGEN,
    C,
)

# How long after it happened the team decides on a signal that joins no case, in days.
TRIAGE_AFTER = 1
DECIDE_AFTER = 3


@dataclass
class SignalDraft:
    """A signal still to be reported: by whom, what, where and when, and where the team's handling leaves it."""

    reporter: object
    organisation: object
    neighbourhood: object
    category: str
    severity: str
    description: str
    occurred_at: object
    address: tuple  # (postcode, house number, addition), or ("", None, "")
    status: str = SignalStatus.NEW
    reason: str = ""
    signal: object = None  # the Signal, once reported


def _weighted(rng, weights):
    options = list(weights)
    return rng.choices(options, weights=[weights[o] for o in options])[0]


class SignalDrafter:
    """Draws the demo's signals from signal_texts, always in the same order from one seeded generator."""

    def __init__(self, rng, clock, cast):
        self.rng, self.clock, self.cast = rng, clock, cast

    def background(self):
        """A year of signals spread over the teams' neighbourhoods by household count; they join no case."""
        by_area = {"oost": [], "nieuw_west": []}
        for code in sorted(self.cast.households):
            by_area[self.cast.team_of_buurt[code]].append(code)
        drafts = []
        for _ in range(BACKGROUND_SIGNALS):
            area = "oost" if self.rng.random() < 0.75 else "nieuw_west"
            codes = by_area[area]
            code = self.rng.choices(codes, weights=[self.cast.households[c] for c in codes])[0]
            category = _weighted(self.rng, CATEGORY_WEIGHTS)
            # Most signals spread over the year, a share bunched in recent months.
            recent = self.rng.random() >= 0.7
            offset = -int(self.rng.triangular(0, 180, 0)) if recent else -self.rng.randint(0, 364)
            address = self._random_address(code) if self.rng.random() < 0.55 else None
            drafts.append(self._draft(category, offset, code, address))
        return drafts

    def repeat_addresses(self):
        """Several signals at the same few addresses, without a case (yet)."""
        return [
            self._draft(category, offset, code, address, org_key)
            for code, address, items in REPEAT_ADDRESSES
            for category, offset, org_key in items
        ]

    def for_case(self, spec):
        """The signals a case spec lists; its story links them to the case."""
        return [
            self._draft(category, offset, spec["buurt"], spec["address"], org_key, SignalStatus.LINKED)
            for category, offset, org_key in spec["signals"]
        ]

    def _draft(self, category, offset, buurt_code, address, org_key=None, status=None):
        org_key, user = self._reporter(category, buurt_code, org_key)
        if status is None:
            status, reason = self._status(offset)
        else:
            reason = ""
        return SignalDraft(
            reporter=user,
            organisation=self.cast.orgs[org_key],
            status=status,
            reason=reason,
            occurred_at=self._occurred(category, offset),
            neighbourhood=self.cast.buurten[buurt_code],
            category=category,
            severity=self._severity(category),
            description=self._description(category),
            address=address or ("", None, ""),
        )

    def _reporter(self, category, buurt_code, org_key=None):
        """(organisation key, user) who would report this signal in this area."""
        area = self.cast.team_of_buurt[buurt_code]
        if org_key is None:
            org_key = _weighted(self.rng, REPORTERS[category])
        if org_key == "corp":
            org_key = "veste" if area == "oost" else "baken"
        elif org_key == "buurtteam" and area != "oost":
            org_key = "bemiddeling" if category in (C.NOISE, C.NEIGHBOUR_DISPUTE) else "gemeente"
        candidates = [
            u[0] for u in USERS if u[3] == org_key and u[0] not in NOT_REPORTING and (area in u[6] or not u[6])
        ] or [u[0] for u in USERS if u[3] == org_key and u[0] not in NOT_REPORTING]
        # The first-listed person of an organisation does most of its reporting.
        weights = [3] + [1] * (len(candidates) - 1)
        username = self.rng.choices(candidates, weights=weights)[0]
        return org_key, self.cast.users[username]

    def _status(self, offset):
        age = -offset
        if age < 14:
            weights = {SignalStatus.NEW: 6, SignalStatus.TRIAGED: 4}
        elif age < 90:
            weights = {SignalStatus.NEW: 1, SignalStatus.TRIAGED: 5, SignalStatus.CLOSED: 3, SignalStatus.REFERRED: 1}
        else:
            weights = {SignalStatus.TRIAGED: 2, SignalStatus.CLOSED: 6, SignalStatus.REFERRED: 2}
        status = _weighted(self.rng, weights)
        if status == SignalStatus.CLOSED:
            return status, self.rng.choice(CLOSED_REASONS)
        if status == SignalStatus.REFERRED:
            return status, self.rng.choice(REFERRED_REASONS)
        return status, ""

    def _occurred(self, category, offset):
        evening = category in EVENING
        hour = self.rng.choice([19, 20, 21, 22, 23, 0, 1, 2, 3]) if evening else self.rng.randint(8, 18)
        return self.clock.past(offset, hour, self.rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]))

    def _severity(self, category):
        return _weighted(self.rng, SERIOUS_SEVERITY_WEIGHTS if category in SERIOUS else SEVERITY_WEIGHTS)

    def _description(self, category):
        text = self.rng.choice(DESCRIPTIONS[category]).format(
            woning=self.rng.choice(WONINGEN), tijd=self.rng.choice(TIJDEN), vaak=self.rng.choice(VAAK)
        )
        if self.rng.random() < 0.35:
            text += self.rng.choice(AFTERWORDS)
        return text

    def _random_address(self, buurt_code):
        area = POSTCODE_AREAS[self.cast.buurten[buurt_code].district.code]
        letters = "".join(self.rng.choice(POSTCODE_LETTERS) for _ in range(2))
        addition = self.rng.choice(["", "", "", "1", "2", "3", "H", "A"])
        return f"{area} {letters}", self.rng.randint(1, 260), addition


def signal_file(draft):
    """Report the drafted signal through `signal_report`, as its reporter, now; the draft keeps the signal."""
    postcode, number, addition = draft.address
    draft.signal = signal_report(
        by=draft.reporter,
        organisation=draft.organisation,
        neighbourhood=draft.neighbourhood,
        category=draft.category,
        severity=draft.severity,
        description=draft.description,
        occurred_at=draft.occurred_at,
        postcode=postcode,
        house_number=number,
        house_number_addition=addition,
    )


def signal_decide(draft):
    """Take the team's decision on a reported signal that joins no case: triaged, closed or referred on."""
    signal, by = draft.signal, draft.reporter
    if draft.status == SignalStatus.TRIAGED:
        signal.mark_triaged(by=by)
    elif draft.status == SignalStatus.CLOSED:
        signal.close(by=by, reason=draft.reason)
    elif draft.status == SignalStatus.REFERRED:
        signal.refer_on(by=by, reason=draft.reason)


def _decided_after(status):
    return datetime.timedelta(days=TRIAGE_AFTER if status == SignalStatus.TRIAGED else DECIDE_AFTER)


def signals_tell(drafts, clock):
    """Report signals that join no case, each when it happened, and decide on them a few days later."""
    history = History()
    for draft in drafts:
        history.at(draft.occurred_at, signal_file, draft)
        if draft.status != SignalStatus.NEW:
            history.at(min(draft.occurred_at + _decided_after(draft.status), clock.now), signal_decide, draft)
    history.replay()


def signals_insert(drafts, clock):
    """Write the background signals in bulk, already decided on, with the dates the verbs would have given them.

    Speed: reporting these hundreds one by one through signal_report and the
    triage verbs takes seconds on PostgreSQL, for every test that loads the demo.
    They join no case, so no timeline is missed.
    """
    signals = []
    for draft in drafts:
        postcode, number, addition = draft.address
        draft.signal = Signal(
            reported_by=draft.reporter,
            reporting_organisation=draft.organisation,
            neighbourhood=draft.neighbourhood,
            category=draft.category,
            severity=draft.severity,
            description=draft.description,
            occurred_at=draft.occurred_at,
            postcode=postcode,
            house_number=number,
            house_number_addition=addition,
            status=draft.status,
            status_reason=draft.reason,
        )
        signals.append(draft.signal)
    Signal.objects.bulk_create(signals, batch_size=500)
    # bulk_create stamps auto_now(_add) with now; give them the moments the verbs would have.
    written = Signal.objects.filter(pk__in=[signal.pk for signal in signals])
    written.update(created_at=F("occurred_at"), updated_at=F("occurred_at"))
    for status in (SignalStatus.TRIAGED, SignalStatus.CLOSED, SignalStatus.REFERRED):
        decided = Least(F("occurred_at") + _decided_after(status), Value(clock.now))
        written.filter(status=status).update(updated_at=decided)
