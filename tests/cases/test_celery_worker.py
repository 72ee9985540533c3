"""End to end through a real Celery worker: Redis broker, PostgreSQL test database."""

from datetime import timedelta

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import AccessLogEntry, Case
from cases.tasks import prune_access_log
from neighbourhoods.models import District, Municipality, Neighbourhood
from partners.models import Organisation
from tests.worker import running_worker, wait_until


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    with running_worker(tmp_path) as worker:
        yield worker


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_worker_prunes_the_access_log(celery_worker):
    queue, worker, log_path = celery_worker
    municipality = Municipality.objects.create(code="GM0599", name="Rotterdam", year=2023)
    district = District.objects.create(code="WK059901", name="Stadsdriehoek", year=2023, municipality=municipality)
    neighbourhood = Neighbourhood.objects.create(code="BU05990110", name="Oude Westen", year=2023, district=district)
    organisation = Organisation.objects.create(name="Woonstad", kind="housing_corporation")
    user = get_user_model().objects.create_user(username="regisseur", password="x")
    now = timezone.now()
    retention = timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)

    def case(anonymised_at=None):
        return Case.objects.create(
            title="Overlast portiek",
            neighbourhood=neighbourhood,
            lead_organisation=organisation,
            case_director=user,
            anonymised_at=anonymised_at,
        )

    # Only the log of a case anonymised longer ago than the retention period goes; an old read of a case
    # that still exists stays (a resident may ask who looked at their file for as long as it exists).
    old = AccessLogEntry.objects.create(
        case=case(now - retention - timedelta(days=1)), user=user, at=now - retention - timedelta(days=3)
    )
    recent = AccessLogEntry.objects.create(case=case(now - timedelta(days=1)), user=user, at=now - retention * 2)
    kept = AccessLogEntry.objects.create(case=case(), user=user, at=now - retention * 3)

    result = prune_access_log.apply_async(queue=queue)
    assert not isinstance(result, EagerResult), "the task ran in the test process, not on the worker"
    wait_until(result.ready, worker, log_path)

    assert result.get(timeout=5) == 1
    result.forget()
    assert not AccessLogEntry.objects.filter(pk=old.pk).exists()
    assert AccessLogEntry.objects.filter(pk__in=[recent.pk, kept.pk]).count() == 2
