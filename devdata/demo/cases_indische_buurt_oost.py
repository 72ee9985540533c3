"""The hand-written cases of Wijkteam Oost in Indische Buurt Oost (WK036332).

See spec.py for what the keys and helpers mean; the data is Dutch demo data.
"""

from .spec import IV, A, C, CaseScope, CaseStatus, ClosingReason, D, K, N, Outcome, P, ParticipantRole, Priority, S

CASES = [
    {
        "title": "Burenruzie Kramatweg",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633200",
        "address": ("1094 TR", 21, "H"),
        "status": CaseStatus.PLAN,
        "priority": Priority.NORMAL,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -45,
        "changed": -20,
        "review": 10,
        # GGZ deliberately not involved: no care question here.
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("veste"),
            P("politie", since=-44),
            P("buurtteam", since=-40),
        ],
        "signals": [
            (C.NEIGHBOUR_DISPUTE, -80, "veste"),
            (C.NOISE, -70, "veste"),
            (C.NEIGHBOUR_DISPUTE, -55, "politie"),
            (C.AGGRESSION, -48, "politie"),
            (C.NEIGHBOUR_DISPUTE, -12, "veste"),
        ],
        "notes": [
            N(-44, "wijkconsulent", "Conflict tussen de benedenburen (gezin met drie kinderen) en de bovenbuurman over "
              "geluid en de gedeelde tuin. Beide partijen melden bij ons en bij de politie."),
            N(-40, "wijkagent", "Beide partijen gesproken. Geen strafbare feiten, wel oplopende spanning. Advies: "
              "bemiddeling voordat het escaleert."),
            N(-12, "wijkconsulent", "Opnieuw ruzie in de tuin; de buurman heeft zonder toestemming een hek geplaatst."),
        ],
        "interventions": [
            IV(K.NEIGHBOUR_MEDIATION, D.RESIDENT_STRENGTH, "buurtteam", "lisa.vermeulen", 3, 45, S.PLANNED,
              "Beide huishoudens aan tafel krijgen en afspraken maken over geluid en het gebruik van de tuin.",
              contributions=[("veste", "Afspraken over tuingebruik vastleggen in een huurdersbrief")],
              actions=[A("Beide huishoudens apart uitnodigen voor een intakegesprek", "lisa.vermeulen", 5)]),
        ],
        "actions": [
            A("Hek in de gedeelde tuin laten verwijderen of toestemming regelen", "wijkconsulent", 10),
            A("Huurcontracten nalopen op afspraken over tuingebruik", "wijkconsulent", -2),
        ],
        "reviews": [],
    },
    {
        "title": "Jeugdoverlast Makassarplein",
        "scope": CaseScope.THEME,
        "buurt": "BU03633201",
        "address": None,
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.NORMAL,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -150,
        "changed": -110,
        "review": 12,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="jeugd"),
            P("politie"),
            P("buurtteam", basis="jeugd"),
        ],
        "signals": [
            (C.YOUTH_NUISANCE, -190, "politie"),
            (C.YOUTH_NUISANCE, -170, "gemeente"),
            (C.VANDALISM, -160, "gemeente"),
            (C.YOUTH_NUISANCE, -155, "buurtteam"),
            (C.YOUTH_NUISANCE, -100, "politie"),
            (C.YOUTH_NUISANCE, -40, "gemeente"),
            (C.VANDALISM, -18, "politie"),
        ],
        "notes": [
            N(-148, "hanneke.peters", "Groep van 10 tot 15 jongeren (14-19 jaar) op het plein, vooral tussen 21:00 en "
              "01:00. Bewoners en ondernemers klagen over lawaai, scooters en intimidatie."),
            N(-120, "lisa.vermeulen", "Jongerenwerk heeft contact met een deel van de groep. Er is behoefte aan een "
              "eigen plek en sport in de avond."),
            N(-30, "wijkagent", "Sinds de avondsport minder meldingen, maar nog wel vernielingen aan het "
              "speeltoestel."),
        ],
        "interventions": [
            IV(K.OTHER, D.RESIDENT_STRENGTH, "buurtteam", "mehmet.yilmaz", -110, 60, S.RUNNING,
              "Avondsport en jongerenwerk op het plein, samen met de jongeren zelf opgezet.",
              contributions=[("gemeente", "Financiering van het avondprogramma")],
              updates=[("mehmet.yilmaz", -50, "Drie avonden per week sport; gemiddeld 12 jongeren.")]),
            IV(K.PHYSICAL_MEASURE, D.SOCIAL_MANAGEMENT, "gemeente", "wim.vos", -90, -30, S.DONE,
              "Betere verlichting en de hangbank verplaatsen naar het sportveld.",
              outcome=Outcome.EFFECTIVE,
              evaluation="Verlichting vervangen en hangbank verplaatst; minder meldingen na 23:00."),
        ],
        "actions": [
            A("Gesprek met ouders van de kerngroep organiseren", "lisa.vermeulen", -4),
            A("Cameratoezicht evalueren met de driehoek", "hanneke.peters", 20),
            A("Extra surveillance op vrijdag- en zaterdagavond", "youssef.bouzid", -100, -101,
              "Zes weken extra surveillance gedraaid."),
        ],
        "reviews": [],
    },
    {
        "title": "Verward gedrag en huurachterstand Molukkenstraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633200",
        "address": ("1094 SE", 212, ""),
        "status": CaseStatus.REPORTED,
        "priority": Priority.HIGH,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -1,
        "review": 6,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("veste", basis="schulden"),
            P("ggz"),
        ],
        "signals": [
            (C.RENT_ARREARS, -35, "veste"),
            (C.CONFUSED_BEHAVIOUR, -9, "politie"),
            (C.CONFUSED_BEHAVIOUR, -2, "ggz"),
        ],
        "notes": [
            N(-1, "regisseur", "Aangemeld door de corporatie: huurachterstand van vier maanden en sinds kort verward "
              "gedrag in het portiek. Weging volgt in het eerstvolgende wijkteamoverleg."),
        ],
        "interventions": [],
        "actions": [A("Huurachterstand en mogelijke betalingsregeling in kaart brengen", "jeroen.kok", 4)],
        "reviews": [],
    },
    {
        "title": "Geweldsincident Insulindeweg",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633201",
        "address": ("1094 RA", 301, "1"),
        "status": CaseStatus.TRIAGE,
        "priority": Priority.URGENT,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -4,
        "changed": -3,
        "review": 1,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("politie"),
            P("veste"),
            P("ggz"),
        ],
        "signals": [(C.AGGRESSION, -5, "politie"), (C.CONFUSED_BEHAVIOUR, -4, "ggz")],
        "notes": [
            N(-4, "wijkagent", "Bewoner heeft een buurman met een stok bedreigd. Aangehouden en weer heengezonden; "
              "het veiligheidsrisico voor de buren blijft."),
        ],
        "interventions": [],
        "actions": [
            A("Risicotaxatie met GGZ en corporatie", "wijkagent", 1),
            A("Buren bezoeken en informeren", "wijkconsulent", 2),
        ],
        "reviews": [],
    },
    {
        "title": "Dierenoverlast Obiplein",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633201",
        "address": ("1094 RB", 22, "2"),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.NUISANCE_STOPPED,
        "priority": Priority.LOW,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -230,
        "changed": -160,
        "participants": [P("gemeente", ParticipantRole.LEAD, basis="woonoverlast"), P("veste")],
        "signals": [(C.PETS, -250, "veste"), (C.ODOUR, -240, "veste"), (C.PETS, -233, "gemeente")],
        "notes": [N(-160, "wijkconsulent", "Katten zijn herplaatst via het asiel; de stank is weg.")],
        "interventions": [
            IV(K.WARNING_LETTER, D.SOCIAL_MANAGEMENT, "veste", "wijkconsulent", -225, -215, S.DONE,
              "Huurder aanspreken op het aantal huisdieren en de hygiëne.",
              outcome=Outcome.PARTLY, evaluation="Huurder zegde verbetering toe; stank bleef."),
            IV(K.OTHER, D.COLLABORATE, "gemeente", "wim.vos", -210, -165, S.DONE,
              "Dierenpolitie en asiel inschakelen voor herplaatsing van de katten.",
              outcome=Outcome.EFFECTIVE, evaluation="Elf katten herplaatst; huurder houdt er twee."),
        ],
        "actions": [],
        "reviews": [],
    },
]  # fmt: skip
