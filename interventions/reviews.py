"""Case reviews (casusoverleg): schedule, the agenda that assembles itself, minutes
whose decisions become actions in the same step."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cases.models import Signal, TimelineKind
from cases.persons import persons_due_for_a_new_look
from cases.visibility import people_taking_part
from core.limits import require_within

from .errors import EarlyMinutes, PlanError
from .models import Action, CaseReview, Intervention, InterventionStatus
from .rights import require, require_open
from .services import action_add


@transaction.atomic
def review_schedule(case, *, by, scheduled_for, attendees=()):
    """Plan a case review; the case's next review date follows it. Only whoever directs the case."""
    require(case.access_of(by).directs, _("Only whoever directs the case plans its reviews."))
    require_open(case)
    if scheduled_for < timezone.now() - timezone.timedelta(days=1):
        raise PlanError(_("A review cannot be planned in the past."))
    attendees = list(attendees)
    if attendees:
        allowed = people_taking_part(case).filter(pk__in=[attendee.pk for attendee in attendees])
        if allowed.count() != len({attendee.pk for attendee in attendees}):
            # Names nobody: the refused person may be someone the director has no business knowing of.
            raise PlanError(_("Only people of the organisations taking part in the case can attend its review."))
    review = CaseReview.objects.create(case=case, scheduled_for=scheduled_for, created_by=by)
    review.attendees.set(attendees)
    review_date = timezone.localtime(scheduled_for).date()
    if case.next_review_on != review_date:
        case.next_review_on = review_date
        case.save(update_fields=["next_review_on", "updated_at"])
    case.log(TimelineKind.REVIEW, "review_planned", {"review_id": review.pk, "date": review_date.isoformat()}, by=by)
    return review


@dataclass
class Agenda:
    overdue_actions: list
    new_signals: list
    interventions_due: list
    persons_to_look_again: list


def review_agenda(review, user):
    """What the review should discuss, as far as `user` may see it: overdue actions,
    signals since the last held review, interventions due by the review date, and
    persons not informed whose date to look again has come by then."""
    case = review.case
    previous = (
        CaseReview.objects.filter(case=case, held_at__isnull=False, held_at__lt=review.scheduled_for)
        .order_by("-held_at")
        .values_list("held_at", flat=True)
        .first()
    )
    review_day = timezone.localtime(review.scheduled_for).date()
    signals = Signal.objects.filter(case=case).select_related("neighbourhood", "reporting_organisation")
    if previous:
        signals = signals.filter(occurred_at__gt=previous)
    return Agenda(
        overdue_actions=list(
            Action.objects.visible_to(user)
            .filter(case=case)
            .overdue(today=review_day)
            .select_related("assignee", "organisation")
            .overdue_first()
        ),
        new_signals=list(signals.order_by("occurred_at")),
        interventions_due=list(
            Intervention.objects.visible_to(user)
            .filter(
                case=case, due_on__lte=review_day, status__in=[InterventionStatus.PLANNED, InterventionStatus.RUNNING]
            )
            .select_related("lead_organisation", "owner")
        ),
        persons_to_look_again=persons_due_for_a_new_look(case, review_day),
    )


@dataclass
class Decision:
    title: str
    organisation: object
    assignee: object = None
    due_on: object = None


@transaction.atomic
def review_record(review, *, by, minutes, decisions=(), next_review_on=None, held_early=False):
    """Record the minutes; each decision becomes an action; the next review date is set
    (left as it is when none is given).

    All or nothing: one bad decision (say, for an organisation that does not
    take part) saves none of it. A review is recorded once, by whoever directs the case.
    Minutes before the review's planned time are most often meant for another review:
    they need `held_early=True`, the director's confirmation that it was held early.
    """
    require(review.case.access_of(by).directs, _("Only whoever directs the case records its reviews."))
    require_open(review.case)
    if review.held_at is not None:
        raise PlanError(_("The minutes of this review are already recorded."))
    if review.scheduled_for > timezone.now() and not held_early:
        raise EarlyMinutes(
            _(
                "This review is planned for %(when)s, which has not come yet. "
                "Confirm that it was held early to record its minutes now."
            )
            % {"when": formats.date_format(timezone.localtime(review.scheduled_for), "j F Y, H:i")}
        )
    if not minutes.strip():
        raise PlanError(_("Write the minutes of the review."))
    require_within(CaseReview, "minutes", minutes, PlanError)
    case = review.case
    review.minutes = minutes.strip()
    review.held_at = timezone.now()
    review.save(update_fields=["minutes", "held_at"])
    actions = [
        action_add(
            case,
            by=by,
            title=decision.title,
            organisation=decision.organisation,
            assignee=decision.assignee,
            due_on=decision.due_on,
        )
        for decision in decisions
    ]
    if next_review_on is not None:
        if next_review_on <= timezone.localdate():
            raise PlanError(_("The next review must be after today."))
        case.next_review_on = next_review_on
        case.save(update_fields=["next_review_on", "updated_at"])
    case.log(TimelineKind.REVIEW, "review_held", {"review_id": review.pk, "count": len(actions)}, by=by)
    return actions
