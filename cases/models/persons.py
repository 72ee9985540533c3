"""The people a case is about (betrokkenen), whether they were informed, and where they are known elsewhere.

A person is recorded per case: there is no register of persons shared by
cases, so taking part in one case never shows another case's people. The one
link between cases is `KnownElsewhere`, written by the check in
cases/known_elsewhere.py, which says only that a match exists; who directs
the other case is read from that case when shown, never copied here.
The verbs are in cases/persons.py.
"""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin

from .addresses import AddressFields
from .participants import CaseChildQuerySet

# Free text about a person is read by every organisation taking part.
CONTACT_NOTES_MAX_CHARS = 2000
REASON_TEXT_MAX_CHARS = 1000


def name_key(name):
    """A name as the "known elsewhere?" check compares it: 'Jan  de Vriës' and 'jan de vries' are one."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


class PersonRole(models.TextChoices):
    MAIN_RESIDENT = "main", _("main resident")
    HOUSEHOLD_MEMBER = "household", _("household member")
    NEIGHBOUR = "neighbour", _("neighbour / complainant")
    OTHER = "other", _("other")


class PersonQuerySet(CaseChildQuerySet):
    def main(self):
        return self.filter(role=PersonRole.MAIN_RESIDENT)

    def with_latest_informing(self):
        """Each person with what their latest informing entry says (`latest_informed`: None without one,
        `latest_informed_on`, `latest_how`, `latest_reason`, `latest_look_again`), in the same query."""
        latest = InformingEntry.objects.filter(person=OuterRef("pk")).order_by("-recorded_at", "-pk")
        return self.annotate(
            latest_informed=Subquery(latest.values("informed")[:1]),
            latest_informed_on=Subquery(latest.values("informed_on")[:1]),
            latest_how=Subquery(latest.values("how")[:1]),
            latest_reason=Subquery(latest.values("reason")[:1]),
            latest_look_again=Subquery(latest.values("look_again_on")[:1]),
        )

    def uninformed(self):
        """Persons with no informing entry at all."""
        return self.filter(informing__isnull=True)

    def due_for_a_new_look(self, on):
        """Persons whose latest entry says "not informed" with a date to look again on or before `on`."""
        return self.with_latest_informing().filter(latest_informed=False, latest_look_again__lte=on)


class Person(ChoiceDisplayMixin, AddressFields):
    """Someone a case is about: a tenant, a household member, a neighbour who complains."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="persons", verbose_name=_("case"))
    name = models.CharField(_("name"), max_length=200, error_messages={"blank": _("A person needs a name.")})
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    role = models.CharField(_("role on the case"), max_length=12, choices=PersonRole.choices)
    contact_notes = models.TextField(
        _("contact notes"),
        blank=True,
        help_text=_("How to reach them and what worries you about them: concerns, no diagnoses."),
    )
    # What the "known elsewhere?" check compares (name_key); kept in step by the verbs.
    name_key = models.CharField(max_length=200, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["role", "name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [
            models.Index(fields=["name_key", "date_of_birth"], name="person_by_identity"),
            models.Index(fields=["postcode", "house_number"], name="person_by_address"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_main(self):
        return self.role == PersonRole.MAIN_RESIDENT

    @property
    def latest_how_label(self):
        return InformedHow(self.latest_how).label if self.latest_how else ""

    @property
    def latest_reason_label(self):
        return NotInformedReason(self.latest_reason).label if self.latest_reason else ""

    def clean(self):
        """A name; a date of birth in the past; notes of a readable length; an address as AddressFields wants it."""
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update(error.message_dict)
        self.name = " ".join((self.name or "").split())
        if not self.name:
            errors["name"] = [_("A person needs a name.")]
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = [_("A date of birth cannot be in the future.")]
        if self.date_of_birth and self.date_of_birth.year < 1900:
            errors["date_of_birth"] = [_("Enter a date of birth after 1900.")]
        if len(self.contact_notes or "") > CONTACT_NOTES_MAX_CHARS:
            errors["contact_notes"] = [
                _("Contact notes hold at most %(max)s characters.") % {"max": CONTACT_NOTES_MAX_CHARS}
            ]
        if errors:
            raise ValidationError(errors)
        self.name_key = name_key(self.name)


class InformedHow(models.TextChoices):
    LETTER = "letter", _("letter")
    CONVERSATION = "conversation", _("conversation")
    OTHER = "other", _("other")


class NotInformedReason(models.TextChoices):
    SAFETY = "safety", _("would endanger someone's safety")
    FRUSTRATE = "frustrate", _("would frustrate the approach")
    UNREACHABLE = "unreachable", _("cannot be reached")
    OTHER = "other", _("other")


class InformingEntry(ChoiceDisplayMixin, models.Model):
    """One line of the informing register: a person was informed (when, by whom, how), or not, and why.

    Entries are never changed; the latest one is what holds now.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="informing", verbose_name=_("person"))
    informed = models.BooleanField(_("informed"))
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    how = models.CharField(_("how"), max_length=12, choices=InformedHow.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=12, choices=NotInformedReason.choices, blank=True)
    reason_text = models.CharField(_("explanation"), max_length=REASON_TEXT_MAX_CHARS, blank=True)
    look_again_on = models.DateField(_("look again on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("informing entry")
        verbose_name_plural = _("informing register")

    def __str__(self):
        return f"{self.person}: {'informed' if self.informed else 'not informed'}"

    def clean(self):
        """Informed: when (not in the future) and how. Not informed: why (text for "other"), when to look again."""
        errors = {}
        today = timezone.localdate()
        self.reason_text = (self.reason_text or "").strip()
        if self.informed:
            if not self.informed_on:
                errors["informed_on"] = _("Say when the person was informed.")
            elif self.informed_on > today:
                errors["informed_on"] = _("The date they were informed cannot be in the future.")
            if self.how not in InformedHow.values:
                errors["how"] = _("Say how the person was informed.")
            self.reason, self.look_again_on = "", None
        else:
            if self.reason not in NotInformedReason.values:
                errors["reason"] = _("Say why the person was not informed.")
            elif self.reason == NotInformedReason.OTHER and not self.reason_text:
                errors["reason_text"] = _("Explain why the person was not informed.")
            if not self.look_again_on:
                errors["look_again_on"] = _("Choose a date to look at this again.")
            elif self.look_again_on <= today:
                errors["look_again_on"] = _("The date to look again must be after today.")
            self.informed_on, self.how = None, ""
        if errors:
            raise ValidationError(errors)


class MatchKind(models.TextChoices):
    PERSON = "person", _("same name and date of birth")
    ADDRESS = "address", _("same address")


class KnownElsewhere(ChoiceDisplayMixin, models.Model):
    """That a person of `case` matches something in `other_case`, and whether someone asked to coordinate.

    Shown to `case`'s participants as no more than the match and who directs
    `other_case` (cases/known_elsewhere.py: `director_line`).
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("case"))
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="known_elsewhere", verbose_name=_("person")
    )
    other_case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("other case")
    )
    match = models.CharField(_("match"), max_length=8, choices=MatchKind.choices)
    found_at = models.DateTimeField(_("found at"), default=timezone.now)
    requested_at = models.DateTimeField(_("coordination requested at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordination requested by"),
    )

    # Visible with the case of the person checked (`case`), never through the other case.
    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["found_at", "pk"]
        verbose_name = _("known elsewhere")
        verbose_name_plural = _("known elsewhere")
        constraints = [models.UniqueConstraint(fields=["person", "other_case"], name="one_match_per_person_and_case")]
        indexes = [models.Index(fields=["other_case"], name="known_elsewhere_by_other")]

    def __str__(self):
        return f"{self.person} ({self.get_match_display()})"

    @property
    def was_requested(self):
        return self.requested_at is not None
