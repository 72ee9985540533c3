"""Adding to the plan of approach: interventions and actions (their own verbs live on the models).

The same conventions as the case verbs: check the precondition (PlanError,
a message for the user), save only what changes, and write the case timeline
entry in the same transaction.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import TimelineKind
from core.limits import require_within
from partners.models import Membership

from .errors import PlanError
from .models import Action, Contribution, Intervention
from .rights import can_assign, require, require_open


def _require_participant(case, organisation):
    if not case.participants.active().filter(organisation=organisation).exists():
        raise PlanError(
            _("%(organisation)s does not take part in this case; invite it first.") % {"organisation": organisation}
        )


def _require_member(user, organisation):
    if not Membership.objects.of(user).filter(organisation=organisation).exists():
        # Names nobody: the API takes any user id, and the error must not say who that is.
        raise PlanError(_("The chosen person does not work for %(organisation)s.") % {"organisation": organisation})


@transaction.atomic
def intervention_add(
    case, *, by, kind, solution_direction, goal, lead_organisation, owner, contributions=(), start_on=None, due_on=None
):
    """Add an intervention led by a participating organisation, owned by one of its people.

    `contributions` is a sequence of (organisation, what it contributes); each
    contributing organisation must take part in the case too. Only whoever
    directs the case plans interventions.
    """
    require(case.access_of(by).directs, _("Only whoever directs the case plans its interventions."))
    require_open(case)
    if not goal.strip():
        raise PlanError(_("An intervention needs a goal."))
    require_within(Intervention, "goal", goal, PlanError)
    for _organisation, what in contributions:
        require_within(Contribution, "contribution", what, PlanError)
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
        "intervention_planned",
        {
            "intervention_id": intervention.pk,
            "kind": intervention.kind,
            "organisation": lead_organisation.name,
            "status": intervention.status,
        },
        by=by,
        organisation=lead_organisation,
    )
    return intervention


@transaction.atomic
def action_add(case, *, by, title, organisation, assignee=None, due_on=None, intervention=None):
    """Give a participating organisation (or one of its people) a concrete task on the case.

    Whoever directs the case plans for every participant; anyone else taking
    part for their own organisation.
    """
    require(can_assign(by, case.access_of(by), organisation), _("You can only plan actions for your own organisation."))
    require_open(case)
    if not title.strip():
        raise PlanError(_("An action needs a title."))
    require_within(Action, "title", title, PlanError)
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
    who = (assignee.get_full_name() or assignee.get_username()) if assignee else organisation.name
    case.log(
        TimelineKind.ACTION,
        "action_added",
        {"action_id": action.pk, "title": action.title, "who": who, "assignee_id": assignee.pk if assignee else None},
        by=by,
        organisation=organisation,
    )
    return action
