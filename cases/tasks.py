"""Celery tasks for cases: thin wrappers around services, safe to run twice."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from cases.services import access_log_prune


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=3)
def prune_access_log():
    """Daily (Celery beat): drop access-log entries past the retention period; returns how many."""
    return access_log_prune()
