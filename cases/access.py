"""The need-to-know chokepoint for signals, cases and notes.

Visibility itself is stated once, on the querysets (`visible_to(user)` in
cases/models.py); these helpers are the only way views, the API, exports and
tasks fetch a single object. Whatever a user may not see does not exist for
them: 404, never 403, so not even its existence leaks.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from neighbourhoods.models import Neighbourhood
from partners.models import Organisation
from partners.viewer import viewer_of

from .models import CHECKED_FOR, Case, Note, Signal


def get_visible(queryset, user, pk):
    try:
        return queryset.visible_to(user).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_direct(user, case, participants=None):
    """The case director, or a case director of an organisation taking part.
    (`participants`: the case's active participants, when the page has them already.)"""
    if case.case_director_id == user.pk:
        return True
    directing = {m.organisation_id for m in viewer_of(user).active_memberships if m.can_direct_cases}
    if not directing:
        return False
    if participants is not None:
        return any(p.organisation_id in directing for p in participants)
    return case.participants.active().filter(organisation__in=directing).exists()


def get_case_for_user(user, pk, write=False):
    """The case if the user's organisation takes part; 404 otherwise.

    write=True also requires the right to direct the case (403: the user
    already knows the case exists).
    """
    case = get_visible(Case.objects.select_related("neighbourhood", "lead_organisation", "case_director"), user, pk)
    if write and not can_direct(user, case):
        raise PermissionDenied
    setattr(case, CHECKED_FOR, user.pk)  # see CaseChildQuerySet.visible_in
    return case


def get_signal_for_user(user, pk):
    return get_visible(
        Signal.objects.select_related("neighbourhood", "reporting_organisation", "reported_by"), user, pk
    )


def get_note_for_user(user, pk):
    return get_visible(Note.objects.select_related("case", "author", "organisation"), user, pk)


def reporting_organisations(user):
    """The organisations a user may report a signal for: their own, active ones."""
    return Organisation.objects.filter(memberships__user=user, is_active=True).order_by("name")


def reportable_neighbourhoods(user):
    """Neighbourhoods a user may log a signal in: those of their teams.

    Someone in no team (say, a police officer on city duty) may log anywhere;
    their organisation still sees the signal, and so do the covering teams.
    """
    covered = Neighbourhood.objects.filter(teams__members=user).distinct()
    if user.teams.exists():
        return covered
    return Neighbourhood.objects.all()


def participating_organisation(user, case, participants=None):
    """The user's organisation that takes part in the case (the first by name), or None.

    Notes, attachments and access-log entries are written in its name. A page
    that has the case's active participants (with organisation) at hand passes
    them, and no query is needed.
    """
    if participants is not None:
        mine = [p.organisation for p in participants if viewer_of(user).is_member_of(p.organisation_id)]
        return min(mine, key=lambda organisation: organisation.name, default=None)
    return (
        Organisation.objects.filter(
            memberships__user=user, is_active=True, participations__in=case.participants.active()
        )
        .order_by("name")
        .first()
    )
