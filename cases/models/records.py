"""What a case page holds: notes, attachments, the one append-only timeline, and the access log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin

from .participants import CaseChildQuerySet
from .visibility import member_of


class NoteVisibility(models.TextChoices):
    ALL_PARTICIPANTS = "all", _("all participants")
    OWN_ORGANISATION = "own", _("own organisation only")


class NoteQuerySet(CaseChildQuerySet):
    def _within_case(self, user):
        return Q(visibility=NoteVisibility.ALL_PARTICIPANTS) | member_of(user, "organisation")


class Note(ChoiceDisplayMixin, models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notes", verbose_name=_("case"))
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
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case"))
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

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="timeline", verbose_name=_("case"))
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

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="access_log", verbose_name=_("case"))
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
