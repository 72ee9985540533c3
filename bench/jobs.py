"""The periodic jobs on the real Celery worker: reminder sweep, early warning, weekly summary.

Jobs fan out: the time is the job itself (detect, claim, queue); the deliveries that follow are
reported as a rate over at most a minute of one worker. Run after django.setup().
"""

import time

DELIVERY_WINDOW_S = 60


def run_job(task_name, claims):
    """Time the job on the real worker (it claims its work and queues the deliveries), then
    watch the same worker deliver for up to DELIVERY_WINDOW_S seconds and report the rate."""
    from config.celery_app import app

    started = time.monotonic()
    app.send_task(task_name).get(timeout=600)
    job_seconds = time.monotonic() - started
    total = claims.count()
    delivering = time.monotonic()
    while claims.filter(sent_at__isnull=True).exists() and time.monotonic() - delivering < DELIVERY_WINDOW_S:
        time.sleep(0.5)
    elapsed = time.monotonic() - delivering
    delivered = claims.filter(sent_at__isnull=False).count()
    # Drop deliveries still queued, so the next job is timed on an idle worker.
    app.control.purge()
    return {
        "seconds": round(job_seconds, 2),
        "deliveries": total,
        "delivered_in_window": delivered,
        "deliveries_per_second": round(delivered / elapsed, 1) if elapsed else None,
    }


def measure_jobs():
    """Each job from scratch (this is the benchmark's own database), on the real worker."""
    from dashboards.models import Alert, AlertNotification, WeeklySummarySent
    from interventions.models import ReminderSent
    from notifications.models import Notification

    for model in (ReminderSent, AlertNotification, Alert, WeeklySummarySent, Notification):
        model.objects.all().delete()
    return {
        "reminder_sweep": run_job("interventions.tasks.send_reminders", ReminderSent.objects.all()),
        "early_warning": run_job("dashboards.tasks.detect_alerts", AlertNotification.objects.all()),
        "weekly_summary": run_job("dashboards.tasks.send_weekly_summary", WeeklySummarySent.objects.all()),
    }
