"""The case's named verbs: status transitions, participants, notes, attachments and edits.

Each verb checks its precondition (raising CaseError with a message a user can
read), does nothing if the case is already there, saves only the fields it
changes and writes the timeline entry in the same transaction. Web views and
the API call these verbs; nothing else changes a case's status.
"""

import zipfile
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from notifications.models import NotificationKind, notify_coordinators


class CaseError(DomainError):
    """A verb's precondition does not hold; the message is meant for the user."""


class CaseConflict(CaseError):
    """Someone else changed the case since the user started editing it (optimistic locking)."""


class AttachmentRefused(CaseError):
    """An uploaded file is not one we accept; nothing was saved."""


# Extension -> (content type, test on the file's first bytes). Only these are accepted.
ATTACHMENT_TYPES = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        lambda head: head.startswith(b"PK\x03\x04"),
    ),
}

# Fields of the case header that `Case.edit` may change.
EDITABLE_FIELDS = ("title", "scope", "priority", "next_review_on", "postcode", "house_number", "house_number_addition")


def _is_word_document(uploaded_file):
    """A .docx is a zip archive with the document under word/."""
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded_file.seek(0)


def attachment_content_type(uploaded_file):
    """The content type of an acceptable upload; AttachmentRefused for anything else.

    Both the extension and the file's contents must say PDF, JPEG, PNG or Word
    (.docx), and the file may not be larger than settings.ATTACHMENT_MAX_BYTES.
    """
    extension = Path(uploaded_file.name or "").suffix.lower()
    if extension not in ATTACHMENT_TYPES:
        raise AttachmentRefused(_("Only PDF, JPG, PNG and Word (.docx) files can be attached."))
    if not uploaded_file.size:
        raise AttachmentRefused(_("The file is empty."))
    if uploaded_file.size > settings.ATTACHMENT_MAX_BYTES:
        raise AttachmentRefused(
            _("The file is too large (%(size)s); at most %(max)s is allowed.")
            % {"size": filesizeformat(uploaded_file.size), "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        )
    content_type, looks_right = ATTACHMENT_TYPES[extension]
    uploaded_file.seek(0)
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if not looks_right(head) or (extension == ".docx" and not _is_word_document(uploaded_file)):
        raise AttachmentRefused(
            _("The contents of “%(name)s” do not match its file type; it cannot be attached.")
            % {"name": Path(uploaded_file.name).name}
        )
    return content_type


def transition_refused(from_status, to):
    """The error for a status change the workflow does not allow."""
    from .models import CaseStatus

    return CaseError(
        _("A case cannot go from “%(from)s” to “%(to)s”.")
        % {"from": CaseStatus(from_status).label, "to": CaseStatus(to).label}
    )


class CaseWorkflow:
    """Mixed into cases.models.Case."""

    def log(self, kind, summary, *, by=None, organisation=None, organisation_only=None, **data):
        """Append an entry to the case timeline (never updated afterwards)."""
        from .models import TimelineEntry

        return TimelineEntry.objects.create(
            case=self,
            kind=kind,
            summary=summary[:300],
            actor=by,
            organisation=organisation,
            organisation_only=organisation_only,
            data=data,
        )

    def next_statuses(self):
        """The statuses this case may move to from where it is, in workflow order."""
        from .models import CASE_TRANSITIONS, CaseStatus

        allowed = CASE_TRANSITIONS.get(self.status, set())
        return [status for status in CaseStatus if status in allowed]

    @property
    def is_reopening(self):
        """Leaving the current status means reopening the case (which needs a note)."""
        from .models import CaseStatus

        return self.status in (CaseStatus.CLOSED, CaseStatus.CANCELLED)

    def _locked(self):
        """Re-read this case under a row lock, so two concurrent verbs serialise."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    @transaction.atomic
    def transition(self, to, *, by, reason="", note="", escalated_to=""):
        """Move the case to status `to` if the workflow allows it.

        Closing needs a closing reason, reopening a closed or cancelled case
        needs a note, escalating needs to whom.
        """
        from .models import CASE_TRANSITIONS, CaseStatus, ClosingReason, TimelineKind

        current = self._locked()
        if current.status == to:
            self.refresh_from_db()
            return
        if to not in CASE_TRANSITIONS.get(current.status, set()):
            raise transition_refused(current.status, to)
        reopening = current.status in (CaseStatus.CLOSED, CaseStatus.CANCELLED)
        if reopening and not note.strip():
            raise CaseError(_("Reopening a case needs a note explaining why."))
        if to == CaseStatus.CLOSED and reason not in ClosingReason.values:
            raise CaseError(_("Closing a case needs a reason."))
        if to == CaseStatus.ESCALATED and not escalated_to.strip():
            raise CaseError(_("Say to whom the case is escalated."))

        previous = current.status
        self.status = to
        self.version = current.version + 1
        fields = ["status", "version", "updated_at"]
        if to == CaseStatus.CLOSED:
            self.closing_reason, self.closed_at = reason, timezone.now()
            fields += ["closing_reason", "closed_at"]
        elif reopening:
            self.closing_reason, self.closed_at = "", None
            fields += ["closing_reason", "closed_at"]
        if to == CaseStatus.ESCALATED:
            self.escalated_to = escalated_to.strip()
            fields.append("escalated_to")
        self.save(update_fields=fields)

        summary = _("Status: %(from)s → %(to)s") % {
            "from": CaseStatus(previous).label,
            "to": CaseStatus(to).label,
        }
        if to == CaseStatus.CLOSED:
            summary += f" ({ClosingReason(reason).label})"
        if to == CaseStatus.ESCALATED:
            summary += f" ({self.escalated_to})"
        self.log(
            TimelineKind.STATUS_CHANGED,
            summary,
            by=by,
            previous=previous,
            status=to,
            reason=reason,
            note=note.strip(),
            escalated_to=self.escalated_to if to == CaseStatus.ESCALATED else "",
        )

    def close(self, *, by, reason, note=""):
        """Close the case for a reason from ClosingReason."""
        from .models import CaseStatus

        self.transition(CaseStatus.CLOSED, by=by, reason=reason, note=note)

    def reopen(self, *, by, note):
        """Reopen a closed or cancelled case; the note says why."""
        from .models import CaseStatus

        to = CaseStatus.TRIAGE if self.status == CaseStatus.CANCELLED else CaseStatus.IN_PROGRESS
        self.transition(to, by=by, note=note)

    def escalate(self, *, by, to_whom, note=""):
        """Escalate the case, e.g. to the Zorg- en Veiligheidshuis."""
        from .models import CaseStatus

        self.transition(CaseStatus.ESCALATED, by=by, escalated_to=to_whom, note=note)

    @transaction.atomic
    def invite(self, organisation, *, by, legal_basis, role=None, since=None):
        """Let an organisation take part, with the purpose / legal basis of its access.

        Its users see the case from `since` (today by default). Inviting an
        organisation that already takes part changes nothing.
        """
        from .models import CaseParticipant, ParticipantRole, TimelineKind

        if not legal_basis.strip():
            raise CaseError(_("State the purpose or legal basis for sharing this case."))
        if self.participants.active().filter(organisation=organisation).exists():
            return self.participants.active().get(organisation=organisation)
        participation = CaseParticipant.objects.create(
            case=self,
            organisation=organisation,
            role=role or ParticipantRole.PARTNER,
            legal_basis=legal_basis.strip(),
            since=since or timezone.localdate(),
            added_by=by,
        )
        self.log(
            TimelineKind.PARTICIPANT_ADDED,
            _("%(organisation)s takes part (%(basis)s)") % {"organisation": organisation, "basis": legal_basis},
            by=by,
            organisation_id=organisation.pk,
        )
        notify_coordinators(
            organisation,
            kind=NotificationKind.INVITED_TO_CASE,
            message=_("%(organisation)s was invited to the case “%(case)s”")
            % {"organisation": organisation, "case": self},
            url=reverse("cases:detail", args=[self.pk]),
        )
        return participation

    @transaction.atomic
    def end_participation(self, organisation, *, by, on=None):
        """End an organisation's part; its users lose access from `on` (today: at once)."""
        from .models import CHECKED_FOR, TimelineKind

        on = on or timezone.localdate()
        if organisation.pk == self.lead_organisation_id:
            raise CaseError(_("The lead organisation cannot leave its own case; hand over the lead first."))
        ended = self.participants.active().filter(organisation=organisation).update(until=on)
        if ended:
            # Whoever this object was checked for may have just lost access: ask again (visible_in).
            self.__dict__.pop(CHECKED_FOR, None)
            self.log(
                TimelineKind.PARTICIPANT_ENDED,
                _("%(organisation)s no longer takes part") % {"organisation": organisation},
                by=by,
                organisation_id=organisation.pk,
                until=on.isoformat(),
            )
            notify_coordinators(
                organisation,
                kind=NotificationKind.PARTICIPATION_ENDED,
                message=_("%(organisation)s no longer takes part in the case “%(case)s”")
                % {"organisation": organisation, "case": self},
            )
        return ended

    @transaction.atomic
    def add_note(self, *, by, organisation, body, visibility=None):
        """Write a note; an own-organisation note is visible only to `organisation`."""
        from .models import Note, NoteVisibility, TimelineKind

        if not body.strip():
            raise CaseError(_("A note cannot be empty."))
        visibility = visibility or NoteVisibility.ALL_PARTICIPANTS
        note = Note.objects.create(
            case=self, author=by, organisation=organisation, body=body.strip(), visibility=visibility
        )
        own = visibility == NoteVisibility.OWN_ORGANISATION
        self.log(
            TimelineKind.NOTE,
            note.body[:200],
            by=by,
            organisation=organisation,
            organisation_only=organisation if own else None,
            note_id=note.pk,
        )
        return note

    @transaction.atomic
    def add_attachment(self, *, by, organisation, uploaded_file):
        """Attach a file (PDF, JPG, PNG or Word, within ATTACHMENT_MAX_BYTES) in the name of `organisation`.

        Anything else raises AttachmentRefused and nothing is stored. The file is
        stored under a random name; the original name is kept for downloading.
        """
        from .models import Attachment, TimelineKind

        if organisation is None:
            raise CaseError(_("Only an organisation taking part in the case can add attachments."))
        content_type = attachment_content_type(uploaded_file)
        original_name = Path(uploaded_file.name).name[-255:]
        attachment = Attachment(
            case=self,
            original_name=original_name,
            size=uploaded_file.size,
            content_type=content_type,
            uploaded_by=by,
            organisation=organisation,
        )
        attachment.file.save(uuid4().hex + Path(original_name).suffix.lower(), uploaded_file, save=False)
        try:
            attachment.save()
            self.log(
                TimelineKind.ATTACHMENT,
                _("Attachment added: %(name)s") % {"name": original_name},
                by=by,
                organisation=organisation,
                attachment_id=attachment.pk,
            )
        except BaseException:
            # The database rolls back; the stored file must go with it.
            attachment.file.storage.delete(attachment.file.name)
            raise
        return attachment

    @transaction.atomic
    def edit(self, *, by, version, **changes):
        """Change the case header (EDITABLE_FIELDS), provided nobody else changed the case since `version`.

        Raises CaseConflict if the case is no longer at `version`; then nothing
        is saved. Changes identical to what is saved are a no-op. The timeline
        says which fields changed, from what to what.
        """
        from .models import TimelineKind, normalise_postcode

        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise TypeError(f"Case.edit() cannot change {', '.join(sorted(unknown))}")
        if "title" in changes:
            changes["title"] = (changes["title"] or "").strip()
            if not changes["title"]:
                raise CaseError(_("A case needs a title."))
        if "postcode" in changes:
            changes["postcode"] = normalise_postcode(changes["postcode"])
        for name, value in changes.items():
            changes[name] = self._meta.get_field(name).clean(value, self)

        current = type(self).objects.get(pk=self.pk)
        changed = {name: value for name, value in changes.items() if getattr(current, name) != value}
        if not changed:
            self.refresh_from_db()
            return []
        updated = (
            type(self)
            .objects.filter(pk=self.pk, version=version)
            .update(**changed, version=F("version") + 1, updated_at=timezone.now())
        )
        if not updated:
            raise CaseConflict(
                _("Someone else changed this case while you were editing it. Your changes have not been saved.")
            )
        self.refresh_from_db()

        def shown(value):
            return value.isoformat() if hasattr(value, "isoformat") else value

        labels = [str(self._meta.get_field(name).verbose_name) for name in changed]
        self.log(
            TimelineKind.CASE_EDITED,
            _("Case details changed: %(fields)s") % {"fields": ", ".join(labels)},
            by=by,
            changes={name: [shown(getattr(current, name)), shown(value)] for name, value in changed.items()},
        )
        return list(changed)


@transaction.atomic
def case_open(*, by, organisation, title, neighbourhood, signals=(), legal_basis, **fields):
    """Open a case led by `organisation` with `by` as case director, from zero or more signals.

    The lead organisation takes part from today; the signals are linked and
    show on the new case's timeline.
    """
    from .models import Case, CaseParticipant, ParticipantRole, TimelineKind

    if not title.strip():
        raise CaseError(_("A case needs a title."))
    if not legal_basis.strip():
        raise CaseError(_("State the purpose or legal basis for sharing this case."))
    case = Case.objects.create(
        title=title.strip(),
        neighbourhood=neighbourhood,
        lead_organisation=organisation,
        case_director=by,
        **fields,
    )
    CaseParticipant.objects.create(
        case=case, organisation=organisation, role=ParticipantRole.LEAD, legal_basis=legal_basis.strip(), added_by=by
    )
    case.log(
        TimelineKind.CASE_OPENED, _("Case opened: %(title)s") % {"title": case.title}, by=by, organisation=organisation
    )
    for signal in signals:
        signal.link_to(case, by=by)
    return case
