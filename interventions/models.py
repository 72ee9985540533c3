"""The plan of approach: interventions, actions, case reviews and sent reminders."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import CaseChildQuerySet, TimelineKind
from core.choices import ChoiceDisplayMixin
from core.limits import require_within
from notifications.models import REMINDER_KINDS, Claim

from .errors import PlanError
from .rights import can_complete, can_manage_intervention, require, require_open


class InterventionKind(models.TextChoices):
    # Mild to strong on the housing side, then the care side.
    NEIGHBOUR_MEDIATION = "neighbour_mediation", _("neighbour mediation")
    HOME_VISIT = "home_visit", _("home visit (behind the front door)")
    WARNING_LETTER = "warning_letter", _("warning letter")
    LAST_CHANCE_AGREEMENT = "last_chance_agreement", _("last-chance agreement")
    TENANCY_BEHAVIOUR_ORDER = "tenancy_behaviour_order", _("tenancy behaviour order")
    ADMINISTRATIVE_WARNING = "administrative_warning", _("administrative warning")
    MAYORS_BEHAVIOUR_ORDER = "mayors_behaviour_order", _("mayor's behaviour order (art. 151d Gemeentewet)")
    CLOSURE_ORDER = "closure_order", _("closure order")
    EVICTION = "eviction", _("eviction")
    CARE_REFERRAL = "care_referral", _("care referral (Meldpunt Zorg en Overlast)")
    SUPPORTED_LIVING = "supported_living", _("supported living")
    DEBT_HELP = "debt_help", _("debt help")
    HOUSING_FIRST = "housing_first", _("Housing First")
    SKAEVE_HUSE = "skaeve_huse", _("Skaeve Huse")
    CONDITIONAL_TENANCY = "conditional_tenancy", _("conditional tenancy")
    ZVH_REFERRAL = "zvh_referral", _("referral to the Zorg- en Veiligheidshuis")
    VEILIG_THUIS_REPORT = "veilig_thuis_report", _("report to Veilig Thuis")
    PHYSICAL_MEASURE = "physical_measure", _("physical measure")
    OTHER = "other", _("other")


class SolutionDirection(models.TextChoices):
    DIVERSIFY_STOCK = "diversify_stock", _("diversify stock")
    ALLOCATION = "allocation", _("allocation")
    CARE_AND_SUPPORT = "care_and_support", _("care and support")
    SOCIAL_MANAGEMENT = "social_management", _("social management")
    EARLY_SIGNALLING = "early_signalling", _("early signalling")
    RESIDENT_STRENGTH = "resident_strength", _("resident strength")
    COLLABORATE = "collaborate", _("collaborate / tailor / learn")


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    STOPPED = "stopped", _("stopped")


# Statuses in which an intervention is over.
ENDED = [InterventionStatus.DONE, InterventionStatus.STOPPED]


class Outcome(models.TextChoices):
    EFFECTIVE = "effective", _("effective")
    PARTLY = "partly", _("partly effective")
    NOT_EFFECTIVE = "not_effective", _("not effective")
    UNKNOWN = "unknown", _("unknown")


class Intervention(ChoiceDisplayMixin, models.Model):
    """A joint measure on a case, led by one organisation, with contributors."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="interventions", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=InterventionKind.choices)
    solution_direction = models.CharField(_("solution direction"), max_length=24, choices=SolutionDirection.choices)
    goal = models.TextField(_("goal"))
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="led_interventions",
        verbose_name=_("lead organisation"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_interventions",
        verbose_name=_("owner"),
    )
    contributing_organisations = models.ManyToManyField(
        "partners.Organisation",
        through="Contribution",
        related_name="contributed_interventions",
        blank=True,
        verbose_name=_("contributing organisations"),
    )
    start_on = models.DateField(_("start"), default=timezone.localdate)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InterventionStatus.choices, default=InterventionStatus.PLANNED
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    # Set when the case closed (its closing reason) or was cancelled ("cancelled") while this was still open.
    ended_with_case = models.CharField(_("ended with the case"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self):
        return self.get_kind_display()

    def _require_manager(self, by):
        """Only the owner, the lead organisation and whoever directs the case change an intervention,
        and only while the case is open."""
        require(can_manage_intervention(by, self), gettext("You may not change this intervention."))
        require_open(self.case)

    def _move(self, status, *, by, allowed_from, code, **fields):
        if self.status == status:
            return
        if self.status not in allowed_from:
            raise PlanError(
                gettext("An intervention cannot go from “%(from)s” to “%(to)s”.")
                % {"from": self.get_status_display(), "to": InterventionStatus(status).label}
            )
        self.status = status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields, "updated_at"])
        data = {"intervention_id": self.pk, "kind": self.kind, "status": status}
        if "outcome" in fields:
            data["outcome"] = fields["outcome"]
        self.case.log(TimelineKind.INTERVENTION, code, data, by=by, organisation=self.lead_organisation)

    @transaction.atomic
    def start(self, *, by):
        """Mark a planned intervention as running."""
        self._require_manager(by)
        self._move(
            InterventionStatus.RUNNING,
            by=by,
            allowed_from={InterventionStatus.PLANNED},
            code="intervention_started",
        )

    @transaction.atomic
    def finish(self, *, by, outcome, evaluation):
        """Mark the intervention done; it needs an outcome and an evaluation."""
        self._require_manager(by)
        if outcome not in Outcome.values:
            raise PlanError(gettext("Choose the outcome of the intervention."))
        if not evaluation.strip():
            raise PlanError(gettext("Write a short evaluation of the intervention."))
        require_within(Intervention, "evaluation", evaluation, PlanError)
        self._move(
            InterventionStatus.DONE,
            by=by,
            allowed_from={InterventionStatus.PLANNED, InterventionStatus.RUNNING},
            code="intervention_done",
            outcome=outcome,
            evaluation=evaluation.strip(),
        )

    @transaction.atomic
    def stop(self, *, by, evaluation):
        """Stop the intervention early; say why."""
        self._require_manager(by)
        if not evaluation.strip():
            raise PlanError(gettext("Say why the intervention stops."))
        require_within(Intervention, "evaluation", evaluation, PlanError)
        self._move(
            InterventionStatus.STOPPED,
            by=by,
            allowed_from={InterventionStatus.PLANNED, InterventionStatus.RUNNING},
            code="intervention_stopped",
            evaluation=evaluation.strip(),
        )

    @transaction.atomic
    def add_progress(self, *, by, body):
        """Record progress on the intervention."""
        self._require_manager(by)
        if not body.strip():
            raise PlanError(gettext("A progress update cannot be empty."))
        require_within(ProgressUpdate, "body", body, PlanError)
        update = ProgressUpdate.objects.create(intervention=self, author=by, body=body.strip())
        self.case.log(
            TimelineKind.INTERVENTION,
            "intervention_progress",
            {"intervention_id": self.pk, "kind": self.kind, "body": update.body[:150]},
            by=by,
        )
        return update


