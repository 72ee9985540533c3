"""Who may change what in the plan of approach: the rules the plan verbs ask, and pages and API show.

Duck-typed on the instances, so the models can import this module.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.utils.translation import gettext as _

from cases.errors import NotAllowed
from cases.models.visibility import member_of_any
from partners.viewer import viewer_of

from .errors import PlanError


def can_manage_intervention(user, intervention, access=None):
    """The owner, a member of the lead organisation, or someone who directs the case.
    (`access`: the user's CaseAccess to the intervention's case, when the caller has it.)"""
    if intervention.owner_id == user.pk or viewer_of(user).is_member_of(intervention.lead_organisation_id):
        return True
    return (access or intervention.case.access_of(user)).directs


def can_assign(user, access, organisation):
    """Who directs the case plans for every participant; anyone else for their own organisation."""
    return access.directs or viewer_of(user).is_member_of(organisation.pk)


def can_complete(user, action):
    """The assignee, anyone of the action's organisation, or the case director."""
    return (
        action.assignee_id == user.pk
        or action.case.case_director_id == user.pk
        or viewer_of(user).is_member_of(action.organisation_id)
    )


def require_open(case):
    """A closed or cancelled case gets no new plan and no plan changes; reopen it first."""
    if not case.is_open:
        raise PlanError(_("This case is closed; reopen it before planning more."))


def require(allowed, message=None):
    """Refuse (NotAllowed: an API 403) unless `allowed`."""
    if not allowed:
        raise NotAllowed(message or _("You may not change this part of the plan."))


# The same rules as columns, so a list decides its per-row buttons in its one query.


def manageable_column(directs, user_pk, organisation_ids):
    """`can_manage_intervention` as a column (rows of one case), by ids, for a query made SQL once: whether the
    user directs the case, who they are, their active organisations."""
    if directs:
        return Value(True)
    return ExpressionWrapper(
        Q(owner_id=user_pk) | member_of_any(organisation_ids, "lead_organisation"), output_field=BooleanField()
    )


def completable_by(access):
    """`can_complete` as a column (rows of one case): assignee, the action's organisation, the case director."""
    return completable_column(*completer(access), viewer_of(access.user).organisation_ids)


def completer(access):
    """(whether the user is the case's director, who they are): what `completable_column` asks besides their
    organisations."""
    return access.case.case_director_id == access.user.pk, access.user.pk


def completable_column(is_director, user_pk, organisation_ids):
    """`completable_by` by ids, for a query made SQL once: whether the user is the case director, who they are,
    their active organisations."""
    if is_director:
        return Value(True)
    return ExpressionWrapper(
        Q(assignee_id=user_pk) | member_of_any(organisation_ids, "organisation"), output_field=BooleanField()
    )
