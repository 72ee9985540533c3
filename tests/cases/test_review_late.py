"""A next review date that has passed stands out: "te laat" on the case page and on Mijn werk."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_past_review_date_shows_te_laat(client, cast):
    cast.case.next_review_on = timezone.localdate() - datetime.timedelta(days=2)
    cast.case.save()
    client.force_login(cast.participant)
    assert "te laat" in client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert "te laat" in client.get(reverse("cases:home")).content.decode()


def test_a_future_review_date_or_a_closed_case_does_not(client, cast):
    cast.case.next_review_on = timezone.localdate() + datetime.timedelta(days=2)
    cast.case.save()
    client.force_login(cast.participant)
    assert "te laat" not in client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    cast.case.next_review_on = timezone.localdate() - datetime.timedelta(days=2)
    cast.case.status = "closed"
    cast.case.save()
    assert not cast.case.review_overdue
