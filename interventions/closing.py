"""A closing case settles its plan: what was still open ends with it (registered with cases/closing.py)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import ClosingReason, TimelineKind

from .models import Action, Intervention, InterventionStatus

CANCELLED = "cancelled"


def _why(reason):
    return ClosingReason(reason).label if reason else _("case cancelled")


def settle_plan(case, *, by, reason):
    """Planned and running interventions stop, open actions end, each with the case's closing reason
    (or "cancelled") and a line on the timeline. Runs inside the case's transition."""
    why = _why(reason)
    code = reason or CANCELLED
    running = list(
        Intervention.objects.filter(case=case, status__in=[InterventionStatus.PLANNED, InterventionStatus.RUNNING])
    )
    for intervention in running:
        intervention.status, intervention.ended_with_case = InterventionStatus.STOPPED, code
        intervention.save(update_fields=["status", "ended_with_case", "updated_at"])
        case.log(
            TimelineKind.INTERVENTION,
            _("Intervention ended with the case: %(kind)s (%(why)s)")
            % {"kind": intervention.get_kind_display(), "why": why},
            by=by,
            organisation=intervention.lead_organisation,
            intervention_id=intervention.pk,
            status=InterventionStatus.STOPPED,
            ended_with_case=code,
        )
    now = timezone.now()
    for action in Action.objects.open().filter(case=case).select_related("organisation"):
        action.done_at, action.done_by, action.ended_with_case = now, by, code
        action.save(update_fields=["done_at", "done_by", "ended_with_case"])
        case.log(
            TimelineKind.ACTION,
            _("Action ended with the case: %(title)s (%(why)s)") % {"title": action.title, "why": why},
            by=by,
            organisation=action.organisation,
            action_id=action.pk,
            ended_with_case=code,
        )
