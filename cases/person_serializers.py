"""API shapes for the people a case is about, the informing register, matches elsewhere and legal bases.

Input serializers only parse; the verbs in cases/persons.py decide. A match
elsewhere is shown as `Match` rows (cases/known_elsewhere.py): what matched
and who directs the other case, nothing else of it.
"""

from rest_framework import serializers

from .models import InformedHow, InformingEntry, NotInformedReason, Person, PersonRole, ProcessingBasis


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    match = serializers.CharField(read_only=True, help_text="person (name and date of birth) or address")
    match_label = serializers.CharField(read_only=True)
    director = serializers.CharField(read_only=True, help_text="Who directs the other case.")
    organisation = serializers.CharField(read_only=True, help_text="The other case's lead organisation.")
    requested_at = serializers.DateTimeField(read_only=True, allow_null=True)
    requested_by = serializers.CharField(read_only=True)


class PersonSerializer(serializers.ModelSerializer):
    address = serializers.CharField(read_only=True)
    known_elsewhere = serializers.SerializerMethodField()
    informed = serializers.SerializerMethodField(help_text="The latest informing entry's answer; null: none yet.")

    class Meta:
        model = Person
        fields = [
            "id",
            "case",
            "name",
            "date_of_birth",
            "role",
            "postcode",
            "house_number",
            "house_number_addition",
            "address",
            "contact_notes",
            "informed",
            "known_elsewhere",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_known_elsewhere(self, person) -> list[dict]:
        return MatchSerializer(getattr(person, "matches", []), many=True).data

    def get_informed(self, person) -> bool | None:
        return getattr(person, "latest_informed", None)


class PersonWriteSerializer(serializers.Serializer):
    """A person's fields; on PATCH only those sent."""

    name = serializers.CharField(max_length=200)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    role = serializers.ChoiceField(choices=PersonRole.choices)
    postcode = serializers.CharField(required=False, allow_blank=True, max_length=7)
    house_number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    house_number_addition = serializers.CharField(required=False, allow_blank=True, max_length=10)
    contact_notes = serializers.CharField(required=False, allow_blank=True)


class InformingEntrySerializer(serializers.ModelSerializer):
    recorded_by_name = serializers.CharField(source="recorded_by.get_full_name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = InformingEntry
        fields = [
            "id",
            "informed",
            "informed_on",
            "how",
            "reason",
            "reason_text",
            "look_again_on",
            "recorded_by",
            "recorded_by_name",
            "organisation",
            "organisation_name",
            "recorded_at",
        ]
        read_only_fields = fields


class InformingCreateSerializer(serializers.Serializer):
    informed = serializers.BooleanField()
    informed_on = serializers.DateField(required=False, allow_null=True)
    how = serializers.ChoiceField(choices=InformedHow.choices, required=False, allow_blank=True)
    reason = serializers.ChoiceField(choices=NotInformedReason.choices, required=False, allow_blank=True)
    reason_text = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    look_again_on = serializers.DateField(required=False, allow_null=True)
    organisation = serializers.IntegerField(
        required=False, help_text="In whose name, when you work for several organisations in the case."
    )


class ProcessingBasisSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="participant.organisation_id", read_only=True)
    organisation_name = serializers.CharField(source="participant.organisation.name", read_only=True)

    class Meta:
        model = ProcessingBasis
        fields = [
            "id",
            "participant",
            "organisation",
            "organisation_name",
            "phase",
            "legal_basis",
            "purpose",
            "since",
            "until",
            "confirmed_at",
        ]
        read_only_fields = fields


class BasisChangeSerializer(serializers.Serializer):
    participant = serializers.IntegerField()
    legal_basis = serializers.CharField(max_length=300)
    purpose = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
