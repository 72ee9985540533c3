"""Signals (meldingen): something a partner saw or heard in a neighbourhood, and the triage queue's verbs.

The verbs, like the case verbs: check, no-op if already there, save only what
changes, and record on the case timeline when a case is involved.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin
from core.limits import require_within

from ..errors import SignalError
from .addresses import AddressFields
from .participants import participates
from .records import TimelineKind
from .visibility import VisibleQuerySet, covers, member_of


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


# Phones and servers disagree by a minute or two; "now" on a phone is not the future.
FUTURE_TOLERANCE = datetime.timedelta(minutes=5)
# A signal says what happened in a few lines; a page of text belongs in a note or an attachment.
DESCRIPTION_MAX_CHARS = 4000


class SignalQuerySet(VisibleQuerySet):
    def with_visible_case(self, user):
        """Annotate `case_visible`: whether `user` may open the signal's case (else its id is not theirs to see)."""
        return self.annotate(case_visible=participates(user, OuterRef("case")))

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


class Signal(ChoiceDisplayMixin, AddressFields):
    """A melding: something a partner saw or heard in a neighbourhood."""

    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    # No index of its own, nor has reporting_organisation: the indexes in Meta that start with each serve every
    # lookup by it, and each index is one more to write on every signal logged.
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("neighbourhood"),
        db_index=False,
    )
    category = models.CharField(_("category"), max_length=3, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=12, choices=Severity.choices, default=Severity.MEDIUM)
    description = models.TextField(_("what happened"))
    reporting_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("reporting organisation"),
        db_index=False,
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
    # Set when its description and address were removed (privacy/anonymise.py); category, place and time stay.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

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

    def clean(self):
        """A signal is about something that happened: not later than now, at a whole address or none."""
        errors = {}
        if self.occurred_at and self.occurred_at > timezone.now() + FUTURE_TOLERANCE:
            errors["occurred_at"] = gettext("A signal cannot be about something that has not happened yet.")
        if len(self.description or "") > DESCRIPTION_MAX_CHARS:
            errors["description"] = gettext(
                "Describe what happened in at most %(max)s characters; attach a longer report to the case."
            ) % {"max": DESCRIPTION_MAX_CHARS}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def _set_status(self, status, reason=""):
        self.status = status
        self.status_reason = reason
        self.save(update_fields=["status", "status_reason", "updated_at"])

    def mark_triaged(self, *, by):
        """Mark a new signal as weighed by the team."""
        if self.status == SignalStatus.TRIAGED:
            return
        if self.status != SignalStatus.NEW:
            raise SignalError(gettext("Only a new signal can be marked as triaged."))
        self._set_status(SignalStatus.TRIAGED)

    @transaction.atomic
    def link_to(self, case, *, by):
        """Add this signal to a case; it then shows on the case timeline."""
        if self.case_id == case.pk:
            return
        if self.case_id is not None:
            raise SignalError(gettext("This signal already belongs to another case."))
        self.case = case
        self.status = SignalStatus.LINKED
        self.status_reason = ""
        self.save(update_fields=["case", "status", "status_reason", "updated_at"])
        case.log(
            TimelineKind.SIGNAL_LINKED,
            "signal_linked",
            {"signal_id": self.pk, "category": self.category, "description": self.description[:150]},
            by=by,
            organisation=self.reporting_organisation,
        )

    def refer_on(self, *, by, reason):
        """Hand the signal to someone outside the platform (e.g. Veilig Thuis); says to whom."""
        self._finish(SignalStatus.REFERRED, reason, gettext("Say where the signal was referred to."))

    def close(self, *, by, reason):
        """Close the signal without a case, with a reason."""
        self._finish(SignalStatus.CLOSED, reason, gettext("Closing a signal needs a reason."))

    def _finish(self, status, reason, missing_reason_message):
        if not reason.strip():
            raise SignalError(missing_reason_message)
        require_within(Signal, "status_reason", reason.strip(), SignalError)
        if self.case_id is not None:
            raise SignalError(gettext("This signal belongs to a case; handle it there."))
        if self.status == status and self.status_reason == reason.strip():
            return
        self._set_status(status, reason.strip())
