"""Cases (casussen): one shared page for everyone who needs to know, and the case's named verbs.

Each verb checks its precondition (raising CaseError with a message a user can
read), does nothing if the case is already there, saves only the fields it
changes and writes the timeline entry in the same transaction. Web views and
the API call these verbs; nothing else changes a case's status.
"""

from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin
from core.limits import require_within
from notifications.models import NotificationKind, notify_coordinators

from ..closing import settle_open_work
from ..errors import CaseConflict, CaseError, NotAllowed
from ..texts import TIMELINE
from ..uploads import attachment_content_type
from .addresses import AddressFields, normalise_postcode
from .participants import CaseParticipant, EndReason, ParticipantRole, participates
from .persons import Person
from .processing import ProcessingBasis, end_bases, start_bases
from .records import Attachment, Note, NoteVisibility, TimelineKind, insert_note, insert_timeline_entry
from .rights import case_access, direction_candidates
from .visibility import VisibleQuerySet

# A note is read on the case page by everyone taking part: long texts go in attachments.
NOTE_MAX_CHARS = 10_000

# Fields of the case header that `Case.edit` may change.
EDITABLE_FIELDS = ("title", "scope", "priority", "next_review_on", "postcode", "house_number", "house_number_addition")


def review_overdue(status, next_review_on, today):
    """A case in `status` with its next review on `next_review_on` is late for it on `today` (rows and instances)."""
    return status in OPEN_CASE_STATUSES and next_review_on is not None and next_review_on < today


def transition_refused(from_status, to):
    """The error for a status change the workflow does not allow."""
    return CaseError(
        gettext("A case cannot go from “%(from)s” to “%(to)s”.")
        % {"from": CaseStatus(from_status).label, "to": CaseStatus(to).label}
    )


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


# The phases of the Zorg- en Veiligheidshuis approach: entering one, the director confirms or changes each
# participant's legal basis and purpose (cases/models/processing.py).
BASIS_PHASES = (CaseStatus.TRIAGE, CaseStatus.PLAN, CaseStatus.IN_PROGRESS, CaseStatus.MONITORING)
# Past the plan of approach, every main person has an entry in the informing register.
INFORMED_FROM = (CaseStatus.IN_PROGRESS, CaseStatus.MONITORING)


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


