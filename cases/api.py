"""REST API for signals and cases. Thin: the input serializer validates, a verb acts,
the output serializer renders; every queryset is `visible_to(request.user)`."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.kept_pages import KeptPage
from core.api import validated
from core.pagination import KeysetPagination

from .access import get_case_for_user
from .errors import AttachmentRefused
from .filters import CaseFilter, SignalFilter, signal_api_ordering
from .models import AccessLogEntry, Attachment, Case, Note, ReadWhat, Signal, TimelineEntry
from .models.processing import ProcessingBasis
from .person_api import person_out
from .person_serializers import PersonSerializer, PersonWriteSerializer, ProcessingBasisSerializer
from .persons import person_add, persons_of
from .serializers import (
    SIGNAL_LIST_COLUMNS,
    AttachmentCreateSerializer,
    AttachmentSerializer,
    CaseCreateSerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    InviteSerializer,
    NoteCreateSerializer,
    NoteSerializer,
    ParticipantSerializer,
    ReasonSerializer,
    SignalCreateSerializer,
    SignalLinkSerializer,
    SignalSerializer,
    TimelineEntrySerializer,
    TransitionSerializer,
    signal_list_rows,
)
from .services import case_open, signal_report


class SignalCursorPagination(KeysetPagination):
    """Pages of 50 signals by a cursor on their time (`next` / `previous` links, no `count`): counting every
    visible signal on each request cost more than reading the page, and a cursor stays put while new signals
    come in at the top."""

    ordering = ("-occurred_at", "-pk")

    def get_ordering(self, request, queryset, view):
        return signal_api_ordering(request.query_params.get("ordering"))


class SignalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Signals of my organisations and of my teams' neighbourhoods."""

    serializer_class = SignalSerializer
    filterset_class = SignalFilter
    pagination_class = SignalCursorPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator asks without a user
            return Signal.objects.none()
        signals = Signal.objects.visible_to(self.request.user).with_visible_case(self.request.user)
        if self.action == "list":
            return signals  # read as values(), see list()
        return signals.select_related("neighbourhood", "reporting_organisation", "reported_by")

    def list(self, request):
        """The signals I may see, newest first (`?ordering=occurred_at`: oldest first), 50 a page: follow
        `next` and `previous`; there is no count."""
        # Kept per reader while no table it read has changed (accounts/kept_pages.py); its rows read as
        # values() and shaped as SignalSerializer shapes them: no model instance, no field per value.
        with KeptPage(request) as page:
            return Response(page.value(lambda: self._list_page().data))

    def _list_page(self):
        signals = self.filter_queryset(self.get_queryset()).values(*SIGNAL_LIST_COLUMNS)
        return self.get_paginated_response(signal_list_rows(self.paginate_queryset(signals)))

    @extend_schema(request=SignalCreateSerializer, responses={201: SignalSerializer})
    def create(self, request):
        data = validated(SignalCreateSerializer, request)
        signal = signal_report(
            by=request.user,
            organisation=data.pop("reporting_organisation"),
            neighbourhood=data.pop("neighbourhood"),
            category=data.pop("category"),
            severity=data.pop("severity", "medium"),
            description=data.pop("description"),
            **data,
        )
        return Response(SignalSerializer(signal).data, status=status.HTTP_201_CREATED)

    def _act(self, verb, serializer=None):
        """The signal first (404 for whoever may not see it, whatever the body), then the body, then the verb."""
        signal = self.get_object()
        arguments = validated(serializer, self.request) if serializer else {}
        getattr(signal, verb)(by=self.request.user, **arguments)
        return Response(SignalSerializer(self.get_object()).data)  # read again: its case may be new

    @extend_schema(request=None, responses=SignalSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        return self._act("mark_triaged")

    @extend_schema(request=SignalLinkSerializer, responses=SignalSerializer)
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        return self._act("link_to", SignalLinkSerializer)

    @extend_schema(request=ReasonSerializer, responses=SignalSerializer)
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        return self._act("refer_on", ReasonSerializer)

    @extend_schema(request=ReasonSerializer, responses=SignalSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._act("close", ReasonSerializer)


API = AccessLogEntry.Channel.API


class CaseViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Cases my organisations take part in. Reading one is written to the access log."""

    filterset_class = CaseFilter

    def get_queryset(self):
        return Case.objects.visible_to(self.request.user).select_related("neighbourhood", "lead_organisation")

    def get_serializer_class(self):
        return CaseListSerializer if self.action == "list" else CaseDetailSerializer

    def get_object(self):
        return get_case_for_user(self.request.user, self.kwargs["pk"]).case

    def _access(self, read=None, **kwargs):
        """The user's CaseAccess to the case in the URL; with `read`, the read is written to the access log."""
        return get_case_for_user(self.request.user, self.kwargs["pk"], read=read, channel=API, **kwargs)

    def retrieve(self, request, pk=None):
        return Response(CaseDetailSerializer(self._access(ReadWhat.CASE).case).data)

    @extend_schema(request=CaseCreateSerializer, responses={201: CaseDetailSerializer})
    def create(self, request):
        data = validated(CaseCreateSerializer, request)
        with transaction.atomic():
            case = case_open(
                by=request.user,
                organisation=data["lead_organisation"],
                title=data["title"],
                neighbourhood=data.get("neighbourhood"),
                signals=data["signals"],
                legal_basis=data["legal_basis"],
                scope=data["scope"],
                priority=data["priority"],
            )
        return Response(CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TransitionSerializer, responses=CaseDetailSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        case = self._access(direct=True).case
        data = validated(TransitionSerializer, request)
        case.transition(data.pop("status"), by=request.user, **data)
        return Response(CaseDetailSerializer(case).data)

    @extend_schema(request=NoteCreateSerializer, responses=NoteSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def notes(self, request, pk=None):
        if request.method == "POST":
            case = self._access().case
            data = validated(NoteCreateSerializer, request)
            note = case.add_note(by=request.user, organisation=data.pop("organisation", None), **data)
            return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
        notes = Note.objects.visible_in(self._access(ReadWhat.NOTES)).select_related("author", "organisation")
        return Response(NoteSerializer(notes, many=True).data)

    @extend_schema(request=InviteSerializer, responses=ParticipantSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def participants(self, request, pk=None):
        if request.method == "POST":
            case = self._access(direct=True).case
            data = validated(InviteSerializer, request)
            participation = case.invite(data.pop("organisation"), by=request.user, **data)
            return Response(ParticipantSerializer(participation).data, status=status.HTTP_201_CREATED)
        access = self._access(ReadWhat.PARTICIPANTS)
        return Response(ParticipantSerializer(access.participants, many=True).data)

    @extend_schema(request=None, responses=TimelineEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        access = self._access(ReadWhat.TIMELINE)
        entries = TimelineEntry.objects.visible_in(access).select_related("actor", "organisation")
        return Response(TimelineEntrySerializer(entries, many=True).data)

    @extend_schema(methods=["GET"], responses=AttachmentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": AttachmentCreateSerializer},
        responses={201: AttachmentSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser],
        filter_backends=[],
        pagination_class=None,
    )
    def attachments(self, request, pk=None):
        """The case's attachments; POST one file (multipart, field `file`): PDF, JPG, PNG or Word."""
        if request.method == "POST":
            case = self._access().case
            data = validated(AttachmentCreateSerializer, request)
            try:
                attachment = case.add_attachment(
                    by=request.user, organisation=data.get("organisation"), uploaded_file=data["file"]
                )
            except AttachmentRefused as refused:
                raise serializers.ValidationError({"file": [str(refused)]}) from None
            return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)
        attachments = Attachment.objects.visible_in(self._access(ReadWhat.ATTACHMENTS)).select_related(
            "uploaded_by", "organisation"
        )
        return Response(AttachmentSerializer(attachments, many=True).data)

    @extend_schema(request=PersonWriteSerializer, responses=PersonSerializer(many=True))
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def persons(self, request, pk=None):
        """The people the case is about, with their latest informing answer and matches elsewhere; POST adds one
        (and runs the "known elsewhere?" check)."""
        if request.method == "POST":
            access = self._access()
            data = validated(PersonWriteSerializer, request)
            person = person_add(access.case, by=request.user, channel=API, **data)
            return Response(PersonSerializer(person_out(access, person.pk)).data, status=status.HTTP_201_CREATED)
        return Response(PersonSerializer(persons_of(self._access(ReadWhat.PERSONS)), many=True).data)

    @extend_schema(request=None, responses=ProcessingBasisSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def processing(self, request, pk=None):
        """Every participation's legal basis and purpose per phase, since and until (the Verwerkingen panel)."""
        access = self._access(ReadWhat.PROCESSING)
        bases = (
            ProcessingBasis.objects.visible_in(access)
            .select_related("participant__organisation")
            .order_by("participant__organisation__name", "since", "pk")
        )
        return Response(ProcessingBasisSerializer(bases, many=True).data)
