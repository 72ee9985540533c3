"""The plan forms offer only what fits the organisation chosen: the action form only that organisation's people
(with htmx as soon as it is chosen, without JavaScript after "Toon de mensen van deze organisatie"); the
intervention form the lead organisation's people as owner, and no contribution field for the lead itself."""

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import Action, Contribution, Intervention
from partners.models import Organisation
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def ggz(cast):
    return Organisation.objects.get(name="GGZ Oost")


@pytest.fixture
def director(client, cast):
    client.force_login(cast.case.case_director)
    return client


def people(response, field):
    """The people offered in a select, flattened from its optgroups: {user id: name}."""
    choices = response.context["form"].fields[field].choices
    return {value: label for _group, options in choices[1:] for value, label in options}


def action_url(cast):
    return reverse("interventions:add_action", args=[cast.case.pk])


def intervention_url(cast):
    return reverse("interventions:add_intervention", args=[cast.case.pk])


def test_the_action_form_offers_nobody_until_an_organisation_is_chosen(director, cast, ggz):
    assert people(director.get(action_url(cast)), "assignee") == {}
    offered = people(director.get(action_url(cast), {"organisation": ggz.pk}), "assignee")
    assert offered == {cast.note_author.pk: cast.note_author.get_full_name()}


def test_htmx_swaps_in_only_the_people_of_the_chosen_organisation(director, cast, ggz):
    response = director.get(action_url(cast), {"organisation": ggz.pk}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'id="assignee-field"' in content
    assert "<html" not in content  # only the field
    assert cast.note_author.get_full_name() in content
    assert cast.participant.get_full_name() not in content


def test_without_javascript_the_choose_button_shows_the_form_again_unsaved(director, cast, ggz):
    response = director.post(action_url(cast), {"title": "Huisarts bellen", "organisation": ggz.pk, "choose": "1"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Huisarts bellen"' in content and "errorlist" not in content
    assert people(response, "assignee") == {cast.note_author.pk: cast.note_author.get_full_name()}
    assert not Action.objects.filter(title="Huisarts bellen").exists()
    saved = director.post(
        action_url(cast), {"title": "Huisarts bellen", "organisation": ggz.pk, "assignee": cast.note_author.pk}
    )
    assert saved.status_code == 302
    assert Action.objects.get(title="Huisarts bellen").assignee == cast.note_author


def test_someone_who_does_not_direct_cannot_ask_for_another_organisations_people(client, cast, ggz):
    client.force_login(cast.participant)
    response = client.get(action_url(cast), {"organisation": ggz.pk}, HTTP_HX_REQUEST="true")
    assert cast.note_author.get_full_name() not in response.content.decode()


def test_the_intervention_form_has_no_contribution_field_for_the_lead_organisation(director, cast, ggz):
    response = director.get(intervention_url(cast))
    form = response.context["form"]
    lead = cast.case.lead_organisation
    assert f"contribution_{lead.pk}" not in form.fields and f"contribution_{ggz.pk}" in form.fields
    assert set(people(response, "owner")) == {cast.participant.pk, cast.case.case_director.pk}

    # GGZ leads instead: its people own, the case's lead organisation may contribute.
    swapped = director.get(intervention_url(cast), {"lead_organisation": ggz.pk}, HTTP_HX_REQUEST="true")
    content = swapped.content.decode()
    assert "<html" not in content and 'id="lead-dependent"' in content
    assert f'name="contribution_{lead.pk}"' in content and f'name="contribution_{ggz.pk}"' not in content
    assert cast.note_author.get_full_name() in content and cast.participant.get_full_name() not in content


def test_a_contribution_typed_for_the_organisation_then_made_lead_is_refused_not_dropped(director, cast, ggz):
    f.UserFactory(organisation=ggz)
    body = {
        "kind": "debt_help",
        "solution_direction": "care_and_support",
        "goal": "Huurachterstand onder controle",
        "lead_organisation": ggz.pk,
        "owner": cast.note_author.pk,
        "start_on": timezone.localdate().isoformat(),
        f"contribution_{ggz.pk}": "Budgetcoach",
    }
    response = director.post(intervention_url(cast), body)
    assert response.status_code == 200
    assert "De leidende organisatie leidt de interventie" in response.content.decode()
    assert not Intervention.objects.filter(goal="Huurachterstand onder controle").exists()
    del body[f"contribution_{ggz.pk}"]
    assert director.post(intervention_url(cast), body).status_code == 302
    assert not Contribution.objects.filter(organisation=ggz).exists()
