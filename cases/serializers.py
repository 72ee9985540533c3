"""API shapes for signals and cases: input serializers validate, output serializers render.

Choices offered to a user (organisations, neighbourhoods, cases) are limited
to what the access rule lets that user use, so a foreign id is a 400, never a
way to learn that something exists.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.rows import full_name
from core.serializers import UserScopedPrimaryKeyField
from neighbourhoods.models import Neighbourhood
from partners.models import Organisation

from .access import reportable_neighbourhoods, reporting_organisations
from .models import (
    Attachment,
    Case,
    CaseParticipant,
    CaseStatus,
    ClosingReason,
    Note,
    NoteVisibility,
    ParticipantRole,
    Signal,
    TimelineEntry,
    format_address,
    normalise_postcode,
    postcode_validator,
)
from .person_serializers import BasisChangeSerializer


class SignalSerializer(serializers.ModelSerializer):
    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    reporting_organisation_name = serializers.CharField(source="reporting_organisation.name", read_only=True)
    reported_by_name = serializers.CharField(source="reported_by.get_full_name", read_only=True)
    address = serializers.CharField(read_only=True)
    case = serializers.SerializerMethodField(help_text="The signal's case, if you take part in it; else null.")

    class Meta:
        model = Signal
        fields = [
            "id",
            "occurred_at",
            "neighbourhood",
            "neighbourhood_name",
            "postcode",
            "house_number",
            "house_number_addition",
            "address",
            "category",
            "severity",
            "description",
            "reporting_organisation",
            "reporting_organisation_name",
            "reported_by_name",
            "status",
            "status_reason",
            "case",
            "created_at",
        ]
        read_only_fields = fields

    def get_case(self, signal) -> int | None:
        # Never the id of a case the reader may not open: that would tell them it exists.
        return signal.case_id if getattr(signal, "case_visible", False) else None


# What the signal list reads per row with values(): exactly what SignalSerializer shows, under the names the
# ORM gives them. `case_visible` is the queryset's with_visible_case() annotation: the visibility rule stays
# in the query, the row only reads its answer.
SIGNAL_LIST_COLUMNS = (
    "id",
    "occurred_at",
    "neighbourhood_id",
    "neighbourhood__name",
    "postcode",
    "house_number",
    "house_number_addition",
    "category",
    "severity",
    "description",
    "reporting_organisation_id",
    "reporting_organisation__name",
    "reported_by__first_name",
    "reported_by__last_name",
    "status",
    "status_reason",
    "case_id",
    "case_visible",
    "created_at",
)


def api_datetime(value, zone):
    """A datetime as DRF's DateTimeField renders it (ISO 8601 in `zone`, "Z" for UTC), without a field."""
    if not value:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def signal_list_rows(rows):
    """SignalSerializer's output for rows read with `.values(*SIGNAL_LIST_COLUMNS)`, the same JSON byte for
    byte (tests/cases/test_api_signal_list.py), without building a model instance or a field per value:
    on a list page those cost more than the query."""
    zone = timezone.get_current_timezone()
    return [
        {
            "id": row["id"],
            "occurred_at": api_datetime(row["occurred_at"], zone),
            "neighbourhood": row["neighbourhood_id"],
            "neighbourhood_name": row["neighbourhood__name"],
            "postcode": row["postcode"],
            "house_number": row["house_number"],
            "house_number_addition": row["house_number_addition"],
            "address": format_address(row["postcode"], row["house_number"], row["house_number_addition"]),
            "category": row["category"],
            "severity": row["severity"],
            "description": row["description"],
            "reporting_organisation": row["reporting_organisation_id"],
            "reporting_organisation_name": row["reporting_organisation__name"],
            "reported_by_name": full_name(row, "reported_by"),
            "status": row["status"],
            "status_reason": row["status_reason"],
            # As SignalSerializer.get_case: never the id of a case the reader may not open.
            "case": row["case_id"] if row["case_visible"] else None,
            "created_at": api_datetime(row["created_at"], zone),
        }
        for row in rows
    ]


class SignalCreateSerializer(serializers.ModelSerializer):
    neighbourhood = UserScopedPrimaryKeyField(reportable_neighbourhoods, Neighbourhood)
    reporting_organisation = UserScopedPrimaryKeyField(reporting_organisations, Organisation, required=False)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=10)

    class Meta:
        model = Signal
        fields = [
            "occurred_at",
            "neighbourhood",
            "postcode",
            "house_number",
            "house_number_addition",
            "category",
            "severity",
            "description",
            "reporting_organisation",
        ]

    def validate_postcode(self, value):
        value = normalise_postcode(value)
        if value:
            postcode_validator(value)
        return value

    def validate(self, attrs):
        if "reporting_organisation" not in attrs:
            organisations = list(reporting_organisations(self.context["request"].user)[:2])
            if len(organisations) != 1:
                raise serializers.ValidationError(
                    {"reporting_organisation": _("Choose the organisation you report for.")}
                )
            attrs["reporting_organisation"] = organisations[0]
        return attrs


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class SignalLinkSerializer(serializers.Serializer):
    case = UserScopedPrimaryKeyField(Case.objects.visible_to, Case)


class ParticipantSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = CaseParticipant
        fields = ["id", "organisation", "organisation_name", "role", "legal_basis", "since", "until"]
        read_only_fields = fields


class CaseListSerializer(serializers.ModelSerializer):
    neighbourhood_name = serializers.CharField(source="neighbourhood.name", read_only=True)
    lead_organisation_name = serializers.CharField(source="lead_organisation.name", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "title",
            "scope",
            "status",
            "priority",
            "neighbourhood",
            "neighbourhood_name",
            "lead_organisation",
            "lead_organisation_name",
            "case_director",
            "next_review_on",
            "version",
            "updated_at",
        ]
        read_only_fields = fields


class CaseDetailSerializer(CaseListSerializer):
    participants = serializers.SerializerMethodField()
    address = serializers.CharField(read_only=True)

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "postcode",
            "house_number",
            "house_number_addition",
            "address",
            "closing_reason",
            "escalated_to",
            "closed_at",
            "created_at",
            "participants",
        ]
        read_only_fields = fields

    def get_participants(self, case) -> list[dict]:
        return ParticipantSerializer(case.participants.active().select_related("organisation"), many=True).data


class CaseCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    scope = serializers.ChoiceField(choices=Case._meta.get_field("scope").choices, default="address")
    priority = serializers.ChoiceField(choices=Case._meta.get_field("priority").choices, default="normal")
    lead_organisation = UserScopedPrimaryKeyField(reporting_organisations, Organisation)
    legal_basis = serializers.CharField(max_length=300)
    signals = UserScopedPrimaryKeyField(Signal.objects.visible_to, Signal, many=True, allow_empty=False)
    neighbourhood = serializers.PrimaryKeyRelatedField(
        queryset=Neighbourhood.objects.all(), required=False, help_text="One of the signals' (default: the first's)."
    )


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    reason = serializers.ChoiceField(choices=ClosingReason.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    escalated_to = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    bases = BasisChangeSerializer(
        many=True,
        required=False,
        help_text="Entering a phase: the changed legal basis and purpose per participant (the others keep theirs).",
    )
    staying = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Moving to monitoring: the organisations that stay (omitted: all); the others are scaled down.",
    )

    def validate_bases(self, bases):
        """A list of changes as Case.transition takes them: {participant id: {legal_basis, purpose}}."""
        return {row["participant"]: {"legal_basis": row["legal_basis"], "purpose": row["purpose"]} for row in bases}


class NoteSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.get_full_name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Note
        fields = [
            "id",
            "body",
            "visibility",
            "author",
            "author_name",
            "organisation",
            "organisation_name",
            "created_at",
        ]
        read_only_fields = ["id", "author", "author_name", "organisation", "organisation_name", "created_at"]


class NoteCreateSerializer(serializers.Serializer):
    body = serializers.CharField()
    visibility = serializers.ChoiceField(choices=NoteVisibility.choices, default=NoteVisibility.ALL_PARTICIPANTS)
    organisation = serializers.IntegerField(
        required=False, help_text="In whose name: needed when you work for several organisations in the case."
    )


class InviteSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    role = serializers.ChoiceField(choices=ParticipantRole.choices, default=ParticipantRole.PARTNER)
    legal_basis = serializers.CharField(max_length=300)
    purpose = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class TimelineEntrySerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(source="actor.get_full_name", read_only=True, default="")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, default="")
    code = serializers.CharField(read_only=True, help_text="Which sentence this line is (stable, for clients).")
    text = serializers.CharField(read_only=True, help_text="The line, in the reader's language.")
    summary = serializers.CharField(source="text", read_only=True, help_text="Deprecated: the same as `text`.")

    class Meta:
        model = TimelineEntry
        fields = ["id", "kind", "code", "at", "text", "summary", "actor_name", "organisation_name"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    uploaded_by_name = serializers.CharField(source="uploaded_by.get_full_name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "original_name",
            "size",
            "content_type",
            "uploaded_by_name",
            "organisation",
            "organisation_name",
            "created_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, attachment) -> str:
        """The case page's download link: it checks access again on every download."""
        return reverse("cases:attachment", args=[attachment.case_id, attachment.pk])


class AttachmentCreateSerializer(serializers.Serializer):
    """The file (and in whose name); which files are accepted is decided by Case.add_attachment."""

    file = serializers.FileField()
    organisation = serializers.IntegerField(
        required=False, help_text="In whose name: needed when you work for several organisations in the case."
    )
