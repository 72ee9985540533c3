"""Inzage: everything the platform holds about one person, for a privacy officer to hand to them.

The person is found in every case where the officer's organisation takes
part (same name and date of birth; without a date of birth only the record
asked for). Per case: the person's details and informing entries, the case's
signals, the notes the organisation may read (other organisations' own notes
are left out, and the export says how many), the attachments list, the
interventions with their contributions and progress, the actions, the reviews
whose minutes mention the person, and the case's access log (who, when, on
whose behalf, what, through which channel). One download: a print-ready HTML
page in Dutch and the same as JSON, in a zip. The export is written to the
access log of every case it covers.
"""

import io
import json
import zipfile
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.errors import NotAllowed
from cases.models import (
    AccessLogEntry,
    Attachment,
    CaseParticipant,
    Note,
    NoteVisibility,
    Person,
    ReadWhat,
    Signal,
    case_access,
)
from interventions.models import Action, CaseReview, Intervention
from partners.models import Organisation
from partners.viewer import viewer_of


def inzage_organisations(user, person):
    """The organisations in whose name `user` may make an inzage export of `person`: those they are privacy
    officer or administrator of that take part in the person's case."""
    taking_part = CaseParticipant.objects.active().filter(case=person.case_id).values("organisation")
    return Organisation.objects.filter(pk__in=viewer_of(user).privacy_organisation_ids, id__in=taking_part)


def records_of(person, organisation):
    """The person's records in every case `organisation` takes part in: the same name and date of birth."""
    cases = CaseParticipant.objects.active().filter(organisation=organisation).values("case")
    same = Q(pk=person.pk)
    if person.date_of_birth:
        same |= Q(name_key=person.name_key, date_of_birth=person.date_of_birth)
    return (
        Person.objects.filter(same, case__in=cases)
        .select_related("case__lead_organisation")
        .prefetch_related("informing__recorded_by", "informing__organisation")
        .order_by("case_id", "pk")
    )


def _when(moment):
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def _day(day):
    return day.isoformat() if day else None


def _case_section(case, persons, organisation):
    names = [p.name.casefold() for p in persons]
    notes = Note.objects.filter(case=case).select_related("author", "organisation").order_by("created_at")
    readable = notes.filter(Q(visibility=NoteVisibility.ALL_PARTICIPANTS) | Q(organisation=organisation))
    interventions = (
        Intervention.objects.filter(case=case)
        .select_related("lead_organisation", "owner")
        .prefetch_related("contributions__organisation", "progress_updates__author")
        .order_by("created_at")
    )
    reviews = [
        r
        for r in CaseReview.objects.filter(case=case).order_by("scheduled_for")
        if any(n in r.minutes.casefold() for n in names)
    ]
    return {
        "case": {
            "id": case.pk,
            "title": case.title,
            "status": case.get_status_display(),
            "opened": _when(case.created_at),
            "closed": _when(case.closed_at),
            "lead_organisation": case.lead_organisation.name,
        },
        "persons": [
            {
                "name": p.name,
                "date_of_birth": _day(p.date_of_birth),
                "role": p.get_role_display(),
                "address": p.address,
                "contact_notes": p.contact_notes,
                "recorded": _when(p.created_at),
                "informing": [
                    {
                        "informed": e.informed,
                        "informed_on": _day(e.informed_on),
                        "how": e.get_how_display(),
                        "reason": e.get_reason_display(),
                        "explanation": e.reason_text,
                        "look_again_on": _day(e.look_again_on),
                        "by": e.recorded_by.get_full_name() or e.recorded_by.get_username(),
                        "organisation": e.organisation.name,
                        "recorded": _when(e.recorded_at),
                    }
                    for e in p.informing.all()
                ],
            }
            for p in persons
        ],
        "signals": [
            {
                "when": _when(s.occurred_at),
                "category": s.get_category_display(),
                "description": s.description,
                "address": s.address,
                "organisation": s.reporting_organisation.name,
            }
            for s in Signal.objects.filter(case=case).select_related("reporting_organisation").order_by("occurred_at")
        ],
        "notes": [
            {
                "when": _when(n.created_at),
                "author": n.author.get_full_name() or n.author.get_username(),
                "organisation": n.organisation.name,
                "only_own_organisation": n.visibility == NoteVisibility.OWN_ORGANISATION,
                "body": n.body,
            }
            for n in readable
        ],
        "notes_left_out": notes.count() - readable.count(),
        "attachments": [
            {"name": a.original_name, "added": _when(a.created_at), "organisation": a.organisation.name}
            for a in Attachment.objects.filter(case=case).select_related("organisation").order_by("created_at")
        ],
        "interventions": [
            {
                "kind": i.get_kind_display(),
                "solution_direction": i.get_solution_direction_display(),
                "goal": i.goal,
                "status": i.get_status_display(),
                "outcome": i.get_outcome_display() if i.outcome else "",
                "evaluation": i.evaluation,
                "lead_organisation": i.lead_organisation.name,
                "contributions": [
                    {"organisation": c.organisation.name, "contribution": c.contribution} for c in i.contributions.all()
                ],
                "progress": [{"when": _when(u.created_at), "text": u.body} for u in i.progress_updates.all()],
            }
            for i in interventions
        ],
        "actions": [
            {
                "title": a.title,
                "organisation": a.organisation.name,
                "due_on": _day(a.due_on),
                "done": _when(a.done_at),
                "result": a.result,
            }
            for a in Action.objects.filter(case=case).select_related("organisation").order_by("created_at")
        ],
        "reviews": [{"held": _when(r.held_at), "minutes": r.minutes} for r in reviews],
        "access_log": [
            {
                "when": _when(e.at),
                "who": e.user_name,
                "on_behalf_of": ", ".join(e.on_behalf_of),
                "what": ReadWhat(e.what).label if e.what in ReadWhat.values else e.what,
                "channel": e.get_channel_display(),
            }
            for e in AccessLogEntry.objects.filter(case=case).order_by("at", "pk")
        ],
    }


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes
    data: dict


def inzage_export(person, *, by, organisation):
    """The inzage export of `person` as made by `by` for `organisation` (one of `inzage_organisations`).

    Written to the access log of every case it covers. Returns an Export (a zip
    of inzage.html and inzage.json).
    """
    if organisation.pk not in viewer_of(by).privacy_organisation_ids:
        raise NotAllowed(_("Only a privacy officer or administrator of an organisation taking part makes an inzage."))
    with translation.override("nl"):
        records = list(records_of(person, organisation))
        by_case = {}
        for record in records:
            by_case.setdefault(record.case_id, (record.case, []))[1].append(record)
        data = {
            "person": person.name,
            "date_of_birth": _day(person.date_of_birth),
            "made": _when(timezone.now()),
            "made_by": by.get_full_name() or by.get_username(),
            "organisation": organisation.name,
            "cases": [_case_section(case, persons, organisation) for case, persons in by_case.values()],
        }
        html = render_to_string("privacy/inzage_export.html", {"data": data})
        # Labels are lazy: written out here, in Dutch, like the page.
        text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    for case, _persons in by_case.values():
        case_access(by, case).log_read(ReadWhat.INZAGE, AccessLogEntry.Channel.EXPORT, person=person.pk)
    stamp = timezone.localdate().isoformat()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inzage.html", html)
        archive.writestr("inzage.json", text)
    return Export(f"inzage-{person.pk}-{stamp}.zip", buffer.getvalue(), json.loads(text))
