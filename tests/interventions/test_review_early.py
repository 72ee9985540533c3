"""Minutes recorded before a review's planned time ask for confirmation: most often they belong to another
review. The rule is the verb's, so the page and the API refuse alike; confirmed, the minutes are saved."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from interventions.errors import EarlyMinutes
from interventions.models import Action, CaseReview
from interventions.reviews import review_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(cast):
    return CaseReview.objects.create(
        case=cast.case, scheduled_for=timezone.now() + datetime.timedelta(hours=3), created_by=cast.case.case_director
    )


def minutes_form(**extra):
    return {
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "5",
        "decisions-0-title": "Buren informeren",
        "minutes": "Besproken: de overlast neemt af.",
        **extra,
    }


def test_the_verb_refuses_minutes_before_the_review_time_unless_confirmed(cast, review):
    director = cast.case.case_director
    with pytest.raises(EarlyMinutes):
        review_record(review, by=director, minutes="Te vroeg")
    review.refresh_from_db()
    assert review.held_at is None and review.minutes == ""
    review_record(review, by=director, minutes="Eerder gehouden", held_early=True)
    review.refresh_from_db()
    assert review.held_at is not None


def test_once_the_review_time_has_come_no_confirmation_is_asked(cast, review):
    with time_machine.travel(review.scheduled_for + datetime.timedelta(minutes=5)):
        review_record(review, by=cast.case.case_director, minutes="Op tijd")
    review.refresh_from_db()
    assert review.minutes == "Op tijd"


def test_the_page_asks_for_confirmation_and_keeps_what_was_typed(client, cast, review):
    client.force_login(cast.case.case_director)
    url = reverse("interventions:review", args=[cast.case.pk, review.pk])
    page = client.get(url).content.decode()
    assert "Ja, het overleg is al gehouden, eerder dan gepland" in page
    organisation = {"decisions-0-organisation": str(cast.case.lead_organisation.pk)}
    refused = client.post(url, minutes_form(**organisation))
    assert refused.status_code == 200
    content = refused.content.decode()
    assert "Bevestig dat het overleg al eerder is gehouden" in content
    assert "Besproken: de overlast neemt af." in content  # nothing typed is lost
    assert not Action.objects.filter(title="Buren informeren").exists()
    review.refresh_from_db()
    assert review.held_at is None

    saved = client.post(url, minutes_form(**organisation, held_early="on"))
    assert saved.status_code == 302
    assert Action.objects.filter(title="Buren informeren").exists()


def test_the_page_asks_nothing_once_the_time_has_come(client, cast, review):
    client.force_login(cast.case.case_director)
    url = reverse("interventions:review", args=[cast.case.pk, review.pk])
    with time_machine.travel(review.scheduled_for + datetime.timedelta(minutes=1)):
        assert "eerder dan gepland" not in client.get(url).content.decode()


def test_the_api_answers_400_with_the_message_until_confirmed(cast, review):
    api = APIClient()
    api.force_authenticate(cast.case.case_director)
    url = f"/api/reviews/{review.pk}/record/"
    refused = api.post(url, {"minutes": "Te vroeg"}, format="json")
    assert refused.status_code == 400
    assert "eerder is gehouden" in str(refused.json())
    assert api.post(url, {"minutes": "Eerder gehouden", "held_early": True}, format="json").status_code == 200
