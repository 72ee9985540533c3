"""A refused form (CSRF) gets a Dutch page in the site's style, with no inline style the CSP would block."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_form_without_its_token_gets_the_dutch_page(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.participant)
    response = client.post(f"/casussen/{cast.case.pk}/notities/", {"body": "Zonder token"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Het formulier kon niet worden verstuurd" in content
    assert "style=" not in content and "<style" not in content


def test_the_server_error_page_renders_without_a_request_or_database():
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("nl"):
        html = render_to_string("500.html")
    assert "Er ging iets mis" in html or "misgegaan" in html
    assert "<style" not in html and "style=" not in html
