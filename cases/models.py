"""Signals (meldingen), cases (casussen) and everything on a shared case page.

Who may see what is decided in cases/access.py, never here or in views.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin

from .triage import SignalTriage
from .workflow import CaseWorkflow

postcode_validator = RegexValidator(r"^[1-9][0-9]{3} [A-Z]{2}$", _("Enter a Dutch postcode such as 1234 AB."))


def normalise_postcode(text):
    """'1094ab' or ' 1094 AB ' -> '1094 AB'; anything else is returned stripped, for the validator to refuse."""
    compact = "".join((text or "").split()).upper()
    if len(compact) == 6 and compact[:4].isdigit() and compact[4:].isalpha():
        return f"{compact[:4]} {compact[4:]}"
    return (text or "").strip()


def member_of(user, organisation_field):
    """Q: the organisation in `organisation_field` is one of the user's active organisations."""
    from partners.viewer import viewer_of

    return Q(**{f"{organisation_field}__in": viewer_of(user).organisation_ids})


def participates(user, case_ref):
    """Exists(): one of the user's organisations actively takes part in the case at `case_ref`.

    This is the need-to-know rule; every case-related queryset reuses it.
    """
    from partners.viewer import viewer_of

    return Exists(
        CaseParticipant.objects.active().filter(case=case_ref, organisation__in=viewer_of(user).organisation_ids)
    )


def covers(user, neighbourhood_field):
    """Q: one of the user's teams covers the neighbourhood in `neighbourhood_field`."""
    from partners.viewer import viewer_of

    return Q(**{f"{neighbourhood_field}__in": viewer_of(user).neighbourhood_ids})


class VisibleQuerySet(models.QuerySet):
    """A queryset whose rows are visible to a user only through `_visibility(user)`."""

    def visible_to(self, user):
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(self._visibility(user))

    def _visibility(self, user):
        # Fail closed: a queryset that states no rule shows nothing.
        return Q(pk__in=[])


# Set by cases.access.get_case_for_user on the case it returns: the user pk it was checked for.
CHECKED_FOR = "_need_to_know_checked_for"


class CaseChildQuerySet(VisibleQuerySet):
    """Rows that belong to a case are visible exactly when their case is
    (and, for some kinds of row, when the row's own condition holds too)."""

    def _visibility(self, user):
        return Q(participates(user, OuterRef("case"))) & self._within_case(user)

    def _within_case(self, user):
        return Q()

    def visible_in(self, case, user):
        """The case's rows this user may see.

        For a case that get_case_for_user(user, ...) returned, the case part of the
        rule was just checked for this very user: only the rows' own condition is
        asked again (a page showing six kinds of row saves six subqueries). Any
        other case object goes through the whole rule.
        """
        if getattr(case, CHECKED_FOR, None) == user.pk:
            return self.filter(case=case).filter(self._within_case(user))
        return self.visible_to(user).filter(case=case)


class Category(models.TextChoices):
    # VERA codes from the housing sector where one exists.
    NOISE = "GEL", _("noise")
    NEIGHBOUR_DISPUTE = "RUZ", _("neighbour dispute")
    AGGRESSION = "AGR", _("aggression / intimidation")
    DRUG_DEALING = "DRU", _("drug dealing")
    CANNABIS_FARM = "HEN", _("cannabis farm")
    SQUALOR = "VUI", _("squalor / neglected home")
    ODOUR = "STA", _("odour")
    VERMIN = "ONG", _("vermin")
    PETS = "DIE", _("pets")
    VANDALISM = "VAN", _("vandalism")
    UNSAFE_COMMON_AREAS = "ONV", _("unsafe common areas")
    MISUSE_COMMON_AREAS = "KLI", _("misuse of common areas")
    ILLEGAL_OCCUPANCY = "ONR", _("illegal occupancy")
    BUSINESS_USE = "BED", _("business use")
    CONFUSED_BEHAVIOUR = "PSY", _("confused behaviour (E33)")
    ADDICTION = "VER", _("addiction")
    RENT_ARREARS = "SCH", _("rent arrears")
    YOUTH_NUISANCE = "JEU", _("youth nuisance")
    WELFARE_CONCERN = "ZRG", _("welfare concern")
    DOMESTIC_VIOLENCE = "HGW", _("suspected domestic violence")
    OTHER = "OVE", _("other")


class Severity(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")
    EMERGENCY = "emergency", _("emergency")


class AddressFields(models.Model):
    """An optional Dutch address: postcode plus house number (and addition)."""

    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[postcode_validator])
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=10, blank=True)

    class Meta:
        abstract = True

    @property
    def address(self):
        if not self.postcode:
            return ""
        number = f"{self.house_number or ''}{('-' + self.house_number_addition) if self.house_number_addition else ''}"
        return f"{self.postcode} {number}".strip()


