"""The set-based forms of the need-to-know rule say exactly what the per-user rule says, for everyone at once."""

import pytest
from django.contrib.auth import get_user_model

from cases.models import Case, Signal
from cases.visibility import people_covering, people_taking_part, team_neighbourhoods
from partners.viewer import forget_viewer
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast):
    """The cast, plus someone whose only organisation was deactivated and someone who left a case."""
    gone = f.OrganisationFactory(name="Opgeheven")
    deactivated = f.UserFactory(username="deactivated", organisation=gone)
    f.CaseParticipantFactory(case=cast.case, organisation=gone)
    f.TeamFactory(name="Oude ploeg", members=[deactivated], neighbourhoods=[cast.case.neighbourhood])
    gone.is_active = False
    gone.save()
    ended = f.OrganisationFactory(name="Vertrokken")
    f.UserFactory(username="leaver", organisation=ended)
    f.CaseParticipantFactory(case=cast.case, organisation=ended)
    cast.case.end_participation(ended, by=cast.case.case_director)
    return cast


def test_who_may_open_a_case_is_who_sees_it_one_by_one(world):
    everyone = list(get_user_model().objects.all())
    one_by_one = {user for user in everyone if Case.objects.visible_to(user).filter(pk=world.case.pk).exists()}
    assert set(people_taking_part(world.case)) == one_by_one
    assert {u.username for u in one_by_one} >= {"participant", "note_author"}
    assert not {"deactivated", "leaver", "outsider", "manager"} & {u.username for u in one_by_one}


def test_who_covers_a_neighbourhood_is_who_sees_its_team_signals_one_by_one(world):
    signal = f.SignalFactory(neighbourhood=world.case.neighbourhood)  # reported by an organisation nobody here is in
    # Those of the reporting organisation see it as reporters, not through a team.
    everyone = list(get_user_model().objects.exclude(memberships__organisation=signal.reporting_organisation))
    for user in everyone:
        forget_viewer(user)
    one_by_one = {user for user in everyone if Signal.objects.visible_to(user).filter(pk=signal.pk).exists()}
    assert set(people_covering(world.case.neighbourhood)) == one_by_one
    assert "deactivated" not in {u.username for u in one_by_one}


def test_team_neighbourhoods_count_only_with_an_active_organisation(world):
    assert list(team_neighbourhoods(world.manager)) == [world.case.neighbourhood]
    assert list(team_neighbourhoods(get_user_model().objects.get(username="deactivated"))) == []


def test_the_filter_offers_every_neighbourhood_where_one_sees_signals(world):
    from cases.visibility import neighbourhoods_with_visible_signals

    f.SignalFactory(neighbourhood=f.NeighbourhoodFactory(), reporting_organisation=world.case.lead_organisation)
    for user in get_user_model().objects.all():
        forget_viewer(user)
        seen = set(Signal.objects.visible_to(user).values_list("neighbourhood", flat=True))
        assert seen <= set(neighbourhoods_with_visible_signals(user).values_list("pk", flat=True)), user


def test_covering_pairs_says_for_many_neighbourhoods_what_people_covering_says_for_one(world):
    from cases.visibility import covering_pairs

    neighbourhood = world.case.neighbourhood
    pairs = set(covering_pairs([neighbourhood.pk], get_user_model().objects.all()))
    assert pairs == {(neighbourhood.pk, user.pk) for user in people_covering(neighbourhood)}
