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