class SignalQuerySet(VisibleQuerySet):
    def _visibility(self, user):
        # The reporting organisation, and the teams covering the neighbourhood:
        # two id lists the planner can estimate, served by the covering indexes
        # below without visiting the table for rows the user may not see.
        return member_of(user, "reporting_organisation") | covers(user, "neighbourhood")


# The columns SignalQuerySet._visibility reads.
VISIBILITY_COLUMNS = ["reporting_organisation", "neighbourhood"]


class SignalStatus(models.TextChoices):
    NEW = "new", _("new")
    TRIAGED = "triaged", _("triaged")
    LINKED = "linked", _("linked to a case")
    REFERRED = "referred", _("referred on")
    CLOSED = "closed", _("closed")


class Signal(ChoiceDisplayMixin, SignalTriage, AddressFields):
    """A melding: something a partner saw or heard in a neighbourhood."""

    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("neighbourhood"),
    )
    category = models.CharField(_("category"), max_length=3, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices, default=Severity.MEDIUM)
    description = models.TextField(_("what happened"))
    reporting_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("reporting organisation"),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signals", verbose_name=_("reported by")
    )
    status = models.CharField(_("status"), max_length=12, choices=SignalStatus.choices, default=SignalStatus.NEW)
    status_reason = models.CharField(_("reason"), max_length=200, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("case"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["neighbourhood", "-occurred_at"]),
            models.Index(fields=["postcode", "house_number"]),
            models.Index(fields=["status", "-occurred_at"]),
            # Lists run newest first and are filtered by category (and severity) far more than
            # by anything else. Each index carries the two columns of the visibility rule, so
            # the database skips the rows a user may not see without visiting the table (and
            # counts them from the index alone).
            models.Index(fields=["-occurred_at", "-id"], name="signal_recent_first", include=VISIBILITY_COLUMNS),
            models.Index(
                fields=["category", "-occurred_at", "-id"], name="signal_by_category", include=VISIBILITY_COLUMNS
            ),
            models.Index(
                fields=["category", "severity", "-occurred_at", "-id"],
                name="signal_triage_filters",
                include=VISIBILITY_COLUMNS,
            ),
            # The neighbourhoods an organisation reported in (the list filter's choices), from the index alone.
            models.Index(
                fields=["reporting_organisation", "-occurred_at"], name="signal_by_reporter", include=["neighbourhood"]
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} — {self.neighbourhood}"


class CaseScope(models.TextChoices):
    HOUSEHOLD = "household", _("household")
    ADDRESS = "address", _("address")
    THEME = "theme", _("neighbourhood theme")


class CaseStatus(models.TextChoices):
    REPORTED = "reported", _("reported")
    TRIAGE = "triage", _("triage")
    PLAN = "plan", _("plan of approach")
    IN_PROGRESS = "in_progress", _("in progress")
    MONITORING = "monitoring", _("monitoring")
    CLOSED = "closed", _("closed")
    ESCALATED = "escalated", _("escalated")
    CANCELLED = "cancelled", _("cancelled")


OPEN_CASE_STATUSES = [
    CaseStatus.REPORTED,
    CaseStatus.TRIAGE,
    CaseStatus.PLAN,
    CaseStatus.IN_PROGRESS,
    CaseStatus.MONITORING,
    CaseStatus.ESCALATED,
]

# Which status may follow which; enforced by the case verbs, never by a form.
CASE_TRANSITIONS = {
    CaseStatus.REPORTED: {CaseStatus.TRIAGE, CaseStatus.CANCELLED, CaseStatus.ESCALATED},
    CaseStatus.TRIAGE: {CaseStatus.PLAN, CaseStatus.CLOSED, CaseStatus.CANCELLED, CaseStatus.ESCALATED},
    CaseStatus.PLAN: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, CaseStatus.CANCELLED, CaseStatus.ESCALATED},
    CaseStatus.IN_PROGRESS: {CaseStatus.MONITORING, CaseStatus.CLOSED, CaseStatus.ESCALATED},
    CaseStatus.MONITORING: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, CaseStatus.ESCALATED},
    CaseStatus.ESCALATED: {CaseStatus.IN_PROGRESS, CaseStatus.CLOSED},
    CaseStatus.CLOSED: {CaseStatus.IN_PROGRESS},  # reopening needs a note
    CaseStatus.CANCELLED: {CaseStatus.TRIAGE},  # reopening needs a note
}


class CaseQuerySet(VisibleQuerySet):
    def _visibility(self, user):
        return Q(participates(user, OuterRef("pk")))

    def open(self):
        return self.filter(status__in=OPEN_CASE_STATUSES)


