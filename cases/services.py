"""Small service functions for cases: the business rules that views, the API and tasks share."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.limits import require_within
from partners.viewer import viewer_of

from .access import may_report_for, may_report_in
from .errors import CaseError, NotAllowed
from .models import AccessLogEntry, Case, CaseParticipant, ParticipantRole, Signal, TimelineKind, normalise_postcode


def access_log_prune(now=None):
    """Delete the access log of cases anonymised more than ``settings.ACCESS_LOG_RETENTION_DAYS`` ago.

    Never earlier: a resident may ask who looked at their file for as long as
    the file exists (NEN 7513), so the log of a case that is not anonymised
    (open, closed, or awaiting approval) is kept whatever its age. A case
    anonymised exactly at the cut-off keeps its log. Idempotent. Returns the
    number of entries deleted.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    _deleted, per_model = AccessLogEntry.objects.filter(case__anonymised_at__lt=cutoff).delete()
    return per_model.get(AccessLogEntry._meta.label, 0)


def signal_report(*, by, organisation, neighbourhood, category, severity, description, **fields):
    """Log a signal for `organisation` in `neighbourhood`, reported by `by`.

    The reporter must belong to the organisation and may log only where
    `reportable_neighbourhoods` allows; otherwise CaseError, nothing saved.
    """
    if not may_report_for(by, organisation.pk):
        raise CaseError(_("You can only report on behalf of your own organisation."))
    if not may_report_in(by, neighbourhood.pk):
        raise CaseError(_("You can only report in the neighbourhoods of your teams."))
    if "postcode" in fields:
        fields["postcode"] = normalise_postcode(fields["postcode"])
    signal = Signal(
        reported_by=by,
        reporting_organisation=organisation,
        neighbourhood=neighbourhood,
        category=category,
        severity=severity,
        description=description.strip(),
        **fields,
    )
    # The reporter, organisation and neighbourhood are rows this request read: no need to look them up again.
    signal.full_clean(exclude=["reported_by", "reporting_organisation", "neighbourhood"])
    signal.save()
    return signal


@transaction.atomic
def case_open(*, by, organisation, title, neighbourhood=None, signals=(), legal_basis, **fields):
    """Open a case led by `organisation` with `by` as case director, from one or more signals.

    Only a case director (or administrator) of `organisation` opens a case,
    from signals they may see, in the neighbourhood of one of them (by default
    the first signal's): a case shows its signals to everyone invited, so
    opening one is sharing them. The lead organisation takes part from today;
    the signals are linked and show on the new case's timeline.
    """
    if organisation.pk not in viewer_of(by).directing_organisation_ids:
        raise NotAllowed(_("Only a case director of the lead organisation can open a case for it."))
    signals = list(signals)
    if not signals:
        raise CaseError(_("Open a case from at least one signal."))
    if Signal.objects.visible_to(by).filter(pk__in=[s.pk for s in signals]).count() != len({s.pk for s in signals}):
        raise CaseError(_("You can only open a case from signals you may see."))
    neighbourhoods = {s.neighbourhood_id for s in signals}
    neighbourhood = neighbourhood or signals[0].neighbourhood
    if neighbourhood.pk not in neighbourhoods:
        raise CaseError(_("A case is in the neighbourhood of one of its signals."))
    if not title.strip():
        raise CaseError(_("A case needs a title."))
    if not legal_basis.strip():
        raise CaseError(_("State the purpose or legal basis for sharing this case."))
    require_within(Case, "title", title.strip(), CaseError)
    require_within(CaseParticipant, "legal_basis", legal_basis.strip(), CaseError)
    case = Case.objects.create(
        title=title.strip(),
        neighbourhood=neighbourhood,
        lead_organisation=organisation,
        case_director=by,
        **fields,
    )
    CaseParticipant.objects.create(
        case=case, organisation=organisation, role=ParticipantRole.LEAD, legal_basis=legal_basis.strip(), added_by=by
    )
    case.log(TimelineKind.CASE_OPENED, "case_opened", {"title": case.title}, by=by, organisation=organisation)
    for signal in signals:
        signal.link_to(case, by=by)
    return case
