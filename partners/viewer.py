"""The logged-in user's place in the partnership, read once per user object.

Every need-to-know rule asks the same two questions, several times per page:
which active organisations is the user a member of, and which neighbourhoods do
their teams cover? `viewer_of(user)` asks the database once each and keeps the
answers on the user object. The visibility querysets then pass them as literal
id lists: queries stay simple for the planner (it can estimate an id list, not
a subquery) and cheap to build.

A user object lives for one request (or one step of a task), so a membership
or team changed in the admin counts from the user's next request.

Between requests the two answers are kept in the cache (one round trip instead
of two queries on every page), under a partnership version that every change to
a membership, organisation or team replaces (partners/signals.py): the next
request after a change reads the database again. The version is replaced when
the change is saved and again when its transaction commits, so an answer read
from the database before the commit is never kept under the new version.
Only ids, roles and organisation names are kept: no case content.
"""

from functools import cached_property

from core.kept import Kept, key, replace_version
from neighbourhoods.models import Neighbourhood

from .models import Membership, Role, Team

_ATTRIBUTE = "_veerkracht_viewer"
# Replaced by every change to a membership, organisation or team (partners/signals.py).
VERSION_KEY = "partnership-version"


def kept_keys(user_pk):
    """The cache keys of what is kept about this user's place in the partnership (for `Kept.together`)."""
    # The 1 is the layout of what is kept: a release that changes it changes the number.
    return key(VERSION_KEY), key("viewer:1", user_pk)


def offer_kept(user, kept):
    """Answer this user's Viewer from `kept`, read under `kept_keys(user.pk)` with other answers in one round trip."""
    viewer_of(user).__dict__["_kept"] = kept


def partnership_changed():
    """Every cached Viewer answer is out of date: now, and once more when the transaction commits."""
    replace_version(key(VERSION_KEY))


class Viewer:
    def __init__(self, user):
        self.user = user

    @cached_property
    def _kept(self):
        """The answers kept under the current partnership version: one cache round trip per user object, none
        for the signed-in user of a request (accounts/signed_in.py reads them with its own, `offer_kept`)."""
        return Kept(*kept_keys(self.user.pk))

    @property
    def partnership_version(self):
        """The partnership version the answers are kept under: what is kept with it is valid while it stands."""
        return self._kept.version

    def _answer(self, name, read):
        """One answer from the cache under the current version, else read (one query) and kept."""
        return self._kept.answer(name, read)

    @cached_property
    def memberships(self):
        """All of the user's memberships, with their organisation, by organisation name."""
        return self._answer(
            "memberships",
            lambda: list(
                Membership.objects.filter(user=self.user).select_related("organisation").order_by("organisation__name")
            ),
        )

    @cached_property
    def active_memberships(self):
        """Memberships in active organisations: the only ones that give access or rights."""
        return [m for m in self.memberships if m.organisation.is_active]

    @cached_property
    def organisation_ids(self):
        """Sorted ids of the user's active organisations (sorted: the same SQL text every time)."""
        return sorted({m.organisation_id for m in self.active_memberships})

    @cached_property
    def neighbourhood_ids(self):
        """Sorted ids of the neighbourhoods the user's teams cover.

        None for someone without an active organisation: a team place is held
        on behalf of an organisation, so deactivating it ends team access too.
        """
        if not self.organisation_ids:
            return []
        return self._answer("neighbourhood_ids", self._read_neighbourhood_ids)

    def _read_neighbourhood_ids(self):
        through = Team.neighbourhoods.through.objects.filter(team__members=self.user)
        return sorted(set(through.values_list("neighbourhood_id", flat=True)))

    @cached_property
    def in_a_team(self):
        """Whether the user has a place in any team (whatever it covers)."""
        return self._answer("in_a_team", lambda: Team.members.through.objects.filter(user=self.user).exists())

    @cached_property
    def directing_organisation_ids(self):
        """Ids of the active organisations in which the user may direct cases."""
        return {m.organisation_id for m in self.active_memberships if m.can_direct_cases}

    @cached_property
    def privacy_organisation_ids(self):
        """Ids of the active organisations for which the user is privacy officer or administrator."""
        roles = (Role.PRIVACY_OFFICER, Role.ADMINISTRATOR)
        return {m.organisation_id for m in self.active_memberships if m.role in roles}

    def is_member_of(self, organisation_id):
        return organisation_id in self.organisation_ids

    @property
    def sees_aggregates(self):
        return any(m.sees_aggregates for m in self.active_memberships)


def viewer_of(user):
    """The Viewer for this user object, made on first use."""
    viewer = getattr(user, _ATTRIBUTE, None)
    if viewer is None:
        viewer = Viewer(user)
        setattr(user, _ATTRIBUTE, viewer)
    return viewer


def forget_viewer(user):
    """Drop what was read about the user, for code that changes memberships or teams and reads on."""
    user.__dict__.pop(_ATTRIBUTE, None)
    partnership_changed()


def neighbourhoods_in_scope(user, *, district_code=None, code=None):
    """The neighbourhoods of the user's teams (with district and municipality), by district then name; only
    those of one district (`district_code`) or the one neighbourhood `code` when given. A queryset: the overview
    pages annotate it with their figures."""
    rows = (
        Neighbourhood.objects.filter(pk__in=viewer_of(user).neighbourhood_ids)
        .select_related("district__municipality")
        .order_by("district__code", "name")
    )
    if district_code is not None:
        rows = rows.filter(district__code=district_code)
    if code is not None:
        rows = rows.filter(code=code)
    return rows
