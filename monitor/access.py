"""Who may see and enter what in the Veerkracht monitor: one module for the pages, the CSV downloads and any API.

- The monitor itself (`/overzicht/veerkracht/`) is for whoever sees aggregates
  (a manager, case director or administrator membership of an active
  organisation; 403 otherwise), over the buurten their teams cover (a wijk or
  buurt outside them is a 404) — the dashboards' rule.
- A housing corporation's figures are entered by its managers and
  administrators (`ENTERING_ROLES`); its detail (per buurt, per figure, per
  year) is shown only to the corporation's own people on its own page.
- Everyone else sees a corporation's figures only summed into the buurt's
  figures, only where the corporation shares them (`SharingSetting`, off until
  it says so), and only where the other corporations' part of a buurt's sum has
  at least `MIN_LETTINGS` lettings. A viewer's own corporation is always in its
  own sum, so subtracting it gives the others' sum and no more.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Q, Sum, Value, When
from django.http import Http404

from partners.models import OrganisationKind, Role
from partners.viewer import neighbourhoods_in_scope, viewer_of

from .models import FIGURE_FIELDS, PRIORITY_FIELDS, CorporationFigures

ENTERING_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)
MIN_LETTINGS = 5


# The monitor ---------------------------------------------------------------------------------


def sees_monitor(user):
    return bool(user and user.is_authenticated) and viewer_of(user).sees_aggregates


def require_monitor_viewer(user):
    """403 unless one of the user's memberships sees aggregate figures."""
    if not sees_monitor(user):
        raise PermissionDenied


def monitor_neighbourhoods(user, *, district_code=None, code=None):
    """The user's teams' buurten with their wijk and gemeente, by wijk then name. One query."""
    return list(neighbourhoods_in_scope(user, district_code=district_code, code=code))


def monitor_neighbourhoods_or_404(user, **lookup):
    rows = monitor_neighbourhoods(user, **lookup)
    if not rows:
        raise Http404
    return rows


# Entering figures ----------------------------------------------------------------------------


def entering_corporations(user):
    """The active housing corporations for which the user may enter (and read the detail of) figures."""
    if not (user and user.is_authenticated):
        return []
    return [
        m.organisation
        for m in viewer_of(user).active_memberships
        if m.role in ENTERING_ROLES and m.organisation.kind == OrganisationKind.HOUSING_CORPORATION
    ]


def corporation_for_user(user, organisation_id=None):
    """The corporation the user works on: the one asked for, or their first. 403 if they may enter for none;
    404 for a corporation that is not theirs (its existence is not confirmed)."""
    mine = entering_corporations(user)
    if not mine:
        raise PermissionDenied
    if organisation_id in (None, ""):
        return mine[0]
    for organisation in mine:
        if str(organisation.pk) == str(organisation_id):
            return organisation
    raise Http404


def require_may_enter(user, organisation):
    """For the verbs: refuse (PermissionDenied) whoever may not enter this corporation's figures."""
    if organisation.pk not in {o.pk for o in entering_corporations(user)}:
        raise PermissionDenied


# Reading figures -----------------------------------------------------------------------------


@dataclass
class Totals:
    """Corporation figures summed for one buurt (or the city) in one year, as the viewer may see them."""

    homes: int = 0
    lettings: int = 0
    lettings_urgent: int = 0
    lettings_sheltered: int = 0
    lettings_status_holders: int = 0
    lettings_other_priority: int = 0
    nuisance_terminations: int = 0
    leavers_middle_income: int = 0
    own: bool = False  # the viewer's own corporation is in the sum
    others: bool = False  # other corporations' shared figures are in the sum
    withheld: bool = False  # other corporations share figures here, but under MIN_LETTINGS lettings

    @property
    def priority_lettings(self):
        return sum(getattr(self, name) for name in PRIORITY_FIELDS)

    @property
    def known(self):
        return self.own or self.others

    def add(self, sums):
        for name in FIGURE_FIELDS:
            setattr(self, name, getattr(self, name) + (sums.get(name) or 0))


@dataclass
class CorporationView:
    """What a viewer may see of all corporations' figures: per (buurt id, year) and per year for the city."""

    by_buurt: dict = field(default_factory=dict)  # (neighbourhood id, year) -> Totals
    city: dict = field(default_factory=dict)  # year -> Totals
    years: list = field(default_factory=list)  # the years with figures the viewer may see, oldest first


def corporation_figures_for(user, municipality_id):
    """Every buurt's corporation figures in the municipality, as `user` may see them. One query.

    Grouped by buurt, year and "own or not"; the others' part of a buurt's year
    is kept only when it holds at least MIN_LETTINGS lettings. The city's
    figures are the sums of what was kept, so they follow the same rule.
    """
    # The viewer's own organisations: a corporation's people see its figures in the sums, whatever its setting.
    own = viewer_of(user).organisation_ids if user and user.is_authenticated else []
    rows = (
        CorporationFigures.objects.filter(
            neighbourhood__district__municipality_id=municipality_id, organisation__is_active=True
        )
        .filter(Q(organisation_id__in=own) | Q(organisation__figures_sharing__shares_aggregates=True))
        .annotate(
            is_own=Case(When(organisation_id__in=own, then=Value(True)), default=Value(False))
            if own
            else Value(False, output_field=BooleanField())
        )
        .values("neighbourhood_id", "year", "is_own")
        .annotate(**{name: Sum(name) for name in FIGURE_FIELDS})
        .order_by()
    )
    view = CorporationView()
    parts = defaultdict(dict)
    for row in rows:
        parts[row["neighbourhood_id"], row["year"]][row["is_own"]] = row
    for key, by_owner in parts.items():
        totals = Totals()
        if True in by_owner:
            totals.add(by_owner[True])
            totals.own = True
        others = by_owner.get(False)
        if others:
            if (others["lettings"] or 0) >= MIN_LETTINGS:
                totals.add(others)
                totals.others = True
            else:
                totals.withheld = True
        view.by_buurt[key] = totals
        city = view.city.setdefault(key[1], Totals())
        if totals.known:
            city.add({name: getattr(totals, name) for name in FIGURE_FIELDS})
            city.own |= totals.own
            city.others |= totals.others
    view.years = sorted(view.city)  # with the years whose figures are all withheld: the page says so
    return view


def own_figures(organisation):
    """A corporation's own detail, newest year first: only for its own pages (`corporation_for_user`)."""
    return list(
        CorporationFigures.objects.filter(organisation=organisation)
        .select_related("neighbourhood", "entered_by")
        .order_by("-year", "neighbourhood__name")
    )
