"""The hand-written cases of Wijkteam Nieuw-West, led by Wooncorporatie Het Baken.

See spec.py for what the keys and helpers mean; the data is Dutch demo data.
"""

from .spec import IV, A, C, CaseScope, CaseStatus, D, K, N, P, ParticipantRole, Priority, S

CASES = [
    {
        "title": "Woonoverlast Pieter Calandlaan",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03638103",
        "address": ("1068 NH", 210, "3"),
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.HIGH,
        "lead": "gemeente",
        "director": "nadia.haddou",
        "opened": -80,
        "changed": -40,
        "review": 5,
        "participants": [P("gemeente", ParticipantRole.LEAD, basis="woonoverlast"), P("baken"), P("politie")],
        "signals": [
            (C.NOISE, -110, "baken"),
            (C.AGGRESSION, -95, "politie"),
            (C.NOISE, -85, "baken"),
            (C.MISUSE_COMMON_AREAS, -60, "baken"),
        ],
        "notes": [
            N(-78, "bram.degraaf", "Veel bezoek, harde muziek en spullen op de galerij. Huurder erkent de overlast "
              "niet."),
        ],
        "interventions": [
            IV(K.LAST_CHANCE_AGREEMENT, D.SOCIAL_MANAGEMENT, "baken", "bram.degraaf", -40, 140, S.RUNNING,
              "Laatste-kansovereenkomst: bij nieuwe overlast volgt een ontbindingsprocedure.",
              contributions=[("gemeente", "Toezicht door handhaving")]),
        ],
        "actions": [
            A("Evaluatiegesprek laatste-kansovereenkomst", "bram.degraaf", 10),
            A("Politiemeldingen delen met de corporatie", "iris.koster", -20, -22, "Vier meldingen gedeeld."),
        ],
        "reviews": [],
    },
    {
        "title": "Vervuiling en zorgen Jacob Geelbuurt",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03638502",
        "address": ("1064 VX", 48, "1"),
        "status": CaseStatus.PLAN,
        "priority": Priority.NORMAL,
        "lead": "gemeente",
        "director": "nadia.haddou",
        "opened": -25,
        "changed": -12,
        "review": 9,
        "participants": [P("gemeente", ParticipantRole.LEAD, basis="regie"), P("baken"), P("ggz")],
        "signals": [(C.SQUALOR, -50, "baken"), (C.VERMIN, -40, "baken"), (C.WELFARE_CONCERN, -28, "ggz")],
        "notes": [N(-24, "bram.degraaf", "Bewoner laat niemand binnen; buren zien veel afval op het balkon.")],
        "interventions": [
            IV(K.HOME_VISIT, D.CARE_AND_SUPPORT, "baken", "bram.degraaf", 2, 10, S.PLANNED,
              "Samen met de SPV op huisbezoek om contact te leggen en de hulpvraag te verkennen.",
              contributions=[("ggz", "SPV gaat mee op huisbezoek")]),
        ],
        "actions": [
            A("Huisbezoek met de SPV plannen", "bram.degraaf", 2),
            A("Contact opnemen met de huisarts", "sophie.bos", 4),
        ],
        "reviews": [],
    },
]  # fmt: skip
