"""The need-to-know chokepoint for interventions and actions: visible exactly
when their case is (see cases/access.py); anything else is a 404."""

from django.db.models import BooleanField, ExpressionWrapper, Q, Value

from cases.access import can_direct, get_visible
from cases.models import member_of
from partners.viewer import viewer_of

from .models import Action, Intervention


def get_intervention_for_user(user, pk):
    return get_visible(Intervention.objects.select_related("case", "lead_organisation", "owner"), user, pk)


def get_action_for_user(user, pk):
    return get_visible(Action.objects.select_related("case", "assignee", "organisation"), user, pk)


def can_manage_intervention(user, intervention):
    """The owner, a member of the lead organisation, or someone who directs the case."""
    return (
        intervention.owner_id == user.pk
        or viewer_of(user).is_member_of(intervention.lead_organisation_id)
        or can_direct(user, intervention.case)
    )


def can_assign(user, case, organisation):
    """Who directs the case plans for every participant; anyone else for their own organisation."""
    return can_direct(user, case) or viewer_of(user).is_member_of(organisation.pk)


def can_complete(user, action):
    """The assignee, anyone of the action's organisation, or the case director."""
    return (
        action.assignee_id == user.pk
        or action.case.case_director_id == user.pk
        or viewer_of(user).is_member_of(action.organisation_id)
    )


# The same two rules as columns, so a list decides its per-row buttons in its one query.


def manageable_by(user, *, directing):
    """`can_manage_intervention` as a column: owner, lead organisation, or someone directing the case."""
    if directing:
        return Value(True)
    return ExpressionWrapper(Q(owner=user) | member_of(user, "lead_organisation"), output_field=BooleanField())


def completable_by(user, case):
    """`can_complete` as a column (rows of one case): assignee, the action's organisation, the case director."""
    if case.case_director_id == user.pk:
        return Value(True)
    return ExpressionWrapper(Q(assignee=user) | member_of(user, "organisation"), output_field=BooleanField())
