"""The need-to-know chokepoint for interventions and actions: visible exactly
when their case is (see cases/access.py); anything else is a 404."""

from cases.access import can_direct, get_visible
from partners.models import Membership

from .models import Action, Intervention


def get_intervention_for_user(user, pk):
    return get_visible(Intervention.objects.select_related("case", "lead_organisation", "owner"), user, pk)


def get_action_for_user(user, pk):
    return get_visible(Action.objects.select_related("case", "assignee", "organisation"), user, pk)


def can_manage_intervention(user, intervention):
    """The owner, a member of the lead organisation, or someone who directs the case."""
    return (
        intervention.owner_id == user.pk
        or Membership.objects.of(user).filter(organisation_id=intervention.lead_organisation_id).exists()
        or can_direct(user, intervention.case)
    )


def can_assign(user, case, organisation):
    """Who directs the case plans for every participant; anyone else for their own organisation."""
    return can_direct(user, case) or Membership.objects.of(user).filter(organisation=organisation).exists()
