"""The need-to-know chokepoint for interventions, actions and reviews: visible exactly when their case is
(see cases/access.py); anything else is a 404. What one may change there: interventions/rights.py."""

from cases.access import get_visible

from .models import Action, CaseReview, Intervention


def get_intervention_for_user(user, pk):
    return get_visible(Intervention.objects.select_related("case", "lead_organisation", "owner"), user, pk)


def get_action_for_user(user, pk):
    return get_visible(Action.objects.select_related("case", "assignee", "organisation"), user, pk)


def get_review_for_user(user, pk):
    return get_visible(CaseReview.objects.select_related("case"), user, pk)