class Contribution(models.Model):
    """What a contributing organisation brings to an intervention."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("intervention")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("organisation"),
    )
    contribution = models.CharField(_("contribution"), max_length=300)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(fields=["intervention", "organisation"], name="one_contribution_per_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.contribution}"


class ActionQuerySet(CaseChildQuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def overdue_first(self):
        """Open actions with the most urgent (oldest due date) first, undated last."""
        return self.order_by(models.F("due_on").asc(nulls_last=True), "pk")


def action_overdue(done_at, due_on, today):
    """An action not done (`done_at` None) with `due_on` before `today` is overdue (rows and instances)."""
    return done_at is None and due_on is not None and due_on < today


class Action(ChoiceDisplayMixin, models.Model):
    """A concrete task with an owner and a date."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="actions", verbose_name=_("case"))
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("intervention"),
    )
    title = models.CharField(_("title"), max_length=200)
    # Neither has an index of its own: the ones in Meta start with each and serve every lookup by it, and completing
    # an action changes an indexed column, so it writes every index of the table again.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("assignee"),
        db_index=False,
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name=_("organisation"),
        db_index=False,
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # Neither done_by nor created_by has an index: nothing looks actions up by them, only deleting a user does
    # (SET_NULL: a scan of one table, once), while completing an action would write both again.
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
        db_index=False,
    )
    result = models.TextField(_("result"), blank=True)
    # Set when the case closed (its closing reason) or was cancelled ("cancelled") while this was still open.
    ended_with_case = models.CharField(_("ended with the case"), max_length=20, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        db_index=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_on"]),
            models.Index(fields=["organisation", "done_at", "due_on"]),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.done_at is not None

    @property
    def is_overdue(self):
        return action_overdue(self.done_at, self.due_on, timezone.localdate())

    def _require_completer(self, by):
        require(can_complete(by, self), gettext("Only the assignee, their organisation and the case director may."))
        require_open(self.case)

    @transaction.atomic
    def complete(self, *, by, result):
        """Tick the action off with a note of what came of it."""
        self._require_completer(by)
        if self.done_at is not None:
            return
        if not result.strip():
            raise PlanError(gettext("Say what came of the action."))
        require_within(Action, "result", result, PlanError)
        self.done_at, self.done_by, self.result = timezone.now(), by, result.strip()
        self.save(update_fields=["done_at", "done_by", "result"])
        self.case.log(
            TimelineKind.ACTION,
            "action_done",
            {"action_id": self.pk, "title": self.title, "result": self.result[:150], "done": True},
            by=by,
            organisation=self.organisation,
        )

    @transaction.atomic
    def reopen(self, *, by):
        """Open a done action again (its result is kept on the timeline)."""
        self._require_completer(by)
        if self.done_at is None:
            return
        self.done_at, self.done_by, self.result = None, None, ""
        self.save(update_fields=["done_at", "done_by", "result"])
        self.case.log(
            TimelineKind.ACTION,
            "action_reopened",
            {"action_id": self.pk, "title": self.title, "done": False},
            by=by,
            organisation=self.organisation,
        )


class ProgressUpdate(models.Model):
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("intervention")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("progress"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return self.body[:60]


class CaseReview(models.Model):
    """A casusoverleg: partners review the case together; decisions become actions."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("case"))
    scheduled_for = models.DateTimeField(_("date and time"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="case_reviews", blank=True, verbose_name=_("attendees")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = _("case review")
        verbose_name_plural = _("case reviews")

    def __str__(self):
        return f"{self.case} {self.scheduled_for:%Y-%m-%d}"


class ReminderSent(Claim):
    """A reminder claimed before it is sent, so it goes out exactly once.

    The unique constraint is the claim: a second worker or a retried sweep
    inserting the same (kind, target, due date, recipient) fails and skips.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=[(k.value, k.label) for k in REMINDER_KINDS])
    target_type = models.CharField(_("about"), max_length=20)
    target_id = models.PositiveBigIntegerField(_("object id"))
    due_on = models.DateField(_("due date"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("case"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_type", "target_id", "due_on", "recipient"], name="reminder_sent_once"
            ),
        ]
        indexes = [models.Index(fields=["sent_at"], name="reminder_unsent")]

    def __str__(self):
        return f"{self.kind} {self.target_type}:{self.target_id} {self.due_on}"
