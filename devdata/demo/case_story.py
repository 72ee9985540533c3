"""One hand-written case spec told through the domain verbs, each call at the moment the spec gives.

A story is scheduled first (report and link the signals, open the case,
invite and let go of partners, move the status, write notes, plan
interventions and actions, hold reviews) and then replayed in time order with
the clock at each moment. So every check a verb makes (does the organisation
take part on that day, is the case still open) holds for the spec as well: a
spec that could not have happened in real use fails loudly here.
"""

from dataclasses import dataclass

from django.utils import timezone

from cases.models import CaseStatus, NoteVisibility
from cases.persons import informing_record, person_add
from cases.services import case_open
from interventions.models import ENDED, InterventionStatus
from interventions.reviews import review_record, review_schedule
from interventions.services import action_add, intervention_add

from .history import MINUTE, History
from .persons import look_again_on, persons_of
from .signals import signal_file
from .spec import DEFAULT_BASIS, LEGAL_BASES

_PATH = [CaseStatus.REPORTED, CaseStatus.TRIAGE, CaseStatus.PLAN, CaseStatus.IN_PROGRESS]
# The statuses a case went through to reach the one its spec names.
STATUS_PATHS = {
    CaseStatus.REPORTED: _PATH[:1],
    CaseStatus.TRIAGE: _PATH[:2],
    CaseStatus.PLAN: _PATH[:3],
    CaseStatus.IN_PROGRESS: _PATH,
    CaseStatus.MONITORING: [*_PATH, CaseStatus.MONITORING],
    CaseStatus.CLOSED: [*_PATH, CaseStatus.MONITORING, CaseStatus.CLOSED],
    CaseStatus.ESCALATED: [*_PATH, CaseStatus.ESCALATED],
    CaseStatus.CANCELLED: [CaseStatus.REPORTED, CaseStatus.TRIAGE, CaseStatus.CANCELLED],
}


@dataclass
class _Made:
    """A spec item, and once its verb has run, what the verb made (intervention, action, review)."""

    spec: dict
    at: object  # the moment it is made
    made: object = None


