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

import uuid
from functools import cached_property

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from neighbourhoods.models import Neighbourhood

from .models import Membership, Role, Team

_ATTRIBUTE = "_veerkracht_viewer"
# A bound on how long an answer can be kept, whatever happens to the version.
CACHE_SECONDS = 600


def _keys(user_pk):
    # Per database: the benchmark keeps several worlds beside each other on one Redis.
    database = settings.DATABASES["default"]["NAME"]
    # The 1 is the layout of what is kept: a release that changes it changes the number.
    return f"partnership-version:{database}", f"viewer:1:{database}:{user_pk}"


def _replace_version():
    cache.set(_keys(0)[0], uuid.uuid4().hex, None)


def partnership_changed():
    """Every cached Viewer answer is out of date: now, and once more when the transaction commits."""
    _replace_version()
    transaction.on_commit(_replace_version)


class Viewer:
    def __init__(self, user):
        self.user = user

    @cached_property
    def _kept(self):
        """(current version, the answers kept under it): one cache round trip per user object."""
        version_key, key = _keys(self.user.pk)
        found = cache.get_many([version_key, key])
        version, kept = found.get(version_key), found.get(key)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(version_key, version, None):
                version = cache.get(version_key)
        answers = kept[1] if kept is not None and kept[0] == version else {}
        return version, answers

    def _answer(self, name, read):
        """One answer from the cache under the current version, else read (one query) and kept."""
        version, answers = self._kept
        if name not in answers:
            answers[name] = read()
            cache.set(_keys(self.user.pk)[1], (version, answers), CACHE_SECONDS)
        return answers[name]

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
