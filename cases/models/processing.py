"""The legal basis and purpose of each participant's access, per phase of the case (verwerkingen).

The Zorg- en Veiligheidshuis guidance asks for a basis per partner per phase:
a row starts when an organisation is invited and each time the case enters a
new phase (the director confirms or changes it), and ends when the next one
starts or the participation ends. Rows are never deleted: together they are
the history the "Verwerkingen" panel shows.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.choices import ChoiceDisplayMixin
from core.rows import choice_label

from .participants import CaseChildQuerySet, CaseParticipant, CaseRows

LEGAL_BASIS_MAX_CHARS = 300
PURPOSE_MAX_CHARS = 300


class ProcessingBasis(ChoiceDisplayMixin, models.Model):
    """On what basis, and for what purpose, an organisation takes part in one phase of a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", verbose_name=_("case"))
    participant = models.ForeignKey(
        "cases.CaseParticipant", on_delete=models.CASCADE, related_name="bases", verbose_name=_("participant")
    )
    # A CaseStatus code: the phase the case was in when this basis was confirmed.
    phase = models.CharField(_("phase"), max_length=12)
    legal_basis = models.CharField(_("legal basis"), max_length=LEGAL_BASIS_MAX_CHARS)
    purpose = models.CharField(_("purpose"), max_length=PURPOSE_MAX_CHARS, blank=True)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["participant", "confirmed_at", "pk"]
        verbose_name = _("legal basis per phase")
        verbose_name_plural = _("legal bases per phase")
        indexes = [models.Index(fields=["case", "participant"], name="basis_by_case")]

    def __str__(self):
        return f"{self.participant}: {self.legal_basis} ({self.phase})"

    @property
    def phase_label(self):
        from .cases import CaseStatus

        return CaseStatus(self.phase).label if self.phase in CaseStatus.values else self.phase


def start_bases(participants, *, phase, by, changes=None, on=None):
    """Open each participant's basis for `phase` (closing the one before), with the basis and purpose in
    `changes` ({participant id: {"legal_basis", "purpose"}}) or the ones it had. A fixed number of queries
    however many participants (the changed bases are written one by one: they are few)."""
    on, changes = on or timezone.localdate(), changes or {}
    participants = list(participants)
    open_rows = ProcessingBasis.objects.filter(participant__in=participants, until__isnull=True)
    purposes = dict(open_rows.order_by("confirmed_at", "pk").values_list("participant_id", "purpose"))
    open_rows.update(until=on)
    rows = []
    for participant in participants:
        change = changes.get(participant.pk, {})
        legal_basis = (change.get("legal_basis") or participant.legal_basis).strip()
        if legal_basis != participant.legal_basis:
            # The participation shows the basis that holds now.
            participant.legal_basis = legal_basis
            type(participant).objects.filter(pk=participant.pk).update(legal_basis=legal_basis)
        purpose = change["purpose"] if "purpose" in change else purposes.get(participant.pk, "")
        rows.append(
            ProcessingBasis(
                case_id=participant.case_id,
                participant=participant,
                phase=phase,
                legal_basis=legal_basis,
                purpose=(purpose or "").strip(),
                since=on,
                confirmed_by=by,
            )
        )
    return ProcessingBasis.objects.bulk_create(rows)


def end_bases(participants, *, on):
    """Close the open basis of each of `participants` on `on` (their participation ended)."""
    ProcessingBasis.objects.filter(participant__in=participants, until__isnull=True).update(until=on)


_bases = CaseRows(  # on every visit of the case page: its SQL made once per process
    lambda case_pk, organisation_ids: (
        ProcessingBasis.objects.in_case(case_pk, organisation_ids)
        .order_by("participant__organisation__name", "participant__since", "participant_id", "since", "pk")
        .values(
            "participant_id",
            "participant__organisation__name",
            "participant__ended_reason",
            "phase",
            "legal_basis",
            "purpose",
            "since",
            "until",
        )
    )
)


def bases_by_participant(access):
    """The Verwerkingen panel: every participation of `access.case` (ended ones too) with its bases per phase,
    oldest first. One query: [(participant, [basis, ...]), ...] by organisation name, as display rows
    (core/rows.py) with the columns the panel shows: a participant's `organisation_name`, `ended_reason` and
    its label; a basis's `phase_label`, `legal_basis`, `purpose`, `since` and `until`."""
    from .cases import CaseStatus

    grouped = {}
    for row in _bases(access):
        participant_id = row["participant_id"]
        if participant_id not in grouped:
            ended_reason = row["participant__ended_reason"]
            participant = {
                "organisation_name": row["participant__organisation__name"],
                "ended_reason": ended_reason,
                "ended_reason_label": choice_label(CaseParticipant, "ended_reason", ended_reason),
            }
            grouped[participant_id] = (participant, [])
        phase = row["phase"]
        # ProcessingBasis.phase_label
        row["phase_label"] = CaseStatus(phase).label if phase in CaseStatus.values else phase
        grouped[participant_id][1].append(row)
    return list(grouped.values())


def current_bases(case):
    """{participant id: its open basis} for `case`, for the status form to start from. One query."""
    return {basis.participant_id: basis for basis in ProcessingBasis.objects.filter(case=case, until__isnull=True)}
