"""Direction is handed over, not taken: the director's and the lead organisation's participation stay until then."""

import pytest
from django.urls import reverse

from cases.errors import CaseError
from cases.models import Case
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ggz_director(cast):
    return f.UserFactory(username="ggz_regisseur", organisation=cast.own_note.organisation, role="case_director")


def test_the_director_cannot_end_their_own_organisations_part_before_handing_over(client, cast):
    lead = cast.case.participants.get(organisation=cast.case.lead_organisation)
    with pytest.raises(CaseError):
        cast.case.end_participation(cast.case.lead_organisation, by=cast.case.case_director)
    client.force_login(cast.case.case_director)
    client.post(reverse("cases:end_participation", args=[cast.case.pk, lead.pk]))
    assert client.get(reverse("cases:detail", args=[cast.case.pk])).status_code == 200


def test_handing_over_makes_the_new_directors_organisation_the_lead(client, cast, ggz_director):
    director = cast.case.case_director
    client.force_login(director)
    page = client.get(reverse("cases:hand_over", args=[cast.case.pk]))
    assert ggz_director.get_full_name() in page.content.decode()
    choice = f"{ggz_director.pk}-{cast.own_note.organisation.pk}"
    response = client.post(reverse("cases:hand_over", args=[cast.case.pk]), {"to": choice})
    assert response.status_code == 302
    case = Case.objects.get(pk=cast.case.pk)
    assert (case.case_director, case.lead_organisation) == (ggz_director, cast.own_note.organisation)
    assert case.timeline.filter(kind="direction_handed_over").exists()
    # The former director no longer directs; the new one may now let the former lead go.
    assert client.get(reverse("cases:access_log", args=[cast.case.pk])).status_code == 403
    former_lead = director.memberships.get().organisation
    case.end_participation(former_lead, by=ggz_director)
    assert client.get(reverse("cases:detail", args=[cast.case.pk])).status_code == 404


def test_only_whoever_directs_hands_over_and_only_to_a_case_director_taking_part(client, cast, ggz_director):
    with pytest.raises(CaseError):
        cast.case.hand_over(ggz_director, by=cast.participant)
    outsider_director = f.UserFactory(organisation=f.OrganisationFactory(name="Elders"), role="case_director")
    with pytest.raises(CaseError):
        cast.case.hand_over(outsider_director, by=cast.case.case_director)
    client.force_login(cast.participant)
    assert client.get(reverse("cases:hand_over", args=[cast.case.pk])).status_code == 403
