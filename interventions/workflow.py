"""Named verbs for the plan of approach: interventions, actions and case reviews.

The same conventions as cases/workflow.py: check the precondition (PlanError,
a message for the user), no-op when already there, save only what changes,
and write the case timeline entry in the same transaction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.errors import CaseError
from cases.models import TimelineKind
from partners.models import Membership


class PlanError(CaseError):
    """A plan verb's precondition does not hold; the message is meant for the user."""


def require_open(case):
    """A closed or cancelled case gets no new plan; reopen it first."""
    if not case.is_open:
        raise PlanError(_("This case is closed; reopen it before planning more."))


def _require_participant(case, organisation):
    if not case.participants.active().filter(organisation=organisation).exists():
        raise PlanError(
            _("%(organisation)s does not take part in this case; invite it first.") % {"organisation": organisation}
        )


def _require_member(user, organisation):
    if not Membership.objects.of(user).filter(organisation=organisation).exists():
        raise PlanError(
            _("%(user)s does not work for %(organisation)s.")
            % {"user": user.get_full_name() or user.get_username(), "organisation": organisation}
        )


@transaction.atomic
def intervention_add(
    case, *, by, kind, solution_direction, goal, lead_organisation, owner, contributions=(), start_on=None, due_on=None
):
    """Add an intervention led by a participating organisation, owned by one of its people.

    `contributions` is a sequence of (organisation, what it contributes); each
    contributing organisation must take part in the case too.
    """
    from .models import Contribution, Intervention

    require_open(case)
    if not goal.strip():
        raise PlanError(_("An intervention needs a goal."))
    _require_participant(case, lead_organisation)
    _require_member(owner, lead_organisation)
    start_on = start_on or timezone.localdate()
    if due_on and due_on < start_on:
        raise PlanError(_("The due date cannot be before the start date."))
    for organisation, _what in contributions:
        _require_participant(case, organisation)
    intervention = Intervention.objects.create(
        case=case,
        kind=kind,
        solution_direction=solution_direction,
        goal=goal.strip(),
        lead_organisation=lead_organisation,
        owner=owner,
        start_on=start_on,
        due_on=due_on,
    )
    Contribution.objects.bulk_create(
        Contribution(intervention=intervention, organisation=organisation, contribution=what.strip())
        for organisation, what in contributions
        if organisation != lead_organisation
    )
    case.log(
        TimelineKind.INTERVENTION,
        _("Intervention planned: %(kind)s, led by %(organisation)s")
        % {"kind": intervention.get_kind_display(), "organisation": lead_organisation},
        by=by,
        organisation=lead_organisation,
        intervention_id=intervention.pk,
        status=intervention.status,
    )
    return intervention


class InterventionVerbs:
    """Mixed into interventions.models.Intervention: planned → running → done / stopped."""

    def _move(self, status, *, by, allowed_from, summary, **fields):
        from .models import InterventionStatus

        if self.status == status:
            return
        if self.status not in allowed_from:
            raise PlanError(
                _("An intervention cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.get_status_display(), "to": InterventionStatus(status).label}
            )
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields, "updated_at"])
        self.case.log(
            TimelineKind.INTERVENTION,
            summary,
            by=by,
            organisation=self.lead_organisation,
            intervention_id=self.pk,
            status=status,
        )

    @transaction.atomic
    def start(self, *, by):
        """Mark a planned intervention as running."""
        from .models import InterventionStatus

        self._move(
            InterventionStatus.RUNNING,
            by=by,
            allowed_from={InterventionStatus.PLANNED},
            summary=_("Intervention started: %(kind)s") % {"kind": self.get_kind_display()},
        )

    @transaction.atomic
    def finish(self, *, by, outcome, evaluation):
        """Mark the intervention done; it needs an outcome and an evaluation."""
        from .models import InterventionStatus, Outcome

        if outcome not in Outcome.values:
            raise PlanError(_("Choose the outcome of the intervention."))
        if not evaluation.strip():
            raise PlanError(_("Write a short evaluation of the intervention."))
        self._move(
            InterventionStatus.DONE,
            by=by,
            allowed_from={InterventionStatus.PLANNED, InterventionStatus.RUNNING},
            summary=_("Intervention done: %(kind)s (%(outcome)s)")
            % {"kind": self.get_kind_display(), "outcome": Outcome(outcome).label},
            outcome=outcome,
            evaluation=evaluation.strip(),
        )

    @transaction.atomic
    def stop(self, *, by, evaluation):
        """Stop the intervention early; say why."""
        from .models import InterventionStatus

        if not evaluation.strip():
            raise PlanError(_("Say why the intervention stops."))
        self._move(
            InterventionStatus.STOPPED,
            by=by,
            allowed_from={InterventionStatus.PLANNED, InterventionStatus.RUNNING},
            summary=_("Intervention stopped: %(kind)s") % {"kind": self.get_kind_display()},
            evaluation=evaluation.strip(),
        )

    @transaction.atomic
    def add_progress(self, *, by, body):
        """Record progress on the intervention."""
        from .models import ProgressUpdate

        if not body.strip():
            raise PlanError(_("A progress update cannot be empty."))
        update = ProgressUpdate.objects.create(intervention=self, author=by, body=body.strip())
        self.case.log(
            TimelineKind.INTERVENTION,
            _("Progress on %(kind)s: %(body)s") % {"kind": self.get_kind_display(), "body": update.body[:150]},
            by=by,
            intervention_id=self.pk,
        )
        return update


@transaction.atomic
def action_add(case, *, by, title, organisation, assignee=None, due_on=None, intervention=None):
    """Give a participating organisation (or one of its people) a concrete task on the case."""
    from .models import Action

    require_open(case)
    if not title.strip():
        raise PlanError(_("An action needs a title."))
    _require_participant(case, organisation)
    if assignee is not None:
        _require_member(assignee, organisation)
    if intervention is not None and intervention.case_id != case.pk:
        raise PlanError(_("That intervention belongs to another case."))
    action = Action.objects.create(
        case=case,
        intervention=intervention,
        title=title.strip(),
        organisation=organisation,
        assignee=assignee,
        due_on=due_on,
        created_by=by,
    )
    who = assignee.get_full_name() if assignee else organisation.name
    case.log(
        TimelineKind.ACTION,
        _("Action for %(who)s: %(title)s") % {"who": who, "title": action.title},
        by=by,
        organisation=organisation,
        action_id=action.pk,
    )
    return action


class ActionVerbs:
    """Mixed into interventions.models.Action."""

    @transaction.atomic
    def complete(self, *, by, result):
        """Tick the action off with a note of what came of it."""
        if self.done_at is not None:
            return
        if not result.strip():
            raise PlanError(_("Say what came of the action."))
        self.done_at, self.done_by, self.result = timezone.now(), by, result.strip()
        self.save(update_fields=["done_at", "done_by", "result"])
        self.case.log(
            TimelineKind.ACTION,
            _("Action done: %(title)s — %(result)s") % {"title": self.title, "result": self.result[:150]},
            by=by,
            organisation=self.organisation,
            action_id=self.pk,
            done=True,
        )

    @transaction.atomic
    def reopen(self, *, by):
        """Open a done action again (its result is kept on the timeline)."""
        if self.done_at is None:
            return
        self.done_at, self.done_by, self.result = None, None, ""
        self.save(update_fields=["done_at", "done_by", "result"])
        self.case.log(
            TimelineKind.ACTION,
            _("Action reopened: %(title)s") % {"title": self.title},
            by=by,
            organisation=self.organisation,
            action_id=self.pk,
            done=False,
        )
