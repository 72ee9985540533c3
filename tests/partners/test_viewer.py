"""The Viewer: a user's organisations and neighbourhoods, read once per request."""

import pytest
from django.urls import reverse

from cases.models import Case, Signal
from partners.models import Membership
from partners.viewer import forget_viewer, viewer_of
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_memberships_and_neighbourhoods_are_read_once_per_user_object(cast, django_assert_num_queries):
    user = cast.participant
    with django_assert_num_queries(3):  # memberships, neighbourhoods, the cases
        assert viewer_of(user).organisation_ids == [cast.case.lead_organisation.pk]
        assert viewer_of(user).neighbourhood_ids == [cast.case.neighbourhood.pk]
        list(Case.objects.visible_to(user))
    with django_assert_num_queries(2):  # the cases, the signals
        list(Case.objects.visible_to(user))
        list(Signal.objects.visible_to(user))


def test_an_inactive_organisation_gives_no_access(cast):
    organisation = cast.case.lead_organisation
    organisation.is_active = False
    organisation.save()
    viewer = viewer_of(cast.participant)
    assert viewer.organisation_ids == []
    assert [m.organisation for m in viewer.memberships] == [organisation]  # still named in the header
    assert not Case.objects.visible_to(cast.participant).exists()


def test_an_inactive_organisation_gives_no_access_through_teams_either(client, cast):
    organisation = cast.case.lead_organisation
    # Reported by another organisation in the team's neighbourhood: seen only through the team.
    theirs = f.SignalFactory(neighbourhood=cast.case.neighbourhood)
    client.force_login(cast.participant)
    url = reverse("cases:signal_detail", args=[theirs.pk])
    assert client.get(url).status_code == 200
    organisation.is_active = False
    organisation.save()
    assert viewer_of(cast.participant).neighbourhood_ids == []
    assert not Signal.objects.visible_to(cast.participant).exists()
    assert client.get(url).status_code == 404
    assert client.post(reverse("cases:signal_triage", args=[theirs.pk])).status_code == 404


def test_a_removed_membership_counts_from_the_next_request(client, cast):
    client.force_login(cast.participant)
    url = reverse("cases:detail", args=[cast.case.pk])
    assert client.get(url).status_code == 200
    cast.participant.memberships.all().delete()
    assert client.get(url).status_code == 404


def test_code_that_changes_memberships_can_forget_what_it_read(cast):
    user = cast.outsider
    assert not Case.objects.visible_to(user).exists()
    Membership.objects.create(user=user, organisation=cast.case.lead_organisation)
    assert not Case.objects.visible_to(user).exists()  # read before the change, for this user object
    forget_viewer(user)
    assert Case.objects.visible_to(user).get() == cast.case


def test_a_team_change_counts_from_the_next_request(client, cast):
    client.force_login(cast.outsider)
    url = reverse("cases:signal_detail", args=[cast.signal.pk])
    assert client.get(url).status_code == 404
    f.TeamFactory(name="Nieuw", members=[cast.outsider], neighbourhoods=[cast.case.neighbourhood])
    assert client.get(url).status_code == 200


def test_the_next_request_reads_memberships_and_neighbourhoods_from_the_cache(cast, django_assert_num_queries):
    user = cast.participant
    assert viewer_of(user).neighbourhood_ids  # read and kept
    next_request = type(user).objects.get(pk=user.pk)  # a new user object, as every request has
    with django_assert_num_queries(0):
        assert viewer_of(next_request).organisation_ids == [cast.case.lead_organisation.pk]
        assert viewer_of(next_request).neighbourhood_ids == [cast.case.neighbourhood.pk]
        assert [m.organisation.name for m in viewer_of(next_request).memberships] == [cast.case.lead_organisation.name]


def _next_request(user):
    return type(user).objects.get(pk=user.pk)


def test_a_neighbourhood_taken_off_a_team_counts_from_the_next_request(cast):
    user = cast.participant
    assert viewer_of(user).neighbourhood_ids == [cast.case.neighbourhood.pk]
    team = user.teams.get()
    team.neighbourhoods.remove(cast.case.neighbourhood)
    assert viewer_of(_next_request(user)).neighbourhood_ids == []
    team.neighbourhoods.add(cast.case.neighbourhood)
    assert viewer_of(_next_request(user)).neighbourhood_ids == [cast.case.neighbourhood.pk]


def test_leaving_a_team_and_a_deleted_team_count_from_the_next_request(cast):
    user = cast.participant
    team = user.teams.get()
    assert viewer_of(user).neighbourhood_ids
    team.members.remove(user)
    assert viewer_of(_next_request(user)).neighbourhood_ids == []
    team.members.add(user)
    assert viewer_of(_next_request(user)).neighbourhood_ids
    team.delete()
    assert viewer_of(_next_request(user)).neighbourhood_ids == []


def test_a_role_change_and_a_deactivated_organisation_count_from_the_next_request(cast):
    user = cast.participant
    membership = user.memberships.get()
    assert not viewer_of(user).privacy_organisation_ids
    membership.role = "privacy_officer"
    membership.save()
    assert viewer_of(_next_request(user)).privacy_organisation_ids == {membership.organisation_id}
    membership.organisation.is_active = False
    membership.organisation.save()
    assert viewer_of(_next_request(user)).organisation_ids == []


def test_the_version_is_replaced_again_when_the_change_commits(cast, django_capture_on_commit_callbacks):
    """An answer read from the database before the commit must not stay valid after it."""
    from django.core.cache import cache

    from partners.viewer import kept_keys

    assert viewer_of(cast.participant).organisation_ids  # read and kept
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Membership.objects.create(user=cast.outsider, organisation=cast.case.lead_organisation)
        saved = cache.get(kept_keys(0)[0])
    assert callbacks
    assert cache.get(kept_keys(0)[0]) != saved