class CaseStory:
    """The history of one case spec, told through the verbs."""

    def __init__(self, spec, drafts, cast, clock, rng):
        self.spec, self.drafts, self.cast, self.clock, self.rng = spec, drafts, cast, clock, rng
        self.director = cast.users[spec["director"]]
        self.participants = {p["org"]: p for p in spec["participants"]}
        self.case = None
        self.joined = {}  # organisation key -> the moment it started taking part
        self.history = History()

    def tell(self):
        """Create the case and its whole history through the verbs; returns the case."""
        # As the case-opening form has it: the director opens the case for their own organisation, which leads.
        director_org = self.cast.user_org[self.spec["director"]]
        self._require(director_org == self.spec["lead"], "the lead must be the director's own organisation")
        self._require(self.spec["lead"] in self.participants, "the lead organisation must take part")
        self._open_with_signals()
        self._participants()
        self._persons()
        self._statuses()
        self._notes()
        for spec in self.spec["interventions"]:
            self._intervention(spec)
        for spec in self.spec["actions"]:
            self._action(spec)
        self._reviews()
        self.history.replay()
        self._require(self.case.status == self.spec["status"], f"ended as {self.case.status}")
        review = self.clock.day(self.spec["review"]) if "review" in self.spec else None
        self._require(self.case.next_review_on == review, f"next review {self.case.next_review_on}, not {review}")
        return self.case

    def _require(self, condition, what):
        # The specs are hand-written; one that breaks a rule of real use must not slip into the demo.
        if not condition:
            raise ValueError(f"Demo case {self.spec['title']!r}: {what}")

    def _basis(self, org_key):
        participant = self.participants[org_key]
        return LEGAL_BASES[participant["basis"] or DEFAULT_BASIS[org_key]]

    # -- opening, partners, status --------------------------------------------

    def _open_with_signals(self):
        opened = self.spec["opened"]
        self.opened_at = self.clock.moment(opened, 9)
        at_opening = []
        for draft in self.drafts:
            self.history.at(draft.occurred_at, signal_file, draft)
            # Signals from before the case come with its opening; later ones are linked the next morning.
            linked = max(self.clock.offset_of(draft.occurred_at) + 1, opened)
            if linked == opened:
                at_opening.append(draft)
            else:
                self.history.at(self.clock.moment(linked, 9, 5), self._link, draft)
        self.history.at(self.opened_at, self._open, at_opening)

    def _open(self, drafts):
        spec = self.spec
        postcode, number, addition = spec["address"] or ("", None, "")
        self.case = case_open(
            by=self.director,
            organisation=self.cast.orgs[spec["lead"]],
            title=spec["title"],
            neighbourhood=self.cast.buurten[spec["buurt"]],
            signals=[draft.signal for draft in drafts],
            legal_basis=self._basis(spec["lead"]),
            scope=spec["scope"],
            priority=spec["priority"],
            postcode=postcode,
            house_number=number,
            house_number_addition=addition,
        )

    def _link(self, draft):
        draft.signal.link_to(self.case, by=self.director)

    def _participants(self):
        for key, p in self.participants.items():
            if key == self.spec["lead"]:
                self._require(p["since"] is None and p["until"] is None, "the lead takes part from opening to the end")
                self.joined[key] = self.opened_at
                continue
            since = self.spec["opened"] if p["since"] is None else p["since"]
            self._require(since >= self.spec["opened"], f"{key} takes part before the case opened")
            self.joined[key] = self.clock.moment(since, 9, 15)
            self.history.at(self.joined[key], self._invite, key)
            if p["until"] is not None:
                self.history.at(self.clock.moment(p["until"], 11), self._let_go, key)

    def _persons(self):
        """The people the case is about, recorded by the director shortly after opening, with their informing."""
        persons = persons_of(self.spec)
        if persons:
            self.history.at(self.opened_at + 20 * MINUTE, self._add_persons, persons)

    def _add_persons(self, persons):
        for fields in persons:
            fields = dict(fields)
            informing = fields.pop("informing")
            person = person_add(self.case, by=self.director, **fields)
            if informing is None:
                continue
            today = timezone.localdate()
            if informing["informed"]:
                informing_record(person, by=self.director, informed_on=today, **informing)
            else:
                informing_record(person, by=self.director, look_again_on=look_again_on(today), **informing)

    def _invite(self, key):
        self.case.invite(
            self.cast.orgs[key], by=self.director, legal_basis=self._basis(key), role=self.participants[key]["role"]
        )

    def _let_go(self, key):
        self.case.end_participation(self.cast.orgs[key], by=self.director)

    def _statuses(self):
        """Walk the case to its status: triage within days of opening, later steps evenly up to the last change."""
        path = STATUS_PATHS[self.spec["status"]]
        opened = self.spec["opened"]
        changed = self.spec.get("changed", opened)
        first = min(opened + 2, changed)
        steps = len(path) - 2
        self.last_change = self.opened_at
        for i, status in enumerate(path[1:]):
            offset = first + round((changed - first) * i / steps) if steps else changed
            self.last_change = self.clock.moment(offset, 16, 30)
            self.history.at(self.last_change, self._move, status)
        if "review" in self.spec and not self.spec["reviews"]:
            # Without a review to plan, the director sets the next review date in the case header.
            self.history.at(self.last_change + 5 * MINUTE, self._set_review_date)

    def _move(self, status):
        if status == CaseStatus.CLOSED:
            self.case.close(by=self.director, reason=self.spec["closing_reason"])
        elif status == CaseStatus.ESCALATED:
            self.case.escalate(by=self.director, to_whom=self.spec["escalated_to"])
        else:
            self.case.transition(status, by=self.director)

    def _set_review_date(self):
        self.case.edit(by=self.director, version=self.case.version, next_review_on=self.clock.day(self.spec["review"]))

    # -- notes -----------------------------------------------------------------

    def _notes(self):
        for spec in self.spec["notes"]:
            at = self.clock.moment(spec["days"], self.rng.randint(9, 17), self.rng.choice([0, 15, 30, 45]))
            org_key = self.cast.user_org[spec["author"]]
            self._require(self._takes_part(org_key, at), f"note author {spec['author']} is outside on that day")
            self.history.at(at, self._note, spec)

    def _takes_part(self, org_key, at):
        # As CaseParticipant.active(): from the moment it joined, up to (not on) the day it left.
        p = self.participants.get(org_key)
        left = p is not None and p["until"] is not None and self.clock.offset_of(at) >= p["until"]
        # Closing or cancelling ends every participation but the lead's (Case.transition).
        ended = self.spec["status"] in (CaseStatus.CLOSED, CaseStatus.CANCELLED) and at >= self.last_change
        left = left or (ended and org_key != self.spec["lead"])
        return p is not None and self.joined[org_key] <= at and not left

    def _note(self, spec):
        self.case.add_note(
            by=self.cast.users[spec["author"]],
            organisation=self.cast.org_of(spec["author"]),
            body=spec["body"],
            visibility=NoteVisibility.OWN_ORGANISATION if spec["own"] else NoteVisibility.ALL_PARTICIPANTS,
        )

    # -- the plan --------------------------------------------------------------

    def _intervention(self, spec):
        """Plan it (once its lead and contributors take part), start it, report progress, finish or stop it."""
        involved = [spec["lead"], *(key for key, _text in spec["contributions"])]
        self._require(all(key in self.participants for key in involved), f"{spec['kind']}: an organisation is outside")
        self._require(self.cast.user_org[spec["owner"]] == spec["lead"], f"{spec['owner']} is not of the lead")
        planned = self.clock.moment(max(min(spec["start"], 0) - 2, self.spec["opened"]), 14)
        plan = _Made(spec, max(planned, *(self.joined[key] + MINUTE for key in involved)))
        self.history.at(plan.at, self._plan, plan)
        since = plan.at
        if spec["status"] != InterventionStatus.PLANNED:
            since = max(self.clock.moment(spec["start"], 9, 30), plan.at + MINUTE)
            self.history.at(since, self._start, plan)
        for author, offset, body in spec["updates"]:
            self.history.at(max(self.clock.moment(offset, 13), since + MINUTE), self._progress, plan, author, body)
        if spec["status"] in ENDED:
            self.history.at(max(self.clock.moment(spec["due"], 15), since + MINUTE), self._end, plan)
        for action in spec["actions"]:
            self._action(action, plan)

    def _plan(self, plan):
        spec = plan.spec
        plan.made = intervention_add(
            self.case,
            by=self.director,
            kind=spec["kind"],
            solution_direction=spec["direction"],
            goal=spec["goal"],
            lead_organisation=self.cast.orgs[spec["lead"]],
            owner=self.cast.users[spec["owner"]],
            contributions=[(self.cast.orgs[key], text) for key, text in spec["contributions"]],
            start_on=self.clock.day(spec["start"]),
            due_on=self.clock.day(spec["due"]),
        )

    def _start(self, plan):
        plan.made.start(by=self.cast.users[plan.spec["owner"]])

    def _progress(self, plan, author, body):
        plan.made.add_progress(by=self.cast.users[author], body=body)

    def _end(self, plan):
        spec, owner = plan.spec, self.cast.users[plan.spec["owner"]]
        if spec["status"] == InterventionStatus.DONE:
            plan.made.finish(by=owner, outcome=spec["outcome"], evaluation=spec["evaluation"])
        else:  # stopping takes no outcome: an intervention stopped early has none
            plan.made.stop(by=owner, evaluation=spec["evaluation"])

    def _action(self, spec, plan=None):
        """Give the action to its assignee some two weeks before it is due (not before they take part); tick it off."""
        org_key = self.cast.user_org[spec["assignee"]]
        self._require(org_key in self.participants, f"assignee {spec['assignee']} is outside")
        done = spec["done"]
        given = self.clock.moment(max(min(spec["due"] - 14, 0 if done is None else done, -1), self.spec["opened"]), 11)
        task = _Made(spec, max(given, self.joined[org_key] + MINUTE, plan.at + MINUTE if plan else given))
        self.history.at(task.at, self._give, task, plan)
        if done is not None:
            completed = self.clock.moment(done, 15, 45)
            self._require(completed > task.at, f"action {spec['title']!r} is done before it could be given")
            self.history.at(completed, self._complete, task)

    def _give(self, task, plan):
        spec = task.spec
        task.made = action_add(
            self.case,
            by=self.director,
            title=spec["title"],
            organisation=self.cast.org_of(spec["assignee"]),
            assignee=self.cast.users[spec["assignee"]],
            due_on=self.clock.day(spec["due"]),
            intervention=plan.made if plan else None,
        )

    def _complete(self, task):
        task.made.complete(by=self.cast.users[task.spec["assignee"]], result=task.spec["result"])

    # -- reviews ---------------------------------------------------------------

    def _reviews(self):
        """Plan each review (two weeks ahead, or right after the previous one) and record those already held."""
        reviews = self.spec["reviews"]
        previous = None
        for i, spec in enumerate(reviews):
            ahead = self.clock.moment(max(spec["days"] - 14, self.spec["opened"]), 10)
            review = _Made(spec, previous + 15 * MINUTE if previous else ahead)
            self.history.at(review.at, self._schedule, review)
            if spec["days"] <= 0:
                held = self.clock.moment(spec["days"], 15, 30)
                # The last review held sets the next review date, unless a later review is already planned.
                upcoming = self.spec.get("review")
                last = i == len(reviews) - 1 and upcoming is not None and upcoming > spec["days"]
                self.history.at(held, self._record, review, self.clock.day(upcoming) if last else None)
                previous = held

    def _schedule(self, review):
        review.made = review_schedule(
            self.case,
            by=self.director,
            scheduled_for=self.clock.moment(review.spec["days"], 14, future=True),
            attendees=[self.cast.users[username] for username in review.spec["attendees"]],
        )

    def _record(self, review, next_review_on):
        review_record(review.made, by=self.director, minutes=review.spec["minutes"], next_review_on=next_review_on)
