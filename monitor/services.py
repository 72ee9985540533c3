"""The verbs that change corporation figures and their sharing; pages (and any API) call only these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .access import require_may_enter
from .models import FIGURE_FIELDS, CorporationFigures, FiguresChannel, FiguresRecord, SharingSetting


def _record(organisation, year, *, by, channel, rows, replaced, file_name=""):
    return FiguresRecord.objects.create(
        organisation=organisation,
        year=year,
        channel=channel,
        by=by,
        by_name=by.get_full_name() or by.get_username(),
        rows=rows,
        replaced=replaced,
        file_name=file_name[:200],
    )


@transaction.atomic
def figures_save(organisation, neighbourhood, year, values, *, by):
    """Enter (or correct) one corporation's figures for one buurt in one year, from the form.

    Refuses whoever may not enter for the corporation (PermissionDenied) and
    figures that contradict each other (ValidationError, nothing saved).
    Writes a history line: who, when, by form.
    """
    require_may_enter(by, organisation)
    row = CorporationFigures.objects.filter(organisation=organisation, neighbourhood=neighbourhood, year=year).first()
    replaced = row is not None
    row = row or CorporationFigures(organisation=organisation, neighbourhood=neighbourhood, year=year)
    for name in FIGURE_FIELDS:
        setattr(row, name, values[name])
    row.entered_by, row.entered_at = by, timezone.now()
    row.full_clean(validate_unique=False)
    row.save()
    _record(organisation, year, by=by, channel=FiguresChannel.FORM, rows=1, replaced=int(replaced))
    return row


@transaction.atomic
def figures_replace_year(organisation, year, rows, *, by, file_name=""):
    """Replace all of a corporation's figures for `year` by the uploaded `rows` (unsaved CorporationFigures
    from monitor/uploads.py, already checked), in one transaction, with a history line: who, when, the file.

    Returns the FiguresRecord.
    """
    require_may_enter(by, organisation)
    if not rows:
        raise ValidationError("no rows")
    now = timezone.now()
    replaced, _per_model = CorporationFigures.objects.filter(organisation=organisation, year=year).delete()
    for row in rows:
        row.organisation, row.year, row.entered_by, row.entered_at = organisation, year, by, now
    CorporationFigures.objects.bulk_create(rows)
    return _record(
        organisation, year, by=by, channel=FiguresChannel.UPLOAD, rows=len(rows), replaced=replaced, file_name=file_name
    )


def sharing_set(organisation, shares, *, by):
    """Switch whether the corporation's figures reach other organisations as aggregates; a no-op if unchanged."""
    require_may_enter(by, organisation)
    setting = SharingSetting.objects.filter(organisation=organisation).first()
    if setting is None:
        return SharingSetting.objects.create(organisation=organisation, shares_aggregates=shares, changed_by=by)
    if setting.shares_aggregates != shares:
        setting.shares_aggregates, setting.changed_by, setting.changed_at = shares, by, timezone.now()
        setting.save(update_fields=["shares_aggregates", "changed_by", "changed_at"])
    return setting


def shares_aggregates(organisation):
    setting = SharingSetting.objects.filter(organisation=organisation).first()
    return bool(setting and setting.shares_aggregates)
