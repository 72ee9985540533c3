"""The need-to-know rule in one place: per user (for pages and the API) and set-based (for jobs and forms).

Per user — "what may this person see?" — the querysets' `visible_to(user)`
build on `member_of`, `covers` and `participates` (cases/models/), which read
the user's organisations and team neighbourhoods once per request
(partners/viewer.py). Set-based — "who may see this?" — jobs and forms ask
about many people at once (reminders, early warnings, the weekly summary,
review attendees, direction candidates); the functions below state the same
rule as expressions over people, so it is never restated by hand:

- someone takes part in a case through an active membership of an active
  organisation that actively takes part in it;
- someone covers a neighbourhood through a team that covers it, as long as
  they have an active organisation (a team place is held on behalf of one).
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from neighbourhoods.models import Neighbourhood
from partners.models import Membership, Team
from partners.viewer import viewer_of

from .models import CaseParticipant, Signal, covers, member_of, participates

__all__ = [
    "covers",
    "covering",
    "covering_pairs",
    "neighbourhoods_with_visible_signals",
    "member_of",
    "participates",
    "people_covering",
    "people_taking_part",
    "takes_part",
    "team_neighbourhoods",
]


def _has_active_organisation(user_ref):
    return Exists(Membership.objects.filter(user=user_ref, organisation__is_active=True))


def takes_part(user_ref, case_ref):
    """Exists(): the user at `user_ref` takes part in the case at `case_ref` (set-based `participates`)."""
    return Exists(
        CaseParticipant.objects.active().filter(
            case=case_ref, organisation__is_active=True, organisation__memberships__user=user_ref
        )
    )


def people_taking_part(case):
    """The active users who may open `case`."""
    return get_user_model().objects.filter(is_active=True).filter(takes_part(OuterRef("pk"), case))


def covering(user_ref, neighbourhood_ref):
    """Exists(): the user at `user_ref` covers the neighbourhood at `neighbourhood_ref` (set-based `covers`)."""
    teams = Team.neighbourhoods.through.objects.filter(neighbourhood=neighbourhood_ref, team__members=user_ref)
    return Exists(teams) & _has_active_organisation(user_ref)


def people_covering(neighbourhood):
    """The active users whose teams cover `neighbourhood` (and who have an active organisation)."""
    return get_user_model().objects.filter(is_active=True).filter(covering(OuterRef("pk"), neighbourhood))


def covering_pairs(neighbourhood_ids, people):
    """(neighbourhood id, user id) for each of `people` (users) who covers one of the neighbourhoods (`covering`,
    for many neighbourhoods at once), in one query."""
    return (
        Team.neighbourhoods.through.objects.filter(
            neighbourhood_id__in=neighbourhood_ids,
            team__members__in=people.filter(_has_active_organisation(OuterRef("pk"))),
        )
        .values_list("neighbourhood_id", "team__members")
        .distinct()
    )


def team_neighbourhoods(user):
    """The neighbourhoods `user`'s teams cover, as far as they count (see `covering`)."""
    return Neighbourhood.objects.filter(covering(user, OuterRef("pk")))


def neighbourhoods_with_visible_signals(user):
    """The neighbourhoods where `user` may see signals: their teams' (`covers`) and wherever their organisations
    reported (`member_of`) — the signal rule stated per neighbourhood, for filter choices (an index-only scan)."""
    viewer = viewer_of(user)
    reported = Signal.objects.filter(reporting_organisation__in=viewer.organisation_ids).values("neighbourhood")
    return Neighbourhood.objects.filter(Q(pk__in=viewer.neighbourhood_ids) | Q(pk__in=reported))
