"""Changes an administrator makes to organisations, memberships and teams are listed for review, read-only."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_an_organisation_deactivated_in_the_admin_shows_in_the_audit_list(admin_client):
    organisation = f.OrganisationFactory(name="Stichting Oud")
    url = reverse("admin:partners_organisation_change", args=[organisation.pk])
    form = {
        "name": "Stichting Oud",
        "kind": "other",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    audit = admin_client.get(reverse("admin:admin_logentry_changelist"))
    assert audit.status_code == 200
    assert "Stichting Oud" in audit.content.decode()


def test_the_audit_list_cannot_be_edited_or_emptied(admin_client):
    assert admin_client.get(reverse("admin:admin_logentry_add")).status_code == 403
