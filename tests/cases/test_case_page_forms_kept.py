"""The case page's note and attachment forms render their fields once per process (core.forms.fields_html).

An empty form renders the same for everyone offered the same choices, so its fields are kept per
language and per the organisations it offers someone who writes for several; a form with the
user's input or errors is always rendered afresh, with their text.
"""

import pytest
from django.conf import settings
from django.test.signals import template_rendered
from django.urls import reverse

from cases.case_forms import NoteForm
from cases.models.rights import case_access
from core import forms as core_forms
from partners.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db

FIELDS = core_forms.FIELDS_TEMPLATE


@pytest.fixture(autouse=True)
def _nothing_kept(monkeypatch):
    monkeypatch.setattr(core_forms, "_KEPT_FIELDS", {})


@pytest.fixture
def rendered():
    """The names of the Django templates rendered while the test runs."""
    names = []

    def record(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def page(client, case):
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_the_empty_forms_render_their_fields_once(client, cast, rendered):
    client.force_login(cast.participant)
    first = page(client, cast.case)
    assert rendered.count(FIELDS) == 2  # the note form and the attachment form
    rendered.clear()
    second = page(client, cast.case)
    assert FIELDS not in rendered
    for part in ('name="body"', 'id="note_body"', 'id="note_visibility_1"', 'id="attachment_file_helptext"'):
        assert first.count(part) == second.count(part) == 1


def test_each_language_has_its_own_fields(client, cast):
    client.force_login(cast.participant)
    assert "Wie mag deze notitie lezen?" in page(client, cast.case)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = page(client, cast.case)
    assert "Who may read this note?" in english and "Wie mag deze notitie lezen?" not in english


def test_someone_writing_for_several_organisations_is_offered_their_own(client, cast):
    other = f.OrganisationFactory(name="Zorgpartner Noord")
    Membership.objects.create(user=cast.participant, organisation=other)
    f.CaseParticipantFactory(case=cast.case, organisation=other)
    client.force_login(cast.participant)
    assert page(client, cast.case).count("Zorgpartner Noord</option>") == 2  # note and attachment
    client.force_login(cast.note_author)  # writes for one organisation: no choice
    assert "Zorgpartner Noord</option>" not in page(client, cast.case)


def test_a_form_with_errors_is_rendered_afresh_with_the_typed_text(client, cast, rendered):
    client.force_login(cast.participant)
    page(client, cast.case)
    rendered.clear()
    url = reverse("cases:add_note", args=[cast.case.pk])
    response = client.post(url, {"body": "Halve notitie", "visibility": "nonsense"})
    assert FIELDS in rendered
    content = response.content.decode()
    assert "Halve notitie</textarea>" in content and "field--invalid" in content


def test_a_form_with_initial_values_of_its_own_is_not_kept(cast):
    access = case_access(cast.participant, cast.case)
    assert "Voorbereid" in NoteForm(access=access, initial={"body": "Voorbereid"}).fields_html()
    assert "Voorbereid" not in NoteForm(access=access).fields_html()
