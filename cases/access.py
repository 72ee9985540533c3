"""The need-to-know chokepoint for signals, cases and notes.

Visibility itself is stated once, on the querysets (`visible_to(user)` in
cases/models.py); these helpers are the only way views, the API, exports and
tasks fetch a single object. Whatever a user may not see does not exist for
them: 404, never 403, so not even its existence leaks.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.compiled import Compiled
from neighbourhoods.models import Neighbourhood
from partners.models import Organisation
from partners.viewer import viewer_of

from .models import AccessLogEntry, Note, Signal, access_from, case_access
from .models.rights import active_participants, remember_participants


def get_visible(queryset, user, pk):
    try:
        return queryset.visible_to(user).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


_LARGEST_ID = 2**63 - 1


def as_row_id(value):
    """`value` as the id of a row that can exist, else None (PostgreSQL would refuse a number past its bigint)."""
    try:
        pk = int(value)
    except (ValueError, TypeError):
        return None
    return pk if 0 < pk <= _LARGEST_ID else None


def row_id(pk):
    """`pk` as the id of a row that can exist (`as_row_id`); Http404 for anything else."""
    pk = as_row_id(pk)
    if pk is None:
        raise Http404
    return pk


def get_case_for_user(user, pk, *, direct=False, read=None, channel=AccessLogEntry.Channel.PAGE, **detail):
    """The user's CaseAccess to case `pk` if one of their organisations takes part; 404 otherwise.

    direct=True also requires directing the case (403: the user already knows
    the case exists). read=<ReadWhat> writes the read to the access log.
    """
    # The rule is asked once: `case_access` reads the case's active participants (the page shows them and
    # they tell on whose behalf the user reads) and decides from them exactly what `visible_to` would,
    # an active participation of one of the user's active organisations; otherwise 404. Fetching through
    # `visible_to` first asked the database the same question again, in a subquery costlier than the row.
    # The case comes with its participants, in one query: a case without active participants is visible
    # to nobody, so no row is a 404 as well.
    if not (user and user.is_authenticated and user.is_active):
        raise Http404
    participants = active_participants(row_id(pk))
    if not participants:
        raise Http404
    case = participants[0].case
    remember_participants(user, case.pk, participants)  # the verb the request leads to decides from them too
    access = access_from(user, case, participants)
    if direct and not access.directs:
        raise PermissionDenied
    if read is not None:
        access.log_read(read, channel, **detail)
    return access


def log_case_read(user, case, what, channel=AccessLogEntry.Channel.PAGE, **detail):
    """Write that `user` read `what` of `case` (a row of it they were allowed to fetch); returns their CaseAccess."""
    access = case_access(user, case)
    access.log_read(what, channel, **detail)
    return access


def get_signal_for_user(user, pk):
    return get_visible(
        Signal.objects.select_related("neighbourhood", "reporting_organisation", "reported_by"), user, pk
    )


def get_note_for_user(user, pk):
    return get_visible(Note.objects.select_related("case", "author", "organisation"), user, pk)


def reporting_organisations(user):
    """The organisations a user may report a signal for: their own, active ones."""
    return Organisation.objects.filter(pk__in=viewer_of(user).organisation_ids).order_by("name")


def may_report_for(user, organisation_id):
    """Whether `user` may report on behalf of the organisation (`reporting_organisations`, without a query)."""
    return organisation_id in viewer_of(user).organisation_ids


def reportable_neighbourhoods(user):
    """Neighbourhoods a user may log a signal in: those of their teams (as far as they count: `covering`).

    Someone in no team (say, a police officer on city duty) may log anywhere;
    their organisation still sees the signal, and so do the covering teams.
    """
    viewer = viewer_of(user)
    if viewer.in_a_team:
        return Neighbourhood.objects.filter(pk__in=viewer.neighbourhood_ids)
    return Neighbourhood.objects.all()


def may_report_in(user, neighbourhood_id):
    """Whether `user` may log a signal in the neighbourhood (`reportable_neighbourhoods`, without a query)."""
    viewer = viewer_of(user)
    return neighbourhood_id in viewer.neighbourhood_ids if viewer.in_a_team else True


# The log form's chosen neighbourhood, on every signal logged: by its key alone, the SQL made once per process.
_neighbourhood = Compiled(lambda pk: Neighbourhood.objects.filter(pk=pk), -7_000_002)


def reportable_neighbourhood(user, value):
    """The neighbourhood with id `value` if `user` may log a signal in it (`may_report_in`), else None (also for
    what cannot be an id): one query by key, or none."""
    pk = as_row_id(value)
    if pk is None or not may_report_in(user, pk):
        return None
    found = _neighbourhood(pk)
    return found[0] if found else None
