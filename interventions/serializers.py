"""API shapes for interventions, actions and case reviews."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from cases.models import Case
from core.serializers import UserScopedPrimaryKeyField
from partners.models import Organisation

from .models import Action, CaseReview, Contribution, Intervention, InterventionKind, Outcome, SolutionDirection

User = get_user_model()


def visible_cases(user):
    return Case.objects.visible_to(user)


class ContributionSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Contribution
        fields = ["organisation", "organisation_name", "contribution"]


class InterventionSerializer(serializers.ModelSerializer):
    lead_organisation_name = serializers.CharField(source="lead_organisation.name", read_only=True)
    owner_name = serializers.CharField(source="owner.get_full_name", read_only=True)
    contributions = ContributionSerializer(many=True, read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "case",
            "kind",
            "solution_direction",
            "goal",
            "lead_organisation",
            "lead_organisation_name",
            "owner",
            "owner_name",
            "contributions",
            "start_on",
            "due_on",
            "status",
            "outcome",
            "evaluation",
        ]
        read_only_fields = fields


class InterventionCreateSerializer(serializers.Serializer):
    case = UserScopedPrimaryKeyField(visible_cases, Case)
    kind = serializers.ChoiceField(choices=InterventionKind.choices)
    solution_direction = serializers.ChoiceField(choices=SolutionDirection.choices)
    goal = serializers.CharField()
    lead_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    contributions = ContributionSerializer(many=True, required=False, default=list)
    start_on = serializers.DateField(required=False)
    due_on = serializers.DateField(required=False, allow_null=True)


class FinishSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    evaluation = serializers.CharField()


class EvaluationSerializer(serializers.Serializer):
    evaluation = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    body = serializers.CharField()


class ActionSerializer(serializers.ModelSerializer):
    case_title = serializers.CharField(source="case.title", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    assignee_name = serializers.CharField(source="assignee.get_full_name", read_only=True, default="")
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "case",
            "case_title",
            "intervention",
            "title",
            "organisation",
            "organisation_name",
            "assignee",
            "assignee_name",
            "due_on",
            "is_overdue",
            "done_at",
            "result",
        ]
        read_only_fields = fields


class ActionCreateSerializer(serializers.Serializer):
    case = UserScopedPrimaryKeyField(visible_cases, Case)
    title = serializers.CharField(max_length=200)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    due_on = serializers.DateField(required=False, allow_null=True)
    intervention = UserScopedPrimaryKeyField(
        lambda user: Intervention.objects.visible_to(user), Intervention, required=False, allow_null=True
    )


class ResultSerializer(serializers.Serializer):
    result = serializers.CharField()


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseReview
        fields = ["id", "case", "scheduled_for", "attendees", "minutes", "held_at"]
        read_only_fields = fields


class ReviewCreateSerializer(serializers.Serializer):
    case = UserScopedPrimaryKeyField(visible_cases, Case)
    scheduled_for = serializers.DateTimeField()
    attendees = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, default=list
    )


class DecisionSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    due_on = serializers.DateField(required=False, allow_null=True)


class RecordSerializer(serializers.Serializer):
    minutes = serializers.CharField()
    decisions = DecisionSerializer(many=True, required=False, default=list)
    next_review_on = serializers.DateField(required=False, allow_null=True)
    held_early = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Confirms that a review whose planned time has not come yet was held early (required then).",
    )


class AgendaSerializer(serializers.Serializer):
    overdue_actions = ActionSerializer(many=True)
    interventions_due = InterventionSerializer(many=True)
    new_signals = serializers.SerializerMethodField()
    persons_to_look_again = serializers.SerializerMethodField(
        help_text="Persons not informed whose date to look again has come by the review."
    )

    def get_persons_to_look_again(self, agenda) -> list[dict]:
        return [
            {"id": p.pk, "name": p.name, "reason": p.latest_reason, "look_again_on": p.latest_look_again}
            for p in agenda.persons_to_look_again
        ]

    def get_new_signals(self, agenda) -> list[dict]:
        return [
            {"id": s.pk, "occurred_at": s.occurred_at, "category": s.category, "description": s.description}
            for s in agenda.new_signals
        ]
