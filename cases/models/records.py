"""What a case page holds: notes, attachments, the one append-only timeline, and the access log."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin
from core.compiled import CompiledInsert

from ..texts import TIMELINE
from .participants import CaseChildQuerySet
from .visibility import member_of_any


class NoteVisibility(models.TextChoices):
    ALL_PARTICIPANTS = "all", _("all participants")
    OWN_ORGANISATION = "own", _("own organisation only")


class NoteQuerySet(CaseChildQuerySet):
    def _within_case(self, organisation_ids):
        return Q(visibility=NoteVisibility.ALL_PARTICIPANTS) | member_of_any(organisation_ids, "organisation")


class Note(ChoiceDisplayMixin, models.Model):
    # Indexed with its time (Meta), as the timeline: the case page reads a case's newest notes.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="notes", verbose_name=_("case"), db_index=False
    )
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
        # The case page's twenty newest, in the page's order, without sorting every note of the case.
        indexes = [models.Index(fields=["case", "-created_at", "-id"], name="note_newest_first")]

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
    DIRECTION_HANDED_OVER = "direction_handed_over", _("direction handed over")
    INTERVENTION = "intervention", _("intervention")
    ACTION = "action", _("action")
    REVIEW = "review", _("case review")
    PERSON = "person", _("person")
    RETENTION = "retention", _("retention period")
    ANONYMISED = "anonymised", _("anonymised")


class TimelineQuerySet(CaseChildQuerySet):
    def _within_case(self, organisation_ids):
        return Q(organisation_only__isnull=True) | member_of_any(organisation_ids, "organisation_only")


class TimelineEntry(ChoiceDisplayMixin, models.Model):
    """Append-only history of a case. Rows are never updated or deleted by the app.

    What a line says is stored as a code and its data (cases/texts.py), and
    written out in the reader's language when shown: `text`. The data holds
    everything the sentence needs, so showing a timeline costs no query more.
    `organisation_only` set means only that organisation may see the entry
    (the trace of an own-organisation note).
    """

    # Indexed with its time (Meta): that index serves every lookup by case, and each index is a write more.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="timeline", verbose_name=_("case"), db_index=False
    )
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
    code = models.CharField(_("text"), max_length=40)
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
        return self.text

    @property
    def text(self):
        """The line in the active language."""
        return TIMELINE.text(self.code, self.data)


class ReadWhat(models.TextChoices):
    """What of a case was read: stored as a code, shown in the reader's language."""

    CASE_PAGE = "case_page", _("case page")
    CASE = "case", _("case details")
    NOTES = "notes", _("notes")
    TIMELINE = "timeline", _("timeline")
    PARTICIPANTS = "participants", _("participants")
    ATTACHMENTS = "attachments", _("list of attachments")
    ATTACHMENT = "attachment", _("attachment")
    EDIT = "edit", _("edit page")
    STATUS = "status", _("status change page")
    INVITE = "invite", _("invitation page")
    END_PARTICIPATION = "end_participation", _("page to end a participation")
    HAND_OVER = "hand_over", _("page to hand over direction")
    ACCESS_LOG = "access_log", _("access log")
    INTERVENTION = "intervention", _("intervention")
    ACTION = "action", _("action")
    REVIEW = "review", _("case review")
    AGENDA = "agenda", _("case review agenda")
    REMINDER = "reminder", _("reminder (by e-mail)")
    PERSONS = "persons", _("persons")
    PERSON = "person", _("a person's page")
    PERSON_FORM = "person_form", _("page to add or correct a person")
    KNOWN_ELSEWHERE = "known_elsewhere", _("“known elsewhere?” check")
    PROCESSING = "processing", _("legal bases per phase")
    RETENTION = "retention", _("retention decision (approval or extension)")
    INZAGE = "inzage", _("inzage export for a person")


class AccessLogQuerySet(models.QuerySet):
    def grouped_by_day(self):
        """One row per reader, organisations, what, channel and day: how often, first and last time, newest first.

        Rows are dictionaries with the codes; `shown()` adds their labels in the active language.
        """
        return (
            self.order_by()
            .annotate(day=TruncDate("at"))
            .values("user_id", "user_name", "on_behalf_of", "what", "channel", "day")
            .annotate(times=Count("pk"), first=Min("at"), last=Max("at"))
            .order_by("-last", "user_name")
        )


class AccessLogEntry(ChoiceDisplayMixin, models.Model):
    """Who read what of which case, when, through what and on whose behalf: need-to-know made auditable.

    The reader's name and organisations are copied, so the log keeps saying who
    read the file after an account or organisation changes; an account with
    access history cannot be deleted (deactivate it instead).
    """

    class Channel(models.TextChoices):
        PAGE = "page", _("web page")
        API = "api", _("API")
        EXPORT = "export", _("export")
        EMAIL = "email", _("e-mail")

    # Indexed with its time (Meta), as the timeline: one index less to write on every logged read.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="access_log", verbose_name=_("case"), db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("user")
    )
    user_name = models.CharField(_("name"), max_length=300, blank=True)
    on_behalf_of = models.JSONField(_("on behalf of"), default=list, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.PAGE)
    what = models.CharField(_("what"), max_length=32, choices=ReadWhat.choices, default=ReadWhat.CASE_PAGE)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.user_name} {self.case_id} {self.at:%Y-%m-%d %H:%M}"


# Rows written on nearly every request: a timeline entry and a note per note posted, an access-log entry per
# read of a case. Their INSERTs are made once per process (core/compiled.py); no receiver listens to them.
insert_timeline_entry = CompiledInsert(TimelineEntry)
insert_note = CompiledInsert(Note)
insert_access_log_entry = CompiledInsert(AccessLogEntry)
