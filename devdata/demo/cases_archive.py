"""A case closed more than two years ago: past its retention period, awaiting the two approvals.

Its director already agreed to anonymise it; the privacy officer of the
municipality (`privacy`) finds it under Privacy → Bewaartermijnen.
See spec.py for what the keys and helpers mean; the data is Dutch demo data.
"""

from .spec import C, CaseScope, CaseStatus, ClosingReason, N, P, ParticipantRole, Priority

CASES = [
    {
        "title": "Overlast en schulden Wakkerstraat (2024)",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633000",
        "address": ("1097 CS", 41, ""),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.CARE_IN_PLACE,
        "priority": Priority.NORMAL,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -900,
        "changed": -790,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("veste"),
            P("buurtteam", basis="schulden"),
        ],
        "signals": [
            (C.RENT_ARREARS, -930, "veste"),
            (C.NOISE, -915, "veste"),
        ],
        "notes": [
            N(-898, "wijkconsulent", "Huurachterstand van vier maanden; bewoner neemt de telefoon niet op."),
            N(-860, "lisa.vermeulen", "Schuldhulp gestart; bewoner werkt goed mee en de muziek is zachter."),
            N(-795, "wijkconsulent", "Betalingsregeling loopt al drie maanden; geen nieuwe klachten van de buren."),
        ],
        "interventions": [],
        "actions": [],
        "reviews": [],
    },
]
