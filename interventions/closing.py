"""A closing case settles its plan: what was still open ends with it (registered with cases/closing.py)."""

from django.utils import timezone

from cases.models import TimelineKind

from .models import Action, Intervention, InterventionStatus

CANCELLED = "cancelled"


def settle_plan(case, *, by, reason):
    """Planned and running interventions stop, open actions end, each with the case's closing reason
    (or "cancelled") and a line on the timeline. Runs inside the case's transition."""
    code = reason or CANCELLED
    # A closing reason is shown as its label, a cancelled case in a sentence of its own (interventions/apps.py).
    intervention_line = "intervention_ended_with_case" if reason else "intervention_cancelled_with_case"
    action_line = "action_ended_with_case" if reason else "action_cancelled_with_case"
    running = list(
        Intervention.objects.filter(case=case, status__in=[InterventionStatus.PLANNED, InterventionStatus.RUNNING])
    )
    for intervention in running:
        intervention.status, intervention.ended_with_case = InterventionStatus.STOPPED, code
        intervention.save(update_fields=["status", "ended_with_case", "updated_at"])
        case.log(
            TimelineKind.INTERVENTION,
            intervention_line,
            {
                "intervention_id": intervention.pk,
                "kind": intervention.kind,
                "status": InterventionStatus.STOPPED,
                "ended_with_case": code,
            },
            by=by,
            organisation=intervention.lead_organisation,
        )
    now = timezone.now()
    for action in Action.objects.open().filter(case=case).select_related("organisation"):
        action.done_at, action.done_by, action.ended_with_case = now, by, code
        action.save(update_fields=["done_at", "done_by", "ended_with_case"])
        case.log(
            TimelineKind.ACTION,
            action_line,
            {"action_id": action.pk, "title": action.title, "ended_with_case": code},
            by=by,
            organisation=action.organisation,
        )
