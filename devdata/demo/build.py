"""Building the demo world: the people, a year of signals, the hand-written cases and who read them.

Everything except the people and the background signals goes through the
domain verbs (signal_report and the triage verbs, case_open, invite,
transition, add_note, intervention_add, action_add, review_schedule,
review_record, the case page's logged read), each at its own moment in the past, so the
timeline and its Dutch texts come from the same code as real use.
"""

import random
from dataclasses import dataclass, field

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.access import get_case_for_user
from cases.models import Case, CaseParticipant, Note, NoteVisibility, ReadWhat, Signal, TimelineEntry
from interventions.models import Action, CaseReview, Intervention
from neighbourhoods.cbs import DEMO_CBS_FILE, import_cbs
from neighbourhoods.models import Neighbourhood
from partners.models import Organisation, Team
from partners.viewer import partnership_changed
from privacy.models import RetentionReview
from privacy.retention import retention_approve, retention_list

from . import (
    cases_archive,
    cases_dapper_transvaal,
    cases_indische_buurt_oost,
    cases_indische_buurt_west,
    cases_nieuw_west,
)
from .case_story import CaseStory
from .corporation_figures import corporation_figures_create, kerncijfers_import
from .history import MINUTE, Clock, History
from .people import MARKER_ORGANISATION, NOT_REPORTING, USERS, cast_create
from .signals import SignalDrafter, signals_insert, signals_tell

SEED = 2026
CASES = [
    *cases_indische_buurt_west.CASES,
    *cases_indische_buurt_oost.CASES,
    *cases_dapper_transvaal.CASES,
    *cases_nieuw_west.CASES,
    # Last: its signals are drawn after everyone else's, so it changes nothing of the rest.
    *cases_archive.CASES,
]
# The people joined the platform before the demo's history starts (the archived case, over two years ago).
JOINED = -950
# Case pages were read in the last two weeks (the access log's window in the demo).
READS_DAYS = 14


@dataclass
class DemoResult:
    created: bool
    counts: dict = field(default_factory=dict)


def load_demo_world(today=None):
    """Build the demo world in one transaction, unless it is already there.

    Returns a DemoResult; `created` is False when the marker organisation
    existed and nothing was written, so running twice changes nothing.
    """
    with transaction.atomic():
        if Organisation.objects.filter(name=MARKER_ORGANISATION).exists():
            return DemoResult(created=False, counts=demo_counts())
        import_cbs(DEMO_CBS_FILE)
        kerncijfers_import()
        _build(Clock(today or timezone.localdate()))
        partnership_changed()  # the people were bulk-created: no signals
        return DemoResult(created=True, counts=demo_counts())


def demo_counts():
    today = timezone.localdate()
    return {
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.count(),
        "teams": Team.objects.count(),
        "neighbourhoods": Neighbourhood.objects.count(),
        "signals": Signal.objects.count(),
        "cases": Case.objects.count(),
        "open_cases": Case.objects.open().count(),
        "participants": CaseParticipant.objects.count(),
        "notes": Note.objects.count(),
        "own_notes": Note.objects.filter(visibility=NoteVisibility.OWN_ORGANISATION).count(),
        "timeline": TimelineEntry.objects.count(),
        "interventions": Intervention.objects.count(),
        "actions": Action.objects.count(),
        "open_actions": Action.objects.open().count(),
        "overdue_actions": Action.objects.overdue(today).count(),
        "reviews": CaseReview.objects.count(),
    }


def _build(clock):
    """Write the whole world; one seeded generator, drawn in a fixed order, makes it the same every time."""
    rng = random.Random(SEED)
    with time_machine.travel(clock.moment(JOINED, 8), tick=False):
        cast = cast_create()
    corporation_figures_create(cast, clock)
    drafter = SignalDrafter(rng, clock, cast)
    background, repeats = drafter.background(), drafter.repeat_addresses()
    stories = [
        CaseStory({**spec, "number": number}, drafter.for_case(spec), cast, clock, rng)
        for number, spec in enumerate(CASES)
    ]
    signals_insert(background, clock)
    signals_tell(repeats, clock)
    for story in stories:
        story.tell()
    _reads(stories, cast, clock, rng)
    _retention(cast, clock)


def _retention(cast, clock):
    """Three days ago the daily job listed the archived case as due; its director agreed to anonymise it.
    The privacy officer's approval is what is left (Privacy → Bewaartermijnen)."""
    with time_machine.travel(clock.moment(-3, 5, 45), tick=False):
        retention_list()
    with time_machine.travel(clock.moment(-2, 10, 15), tick=False):
        for review in RetentionReview.objects.select_related("case"):
            retention_approve(review, by=review.case.case_director)


def _reads(stories, cast, clock, rng):
    """In the last two weeks, people of the taking-part organisations opened the open cases' pages."""
    history = History()
    for story in stories:
        if not story.case.is_open:
            continue
        active = {key for key, p in story.participants.items() if p["until"] is None}
        readers = [u[0] for u in USERS if u[0] not in NOT_REPORTING and u[3] in active]
        for _ in range(rng.randint(3, 7)):
            username = rng.choice(readers)
            at = clock.past(-rng.randint(0, READS_DAYS - 1), rng.randint(8, 18), rng.randint(0, 59))
            at = _since_joining(at, story.joined[cast.user_org[username]], clock)
            history.at(at, _read_case_page, cast.users[username], story.case)
    history.replay()


def _read_case_page(user, case):
    """What the case page does for `user`: fetch the case through the chokepoint, and log the read."""
    get_case_for_user(user, case.pk).log_read(ReadWhat.CASE_PAGE)


def _since_joining(at, joined, clock):
    """Nobody reads a case before their organisation takes part: spread the fortnight's reads over the days since
    (keeping the time of day)."""
    first = clock.offset_of(joined)
    if first <= -READS_DAYS:
        return at
    local = timezone.localtime(at)
    day = first + round((clock.offset_of(at) + READS_DAYS) * -first / READS_DAYS)
    moved = clock.past(day, local.hour, local.minute)
    return moved if moved > joined else min(joined + 30 * MINUTE, clock.now)
