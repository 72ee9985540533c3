"""Signals (meldingen), cases (casussen) and everything on a shared case page, each model with its verbs.

Who may see what is stated once, on the querysets (`visible_to(user)`), and
single objects are fetched through cases/access.py, never here or in views.
The modules import one way: visibility, addresses ← participants ← records, persons,
processing ← signals, cases.
"""

from .addresses import Address, AddressFields, format_address, normalise_postcode, parse_address, postcode_validator
from .cases import (
    BASIS_PHASES,
    CASE_TRANSITIONS,
    EDITABLE_FIELDS,
    OPEN_CASE_STATUSES,
    Case,
    CaseQuerySet,
    CaseScope,
    CaseStatus,
    ClosingReason,
    Priority,
    review_overdue,
    transition_refused,
)
from .participants import (
    CaseChildQuerySet,
    CaseParticipant,
    CaseParticipantQuerySet,
    EndReason,
    ParticipantRole,
    participates,
)
from .persons import (
    InformedHow,
    InformingEntry,
    KnownElsewhere,
    MatchKind,
    NotInformedReason,
    Person,
    PersonRole,
    name_key,
)
from .processing import ProcessingBasis
from .records import (
    AccessLogEntry,
    Attachment,
    Note,
    NoteQuerySet,
    NoteVisibility,
    ReadWhat,
    TimelineEntry,
    TimelineKind,
    TimelineQuerySet,
)
from .rights import CaseAccess, access_from, case_access, directed_by, direction_candidates, directs
from .signals import VISIBILITY_COLUMNS, Category, Severity, Signal, SignalQuerySet, SignalStatus
from .visibility import VisibleQuerySet, covers, member_of

__all__ = [
    "BASIS_PHASES",
    "CASE_TRANSITIONS",
    "EDITABLE_FIELDS",
    "OPEN_CASE_STATUSES",
    "VISIBILITY_COLUMNS",
    "AccessLogEntry",
    "name_key",
    "ProcessingBasis",
    "PersonRole",
    "Person",
    "NotInformedReason",
    "MatchKind",
    "KnownElsewhere",
    "InformingEntry",
    "InformedHow",
    "EndReason",
    "Address",
    "AddressFields",
    "CaseAccess",
    "Attachment",
    "Case",
    "CaseChildQuerySet",
    "CaseParticipant",
    "CaseParticipantQuerySet",
    "CaseQuerySet",
    "CaseScope",
    "CaseStatus",
    "Category",
    "ClosingReason",
    "Note",
    "NoteQuerySet",
    "NoteVisibility",
    "ParticipantRole",
    "Priority",
    "ReadWhat",
    "Severity",
    "Signal",
    "SignalQuerySet",
    "SignalStatus",
    "TimelineEntry",
    "TimelineKind",
    "TimelineQuerySet",
    "VisibleQuerySet",
    "access_from",
    "case_access",
    "covers",
    "directed_by",
    "direction_candidates",
    "directs",
    "format_address",
    "member_of",
    "normalise_postcode",
    "parse_address",
    "participates",
    "postcode_validator",
    "review_overdue",
    "transition_refused",
]
