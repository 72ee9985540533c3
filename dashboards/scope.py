"""Whose figures a user may see.

Two conditions, both needed:
- a role that sees aggregates: a manager, case director or administrator
  membership in an active organisation (`Membership.sees_aggregates`), else 403;
- a neighbourhood covered by one of the user's teams: the figures cover exactly
  those neighbourhoods. A district or neighbourhood outside them is a 404.

Every signal in these neighbourhoods is visible to the viewer already (covering
teams see signals); cases there are counted whether or not the viewer's
organisation takes part, which is why the counts pass through the small-number
rule in core/tables.py.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404

from neighbourhoods.models import NeighbourhoodStatistics
from partners.viewer import neighbourhoods_in_scope, viewer_of


def sees_aggregates(user):
    return bool(user and user.is_authenticated) and viewer_of(user).sees_aggregates


def require_aggregate_viewer(user):
    """403 unless one of the user's memberships sees aggregate figures."""
    if not sees_aggregates(user):
        raise PermissionDenied


def neighbourhoods(user, *, district_code=None, code=None):
    """The user's neighbourhoods with their district and latest CBS figures, by district then name.

    One query. `stats_year`, `households` and `ses_woa_score` come from the
    latest NeighbourhoodStatistics row (None when there is none, or when CBS
    left the figure out).
    """
    latest = NeighbourhoodStatistics.objects.filter(neighbourhood=OuterRef("pk")).order_by("-year")
    rows = neighbourhoods_in_scope(user, district_code=district_code, code=code).annotate(
        stats_year=Subquery(latest.values("year")[:1]),
        households=Subquery(latest.values("households")[:1]),
        ses_woa_score=Subquery(latest.values("ses_woa_score")[:1]),
        stats_source=Subquery(latest.values("source")[:1]),
    )
    return list(rows)


def neighbourhoods_or_404(user, **lookup):
    rows = neighbourhoods(user, **lookup)
    if not rows:
        raise Http404
    return rows


def neighbourhood_id_list(user):
    """The ids of the user's neighbourhoods, sorted, for pages that need no names."""
    return viewer_of(user).neighbourhood_ids
