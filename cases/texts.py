"""The sentences of the case timeline, and of the notifications the case verbs leave, stored as codes.

A timeline entry stores a code and its data (TimelineEntry.code, .data); the
sentence is filled in when someone reads the timeline, in their language
(notifications/texts.py explains the scheme). `TIMELINE` holds every
timeline code: the case verbs' below, the plan of approach's registered by
interventions when it loads (InterventionsConfig.ready), as that app sits
above this one. A verb passes its code and data to `Case.log`, which renders
the sentence once on writing, so a code without a sentence, or data missing a
value, fails in the verb and never on a case page.

cases.models imports this module, so the cases enums are looked up when a
sentence is shown (`_cases_enum`), not when this module loads.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from notifications.texts import NOTIFICATIONS, Sentences, label_of

TIMELINE = Sentences("timeline")


def _cases_enum(name):
    """A label function for the enum `name` of cases.models, imported when first shown."""

    def label(code):
        from . import models

        return label_of(getattr(models, name), code)

    return label


def _edited_fields(data):
    """The changed fields' names in the reader's language, in the order of the edit form."""
    from .models import EDITABLE_FIELDS, Case

    def label(name):
        try:
            return str(Case._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    order = {name: i for i, name in enumerate(EDITABLE_FIELDS)}
    names = sorted(data["changes"], key=lambda name: (order.get(name, len(order)), name))
    return {"fields": ", ".join(label(name) for name in names)}


STATUS_LABELS = {"previous": _cases_enum("CaseStatus"), "status": _cases_enum("CaseStatus")}

TIMELINE.register("case_opened", _("Case opened: %(title)s"), example={"title": "Overlast portiek Dapperstraat 12"})
TIMELINE.register(
    "signal_linked",
    _("Signal: %(category)s — %(description)s"),
    labels={"category": _cases_enum("Category")},
    example={"signal_id": 1, "category": "GEL", "description": "Harde muziek tot 03:00, derde keer deze maand."},
)
TIMELINE.register(
    "status_changed",
    _("Status: %(previous)s → %(status)s"),
    labels=STATUS_LABELS,
    example={"previous": "triage", "status": "plan", "reason": "", "note": "", "escalated_to": ""},
)
TIMELINE.register(
    "case_closed",
    _("Status: %(previous)s → %(status)s (%(reason)s)"),
    labels={**STATUS_LABELS, "reason": _cases_enum("ClosingReason")},
    example={"previous": "monitoring", "status": "closed", "reason": "care_in_place", "note": "", "escalated_to": ""},
)
TIMELINE.register(
    "case_escalated",
    _("Status: %(previous)s → %(status)s (%(escalated_to)s)"),
    labels=STATUS_LABELS,
    example={
        "previous": "in_progress",
        "status": "escalated",
        "reason": "",
        "note": "",
        "escalated_to": "Zorg- en Veiligheidshuis Amsterdam-Amstelland",
    },
)
TIMELINE.register(
    "participant_added",
    _("%(organisation)s takes part (%(basis)s)"),
    example={
        "organisation_id": 1,
        "organisation": "GGZ Amstel",
        "basis": "Convenant Zorg en Veiligheid",
        "role": "partner",
    },
)
TIMELINE.register(
    "participant_ended",
    _("%(organisation)s no longer takes part"),
    example={"organisation_id": 1, "organisation": "GGZ Amstel", "until": "2026-11-28"},
)
TIMELINE.register(
    "direction_handed_over",
    _("Direction handed over to %(director)s (%(organisation)s)"),
    example={"director_id": 1, "director": "Ruud Hendriks", "organisation": "Woonstad", "previous_lead_id": 2},
)
# A note's line is the note's own opening words, in the language it was written in.
TIMELINE.register("note_added", "%(excerpt)s", example={"note_id": 1, "excerpt": "Buren bevestigen de overlast."})
TIMELINE.register(
    "attachment_added", _("Attachment added: %(name)s"), example={"attachment_id": 1, "name": "brief-woonstad.pdf"}
)
TIMELINE.register(
    "case_edited",
    _("Case details changed: %(fields)s"),
    values=_edited_fields,
    example={"changes": {"title": ["Portiek", "Portiek Dapperstraat 12"], "priority": ["normal", "high"]}},
)

TIMELINE.register(
    "participant_scaled_down",
    _("%(organisation)s no longer takes part (scaled down)"),
    example={"organisation_id": 1, "organisation": "GGZ Amstel", "until": "2026-11-28"},
)
TIMELINE.register(
    "participant_closed",
    _("%(organisation)s no longer takes part (case closed)"),
    example={"organisation_id": 1, "organisation": "GGZ Amstel", "until": "2026-11-28"},
)
PERSON_EXAMPLE = {"person_id": 1, "name": "Sanne de Vries", "role": "main"}
PERSON_ROLE = {"role": _cases_enum("PersonRole")}
TIMELINE.register("person_added", _("Person added: %(name)s (%(role)s)"), labels=PERSON_ROLE, example=PERSON_EXAMPLE)
TIMELINE.register(
    "person_corrected", _("Details of %(name)s (%(role)s) corrected"), labels=PERSON_ROLE, example=PERSON_EXAMPLE
)
TIMELINE.register(
    "person_removed", _("Person removed: %(name)s (%(role)s)"), labels=PERSON_ROLE, example=PERSON_EXAMPLE
)
TIMELINE.register(
    "person_informed",
    _("%(name)s was informed (%(how)s)"),
    labels={**PERSON_ROLE, "how": _cases_enum("InformedHow")},
    example={**PERSON_EXAMPLE, "how": "letter", "reason": ""},
)
TIMELINE.register(
    "person_not_informed",
    _("%(name)s was not informed: %(reason)s"),
    labels={**PERSON_ROLE, "reason": _cases_enum("NotInformedReason")},
    example={**PERSON_EXAMPLE, "how": "", "reason": "safety"},
)
TIMELINE.register(
    "coordination_requested",
    _("Asked the director of another case to coordinate: %(director)s (%(organisation)s)"),
    example={"person_id": 1, "director": "Ruud Hendriks", "organisation": "Gemeente Amsterdam"},
)

NOTIFICATIONS.register(
    "invited_to_case",
    _("%(organisation)s was invited to the case “%(case)s”"),
    example={"case_id": 1, "case": "Overlast portiek Dapperstraat 12", "organisation": "GGZ Amstel"},
)
NOTIFICATIONS.register(
    "participation_ended",
    _("%(organisation)s no longer takes part in the case “%(case)s”"),
    example={"case_id": 1, "case": "Overlast portiek Dapperstraat 12", "organisation": "GGZ Amstel"},
)
NOTIFICATIONS.register(
    "coordination_requested",
    _(
        "%(requester)s (%(organisation)s) also knows %(subject)s from your case “%(case)s” and asks to coordinate; "
        "invite them if they need to know"
    ),
    example={
        "case_id": 1,
        "case": "Overlast portiek Dapperstraat 12",
        "requester": "Wendy de Wit",
        "organisation": "Woonstad",
        "subject": "Sanne de Vries",
    },
)
