"""What a user may do with a case: the decision the chokepoint (cases/access.py) returns, and the verbs ask.

A CaseAccess exists only for someone whose organisation takes part in the
case; `case_access` raises Http404 for anyone else.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.compiled import Compiled
from core.table_versions import writes_so_far
from partners.models import Membership
from partners.viewer import viewer_of

from ..errors import CaseError
from .participants import CaseParticipant
from .records import AccessLogEntry, insert_access_log_entry


def directs(user, case, participants):
    """The case's director, or a case director (or administrator) of its lead organisation.

    Only they invite, end participations, change the status and header, plan
    for every participant and read the access log. A case director of another
    participating organisation takes part, but does not direct.
    `participants`: the case's active participants.
    """
    if not any(viewer_of(user).is_member_of(p.organisation_id) for p in participants):
        return False  # no longer takes part: directs nothing, whatever the case says
    if case.case_director_id == user.pk:
        return True
    return case.lead_organisation_id in viewer_of(user).directing_organisation_ids


def directed_by(user):
    """Q over cases: `directs` as a filter, for the case index ("ik regisseer"). Combine it with
    `visible_to(user)`, which holds the other half of `directs`: the user still takes part."""
    return Q(case_director=user.pk) | Q(lead_organisation__in=sorted(viewer_of(user).directing_organisation_ids))


def direction_candidates(case):
    """(user, organisation) for everyone who could direct `case`: active case directors (and administrators)
    of its active participating organisations, by name. One query."""
    taking_part = case.participants.active().filter(organisation__is_active=True).values("organisation")
    memberships = (
        Membership.objects.directing()
        .filter(organisation__in=taking_part, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("user__first_name", "user__last_name", "organisation__name")
    )
    return [(m.user, m.organisation) for m in memberships]


@dataclass(frozen=True)
class CaseAccess:
    """What the chokepoint decided about one user and one case; views, API, verbs and tasks take what they need.

    - `participants`: the case's active participants, with their organisation;
    - `organisations`: the user's organisations among them, by name (never empty:
      without one there is no access, only a 404);
    - `directs`: whether the user directs the case (see `directs`).
    """

    case: object
    user: object
    participants: tuple
    organisations: tuple
    directs: bool

    def writes_as(self, organisation=None):
        """The organisation in whose name the user writes (a note, an attachment).

        The one they chose, which must be theirs and take part; with one such
        organisation, that one; with several and no choice, CaseError.
        """
        if organisation is None:
            if len(self.organisations) > 1:
                raise CaseError(_("Choose in whose name you write: you work for several organisations in this case."))
            return self.organisations[0]
        for mine in self.organisations:
            if mine.pk == getattr(organisation, "pk", organisation):
                return mine
        raise CaseError(_("You can only write in the name of your own organisation that takes part in this case."))

    def log_read(self, what, channel=AccessLogEntry.Channel.PAGE, **detail):
        """Write that the user read `what` of this case (a ReadWhat code), through `channel`, on behalf of
        all their organisations taking part. Every read of case content goes through here."""
        return access_log_record(self, what, channel, detail)


# Asked on nearly every request, by the chokepoint and by the verbs: its SQL is made once per process.
_active_participants = Compiled(
    lambda case_pk, on: (
        CaseParticipant.objects.active(on)
        .filter(case_id=case_pk)
        .select_related("organisation", "case__neighbourhood", "case__lead_organisation", "case__case_director")
        .order_by("organisation__name")
    ),
    -7_000_001,  # stand-ins that occur nowhere else in the query
    datetime.date(1901, 2, 3),
    shared=("case",),  # one case object for all of them, as case.participants gives
)


def active_participants(case_pk):
    """Case `case_pk`'s participations that give access today, by organisation name, each with its organisation
    and one case object with its neighbourhood, lead organisation and director (none: no such case, or nobody
    takes part). One query (core/compiled.py)."""
    return tuple(_active_participants(case_pk, timezone.localdate()))


# The active participants last read for a user's access to a case, kept on the user object (which lives
# for one request or one step of a task, as partners/viewer.py's answers do):
# {case pk: ((writes so far, today), participants)}; a participation ends with a day, too.
_PARTICIPANTS_READ = "_veerkracht_participants_read"


def remember_participants(user, case_pk, participants):
    """Note the active participants just read for `user`'s access to case `case_pk` (see `case_access`)."""
    read = getattr(user, _PARTICIPANTS_READ, None)
    if read is None:
        read = {}
        setattr(user, _PARTICIPANTS_READ, read)
    read[case_pk] = ((writes_so_far(), timezone.localdate()), participants)


def _participants_read(user, case_pk):
    """The participants remembered for this user and case, if this process has written nothing since, today."""
    when, participants = getattr(user, _PARTICIPANTS_READ, {}).get(case_pk, (None, None))
    return participants if when == (writes_so_far(), timezone.localdate()) else None


def case_access(user, case):
    """The access `user` has to `case` (a case object at hand: verbs, tasks); Http404 if they take part in it no more.

    One query, the case's active participants, unless they were read for this user in this request
    (the chokepoint, then the verb it leads to) and this process has written nothing since: whatever
    ends a participation, a membership or a case's direction writes, and the next decision reads again.
    """
    if not (user and user.is_authenticated and user.is_active):
        raise Http404
    participants = _participants_read(user, case.pk)
    if participants is None:
        participants = active_participants(case.pk)
        for participant in participants:
            participant.case = case  # the case object at hand, as case.participants would give
        remember_participants(user, case.pk, participants)
    return access_from(user, case, participants)


def access_from(user, case, participants):
    """The access `user` has to `case`, given its active participants (by organisation name); Http404 when
    none of them is one of the user's active organisations. The rule of `visible_to`, decided in Python."""
    mine = tuple(p.organisation for p in participants if viewer_of(user).is_member_of(p.organisation_id))
    if not mine:
        raise Http404
    return CaseAccess(case, user, participants, mine, directs(user, case, participants))


def access_log_record(access, what, channel, detail=None):
    """The access-log row for a read; use CaseAccess.log_read."""
    user = access.user
    return insert_access_log_entry(
        case=access.case,
        user=user,
        user_name=(user.get_full_name() or user.get_username())[:300],
        on_behalf_of=[organisation.name for organisation in access.organisations],
        channel=channel,
        what=what,
        detail=detail or {},
    )
