"""REST API for interventions, actions, case reviews and my notifications.

Same shape as cases/api.py: querysets are `visible_to(request.user)` (404 for
anything else), input serializers validate, the verbs act (their errors are
400s through core.api.exception_handler), output serializers render.
"""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.access import log_case_read
from cases.filters import case_filter
from cases.models import AccessLogEntry, ReadWhat
from core.api import validated

from .models import Action, CaseReview, Intervention
from .reviews import Decision, review_agenda, review_record, review_schedule
from .serializers import (
    ActionCreateSerializer,
    ActionSerializer,
    AgendaSerializer,
    EvaluationSerializer,
    FinishSerializer,
    InterventionCreateSerializer,
    InterventionSerializer,
    ProgressSerializer,
    RecordSerializer,
    ResultSerializer,
    ReviewCreateSerializer,
    ReviewSerializer,
)
from .services import action_add, intervention_add

API = AccessLogEntry.Channel.API


class LoggedRetrieveMixin:
    """Reading one row of a case's plan is a read of the case: written to its access log."""

    read_what = None

    def retrieve(self, request, pk=None):
        row = self.get_object()
        log_case_read(request.user, row.case, self.read_what, API, id=row.pk)
        return Response(self.get_serializer(row).data)


def visible_interventions(request):
    return Intervention.objects.visible_to(request.user) if request else Intervention.objects.none()


class InterventionFilter(django_filters.FilterSet):
    case = case_filter()

    class Meta:
        model = Intervention
        fields = ["case", "status", "kind", "solution_direction", "lead_organisation"]


class ReviewFilter(django_filters.FilterSet):
    case = case_filter()

    class Meta:
        model = CaseReview
        fields = ["case"]


class InterventionViewSet(LoggedRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = InterventionSerializer
    read_what = ReadWhat.INTERVENTION
    filterset_class = InterventionFilter

    def get_queryset(self):
        return (
            Intervention.objects.visible_to(self.request.user)
            .select_related("lead_organisation", "owner")
            .prefetch_related("contributions__organisation")
        )

    @extend_schema(request=InterventionCreateSerializer, responses={201: InterventionSerializer})
    def create(self, request):
        data = validated(InterventionCreateSerializer, request)
        case = data.pop("case")
        contributions = [(c["organisation"], c["contribution"]) for c in data.pop("contributions")]
        intervention = intervention_add(case, by=request.user, contributions=contributions, **data)
        return Response(InterventionSerializer(intervention).data, status=status.HTTP_201_CREATED)

    def _act(self, verb, **kwargs):
        intervention = self.get_object()
        getattr(intervention, verb)(by=self.request.user, **kwargs)
        return Response(InterventionSerializer(intervention).data)

    @extend_schema(request=None, responses=InterventionSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._act("start")

    @extend_schema(request=FinishSerializer, responses=InterventionSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        return self._act("finish", **validated(FinishSerializer, request))

    @extend_schema(request=EvaluationSerializer, responses=InterventionSerializer)
    @action(detail=True, methods=["post"])
    def stop(self, request, pk=None):
        return self._act("stop", **validated(EvaluationSerializer, request))

    @extend_schema(request=ProgressSerializer, responses=InterventionSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        return self._act("add_progress", **validated(ProgressSerializer, request))


class ActionFilter(django_filters.FilterSet):
    # Choices only among what the requester may open: a foreign id answers exactly as an unknown one.
    case = case_filter()
    intervention = django_filters.ModelChoiceFilter(queryset=visible_interventions)
    mine = django_filters.BooleanFilter(method="filter_mine")
    open = django_filters.BooleanFilter(field_name="done_at", lookup_expr="isnull")
    overdue = django_filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Action
        fields = ["case", "organisation", "intervention"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(assignee=self.request.user) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset


class ActionViewSet(LoggedRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Actions on cases I take part in, overdue first."""

    serializer_class = ActionSerializer
    read_what = ReadWhat.ACTION
    filterset_class = ActionFilter

    def get_queryset(self):
        return (
            Action.objects.visible_to(self.request.user)
            .select_related("case", "organisation", "assignee")
            .overdue_first()
        )

    @extend_schema(request=ActionCreateSerializer, responses={201: ActionSerializer})
    def create(self, request):
        data = validated(ActionCreateSerializer, request)
        case = data.pop("case")
        created = action_add(case, by=request.user, **data)
        return Response(ActionSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResultSerializer, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        task = self.get_object()
        task.complete(by=request.user, **validated(ResultSerializer, request))
        return Response(ActionSerializer(task).data)

    @extend_schema(request=None, responses=ActionSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        task = self.get_object()
        task.reopen(by=request.user)
        return Response(ActionSerializer(task).data)


class ReviewViewSet(LoggedRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ReviewSerializer
    read_what = ReadWhat.REVIEW
    filterset_class = ReviewFilter

    def get_queryset(self):
        return CaseReview.objects.visible_to(self.request.user).prefetch_related("attendees")

    @extend_schema(request=ReviewCreateSerializer, responses={201: ReviewSerializer})
    def create(self, request):
        data = validated(ReviewCreateSerializer, request)
        case = data.pop("case")
        review = review_schedule(case, by=request.user, **data)
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AgendaSerializer)
    @action(detail=True, methods=["get"])
    def agenda(self, request, pk=None):
        review = self.get_object()
        log_case_read(request.user, review.case, ReadWhat.AGENDA, API, id=review.pk)
        return Response(AgendaSerializer(review_agenda(review, request.user)).data)

    @extend_schema(request=RecordSerializer, responses=ActionSerializer(many=True))
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        review = self.get_object()
        data = validated(RecordSerializer, request)
        decisions = [Decision(**decision) for decision in data.pop("decisions")]
        actions = review_record(review, by=request.user, decisions=decisions, **data)
        return Response(ActionSerializer(actions, many=True).data)