class Case(ChoiceDisplayMixin, AddressFields):
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
    # Set by the anonymisation verb (privacy/anonymise.py): the file keeps only what the figures need.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
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

    @property
    def review_overdue(self):
        """An open case whose next review date has passed."""
        return review_overdue(self.status, self.next_review_on, timezone.localdate())

    def log(self, kind, code, data, *, by=None, organisation=None, organisation_only=None):
        """Append an entry to the case timeline (never updated afterwards).

        `code` names its sentence (cases/texts.py) and `data` holds every value
        the sentence needs: ids, copies of names as they are now, enum codes,
        the user's own words. It is read in each reader's language later; it
        is rendered once now so that a wrong code or missing value fails here.
        """
        TIMELINE.render(code, data)
        return insert_timeline_entry(
            case=self,
            kind=kind,
            code=code,
            data=data,
            actor=by,
            organisation=organisation,
            organisation_only=organisation_only,
        )

    def next_statuses(self):
        """The statuses this case may move to from where it is, in workflow order."""
        allowed = CASE_TRANSITIONS.get(self.status, set())
        return [status for status in CaseStatus if status in allowed]

    @property
    def is_reopening(self):
        """Leaving the current status means reopening the case (which needs a note)."""
        return self.status in (CaseStatus.CLOSED, CaseStatus.CANCELLED)

    def access_of(self, user):
        """`user`'s CaseAccess to this case; NotAllowed for someone who does not take part."""
        try:
            return case_access(user, self)
        except Http404:
            raise NotAllowed(gettext("You do not take part in this case.")) from None

    def _require_directing(self, user):
        """The verbs that steer the case are for whoever directs it (cases/models/rights.py: `directs`)."""
        access = self.access_of(user)
        if not access.directs:
            raise NotAllowed(gettext("Only the case director and the lead organisation's case directors may do this."))
        return access

    def _locked(self):
        """Re-read this case under a row lock, so two concurrent verbs serialise."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    @transaction.atomic
    def transition(self, to, *, by, reason="", note="", escalated_to="", bases=None, staying=None):
        """Move the case to status `to` if the workflow allows it.

        Closing needs a closing reason, reopening a closed or cancelled case
        needs a note, escalating needs to whom; past the plan of approach every
        main person needs an entry in the informing register. Only whoever
        directs the case.

        Entering a phase (BASIS_PHASES) confirms each participant's legal basis
        and purpose: `bases` maps a participant's id to the changed
        {"legal_basis", "purpose"}; the others keep theirs. Moving to monitoring
        scales down: `staying` (organisation ids; None: everyone) says who
        stays, the others end with reason "scaled down". Closing or cancelling
        ends every participation but the lead organisation's (which keeps the
        file for the retention period) and settles the case's open work in the
        same transaction (cases/closing.py).
        """
        self._require_directing(by)
        current = self._locked()
        if current.anonymised_at is not None:
            raise CaseError(gettext("This case was anonymised: it cannot be reopened or changed."))
        if current.status == to:
            self.refresh_from_db()
            return
        if to not in CASE_TRANSITIONS.get(current.status, set()):
            raise transition_refused(current.status, to)
        reopening = current.status in (CaseStatus.CLOSED, CaseStatus.CANCELLED)
        if reopening and not note.strip():
            raise CaseError(gettext("Reopening a case needs a note explaining why."))
        require_within(Note, "body", note, CaseError)
        require_within(Case, "escalated_to", escalated_to.strip(), CaseError)
        if to == CaseStatus.CLOSED and reason not in ClosingReason.values:
            raise CaseError(gettext("Closing a case needs a reason."))
        if to == CaseStatus.ESCALATED and not escalated_to.strip():
            raise CaseError(gettext("Say to whom the case is escalated."))
        if to in INFORMED_FROM:
            self._require_main_persons_in_register()
        participants = list(self.participants.active().select_related("organisation"))
        bases = self._checked_bases(bases or {}, participants) if to in BASIS_PHASES else {}
        leaving = self._leaving(staying, participants) if to == CaseStatus.MONITORING else []

        previous = current.status
        self.status = to
        self.version = current.version + 1
        fields = ["status", "version", "updated_at"]
        if to == CaseStatus.CLOSED:
            self.closing_reason, self.closed_at = reason, timezone.now()
            fields += ["closing_reason", "closed_at"]
        elif to == CaseStatus.CANCELLED:
            self.closed_at = timezone.now()  # the retention period runs from here too
            fields.append("closed_at")
        elif reopening:
            self.closing_reason, self.closed_at = "", None
            fields += ["closing_reason", "closed_at"]
        if to == CaseStatus.ESCALATED:
            self.escalated_to = escalated_to.strip()
            fields.append("escalated_to")
        self.save(update_fields=fields)

        code = {CaseStatus.CLOSED: "case_closed", CaseStatus.ESCALATED: "case_escalated"}.get(to, "status_changed")
        self.log(
            TimelineKind.STATUS_CHANGED,
            code,
            {
                "previous": previous,
                "status": to,
                "reason": reason,
                "note": note.strip(),
                "escalated_to": self.escalated_to if to == CaseStatus.ESCALATED else "",
            },
            by=by,
        )
        if leaving:
            self._end(leaving, by=by, on=timezone.localdate(), reason=EndReason.SCALED_DOWN)
        if to in BASIS_PHASES:
            staying = [participant for participant in participants if participant not in leaving]
            start_bases(staying, phase=to, by=by, changes=bases)
        if to in (CaseStatus.CLOSED, CaseStatus.CANCELLED):
            settle_open_work(self, by=by, reason=reason if to == CaseStatus.CLOSED else "")
            others = [p for p in participants if p.organisation_id != self.lead_organisation_id]
            self._end(others, by=by, on=timezone.localdate(), reason=EndReason.CASE_CLOSED)

    def _require_main_persons_in_register(self):
        missing = list(Person.objects.filter(case=self).main().uninformed().values_list("name", flat=True))
        if missing:
            raise CaseError(
                gettext(
                    "Record first whether the main persons were informed (or why not): %(names)s. "
                    "A case cannot go past the plan of approach without it."
                )
                % {"names": ", ".join(missing)}
            )

    def _checked_bases(self, bases, participants):
        """{participant id: {"legal_basis", "purpose"}} for the participants whose basis changes; CaseError if
        one names no participant or leaves the basis empty."""
        ids = {p.pk for p in participants}
        checked = {}
        for pk, change in bases.items():
            if pk not in ids:
                raise CaseError(gettext("A legal basis can only be confirmed for an organisation taking part."))
            legal_basis = (change.get("legal_basis") or "").strip()
            purpose = (change.get("purpose") or "").strip()
            if not legal_basis:
                raise CaseError(gettext("State the legal basis for each organisation taking part."))
            require_within(ProcessingBasis, "legal_basis", legal_basis, CaseError)
            require_within(ProcessingBasis, "purpose", purpose, CaseError)
            checked[pk] = {"legal_basis": legal_basis, "purpose": purpose}
        return checked

    def _leaving(self, staying, participants):
        """The participants who end when the case is scaled down: all but `staying` (organisation ids), the lead
        organisation and the one through which the director takes part."""
        if staying is None:
            return []
        staying = {getattr(organisation, "pk", organisation) for organisation in staying}
        keep = {self.lead_organisation_id} | self._director_organisation_ids(participants)
        return [p for p in participants if p.organisation_id not in staying | keep]

    def _director_organisation_ids(self, participants):
        """The organisations through which the director takes part, if the lead is not one of them."""
        director = set(
            self.case_director.memberships.filter(organisation__is_active=True).values_list("organisation", flat=True)
        )
        return set() if self.lead_organisation_id in director else director & {p.organisation_id for p in participants}

    def _end(self, participants, *, by, on, reason):
        """End these participations on `on` for `reason`: timeline, open bases closed, coordinators told."""
        for participant in participants:
            CaseParticipant.objects.filter(pk=participant.pk).update(until=on, ended_reason=reason)
            organisation = participant.organisation
            self.log(
                TimelineKind.PARTICIPANT_ENDED,
                {EndReason.SCALED_DOWN: "participant_scaled_down", EndReason.CASE_CLOSED: "participant_closed"}.get(
                    reason, "participant_ended"
                ),
                {"organisation_id": organisation.pk, "organisation": organisation.name, "until": on.isoformat()},
                by=by,
            )
            notify_coordinators(
                organisation,
                kind=NotificationKind.PARTICIPATION_ENDED,
                code="participation_ended",
                data={"case_id": self.pk, "case": self.title, "organisation": organisation.name},
            )
        end_bases(participants, on=on)

    def close(self, *, by, reason, note=""):
        """Close the case for a reason from ClosingReason."""
        self.transition(CaseStatus.CLOSED, by=by, reason=reason, note=note)

    def reopen(self, *, by, note):
        """Reopen a closed or cancelled case; the note says why."""
        to = CaseStatus.TRIAGE if self.status == CaseStatus.CANCELLED else CaseStatus.IN_PROGRESS
        self.transition(to, by=by, note=note)

    def escalate(self, *, by, to_whom, note=""):
        """Escalate the case, e.g. to the Zorg- en Veiligheidshuis."""
        self.transition(CaseStatus.ESCALATED, by=by, escalated_to=to_whom, note=note)

    @transaction.atomic
    def invite(self, organisation, *, by, legal_basis, purpose="", role=None, since=None):
        """Let an organisation take part, with the purpose / legal basis of its access.

        Its users see the case from `since` (today by default). Inviting an
        organisation that already takes part changes nothing. Only whoever
        directs the case invites.
        """
        self._require_directing(by)
        if not legal_basis.strip():
            raise CaseError(gettext("State the purpose or legal basis for sharing this case."))
        require_within(CaseParticipant, "legal_basis", legal_basis.strip(), CaseError)
        require_within(ProcessingBasis, "purpose", purpose.strip(), CaseError)
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
        start_bases(
            [participation],
            phase=self.status,
            by=by,
            changes={participation.pk: {"purpose": purpose}},
            on=participation.since,
        )
        self.log(
            TimelineKind.PARTICIPANT_ADDED,
            "participant_added",
            {
                "organisation_id": organisation.pk,
                "organisation": organisation.name,
                "basis": participation.legal_basis,
                "role": participation.role,
            },
            by=by,
        )
        notify_coordinators(
            organisation,
            kind=NotificationKind.INVITED_TO_CASE,
            code="invited_to_case",
            data={"case_id": self.pk, "case": self.title, "organisation": organisation.name},
            url=reverse("cases:detail", args=[self.pk]),
        )
        return participation

    @transaction.atomic
    def end_participation(self, organisation, *, by, on=None):
        """End an organisation's part; its users lose access from `on` (today: at once).

        Only whoever directs the case. Neither the lead organisation nor one
        through which the case director takes part can leave: hand over
        direction first (`hand_over`).
        """
        self._require_directing(by)
        on = on or timezone.localdate()
        if organisation.pk == self.lead_organisation_id:
            raise CaseError(gettext("The lead organisation cannot leave its own case; hand over direction first."))
        director_organisations = set(
            self.case_director.memberships.filter(organisation__is_active=True).values_list("organisation", flat=True)
        )
        remaining = set(
            self.participants.active().exclude(organisation=organisation).values_list("organisation", flat=True)
        )
        if organisation.pk in director_organisations and not director_organisations & remaining:
            raise CaseError(
                gettext("The case director takes part through this organisation; hand over direction first.")
            )
        ending = list(self.participants.active().filter(organisation=organisation).select_related("organisation"))
        self._end(ending, by=by, on=on, reason=EndReason.ENDED)
        return len(ending)

    @transaction.atomic
    def hand_over(self, to, *, by, organisation=None):
        """Hand direction of the case to `to`, a case director of an organisation taking part.

        That organisation (`organisation`, or `to`'s only one taking part)
        becomes the lead. Only whoever directs the case now; afterwards the
        former director's organisation may leave like any other.
        """
        self._require_directing(by)
        candidates = [lead for user, lead in direction_candidates(self) if user.pk == to.pk]
        if organisation is not None:
            candidates = [o for o in candidates if o.pk == organisation.pk]
        if not candidates:
            raise CaseError(
                gettext("Direction can only go to a case director of an organisation taking part in the case.")
            )
        if len(candidates) > 1:
            raise CaseError(gettext("Choose the organisation that will lead the case."))
        lead = candidates[0]
        if to.pk == self.case_director_id and lead.pk == self.lead_organisation_id:
            return
        previous_lead = self.lead_organisation_id
        self.participants.active().filter(organisation_id=previous_lead).update(role=ParticipantRole.PARTNER)
        self.participants.active().filter(organisation=lead).update(role=ParticipantRole.LEAD)
        self.case_director, self.lead_organisation = to, lead
        self.version += 1
        self.save(update_fields=["case_director", "lead_organisation", "version", "updated_at"])
        self.log(
            TimelineKind.DIRECTION_HANDED_OVER,
            "direction_handed_over",
            {
                "director_id": to.pk,
                "director": to.get_full_name() or to.get_username(),
                "organisation": lead.name,
                "previous_lead_id": previous_lead,
            },
            by=by,
            organisation=lead,
        )

    @transaction.atomic
    def add_note(self, *, by, organisation, body, visibility=None):
        """Write a note in the name of `organisation` (one of the writer's, taking part; None: their only one).

        An own-organisation note is visible only to that organisation.
        """
        organisation = self.access_of(by).writes_as(organisation)
        if not body.strip():
            raise CaseError(gettext("A note cannot be empty."))
        if len(body) > NOTE_MAX_CHARS:
            raise CaseError(
                gettext("A note holds at most %(max)s characters; attach a longer text as a file.")
                % {"max": NOTE_MAX_CHARS}
            )
        visibility = visibility or NoteVisibility.ALL_PARTICIPANTS
        note = insert_note(case=self, author=by, organisation=organisation, body=body.strip(), visibility=visibility)
        own = visibility == NoteVisibility.OWN_ORGANISATION
        self.log(
            TimelineKind.NOTE,
            "note_added",
            {"note_id": note.pk, "excerpt": note.body[:200]},
            by=by,
            organisation=organisation,
            organisation_only=organisation if own else None,
        )
        return note

    @transaction.atomic
    def add_attachment(self, *, by, organisation, uploaded_file):
        """Attach a file (PDF, JPG, PNG or Word, within ATTACHMENT_MAX_BYTES) in the name of `organisation`.

        Anything else raises AttachmentRefused and nothing is stored. The file is
        stored under a random name; the original name is kept for downloading.
        """
        organisation = self.access_of(by).writes_as(organisation)
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
                "attachment_added",
                {"attachment_id": attachment.pk, "name": original_name},
                by=by,
                organisation=organisation,
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
        says which fields changed, from what to what. Only whoever directs the case.
        """
        self._require_directing(by)
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise TypeError(f"Case.edit() cannot change {', '.join(sorted(unknown))}")
        if "title" in changes:
            changes["title"] = (changes["title"] or "").strip()
            if not changes["title"]:
                raise CaseError(gettext("A case needs a title."))
            require_within(Case, "title", changes["title"], CaseError)
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
                gettext("Someone else changed this case while you were editing it. Your changes have not been saved.")
            )
        self.refresh_from_db()

        def shown(value):
            return value.isoformat() if hasattr(value, "isoformat") else value

        self.log(
            TimelineKind.CASE_EDITED,
            "case_edited",
            {"changes": {name: [shown(getattr(current, name)), shown(value)] for name, value in changed.items()}},
            by=by,
        )
        return list(changed)
