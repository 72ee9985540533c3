"""Anonymising a case file: everything that says who or where goes, everything the figures count stays.

Removed: the persons (with their informing entries and matches elsewhere),
the addresses of the case and its signals (the neighbourhood stays), the
case's title, note bodies, attachment files (from storage) and their names,
the signals' descriptions and reasons, the free text of interventions,
contributions, actions, progress updates and reviews, the names and free text
in the timeline (a marker that reads "(name removed)" etc. in the reader's
language), the free text in notifications about the case and in the access
log's details. Kept: category, neighbourhood, every date, statuses, priority,
closing reason, intervention kinds, solution directions and outcomes,
participations and legal bases, who acted and who read (the access log stays
ACCESS_LOG_RETENTION_DAYS more, cases/services.py) — so every dashboard figure is
the same before and after.

`anonymise_case` is one transaction for the database; files are deleted after
it commits (`transaction.on_commit`), from the FileToDelete rows it wrote, so a
run that stopped among the files is finished by running it again (it is
idempotent).
"""

from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.errors import CaseError
from cases.models import (
    AccessLogEntry,
    Attachment,
    Case,
    KnownElsewhere,
    Note,
    Person,
    Signal,
    TimelineEntry,
    TimelineKind,
)
from interventions.models import Action, CaseReview, Contribution, Intervention, ProgressUpdate
from notifications.models import Notification
from notifications.texts import removed

from .models import FileToDelete, RetentionReview

# Timeline and notification data: which values say who, where or what was written, and what stands in for them.
REMOVED_VALUES = {
    "title": "title",
    "case": "title",
    "action": "title",
    "description": "text",
    "excerpt": "text",
    "note": "text",
    "body": "text",
    "result": "text",
    "escalated_to": "text",
    "text": "text",
    "name": "name",
    "subject": "person",
    "who": "professional",
    "director": "director",
    "requester": "professional",
    "address": "address",
}
# Shown where a required text was removed from a row that stays.
GONE = "—"


def scrubbed(data):
    """`data` of a timeline entry or notification with its names and free text replaced by markers."""
    clean = {}
    for key, value in data.items():
        if key == "changes" and isinstance(value, dict):  # a header edit: which fields stay, their values go
            clean[key] = {field: [removed("text"), removed("text")] for field in value}
        elif key in REMOVED_VALUES and isinstance(value, str) and value:
            clean[key] = removed(REMOVED_VALUES[key])
        else:
            clean[key] = value
    return clean


def _scrub(rows, field):
    """Replace names and free text in the JSON `field` of `rows` (scrubbed), in one bulk update."""
    model, rows = rows.model, list(rows.only("pk", field))
    for row in rows:
        setattr(row, field, scrubbed(getattr(row, field)))
    model.objects.bulk_update(rows, [field], batch_size=500)


@transaction.atomic
def _anonymise_rows(case, *, by):
    """The database part, in one transaction: returns False if the case was anonymised already."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.anonymised_at is not None:
        return False
    now = timezone.now()
    Person.objects.filter(case=case).delete()
    KnownElsewhere.objects.filter(other_case=case).delete()
    no_address = {"postcode": "", "house_number": None, "house_number_addition": ""}
    Signal.objects.filter(case=case).update(description="", status_reason="", anonymised_at=now, **no_address)
    Note.objects.filter(case=case).update(body=GONE)
    attachments = Attachment.objects.filter(case=case)
    FileToDelete.objects.bulk_create(
        FileToDelete(case=case, name=name) for name in attachments.exclude(file="").values_list("file", flat=True)
    )
    for attachment in attachments:
        # The same in every language: the number and the kind of file, nothing of its old name.
        suffix = Path(attachment.original_name).suffix.lower()
        Attachment.objects.filter(pk=attachment.pk).update(file="", original_name=f"{attachment.pk}{suffix}")
    Intervention.objects.filter(case=case).update(goal=GONE)
    Intervention.objects.filter(case=case).exclude(evaluation="").update(evaluation=GONE)
    Contribution.objects.filter(intervention__case=case).update(contribution=GONE)
    Action.objects.filter(case=case).update(title=GONE, result="")
    ProgressUpdate.objects.filter(intervention__case=case).update(body=GONE)
    CaseReview.objects.filter(case=case).update(minutes="")
    _scrub(TimelineEntry.objects.filter(case=case), "data")
    _scrub(Notification.objects.filter(data__case_id=case.pk), "data")
    _scrub(AccessLogEntry.objects.filter(case=case).exclude(detail={}), "detail")
    Case.objects.filter(pk=case.pk).update(
        title=f"#{case.pk}",  # the same in every language; the case page says when it was anonymised
        escalated_to="",
        anonymised_at=now,
        **no_address,
    )
    RetentionReview.objects.filter(case=case).update(anonymised_at=now)
    case.refresh_from_db()
    case.log(TimelineKind.ANONYMISED, "case_anonymised", {}, by=by)
    return True


def _delete_files(case):
    """Remove from storage what anonymisation left to delete; each file's row goes once the file has."""
    for row in FileToDelete.objects.filter(case=case):
        default_storage.delete(row.name)  # no error if it is gone already
        row.delete()


def anonymise_case(case, *, by=None):
    """Anonymise a closed or cancelled case (see the module), then delete its attachment files.

    Idempotent and resumable: run again, it only finishes deleting files.
    Refuses an open case. Who may decide it is for the caller (retention_approve,
    the `anonymise_case` command); `by` is who is written on the timeline.
    Returns True if the database part ran now.
    """
    if case.is_open:
        raise CaseError(_("An open case cannot be anonymised: close it first."))
    ran = _anonymise_rows(case, by=by)
    # Files go once the database has committed (at once outside a transaction): a rollback keeps them.
    transaction.on_commit(lambda: _delete_files(case))
    case.refresh_from_db()
    return ran


def signals_anonymise(signals):
    """Remove description, reason and address from `signals` (that never joined a case); returns how many."""
    count = signals.filter(case__isnull=True, anonymised_at__isnull=True).update(
        description="",
        status_reason="",
        postcode="",
        house_number=None,
        house_number_addition="",
        anonymised_at=timezone.now(),
    )
    return count
