"""REST API for the people a case is about (GET, PATCH, DELETE one; its informing register) and for asking
to coordinate on a match elsewhere. A case's persons are listed and added at /api/cases/<id>/persons/.

Thin like cases/api.py: a person is found only within a case the user takes
part in (404 otherwise), the read is logged, the verbs decide.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import validated

from .access import get_visible, log_case_read
from .known_elsewhere import coordination_request, matches_in
from .models import AccessLogEntry, InformingEntry, KnownElsewhere, Person, ReadWhat, case_access
from .person_serializers import (
    InformingCreateSerializer,
    InformingEntrySerializer,
    MatchSerializer,
    PersonSerializer,
    PersonWriteSerializer,
)
from .persons import informing_record, person_correct, person_remove, persons_of

API = AccessLogEntry.Channel.API


def person_out(access, person_id):
    """A person as the API shows it: with their latest informing answer and matches elsewhere."""
    return persons_of(access, only=[person_id])[0]


class PersonViewSet(viewsets.GenericViewSet):
    """One person on a case. Reading them is written to the case's access log."""

    serializer_class = PersonSerializer
    queryset = Person.objects.none()

    def _person(self, read=None):
        person = get_visible(Person.objects.select_related("case"), self.request.user, self.kwargs["pk"])
        if read is not None:
            return person, log_case_read(self.request.user, person.case, read, API, person_id=person.pk)
        return person, case_access(self.request.user, person.case)

    def retrieve(self, request, pk=None):
        person, access = self._person(ReadWhat.PERSON)
        return Response(PersonSerializer(person_out(access, person.pk)).data)

    @extend_schema(request=PersonWriteSerializer(partial=True), responses=PersonSerializer)
    def partial_update(self, request, pk=None):
        person, access = self._person()
        data = validated(PersonWriteSerializer, request, partial=True)
        person_correct(person, by=request.user, channel=API, **data)
        return Response(PersonSerializer(person_out(access, person.pk)).data)

    def destroy(self, request, pk=None):
        person, _access = self._person()
        person_remove(person, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=InformingCreateSerializer, responses=InformingEntrySerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def informing(self, request, pk=None):
        """The informing register of this person, newest first; POST adds an entry."""
        if request.method == "POST":
            person, access = self._person()
            data = validated(InformingCreateSerializer, request)
            entry = informing_record(person, by=request.user, **data)
            return Response(InformingEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
        person, access = self._person(ReadWhat.PERSON)
        entries = InformingEntry.objects.filter(person=person).select_related("recorded_by", "organisation")
        return Response(InformingEntrySerializer(entries, many=True).data)


class KnownElsewhereViewSet(viewsets.GenericViewSet):
    """A match of a person elsewhere: only what matched and who directs the other case."""

    serializer_class = MatchSerializer
    queryset = KnownElsewhere.objects.none()

    @extend_schema(request=None, responses=MatchSerializer)
    @action(detail=True, methods=["post"])
    def coordinate(self, request, pk=None):
        """Ask the director of the other case to coordinate; they decide whether to invite."""
        match = get_visible(KnownElsewhere.objects.select_related("case"), request.user, pk)
        coordination_request(match, by=request.user)
        access = case_access(request.user, match.case)
        shown = [m for m in matches_in(access, persons=[match.person_id]) if m.id == match.pk]
        if not shown:
            raise Http404
        return Response(MatchSerializer(shown[0]).data)
