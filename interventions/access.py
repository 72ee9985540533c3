"""The need-to-know chokepoint for interventions, actions and reviews: visible exactly when their case is
(see cases/access.py); anything else is a 404. What one may change there: interventions/rights.py."""

from django.http import Http404

from cases.access import get_case_for_user, get_visible, row_id
from core.compiled import Compiled

from .models import Action, CaseReview, Intervention

# Completing an action is a page of its own, used all day: the action comes in a query compiled once per
# process (core/compiled.py), and its case's chokepoint decides (another), instead of the visibility
# subquery that `get_visible` would compile on every request.
_action = Compiled(lambda pk: Action.objects.select_related("assignee", "organisation").filter(pk=pk), -7_000_001)


def get_intervention_for_user(user, pk):
    return get_visible(Intervention.objects.select_related("case", "lead_organisation", "owner"), user, pk)


def get_action_for_user(user, pk):
    """The action if the user may see it: exactly when its case is (ActionQuerySet has no rule of its own,
    tests/interventions/test_action_access.py holds it to that), with the case the chokepoint read."""
    found = _action(row_id(pk))
    if not found:
        raise Http404
    action = found[0]
    action.case = get_case_for_user(user, action.case_id).case  # 404 for whoever does not take part
    return action


def get_review_for_user(user, pk):
    return get_visible(CaseReview.objects.select_related("case"), user, pk)