class Priority(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


class ClosingReason(models.TextChoices):
    NUISANCE_STOPPED = "nuisance_stopped", _("nuisance stopped")
    CARE_IN_PLACE = "care_in_place", _("care in place")
    MOVED = "moved", _("moved")
    EVICTED = "evicted", _("evicted")
    REFERRED_ON = "referred_on", _("referred on")
    UNFOUNDED = "unfounded", _("unfounded")
    OTHER = "other", _("other")


class Case(ChoiceDisplayMixin, CaseWorkflow, AddressFields):
    """A casus: one shared page for everyone who needs to know."""

    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("scope"), max_length=12, choices=CaseScope.choices, default=CaseScope.ADDRESS)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("neighbourhood"),
    )
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.REPORTED)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="led_cases",
        verbose_name=_("lead organisation"),
    )
    case_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="directed_cases",
        verbose_name=_("case director"),
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    closing_reason = models.CharField(_("closing reason"), max_length=20, choices=ClosingReason.choices, blank=True)
    escalated_to = models.CharField(_("escalated to"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Optimistic locking: a header edit must name the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["neighbourhood", "status"]),
            models.Index(fields=["postcode", "house_number"]),
            # "My open cases" (the home page) in its order: the database walks the open
            # cases by next review and stops at the first twenty the user may see.
            # (Ascending puts NULLs last in PostgreSQL, as the page orders.)
            models.Index(
                fields=["next_review_on", "-updated_at", "-id"],
                name="open_cases_by_review",
                condition=Q(status__in=OPEN_CASE_STATUSES),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in OPEN_CASE_STATUSES


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    CONSULTED = "consulted", _("consulted")


class CaseParticipantQuerySet(models.QuerySet):
    def active(self, on=None):
        """Participations that give access today: started and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(models.Q(until__isnull=True) | models.Q(until__gt=on), since__lte=on)


class CaseParticipant(ChoiceDisplayMixin, models.Model):
    """An organisation's part in a case, with the purpose / legal basis of its access."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants", verbose_name=_("case"))
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=ParticipantRole.choices, default=ParticipantRole.PARTNER)
    legal_basis = models.CharField(_("purpose / legal basis"), max_length=300)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("case participant")
        verbose_name_plural = _("case participants")
        # Both directions of the need-to-know rule from the index alone: the cases of my
        # organisations, and whether my organisation takes part in this case.
        indexes = [
            models.Index(
                fields=["organisation", "case"], name="participant_by_organisation", include=["since", "until"]
            ),
            models.Index(fields=["case", "organisation"], name="participant_by_case", include=["since", "until"]),
        ]

    def __str__(self):
        return f"{self.organisation} in {self.case}"


class NoteVisibility(models.TextChoices):
    ALL_PARTICIPANTS = "all", _("all participants")
    OWN_ORGANISATION = "own", _("own organisation only")


class NoteQuerySet(CaseChildQuerySet):
    def _within_case(self, user):
        return Q(visibility=NoteVisibility.ALL_PARTICIPANTS) | member_of(user, "organisation")


class Note(ChoiceDisplayMixin, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notes", verbose_name=_("author")
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="notes", verbose_name=_("organisation")
    )
    body = models.TextField(_("note"))
    visibility = models.CharField(
        _("visible to"), max_length=4, choices=NoteVisibility.choices, default=NoteVisibility.ALL_PARTICIPANTS
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return self.body[:60]


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case"))
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class TimelineKind(models.TextChoices):
    CASE_OPENED = "case_opened", _("case opened")
    SIGNAL_LINKED = "signal_linked", _("signal linked")
    NOTE = "note", _("note")
    ATTACHMENT = "attachment", _("attachment")
    STATUS_CHANGED = "status_changed", _("status changed")
    PARTICIPANT_ADDED = "participant_added", _("participant added")
    PARTICIPANT_ENDED = "participant_ended", _("participation ended")
    CASE_EDITED = "case_edited", _("case details changed")
    INTERVENTION = "intervention", _("intervention")
    ACTION = "action", _("action")
    REVIEW = "review", _("case review")


class TimelineQuerySet(CaseChildQuerySet):
    def _within_case(self, user):
        return Q(organisation_only__isnull=True) | member_of(user, "organisation_only")


class TimelineEntry(ChoiceDisplayMixin, models.Model):
    """Append-only history of a case. Rows are never updated or deleted by the app.

    `organisation_only` set means only that organisation may see the entry
    (the trace of an own-organisation note).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=24, choices=TimelineKind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    summary = models.CharField(_("summary"), max_length=300)
    organisation_only = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only visible to"),
    )
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = TimelineQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return self.summary


class AccessLogEntry(ChoiceDisplayMixin, models.Model):
    """Who opened which case, when and through what: need-to-know made auditable."""

    class Channel(models.TextChoices):
        PAGE = "page", _("case page")
        API = "api", _("API")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_log", verbose_name=_("case"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.PAGE)
    what = models.CharField(_("what"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.user} {self.case_id} {self.at:%Y-%m-%d %H:%M}"
