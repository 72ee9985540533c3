"""The demo world behind `manage.py load_demo`.

Two Amsterdam wijkteams (Oost and Nieuw-West), their partner organisations and
people, a year of signals and a set of cases in every status, with notes,
interventions, actions and reviews. Everything is fictional; the neighbourhoods
are real CBS buurten imported from the shipped CBS file.

The world is deterministic (one seeded random generator, specs in fixed order)
and dated relative to today, so a demo always looks current. Rows are written
directly rather than through the case verbs: the verbs stamp "now", while a
believable history needs dates spread over the past year. The timeline entries
follow the verbs' conventions (kinds, data keys, own-organisation traces).
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cases.models import (
    AccessLogEntry,
    Case,
    CaseParticipant,
    CaseScope,
    CaseStatus,
    Category,
    ClosingReason,
    Note,
    NoteVisibility,
    ParticipantRole,
    Priority,
    Severity,
    Signal,
    SignalStatus,
    TimelineEntry,
    TimelineKind,
)
from interventions.models import (
    Action,
    CaseReview,
    Contribution,
    Intervention,
    InterventionKind,
    InterventionStatus,
    Outcome,
    ProgressUpdate,
    SolutionDirection,
)
from neighbourhoods.cbs import DEMO_CBS_FILE, import_cbs
from neighbourhoods.models import Neighbourhood, NeighbourhoodStatistics
from partners.models import Membership, Organisation, OrganisationKind, Role, Team

SEED = 2026
PASSWORD = "demo"
BACKGROUND_SIGNALS = 440
ZVH = "Zorg- en Veiligheidshuis Amsterdam-Amstelland"

# --- organisations, people, teams ------------------------------------------

ORGANISATIONS = {
    "veste": ("Woonstichting De Veste", OrganisationKind.HOUSING_CORPORATION),
    "baken": ("Wooncorporatie Het Baken", OrganisationKind.HOUSING_CORPORATION),
    "gemeente": ("Gemeente Amsterdam", OrganisationKind.MUNICIPALITY),
    "politie": ("Politie Amsterdam", OrganisationKind.POLICE),
    "ggz": ("GGZ Amstelzorg", OrganisationKind.MENTAL_HEALTH),
    "buurtteam": ("Buurtteam Oost", OrganisationKind.SOCIAL_TEAM),
    "linde": ("Zorggroep De Linde", OrganisationKind.ID_CARE),
    # Deliberately takes part in no case: the need-to-know outsider.
    "bemiddeling": ("Buurtbemiddeling Amsterdam", OrganisationKind.MEDIATION),
}
MARKER_ORGANISATION = ORGANISATIONS["veste"][0]

TEAMS = {
    # Dapperbuurt, Transvaalbuurt, Indische Buurt West and Oost.
    "oost": ("Wijkteam Oost", ["WK036329", "WK036330", "WK036331", "WK036332"]),
    # Osdorp-Oost, Osdorp-Midden, Slotervaart Noord, Overtoomse Veld.
    "nieuw_west": ("Wijkteam Nieuw-West", ["WK036381", "WK036382", "WK036385", "WK036386"]),
}
POSTCODE_AREAS = {
    "WK036329": "1093",
    "WK036330": "1092",
    "WK036331": "1094",
    "WK036332": "1094",
    "WK036381": "1068",
    "WK036382": "1069",
    "WK036385": "1064",
    "WK036386": "1064",
}
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"

# (username, first name, last name, organisation, role, job title, teams)
USERS = [
    ("wijkconsulent", "Fatima", "El Amrani", "veste", Role.PROFESSIONAL, "Wijkconsulent Indische Buurt", ["oost"]),
    ("wijkagent", "Mark", "Jansen", "politie", Role.PROFESSIONAL, "Wijkagent Indische Buurt", ["oost"]),
    ("ggz", "Eva", "Bakker", "ggz", Role.PROFESSIONAL, "Sociaal psychiatrisch verpleegkundige", ["oost"]),
    ("regisseur", "Ruud", "Hendriks", "gemeente", Role.CASE_DIRECTOR, "Casusregisseur Zorg en Veiligheid", ["oost"]),
    ("manager", "Anouk", "Smit", "veste", Role.MANAGER, "Manager Wonen Oost", ["oost"]),
    ("buitenstaander", "Daan", "Mulder", "bemiddeling", Role.PROFESSIONAL, "Buurtbemiddelaar", ["nieuw_west"]),
    ("beheerder", "Ingrid", "de Boer", "gemeente", Role.ADMINISTRATOR, "Functioneel beheerder", []),
    ("jeroen.kok", "Jeroen", "Kok", "veste", Role.COORDINATOR, "Teamleider Wijkbeheer Oost", ["oost"]),
    ("kees.brouwer", "Kees", "Brouwer", "veste", Role.PROFESSIONAL, "Huismeester", ["oost"]),
    ("sandra.dejong", "Sandra", "de Jong", "politie", Role.COORDINATOR, "Teamchef basisteam Oost", ["oost"]),
    ("youssef.bouzid", "Youssef", "Bouzid", "politie", Role.PROFESSIONAL, "Wijkagent Transvaalbuurt", ["oost"]),
    ("iris.koster", "Iris", "Koster", "politie", Role.PROFESSIONAL, "Wijkagent Osdorp", ["nieuw_west"]),
    ("marieke.dekker", "Marieke", "Dekker", "ggz", Role.COORDINATOR, "Teamleider FACT Oost", ["oost"]),
    ("thomas.vandijk", "Thomas", "van Dijk", "ggz", Role.PROFESSIONAL, "Ambulant begeleider", ["oost"]),
    ("sophie.bos", "Sophie", "Bos", "ggz", Role.PROFESSIONAL, "SPV FACT Nieuw-West", ["nieuw_west"]),
    ("hanneke.peters", "Hanneke", "Peters", "gemeente", Role.COORDINATOR, "Coördinator Openbare Orde", ["oost"]),
    ("wim.vos", "Wim", "Vos", "gemeente", Role.PROFESSIONAL, "Handhaver woonoverlast", ["oost"]),
    ("nadia.haddou", "Nadia", "Haddou", "gemeente", Role.CASE_DIRECTOR, "Casusregisseur Nieuw-West", ["nieuw_west"]),
    ("lisa.vermeulen", "Lisa", "Vermeulen", "buurtteam", Role.PROFESSIONAL, "Wijkcoach", ["oost"]),
    ("mehmet.yilmaz", "Mehmet", "Yilmaz", "buurtteam", Role.CASE_DIRECTOR, "Casusregisseur Buurtteam Oost", ["oost"]),
    ("rik.hoekstra", "Rik", "Hoekstra", "linde", Role.PROFESSIONAL, "Persoonlijk begeleider", ["oost"]),
    ("bram.degraaf", "Bram", "de Graaf", "baken", Role.PROFESSIONAL, "Wijkconsulent Osdorp", ["nieuw_west"]),
    ("esther.willems", "Esther", "Willems", "baken", Role.COORDINATOR, "Teamleider Leefbaarheid", ["nieuw_west"]),
    ("joyce.verbeek", "Joyce", "Verbeek", "bemiddeling", Role.COORDINATOR, "Coördinator", ["nieuw_west"]),
]
DEMO_LOGINS = ["wijkconsulent", "wijkagent", "ggz", "regisseur", "manager", "buitenstaander", "beheerder"]
NOT_REPORTING = {"manager", "beheerder"}

LEGAL_BASES = {
    "woonoverlast": "Wet aanpak woonoverlast – signalering en aanpak overlast (art. 151d Gemeentewet)",
    "huur": "Uitvoering huurovereenkomst – goed huurderschap (art. 7:213 BW)",
    "regie": "Casusregie Zorg en Veiligheid – convenant wijkaanpak Amsterdam",
    "politie": "Wet politiegegevens art. 16 – verstrekking aan samenwerkingsverband",
    "ggz": "Toestemming cliënt / Wet verplichte ggz – afstemming zorg bij overlast",
    "wmo": "Wmo 2015 – ondersteuning bij zelfredzaamheid",
    "opium": "Opiumwet art. 13b – aanpak drugshandel vanuit woningen",
    "zvh": "Convenant Zorg- en Veiligheidshuis Amsterdam-Amstelland",
    "jeugd": "Jeugdwet / Wmo 2015 – integrale aanpak jeugdoverlast",
    "meldcode": "Wet verplichte meldcode huiselijk geweld en kindermishandeling",
    "verhuur": "Huisvestingsverordening Amsterdam – handhaving vakantieverhuur",
    "schulden": "Wet gemeentelijke schuldhulpverlening – vroegsignalering",
}
DEFAULT_BASIS = {
    "veste": "huur",
    "baken": "huur",
    "gemeente": "woonoverlast",
    "politie": "politie",
    "ggz": "ggz",
    "buurtteam": "wmo",
    "linde": "wmo",
}

# --- signals ----------------------------------------------------------------

C = Category
CATEGORY_WEIGHTS = {
    C.NOISE: 22,
    C.NEIGHBOUR_DISPUTE: 12,
    C.CONFUSED_BEHAVIOUR: 9,
    C.SQUALOR: 8,
    C.YOUTH_NUISANCE: 7,
    C.DRUG_DEALING: 6,
    C.AGGRESSION: 5,
    C.WELFARE_CONCERN: 5,
    C.ODOUR: 4,
    C.VERMIN: 4,
    C.MISUSE_COMMON_AREAS: 4,
    C.VANDALISM: 3,
    C.UNSAFE_COMMON_AREAS: 3,
    C.RENT_ARREARS: 3,
    C.ADDICTION: 2,
    C.PETS: 2,
    C.OTHER: 2,
    C.CANNABIS_FARM: 1,
    C.ILLEGAL_OCCUPANCY: 1,
    C.BUSINESS_USE: 1,
    C.DOMESTIC_VIOLENCE: 1,
}
# Who tends to report what; "corp" is the area's housing corporation.
REPORTERS = {
    C.NOISE: {"corp": 5, "politie": 3, "buurtteam": 1},
    C.NEIGHBOUR_DISPUTE: {"corp": 4, "politie": 2, "buurtteam": 2},
    C.AGGRESSION: {"politie": 4, "corp": 3},
    C.DRUG_DEALING: {"politie": 5, "corp": 2, "gemeente": 1},
    C.CANNABIS_FARM: {"politie": 3, "corp": 2},
    C.SQUALOR: {"corp": 4, "buurtteam": 2, "ggz": 1},
    C.ODOUR: {"corp": 4, "gemeente": 1},
    C.VERMIN: {"corp": 4, "gemeente": 2},
    C.PETS: {"corp": 3, "gemeente": 2},
    C.VANDALISM: {"corp": 3, "gemeente": 2, "politie": 1},
    C.UNSAFE_COMMON_AREAS: {"corp": 3, "politie": 2, "gemeente": 1},
    C.MISUSE_COMMON_AREAS: {"corp": 4, "gemeente": 1},
    C.ILLEGAL_OCCUPANCY: {"corp": 3, "gemeente": 2},
    C.BUSINESS_USE: {"gemeente": 3, "corp": 2},
    C.CONFUSED_BEHAVIOUR: {"politie": 4, "ggz": 3, "corp": 2, "buurtteam": 1},
    C.ADDICTION: {"ggz": 3, "politie": 2, "buurtteam": 1},
    C.RENT_ARREARS: {"corp": 5, "buurtteam": 2},
    C.YOUTH_NUISANCE: {"politie": 3, "gemeente": 3, "buurtteam": 1},
    C.WELFARE_CONCERN: {"buurtteam": 3, "ggz": 2, "corp": 2, "gemeente": 1},
    C.DOMESTIC_VIOLENCE: {"politie": 4, "buurtteam": 2},
    C.OTHER: {"corp": 2, "gemeente": 2, "buurtteam": 1},
}
SERIOUS = {C.AGGRESSION, C.DOMESTIC_VIOLENCE, C.CANNABIS_FARM, C.DRUG_DEALING, C.CONFUSED_BEHAVIOUR}
SEVERITY_WEIGHTS = {Severity.LOW: 30, Severity.MEDIUM: 45, Severity.HIGH: 20, Severity.EMERGENCY: 5}
SERIOUS_SEVERITY_WEIGHTS = {Severity.LOW: 8, Severity.MEDIUM: 40, Severity.HIGH: 40, Severity.EMERGENCY: 12}
EVENING = {C.NOISE, C.YOUTH_NUISANCE, C.DOMESTIC_VIOLENCE, C.AGGRESSION, C.DRUG_DEALING, C.CONFUSED_BEHAVIOUR}

DESCRIPTIONS = {
    C.NOISE: [
        "Harde muziek tot {tijd} uit {woning}, {vaak}.",
        "Bonzen en geschreeuw uit {woning} tot {tijd}. Melder kan niet slapen.",
        "Feest met veel bezoek in {woning}; muziek en gelach op de galerij tot {tijd}.",
        "Blaffende hond en harde televisie in {woning}, {vaak}.",
        "Klusgeluid (boren, hameren) uit {woning} op zondag en 's avonds laat.",
        "Geschreeuw en deuren slaan in het trappenhuis, {vaak}.",
    ],
    C.NEIGHBOUR_DISPUTE: [
        "Ruzie tussen buren over de gedeelde tuin liep hoog op; over en weer verwijten.",
        "Melder voelt zich geïntimideerd door {woning} na een conflict over geluid.",
        "Burenruzie over vuilniszakken en fietsen voor de deur, {vaak}.",
        "Buren schelden elkaar uit in het portiek; de kinderen staan erbij.",
        "Conflict over een lekkage vanuit {woning}; de buren praten niet meer met elkaar.",
    ],
    C.AGGRESSION: [
        "Bewoner van {woning} bedreigt andere bewoners in het portiek.",
        "Huismeester bedreigd tijdens een controle in de flat.",
        "Melder is op straat uitgescholden en geduwd door een buurtbewoner.",
        "Groep bij de ingang van het complex intimideert bewoners; mensen durven niet naar binnen.",
    ],
    C.DRUG_DEALING: [
        "Veel korte bezoekjes aan {woning}, ook 's nachts. Vermoeden van drugshandel.",
        "Dealen in het portiek; zakjes en wikkels gevonden bij de kelderboxen.",
        "Auto's stoppen kort bij het pleintje, overdracht gezien. Bewoners voelen zich onveilig.",
    ],
    C.CANNABIS_FARM: [
        "Sterke hennepgeur en zoemend geluid uit {woning}; ramen altijd afgeplakt.",
        "Warm plafond en vreemde geur bij de bovenburen; vermoeden van een hennepkwekerij.",
    ],
    C.SQUALOR: [
        "Woning ernstig vervuild; huisvuil stapelt zich op het balkon op, {vaak}.",
        "Bij een reparatieverzoek aangetroffen: woning vol spullen, geen vrije doorgang, brandgevaar.",
        "Vervuiling in en rond {woning}; buren klagen over stank en vliegen.",
    ],
    C.ODOUR: [
        "Stankoverlast in het trappenhuis vanuit {woning}.",
        "Rioollucht en rottend afval in de gang, herkomst vermoedelijk {woning}.",
    ],
    C.VERMIN: [
        "Muizen en kakkerlakken in meerdere woningen van het blok; bron mogelijk {woning}.",
        "Ratten bij de containers achter het complex, {vaak}.",
        "Duiven nestelen op het balkon van {woning}; overlast voor de onderburen.",
    ],
    C.PETS: [
        "Hond blaft urenlang als de eigenaar weg is.",
        "Te veel katten in {woning}; stank en uitwerpselen in de gemeenschappelijke ruimte.",
        "Loslopende hond op de galerij; een kind is bijna gebeten.",
    ],
    C.VANDALISM: [
        "Vernielingen aan de entreedeur en de brievenbussen van het complex.",
        "Graffiti en kapotte verlichting in de fietsenstalling.",
        "Ruiten van de hal ingegooid, {vaak}.",
    ],
    C.UNSAFE_COMMON_AREAS: [
        "Kapotte verlichting in de onderdoorgang; bewoners voelen zich 's avonds onveilig.",
        "Slapers in het trappenhuis en de bergingsgang.",
        "Entreedeur sluit niet; onbekenden lopen het gebouw in en uit.",
    ],
    C.MISUSE_COMMON_AREAS: [
        "Spullen en vuilniszakken in de gang; vluchtroute geblokkeerd.",
        "Scooters gestald in het portiek, {vaak}.",
        "Berging gebruikt als opslag; veel komen en gaan, ook 's avonds.",
    ],
    C.ILLEGAL_OCCUPANCY: [
        "Vermoeden van onderverhuur: steeds wisselende bewoners in {woning}.",
        "Huurder woont vermoedelijk elders; onbekenden hebben de sleutel.",
        "Mogelijke woonfraude: meerdere namen op de brievenbus van {woning}.",
    ],
    C.BUSINESS_USE: [
        "Woning wordt vermoedelijk aan toeristen verhuurd; steeds nieuwe gasten met rolkoffers.",
        "Kapsalon aan huis in {woning}; veel klanten in het portiek.",
        "Bedrijfsmatige opslag in de woning; busjes laden en lossen 's avonds.",
    ],
    C.CONFUSED_BEHAVIOUR: [
        "Bewoner van {woning} roept 's nachts in het trappenhuis en bonkt op deuren (E33).",
        "Verward persoon op straat, praat tegen zichzelf en is angstig. Politie ter plaatse geweest.",
        "Bewoner denkt dat de buren hem afluisteren en plakt de deur af; buren maken zich zorgen.",
        "Verwarde man op de galerij, dreigend tegen voorbijgangers. Meldpunt Zorg en Overlast gebeld.",
    ],
    C.ADDICTION: [
        "Bewoner van {woning} is vaak zichtbaar onder invloed; lege flessen en ruzie in de nacht.",
        "Drugsgebruik in de bergingsgang; naalden gevonden.",
        "Zorgen om alcoholgebruik van een bewoner die regelmatig valt in het portiek.",
    ],
    C.RENT_ARREARS: [
        "Huurachterstand van drie maanden; huurder reageert niet op brieven en telefoontjes.",
        "Oplopende huurachterstand; bij een huisbezoek bleek ook achterstand bij energie en zorgverzekering.",
        "Huurder meldt zich zelf met geldzorgen en wil hulp bij een betalingsregeling.",
    ],
    C.YOUTH_NUISANCE: [
        "Groep jongeren hangt 's avonds op het plein; harde muziek en scooters tot {tijd}.",
        "Jongeren in het portiek, blowen en laten rommel achter, {vaak}.",
        "Overlast van jongeren bij de winkels; winkeliers voelen zich geïntimideerd.",
    ],
    C.WELFARE_CONCERN: [
        "Oudere bewoner is al dagen niet gezien; de post stapelt zich op.",
        "Bewoonster lijkt vereenzaamd en verzorgt zichzelf slecht; buren maken zich zorgen.",
        "Gezin met jonge kinderen lijkt zonder stroom te zitten; kinderen vaak alleen thuis.",
    ],
    C.DOMESTIC_VIOLENCE: [
        "Geschreeuw en gebonk uit {woning}, vrouw roept om hulp. Politie ter plaatse geweest.",
        "Buren horen regelmatig harde ruzies in {woning}; kinderen huilen.",
    ],
    C.OTHER: [
        "Lekkage en schimmel; bewoner geeft geen toegang voor reparatie.",
        "Barbecue op het balkon met veel rookoverlast voor de bovenburen.",
        "Bewoner voert vogels op de binnenplaats; veel meeuwen en duiven.",
    ],
}
WONINGEN = [
    "de bovenwoning",
    "de benedenwoning",
    "de woning op tweehoog",
    "de buren van driehoog",
    "het souterrain",
    "de woning naast de melder",
]
TIJDEN = ["00:30", "01:00", "02:00", "03:00", "04:30"]
VAAK = [
    "voor de derde keer deze maand",
    "al twee weken bijna elke nacht",
    "opnieuw, na eerdere meldingen",
    "vooral in het weekend",
    "sinds de nieuwe bewoner er woont",
]
AFTERWORDS = [
    " Melder wil anoniem blijven.",
    " Eerder gemeld bij de verhuurder.",
    " Meerdere buren hebben geklaagd.",
    " Melder heeft foto's gemaakt.",
    " Melder is zelf ook kwetsbaar.",
    " Geen direct gevaar.",
]
CLOSED_REASONS = [
    "Eenmalig incident, geen vervolg nodig.",
    "Overlast gestopt na gesprek met de bewoner.",
    "Melder gerustgesteld; situatie valt mee.",
    "Afgehandeld door de verhuurder.",
]
REFERRED_REASONS = [
    "Doorverwezen naar Buurtbemiddeling.",
    "Doorverwezen naar het Meldpunt Zorg en Overlast.",
    "Doorverwezen naar Veilig Thuis.",
    "Doorverwezen naar schuldhulpverlening.",
]

# Repeat addresses with several signals but no case (yet).
REPEAT_ADDRESSES = [
    ("BU03633100", ("1094 AB", 17, "1"), [(C.NOISE, -60, "veste"), (C.NOISE, -33, "politie"),
                                          (C.NOISE, -15, "veste"), (C.NEIGHBOUR_DISPUTE, -4, "veste")]),
    ("BU03633001", ("1092 TB", 102, ""), [(C.SQUALOR, -90, "veste"), (C.ODOUR, -50, "veste"),
                                          (C.VERMIN, -20, "gemeente")]),
    ("BU03638200", ("1069 RK", 40, "2"), [(C.NEIGHBOUR_DISPUTE, -70, "bemiddeling"), (C.NOISE, -45, "baken"),
                                          (C.NEIGHBOUR_DISPUTE, -10, "bemiddeling")]),
]  # fmt: skip

# --- cases ------------------------------------------------------------------
# Offsets are days relative to today (negative = in the past).


def P(org, role=ParticipantRole.PARTNER, since=None, until=None, basis=None):
    return {"org": org, "role": role, "since": since, "until": until, "basis": basis}


def N(days, author, body, own=False):
    return {"days": days, "author": author, "body": body, "own": own}


def A(title, assignee, due, done=None, result=""):
    return {"title": title, "assignee": assignee, "due": due, "done": done, "result": result}


def IV(kind, direction, lead, owner, start, due, status, goal, *, contributions=(), outcome="", evaluation="",
       actions=(), updates=()):  # fmt: skip
    return {
        "kind": kind,
        "direction": direction,
        "lead": lead,
        "owner": owner,
        "start": start,
        "due": due,
        "status": status,
        "goal": goal,
        "contributions": contributions,
        "outcome": outcome,
        "evaluation": evaluation,
        "actions": actions,
        "updates": updates,
    }


def R(days, attendees, minutes=""):
    return {"days": days, "attendees": attendees, "minutes": minutes}


K = InterventionKind
D = SolutionDirection
S = InterventionStatus

CASES = [
    {
        "title": "Geluidsoverlast en verward gedrag Javastraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633101",
        "address": ("1094 HK", 112, "2"),
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.HIGH,
        "lead": "veste",
        "director": "regisseur",
        "opened": -120,
        "changed": -60,
        "review": 6,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="regie"),
            P("politie", since=-118),
            P("ggz", since=-110, basis="ggz"),
            P("buurtteam", since=-100),
        ],
        "signals": [
            (C.NOISE, -170, "veste"),
            (C.NOISE, -150, "politie"),
            (C.CONFUSED_BEHAVIOUR, -135, "politie"),
            (C.AGGRESSION, -124, "veste"),
            (C.NOISE, -95, "veste"),
            (C.CONFUSED_BEHAVIOUR, -40, "ggz"),
            (C.NOISE, -9, "politie"),
        ],
        "notes": [
            N(-119, "wijkconsulent", "Casus aangemaakt na vijf meldingen in vier maanden. Bewoner (m, ca. 45) woont "
              "sinds 2019 alleen op tweehoog; de buren op een- en driehoog melden vooral nachtelijk lawaai en "
              "geschreeuw."),
            N(-112, "wijkagent", "Twee keer ter plaatse geweest na een E33-melding. Bewoner was verward, maar niet "
              "agressief tegen de collega's. Buren zijn bang; een buurvrouw overweegt te verhuizen."),
            N(-105, "ggz", "Betrokkene is bekend bij ons FACT-team Oost; de behandeling is in 2023 gestopt. Intern "
              "voorstel: opnieuw aanmelden en medicatie laten herbeoordelen door de psychiater. Valt onder het "
              "medisch beroepsgeheim, niet delen buiten GGZ Amstelzorg.", own=True),
            N(-60, "ggz", "GGZ heeft contact gelegd; betrokkene is weer in zorg met wekelijkse huisbezoeken. "
              "Inhoudelijke details kunnen we niet delen."),
            N(-20, "ggz", "Medicatie aangepast; de bijwerkingen nemen af. Psychiater adviseert zes weken af te "
              "wachten voor een nieuw traject.", own=True),
            N(-8, "wijkconsulent", "Nieuwe melding van de onderburen over muziek tot 03:00. Minder vaak dan in het "
              "voorjaar, maar een tweede huisbezoek samen met de GGZ is nodig."),
        ],
        "interventions": [
            IV(K.HOME_VISIT, D.SOCIAL_MANAGEMENT, "veste", "wijkconsulent", -115, -100, S.DONE,
              "Samen met de wijkagent op huisbezoek: zicht krijgen op de situatie achter de voordeur en de bewoner "
              "aanspreken op de overlast.",
              contributions=[("politie", "Wijkagent gaat mee op huisbezoek")],
              outcome=Outcome.PARTLY,
              evaluation="Bewoner liet ons binnen en herkende de klachten deels. Afspraak gemaakt: na 22:00 geen "
              "muziek meer. Dat hield ongeveer drie weken stand.",
              actions=[
                  A("Huisbezoek plannen en bewoner per brief uitnodigen", "wijkconsulent", -110, -111,
                    "Brief verstuurd; afspraak staat op dinsdag 10:00."),
                  A("Politiemeldingen van het afgelopen halfjaar op een rij zetten", "wijkagent", -112, -113,
                    "Vijf E33-meldingen en twee geluidsmeldingen gedeeld met de casusregisseur."),
              ]),
            IV(K.CARE_REFERRAL, D.CARE_AND_SUPPORT, "ggz", "ggz", -105, 30, S.RUNNING,
              "Bewoner weer in zorg krijgen bij de GGZ en de zorg laten aansluiten op de woonsituatie.",
              contributions=[("gemeente", "Aanmelding via het Meldpunt Zorg en Overlast"),
                             ("buurtteam", "Praktische hulp bij administratie en dagbesteding")],
              updates=[("ggz", -60, "Betrokkene is weer in zorg; wekelijkse huisbezoeken."),
                       ("ggz", -14, "Zorg loopt; bewoner houdt zich aan de afspraken.")],
              actions=[
                  A("Aanmelden bij het Meldpunt Zorg en Overlast", "regisseur", -100, -101,
                    "Aangemeld; GGZ Amstelzorg pakt het op."),
                  A("Behandelplan afstemmen met de huisarts", "ggz", 3),
                  A("Tweede huisbezoek plannen met de GGZ", "wijkconsulent", -5),
              ]),
            IV(K.WARNING_LETTER, D.SOCIAL_MANAGEMENT, "veste", "jeroen.kok", -70, -60, S.DONE,
              "Schriftelijk aanspreken op goed huurderschap, met een duidelijke grens: bij nieuwe ernstige overlast "
              "volgt een gedragsaanwijzing.",
              outcome=Outcome.UNKNOWN,
              evaluation="Brief uitgereikt tijdens het huisbezoek. Effect lastig te beoordelen door de gelijktijdige "
              "start van de behandeling."),
        ],
        "actions": [
            A("Buren informeren over de aanpak (zonder privégegevens)", "wijkconsulent", 9),
            A("Overlastdagboek uitreiken aan de onderburen", "kees.brouwer", -30, -32,
              "Dagboek uitgereikt aan twee huishoudens."),
        ],
        "reviews": [
            R(-61, ["regisseur", "wijkconsulent", "wijkagent", "ggz", "lisa.vermeulen"],
              "Alle partners aanwezig. Besluiten: waarschuwingsbrief door de corporatie, GGZ start zorgtraject, "
              "politie blijft E33-meldingen delen. Volgende bespreking over drie maanden."),
            R(6, ["regisseur", "wijkconsulent", "wijkagent", "ggz"]),
        ],
    },
    {
        "title": "Vervuilde woning Celebesstraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633102",
        "address": ("1094 EV", 38, "1"),
        "status": CaseStatus.MONITORING,
        "priority": Priority.NORMAL,
        "lead": "veste",
        "director": "regisseur",
        "opened": -210,
        "changed": -40,
        "review": 20,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="regie"),
            P("politie", since=-205, until=-40),
            P("ggz", since=-200),
            P("buurtteam", since=-195),
        ],
        "signals": [
            (C.SQUALOR, -250, "veste"),
            (C.ODOUR, -232, "veste"),
            (C.VERMIN, -220, "veste"),
            (C.SQUALOR, -214, "buurtteam"),
            (C.ODOUR, -150, "veste"),
        ],
        "notes": [
            N(-205, "wijkconsulent", "Bij een reparatieverzoek bleek de woning ernstig vervuild: afval tot kniehoogte "
              "in de keuken, geen werkende wc. Bewoonster (ca. 70) is vriendelijk maar ziet het probleem niet."),
            N(-198, "ggz", "Vermoeden van beginnende dementie en zelfverwaarlozing; huisarts gevraagd om een "
              "geheugenonderzoek. Diagnose-informatie blijft binnen GGZ Amstelzorg.", own=True),
            N(-150, "lisa.vermeulen", "Schoonmaak uitgevoerd met hulp van familie en de bewoonster zelf. Thuiszorg "
              "komt twee keer per week."),
            N(-40, "regisseur", "Politie is uit de casus gestapt: geen veiligheidsaspecten meer. Casus gaat naar "
              "monitoring; over drie maanden evalueren."),
        ],
        "interventions": [
            IV(K.HOME_VISIT, D.SOCIAL_MANAGEMENT, "veste", "wijkconsulent", -200, -190, S.DONE,
              "Toegang krijgen tot de woning en samen met de bewoonster een opruimplan maken.",
              contributions=[("buurtteam", "Wijkcoach gaat mee")],
              outcome=Outcome.EFFECTIVE,
              evaluation="Toegang gekregen; bewoonster stemde in met een opruimactie met hulp van haar zoon."),
            IV(K.CARE_REFERRAL, D.CARE_AND_SUPPORT, "buurtteam", "lisa.vermeulen", -190, -120, S.DONE,
              "Passende zorg thuis regelen zodat de woning op orde blijft.",
              contributions=[("ggz", "Diagnostiek en advies aan de huisarts"),
                             ("veste", "Eenmalige schoonmaak en reparaties")],
              outcome=Outcome.EFFECTIVE,
              evaluation="Thuiszorg en huishoudelijke hulp via de Wmo geregeld; de woning blijft op orde.",
              actions=[A("Wmo-aanvraag huishoudelijke hulp indienen", "lisa.vermeulen", -180, -183,
                         "Aanvraag toegekend, start binnen twee weken.")]),
        ],
        "actions": [
            A("Woningcontrole na drie maanden", "wijkconsulent", 2),
            A("Ongediertebestrijding in het blok laten uitvoeren", "kees.brouwer", -180, -182,
              "Bestrijding uitgevoerd in vier woningen."),
        ],
        "reviews": [R(-45, ["regisseur", "wijkconsulent", "ggz", "lisa.vermeulen", "wijkagent"],
                      "Situatie stabiel. Besluit: politie beëindigt deelname, casus naar monitoring.")],
    },
    {
        "title": "Burenruzie Kramatweg",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633200",
        "address": ("1094 TR", 21, "H"),
        "status": CaseStatus.PLAN,
        "priority": Priority.NORMAL,
        "lead": "veste",
        "director": "regisseur",
        "opened": -45,
        "changed": -20,
        "review": 10,
        # GGZ deliberately not involved: no care question here.
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="regie"),
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
        "title": "Drugshandel vanuit portiek Ambonplein",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633100",
        "address": ("1094 PX", 57, "3"),
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.URGENT,
        "lead": "politie",
        "director": "regisseur",
        "opened": -75,
        "changed": -50,
        "review": -3,
        "participants": [
            P("politie", ParticipantRole.LEAD),
            P("gemeente", basis="opium"),
            P("veste", since=-74),
        ],
        "signals": [
            (C.DRUG_DEALING, -110, "politie"),
            (C.DRUG_DEALING, -98, "veste"),
            (C.AGGRESSION, -90, "veste"),
            (C.MISUSE_COMMON_AREAS, -85, "veste"),
            (C.DRUG_DEALING, -77, "politie"),
            (C.UNSAFE_COMMON_AREAS, -30, "veste"),
            (C.DRUG_DEALING, -6, "politie"),
        ],
        "notes": [
            N(-74, "wijkagent", "Meerdere meldingen van handel vanuit de woning op driehoog: veel kort bezoek, ook "
              "overdag. Observaties lopen."),
            N(-60, "sandra.dejong", "Lopend opsporingsonderzoek. Informatie over observaties en informanten niet in "
              "de gedeelde casus zetten.", own=True),
            N(-45, "wim.vos", "De burgemeester heeft de huurder een waarschuwing gestuurd op grond van art. 13b "
              "Opiumwet."),
            N(-6, "wijkagent", "Nieuwe melding van handel in het portiek. Bestuurlijke rapportage wordt voorbereid."),
        ],
        "interventions": [
            IV(K.ADMINISTRATIVE_WARNING, D.SOCIAL_MANAGEMENT, "gemeente", "wim.vos", -55, -45, S.DONE,
              "Bestuurlijke waarschuwing van de burgemeester aan de huurder (art. 13b Opiumwet).",
              outcome=Outcome.NOT_EFFECTIVE,
              evaluation="Waarschuwing uitgereikt; de handel ging daarna door, zie de nieuwe meldingen."),
            IV(K.PHYSICAL_MEASURE, D.SOCIAL_MANAGEMENT, "veste", "jeroen.kok", -40, -10, S.DONE,
              "Entreedeur met pasjessysteem en extra verlichting in het portiek.",
              outcome=Outcome.EFFECTIVE,
              evaluation="Nieuwe deur en verlichting geplaatst; bewoners voelen zich veiliger in het portiek."),
            IV(K.CLOSURE_ORDER, D.SOCIAL_MANAGEMENT, "gemeente", "regisseur", -10, 25, S.RUNNING,
              "Sluiting van de woning voor drie maanden als handel wordt vastgesteld (Damoclesbeleid).",
              contributions=[("politie", "Bestuurlijke rapportage opstellen"),
                             ("veste", "Ontbinding huurovereenkomst voorbereiden na sluiting")],
              actions=[
                  A("Bestuurlijke rapportage aanleveren", "wijkagent", 7),
                  A("Juridisch advies inwinnen over ontbinding huurovereenkomst", "wijkconsulent", 14),
              ]),
        ],
        "actions": [
            A("Camerabeelden van de entree opvragen bij de beheerder", "kees.brouwer", -20, -21,
              "Beelden gedeeld met de politie (bewaartermijn 28 dagen)."),
        ],
        "reviews": [R(-50, ["regisseur", "wijkagent", "wijkconsulent", "wim.vos"],
                      "Besluit: bestuurlijke waarschuwing, fysieke maatregelen portiek, sluiting voorbereiden.")],
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
        "title": "Zorgen om oudere bewoner Tugelaweg",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633000",
        "address": ("1092 EK", 84, ""),
        "status": CaseStatus.TRIAGE,
        "priority": Priority.NORMAL,
        "lead": "buurtteam",
        "director": "mehmet.yilmaz",
        "opened": -10,
        "changed": -8,
        "review": 4,
        "participants": [P("buurtteam", ParticipantRole.LEAD), P("ggz", since=-9)],
        "signals": [
            (C.WELFARE_CONCERN, -25, "buurtteam"),
            (C.WELFARE_CONCERN, -14, "ggz"),
            (C.SQUALOR, -11, "buurtteam"),
        ],
        "notes": [
            N(-10, "mehmet.yilmaz", "Koopwoning; bewoner (82) woont alleen, dochter woont in het buitenland. Buren "
              "zien hem nauwelijks nog buiten."),
            N(-7, "thomas.vandijk", "Eerder in beeld bij de ouderenpsychiatrie; dossier opgevraagd.", own=True),
        ],
        "interventions": [],
        "actions": [
            A("Huisbezoek samen met de wijkverpleegkundige", "lisa.vermeulen", 2),
            A("Contact opnemen met de dochter", "mehmet.yilmaz", 5),
        ],
        "reviews": [],
    },
    {
        "title": "Hennepkwekerij Pretoriusstraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633001",
        "address": ("1092 GB", 19, "1"),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.EVICTED,
        "priority": Priority.HIGH,
        "lead": "veste",
        "director": "regisseur",
        "opened": -260,
        "changed": -40,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("politie", basis="opium"),
            P("gemeente", basis="opium"),
        ],
        "signals": [
            (C.CANNABIS_FARM, -300, "veste"),
            (C.ODOUR, -290, "veste"),
            (C.CANNABIS_FARM, -275, "politie"),
            (C.UNSAFE_COMMON_AREAS, -268, "veste"),
        ],
        "notes": [
            N(-258, "youssef.bouzid", "Kwekerij ontmanteld: 240 planten en een illegale aansluiting op het stroomnet. "
              "Brandgevaar voor het hele portiek."),
            N(-230, "wijkconsulent", "Corporatie start de procedure om de huurovereenkomst te laten ontbinden."),
            N(-40, "wijkconsulent", "Vonnis uitgevoerd: woning ontruimd en opnieuw verhuurd. Casus kan dicht."),
        ],
        "interventions": [
            IV(K.CLOSURE_ORDER, D.SOCIAL_MANAGEMENT, "gemeente", "wim.vos", -255, -165, S.DONE,
              "Woning drie maanden sluiten op grond van art. 13b Opiumwet.",
              contributions=[("politie", "Bestuurlijke rapportage")],
              outcome=Outcome.EFFECTIVE, evaluation="Woning gesloten van juni tot september; geen nieuwe meldingen."),
            IV(K.EVICTION, D.SOCIAL_MANAGEMENT, "veste", "jeroen.kok", -230, -45, S.DONE,
              "Ontbinding van de huurovereenkomst en ontruiming.",
              outcome=Outcome.EFFECTIVE,
              evaluation="Huurovereenkomst ontbonden door de kantonrechter; woning ontruimd."),
        ],
        "actions": [
            A("Dagvaarding voorbereiden met de advocaat", "jeroen.kok", -200, -204, "Dagvaarding uitgebracht."),
        ],
        "reviews": [],
    },
    {
        "title": "Stank en ongedierte Wakkerstraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03632901",
        "address": ("1093 NT", 63, "2"),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.CARE_IN_PLACE,
        "priority": Priority.NORMAL,
        "lead": "veste",
        "director": "regisseur",
        "opened": -300,
        "changed": -70,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="regie"),
            P("ggz", since=-295),
            P("buurtteam", since=-295),
            P("linde", since=-260),
        ],
        "signals": [
            (C.ODOUR, -330, "veste"),
            (C.VERMIN, -320, "veste"),
            (C.SQUALOR, -310, "buurtteam"),
            (C.VERMIN, -305, "veste"),
        ],
        "notes": [
            N(-295, "ggz", "Licht verstandelijke beperking in combinatie met depressieve klachten; indicatie voor "
              "ambulante begeleiding.", own=True),
            N(-290, "wijkconsulent", "Bewoner (m, 38) staat open voor hulp maar overziet het huishouden niet. "
              "Ongedierte verspreidt zich naar de buren."),
            N(-70, "regisseur", "Begeleiding loopt, de woning is schoon en de buren melden geen overlast meer. "
              "Casus gesloten: zorg is op orde."),
        ],
        "interventions": [
            IV(K.SUPPORTED_LIVING, D.CARE_AND_SUPPORT, "linde", "rik.hoekstra", -255, -80, S.DONE,
              "Ambulante woonbegeleiding twee keer per week: huishouden, post en geldzaken.",
              contributions=[("buurtteam", "Aanvraag Wmo-indicatie"), ("veste", "Bestrijding ongedierte")],
              outcome=Outcome.EFFECTIVE,
              evaluation="Bewoner houdt het huishouden met begeleiding bij; geen meldingen meer sinds het voorjaar."),
        ],
        "actions": [],
        "reviews": [],
    },
    {
        "title": "Intimidatie in portiek Eerste van Swindenstraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03632900",
        "address": ("1093 GE", 140, "3"),
        "status": CaseStatus.ESCALATED,
        "escalated_to": ZVH,
        "priority": Priority.URGENT,
        "lead": "veste",
        "director": "regisseur",
        "opened": -95,
        "changed": -20,
        "review": -6,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="zvh"),
            P("politie", since=-94),
            P("ggz", since=-90),
            P("buurtteam", ParticipantRole.CONSULTED, since=-90, until=-50),
        ],
        "signals": [
            (C.AGGRESSION, -130, "veste"),
            (C.AGGRESSION, -120, "politie"),
            (C.CONFUSED_BEHAVIOUR, -112, "politie"),
            (C.NOISE, -104, "veste"),
            (C.AGGRESSION, -97, "veste"),
            (C.AGGRESSION, -25, "politie"),
            (C.CONFUSED_BEHAVIOUR, -21, "ggz"),
        ],
        "notes": [
            N(-94, "wijkconsulent", "Bewoner (m, 30) intimideert buren en de huismeester. Twee gezinnen hebben "
              "gevraagd om een andere woning."),
            N(-60, "ggz", "Zorgmijdend; eerder opgenomen met een crisismaatregel. Behandelhistorie blijft binnen GGZ "
              "Amstelzorg.", own=True),
            N(-21, "regisseur", "Na een nieuwe bedreiging met een mes opgeschaald naar het Zorg- en Veiligheidshuis. "
              "Bespreking in het levensloopoverleg."),
        ],
        "interventions": [
            IV(K.MAYORS_BEHAVIOUR_ORDER, D.SOCIAL_MANAGEMENT, "gemeente", "regisseur", -50, -20, S.STOPPED,
              "Gedragsaanwijzing van de burgemeester voorbereiden (Wet aanpak woonoverlast).",
              outcome=Outcome.NOT_EFFECTIVE,
              evaluation="Voorbereid, maar na de escalatie ingehaald door het traject van het Zorg- en "
              "Veiligheidshuis."),
            IV(K.ZVH_REFERRAL, D.COLLABORATE, "gemeente", "regisseur", -20, 40, S.RUNNING,
              "Persoonsgerichte aanpak via het Zorg- en Veiligheidshuis: zorg en veiligheid in één plan.",
              contributions=[("politie", "Veiligheidsbeeld en risicotaxatie"),
                             ("ggz", "Zorgbeeld en verkenning zorgmachtiging"),
                             ("veste", "Woonsituatie en veiligheid van de buren")],
              actions=[
                  A("Dossier aanleveren voor het levensloopoverleg", "regisseur", 3),
                  A("Zorgmachtiging (Wvggz) verkennen met de psychiater", "ggz", -2),
              ]),
        ],
        "actions": [
            A("Veiligheidsafspraken maken met huismeester en buren", "wijkconsulent", 1),
            A("Meldingen van de laatste drie maanden aanleveren", "wijkagent", -15, -16,
              "Zeven meldingen, waarvan twee bedreigingen, gedeeld met het ZVH."),
        ],
        "reviews": [R(-40, ["regisseur", "wijkconsulent", "wijkagent", "ggz"],
                      "Spanning in het portiek loopt op. Besluit: gedragsaanwijzing voorbereiden, GGZ probeert "
                      "contact via de huisarts.")],
    },
    {
        "title": "Vermoeden onderhuur Balistraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633101",
        "address": ("1094 HM", 9, "1"),
        "status": CaseStatus.REPORTED,
        "priority": Priority.NORMAL,
        "lead": "veste",
        "director": "regisseur",
        "opened": -3,
        "review": 11,
        "participants": [P("veste", ParticipantRole.LEAD), P("gemeente", basis="woonoverlast")],
        "signals": [
            (C.ILLEGAL_OCCUPANCY, -40, "veste"),
            (C.ILLEGAL_OCCUPANCY, -20, "veste"),
            (C.NOISE, -5, "veste"),
        ],
        "notes": [
            N(-3, "wijkconsulent", "Drie meldingen over steeds wisselende bewoners; de hoofdhuurder is al maanden "
              "niet gezien."),
        ],
        "interventions": [],
        "actions": [A("Woonfraude-onderzoek aanvragen", "wijkconsulent", 7)],
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
        "title": "Vermoeden huiselijk geweld Transvaalkade",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633000",
        "address": ("1092 JL", 47, "H"),
        "status": CaseStatus.TRIAGE,
        "priority": Priority.HIGH,
        "lead": "buurtteam",
        "director": "regisseur",
        "opened": -6,
        "changed": -5,
        "review": 2,
        "participants": [
            P("buurtteam", ParticipantRole.LEAD, basis="meldcode"),
            P("politie", basis="meldcode"),
            P("gemeente", basis="regie"),
        ],
        "signals": [
            (C.DOMESTIC_VIOLENCE, -30, "politie"),
            (C.NOISE, -22, "buurtteam"),
            (C.DOMESTIC_VIOLENCE, -7, "politie"),
        ],
        "notes": [
            N(-6, "lisa.vermeulen", "Buren horen regelmatig ruzie; moeder met twee jonge kinderen. Meldcode gevolgd: "
              "overleg met Veilig Thuis gevoerd."),
            N(-5, "wijkagent", "Eerdere registraties van huiselijk geweld bij de partner bekend. Niet delen buiten "
              "de politie.", own=True),
        ],
        "interventions": [
            IV(K.VEILIG_THUIS_REPORT, D.CARE_AND_SUPPORT, "buurtteam", "lisa.vermeulen", -5, 5, S.RUNNING,
              "Melding bij Veilig Thuis en samen met moeder een veiligheidsplan maken."),
        ],
        "actions": [
            A("Veiligheidsplan opstellen met moeder", "lisa.vermeulen", 3),
            A("Mogelijkheden voor een tijdelijk huisverbod bespreken met de hulpofficier", "wijkagent", 1),
        ],
        "reviews": [],
    },
    {
        "title": "Burenruzie Dapperstraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03632900",
        "address": ("1093 BT", 71, "2"),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.NUISANCE_STOPPED,
        "priority": Priority.LOW,
        "lead": "veste",
        "director": "regisseur",
        "opened": -180,
        "changed": -90,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="regie"),
            P("buurtteam", since=-178, until=-90),
        ],
        "signals": [
            (C.NEIGHBOUR_DISPUTE, -200, "veste"),
            (C.NOISE, -190, "veste"),
            (C.NEIGHBOUR_DISPUTE, -182, "buurtteam"),
        ],
        "notes": [
            N(-178, "wijkconsulent", "Ruzie over geluid van een houten vloer; beide buren willen er wel uitkomen."),
            N(-90, "lisa.vermeulen", "Na drie gesprekken goede afspraken; al twee maanden geen meldingen."),
        ],
        "interventions": [
            IV(K.NEIGHBOUR_MEDIATION, D.RESIDENT_STRENGTH, "buurtteam", "lisa.vermeulen", -175, -120, S.DONE,
              "Buren helpen zelf afspraken te maken over geluid.",
              outcome=Outcome.EFFECTIVE,
              evaluation="Afspraken over geluid na 22:00 en een vloerkleed in de woonkamer. Na twee maanden geen "
              "nieuwe meldingen."),
        ],
        "actions": [],
        "reviews": [],
    },
    {
        "title": "Geluidsmelding Sumatrastraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633101",
        "address": ("1094 NA", 150, ""),
        "status": CaseStatus.CANCELLED,
        "priority": Priority.LOW,
        "lead": "veste",
        "director": "regisseur",
        "opened": -50,
        "changed": -47,
        "participants": [P("veste", ParticipantRole.LEAD), P("gemeente", basis="regie")],
        "signals": [(C.NOISE, -52, "veste")],
        "notes": [
            N(-47, "wijkconsulent", "Na een gesprek bleek het om een eenmalig verjaardagsfeest te gaan; geen "
              "aanleiding voor een casus."),
        ],
        "interventions": [],
        "actions": [],
        "reviews": [],
    },
    {
        "title": "Verslaving en overlast Tidorestraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633102",
        "address": ("1094 BN", 33, "1"),
        "status": CaseStatus.PLAN,
        "priority": Priority.HIGH,
        "lead": "ggz",
        "director": "regisseur",
        "opened": -30,
        "changed": -15,
        "review": 8,
        "participants": [
            P("ggz", ParticipantRole.LEAD),
            P("veste"),
            P("politie"),
            P("gemeente", basis="regie"),
        ],
        "signals": [
            (C.ADDICTION, -70, "politie"),
            (C.NOISE, -60, "veste"),
            (C.ADDICTION, -45, "ggz"),
            (C.RENT_ARREARS, -40, "veste"),
            (C.AGGRESSION, -33, "politie"),
        ],
        "notes": [
            N(-29, "ggz", "Bewoonster (52) drinkt fors en heeft 's nachts ruzie met wisselend bezoek. Ze wil zelf "
              "graag blijven wonen en staat open voor hulp."),
            N(-25, "ggz", "Eerdere opname bij de verslavingskliniek in 2022; terugval na overlijden van haar "
              "partner.", own=True),
            N(-20, "wijkconsulent", "Huurachterstand € 2.400. Corporatie wil een tweede kans bieden onder "
              "voorwaarden."),
        ],
        "interventions": [
            IV(K.CONDITIONAL_TENANCY, D.ALLOCATION, "veste", "wijkconsulent", 7, 180, S.PLANNED,
              "Tweede kans met huren onder voorwaarden: verplichte begeleiding en budgetbeheer.",
              contributions=[("ggz", "Verslavingszorg en ambulante begeleiding")]),
            IV(K.DEBT_HELP, D.CARE_AND_SUPPORT, "gemeente", "hanneke.peters", 0, 60, S.PLANNED,
              "Schulden in beeld brengen en een betalingsregeling met de corporatie treffen."),
        ],
        "actions": [
            A("Gesprek over huren onder voorwaarden voorbereiden", "wijkconsulent", 6),
            A("Aanmelding bij de verslavingszorg afronden", "ggz", -1),
        ],
        "reviews": [R(8, ["regisseur", "ggz", "wijkconsulent", "wijkagent"])],
    },
    {
        "title": "Illegale vakantieverhuur Joubertstraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633001",
        "address": ("1092 CZ", 14, "3"),
        "status": CaseStatus.MONITORING,
        "priority": Priority.LOW,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -140,
        "changed": -30,
        "review": 30,
        "participants": [P("gemeente", ParticipantRole.LEAD, basis="verhuur"), P("veste")],
        "signals": [
            (C.BUSINESS_USE, -160, "veste"),
            (C.NOISE, -150, "veste"),
            (C.BUSINESS_USE, -145, "gemeente"),
        ],
        "notes": [
            N(-138, "wim.vos", "Advertentie gevonden op een verhuurplatform; 46 overnachtingen in drie maanden."),
            N(-30, "regisseur", "Sinds de boete geen nieuwe gasten gezien. Monitoring tot na de zomer."),
        ],
        "interventions": [
            IV(K.ADMINISTRATIVE_WARNING, D.SOCIAL_MANAGEMENT, "gemeente", "wim.vos", -135, -100, S.DONE,
              "Last onder dwangsom en boete voor illegale vakantieverhuur.",
              outcome=Outcome.EFFECTIVE, evaluation="Boete opgelegd; advertentie offline gehaald."),
            IV(K.WARNING_LETTER, D.SOCIAL_MANAGEMENT, "veste", "wijkconsulent", -130, -120, S.DONE,
              "Huurder wijzen op het verbod op onderverhuur in de huurovereenkomst.",
              outcome=Outcome.EFFECTIVE, evaluation="Huurder heeft schriftelijk beloofd te stoppen."),
        ],
        "actions": [
            A("Controlebezoek aan de woning", "wim.vos", 25),
            A("Verhuurplatforms nalopen op nieuwe advertenties", "wijkconsulent", -100, -99,
              "Geen nieuwe advertenties gevonden."),
        ],
        "reviews": [],
    },
    {
        "title": "Verloedering binnenterrein Dapperbuurt",
        "scope": CaseScope.THEME,
        "buurt": "BU03632901",
        "address": None,
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.NORMAL,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -100,
        "changed": -80,
        "review": -1,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="woonoverlast"),
            P("veste"),
            P("buurtteam"),
        ],
        "signals": [
            (C.MISUSE_COMMON_AREAS, -130, "veste"),
            (C.VANDALISM, -120, "gemeente"),
            (C.VERMIN, -110, "veste"),
            (C.MISUSE_COMMON_AREAS, -103, "buurtteam"),
            (C.VANDALISM, -60, "veste"),
        ],
        "notes": [
            N(-99, "hanneke.peters", "Binnenterrein wordt gebruikt als stort, hangplek en fietsenopslag. Bewoners "
              "voelen zich er niet meer thuis."),
            N(-40, "jeroen.kok", "Opruimactie was een succes: dertig bewoners hielpen mee."),
        ],
        "interventions": [
            IV(K.PHYSICAL_MEASURE, D.SOCIAL_MANAGEMENT, "veste", "jeroen.kok", -80, 20, S.RUNNING,
              "Binnenterrein opnieuw inrichten: afsluitbare poort, verlichting en moestuinbakken.",
              contributions=[("gemeente", "Subsidie uit het buurtbudget")],
              updates=[("jeroen.kok", -25, "Ontwerp klaar; offertes voor poort en verlichting opgevraagd.")]),
            IV(K.OTHER, D.RESIDENT_STRENGTH, "buurtteam", "mehmet.yilmaz", -70, 50, S.RUNNING,
              "Een bewonerscommissie opzetten die het binnenterrein mee beheert."),
        ],
        "actions": [
            A("Offertes voor poort en verlichting beoordelen", "jeroen.kok", -8),
            A("Bewonersavond organiseren", "lisa.vermeulen", 12),
            A("Opruimactie met bewoners", "kees.brouwer", -40, -40,
              "Dertig bewoners hielpen mee; twee containers vol."),
            A("Schouw van het binnenterrein met bewoners", "wijkconsulent", 16),
        ],
        "reviews": [],
    },
    {
        "title": "Housing First voor bewoner Javaplein",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633101",
        "address": ("1094 KG", 5, "4"),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.MOVED,
        "priority": Priority.HIGH,
        "lead": "veste",
        "director": "regisseur",
        "opened": -340,
        "changed": -150,
        "participants": [
            P("veste", ParticipantRole.LEAD),
            P("gemeente", basis="regie"),
            P("ggz", since=-335),
            P("politie", since=-335),
        ],
        "signals": [
            (C.CONFUSED_BEHAVIOUR, -360, "politie"),
            (C.SQUALOR, -352, "veste"),
            (C.NOISE, -345, "veste"),
        ],
        "notes": [
            N(-335, "ggz", "Dakloos geweest, psychotische klachten, zorgmijdend. Housing First lijkt passend.",
              own=True),
            N(-150, "regisseur", "Bewoner is verhuisd naar een Housing First-woning buiten de wijk. Casus gesloten."),
        ],
        "interventions": [
            IV(K.HOUSING_FIRST, D.CARE_AND_SUPPORT, "ggz", "ggz", -300, -160, S.DONE,
              "Verhuizing naar een Housing First-woning met intensieve begeleiding.",
              contributions=[("veste", "Passende woning via bemiddeling"), ("gemeente", "Urgentie en indicatie")],
              outcome=Outcome.EFFECTIVE, evaluation="Verhuisd; de begeleiding loopt goed en de overlast is weg."),
        ],
        "actions": [],
        "reviews": [],
    },
    {
        "title": "Geweldsincident Insulindeweg",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633201",
        "address": ("1094 RA", 301, "1"),
        "status": CaseStatus.TRIAGE,
        "priority": Priority.URGENT,
        "lead": "politie",
        "director": "regisseur",
        "opened": -4,
        "changed": -3,
        "review": 1,
        "participants": [
            P("politie", ParticipantRole.LEAD),
            P("veste"),
            P("ggz"),
            P("gemeente", basis="regie"),
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
        "lead": "veste",
        "director": "regisseur",
        "opened": -230,
        "changed": -160,
        "participants": [P("veste", ParticipantRole.LEAD), P("gemeente", basis="woonoverlast")],
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
    {
        "title": "Woonoverlast Pieter Calandlaan",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03638103",
        "address": ("1068 NH", 210, "3"),
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.HIGH,
        "lead": "baken",
        "director": "nadia.haddou",
        "opened": -80,
        "changed": -40,
        "review": 5,
        "participants": [P("baken", ParticipantRole.LEAD), P("gemeente", basis="woonoverlast"), P("politie")],
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
        "lead": "baken",
        "director": "nadia.haddou",
        "opened": -25,
        "changed": -12,
        "review": 9,
        "participants": [P("baken", ParticipantRole.LEAD), P("gemeente", basis="regie"), P("ggz")],
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

STATUS_PATHS = {
    CaseStatus.REPORTED: [CaseStatus.REPORTED],
    CaseStatus.TRIAGE: [CaseStatus.REPORTED, CaseStatus.TRIAGE],
    CaseStatus.PLAN: [CaseStatus.REPORTED, CaseStatus.TRIAGE, CaseStatus.PLAN],
    CaseStatus.IN_PROGRESS: [CaseStatus.REPORTED, CaseStatus.TRIAGE, CaseStatus.PLAN, CaseStatus.IN_PROGRESS],
    CaseStatus.MONITORING: [
        CaseStatus.REPORTED,
        CaseStatus.TRIAGE,
        CaseStatus.PLAN,
        CaseStatus.IN_PROGRESS,
        CaseStatus.MONITORING,
    ],
    CaseStatus.CLOSED: [
        CaseStatus.REPORTED,
        CaseStatus.TRIAGE,
        CaseStatus.PLAN,
        CaseStatus.IN_PROGRESS,
        CaseStatus.MONITORING,
        CaseStatus.CLOSED,
    ],
    CaseStatus.ESCALATED: [
        CaseStatus.REPORTED,
        CaseStatus.TRIAGE,
        CaseStatus.PLAN,
        CaseStatus.IN_PROGRESS,
        CaseStatus.ESCALATED,
    ],
    CaseStatus.CANCELLED: [CaseStatus.REPORTED, CaseStatus.TRIAGE, CaseStatus.CANCELLED],
}
# Timeline summaries are Dutch demo data, written the way the verbs word them.
STATUS_NL = {
    CaseStatus.REPORTED: "aangemeld",
    CaseStatus.TRIAGE: "weging",
    CaseStatus.PLAN: "plan van aanpak",
    CaseStatus.IN_PROGRESS: "uitvoering",
    CaseStatus.MONITORING: "monitoring",
    CaseStatus.CLOSED: "gesloten",
    CaseStatus.ESCALATED: "opgeschaald",
    CaseStatus.CANCELLED: "geannuleerd",
}
CLOSING_NL = {
    ClosingReason.NUISANCE_STOPPED: "overlast gestopt",
    ClosingReason.CARE_IN_PLACE: "zorg is op orde",
    ClosingReason.MOVED: "verhuisd",
    ClosingReason.EVICTED: "ontruimd",
}
INTERVENTION_NL = {
    K.NEIGHBOUR_MEDIATION: "buurtbemiddeling",
    K.HOME_VISIT: "huisbezoek (achter de voordeur)",
    K.WARNING_LETTER: "waarschuwingsbrief",
    K.LAST_CHANCE_AGREEMENT: "laatste-kansovereenkomst",
    K.TENANCY_BEHAVIOUR_ORDER: "gedragsaanwijzing huurder",
    K.ADMINISTRATIVE_WARNING: "bestuurlijke waarschuwing",
    K.MAYORS_BEHAVIOUR_ORDER: "gedragsaanwijzing burgemeester (art. 151d Gemeentewet)",
    K.CLOSURE_ORDER: "sluiting woning",
    K.EVICTION: "ontruiming",
    K.CARE_REFERRAL: "zorgmelding (Meldpunt Zorg en Overlast)",
    K.SUPPORTED_LIVING: "begeleid wonen",
    K.DEBT_HELP: "schuldhulp",
    K.HOUSING_FIRST: "Housing First",
    K.SKAEVE_HUSE: "Skaeve Huse",
    K.CONDITIONAL_TENANCY: "huren onder voorwaarden",
    K.ZVH_REFERRAL: "aanmelding Zorg- en Veiligheidshuis",
    K.VEILIG_THUIS_REPORT: "melding Veilig Thuis",
    K.PHYSICAL_MEASURE: "fysieke maatregel",
    K.OTHER: "overig",
}
CATEGORY_NL = {
    C.NOISE: "geluidsoverlast",
    C.NEIGHBOUR_DISPUTE: "burenruzie",
    C.AGGRESSION: "agressie / intimidatie",
    C.DRUG_DEALING: "drugshandel",
    C.CANNABIS_FARM: "hennepkwekerij",
    C.SQUALOR: "vervuiling",
    C.ODOUR: "stankoverlast",
    C.VERMIN: "ongedierte",
    C.PETS: "dierenoverlast",
    C.VANDALISM: "vandalisme",
    C.UNSAFE_COMMON_AREAS: "onveilige gemeenschappelijke ruimte",
    C.MISUSE_COMMON_AREAS: "misbruik gemeenschappelijke ruimte",
    C.ILLEGAL_OCCUPANCY: "onrechtmatige bewoning",
    C.BUSINESS_USE: "bedrijfsmatig gebruik",
    C.CONFUSED_BEHAVIOUR: "verward gedrag",
    C.ADDICTION: "verslaving",
    C.RENT_ARREARS: "huurachterstand",
    C.YOUTH_NUISANCE: "jeugdoverlast",
    C.WELFARE_CONCERN: "zorgmelding",
    C.DOMESTIC_VIOLENCE: "vermoeden huiselijk geweld",
    C.OTHER: "overig",
}


@dataclass
class DemoResult:
    created: bool
    counts: dict = field(default_factory=dict)


def load_demo_world(today=None):
    """Build the demo world in one transaction, unless it is already there.

    Returns a DemoResult; `created` is False when the marker organisation
    existed and nothing was written, so running twice changes nothing.
    """
    with transaction.atomic():
        if Organisation.objects.filter(name=MARKER_ORGANISATION).exists():
            return DemoResult(created=False, counts=demo_counts())
        import_cbs(DEMO_CBS_FILE)
        _DemoWorld(today or timezone.localdate()).build()
        return DemoResult(created=True, counts=demo_counts())


def demo_counts():
    today = timezone.localdate()
    return {
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.count(),
        "teams": Team.objects.count(),
        "neighbourhoods": Neighbourhood.objects.count(),
        "signals": Signal.objects.count(),
        "cases": Case.objects.count(),
        "open_cases": Case.objects.open().count(),
        "participants": CaseParticipant.objects.count(),
        "notes": Note.objects.count(),
        "own_notes": Note.objects.filter(visibility=NoteVisibility.OWN_ORGANISATION).count(),
        "timeline": TimelineEntry.objects.count(),
        "interventions": Intervention.objects.count(),
        "actions": Action.objects.count(),
        "open_actions": Action.objects.open().count(),
        "overdue_actions": Action.objects.overdue(today).count(),
        "reviews": CaseReview.objects.count(),
    }


def _email(first, last):
    text = f"{first}.{last}".replace(" ", "").lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() + "@example.org"


def _weighted(rng, weights):
    options = list(weights)
    return rng.choices(options, weights=[weights[o] for o in options])[0]


class _DemoWorld:
    def __init__(self, today):
        self.rng = random.Random(SEED)
        self.today = today
        self.now = timezone.now()
        self.orgs = {}
        self.users = {}
        self.user_org = {}
        self.team_of_buurt = {}
        self.buurten = {}
        self.households = {}
        self.timeline = []

    # -- dates -------------------------------------------------------------

    def day(self, offset):
        return self.today + datetime.timedelta(days=offset)

    def moment(self, offset, hour=10, minute=0, future=False):
        """An aware datetime `offset` days from today; never later than now unless `future`."""
        aware = timezone.make_aware(datetime.datetime.combine(self.day(offset), datetime.time(hour, minute)))
        return aware if future else min(aware, self.now)

    def past(self, offset, hour, minute):
        """Like moment(), but a time later today than now moves to yesterday instead of stacking up at now."""
        aware = self.moment(offset, hour, minute, future=True)
        return aware if aware <= self.now else aware - datetime.timedelta(days=1)

    # -- build -------------------------------------------------------------

    def build(self):
        self._organisations()
        self._users()
        self._teams()
        cases = self._cases()
        self._signals(cases)
        self._participants(cases)
        self._status_histories(cases)
        self._notes(cases)
        self._interventions(cases)
        self._actions(cases)
        self._reviews(cases)
        self._access_log(cases)
        TimelineEntry.objects.bulk_create(self.timeline, batch_size=500)
        self._backdate(cases)

    def _organisations(self):
        # An administrator may already have created some of these (say, the municipality): reuse them.
        names = [name for name, _kind in ORGANISATIONS.values()]
        existing = Organisation.objects.in_bulk(names, field_name="name")
        Organisation.objects.bulk_create(
            [Organisation(name=name, kind=kind) for name, kind in ORGANISATIONS.values() if name not in existing]
        )
        existing = Organisation.objects.in_bulk(names, field_name="name")
        self.orgs = {key: existing[name] for key, (name, _kind) in ORGANISATIONS.items()}

    def _users(self):
        """Create the demo people; an existing account with the same username keeps its password."""
        User = get_user_model()
        usernames = [u[0] for u in USERS]
        existing = User.objects.in_bulk(usernames, field_name="username")
        password = make_password(PASSWORD)  # hashed once: the demo users share it, and hashing is slow
        User.objects.bulk_create(
            [
                User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=_email(first, last),
                    password=password,
                    is_staff=role == Role.ADMINISTRATOR,
                    is_superuser=role == Role.ADMINISTRATOR,
                )
                for username, first, last, _org, role, _title, _teams in USERS
                if username not in existing
            ]
        )
        self.users = User.objects.in_bulk(usernames, field_name="username")
        self.user_org = {u[0]: u[3] for u in USERS}
        memberships = set(
            Membership.objects.filter(user__in=self.users.values()).values_list("user_id", "organisation_id")
        )
        Membership.objects.bulk_create(
            [
                Membership(user=self.users[username], organisation=self.orgs[org], role=role, job_title=title)
                for username, _first, _last, org, role, title, _teams in USERS
                if (self.users[username].pk, self.orgs[org].pk) not in memberships
            ]
        )

    def _teams(self):
        for key, (name, district_codes) in TEAMS.items():
            team, _created = Team.objects.get_or_create(name=name)
            buurten = list(
                Neighbourhood.objects.filter(district__code__in=district_codes)
                .select_related("district")
                .order_by("code")
            )
            team.neighbourhoods.add(*buurten)
            team.members.add(*(self.users[u[0]] for u in USERS if key in u[6]))
            for buurt in buurten:
                self.buurten[buurt.code] = buurt
                self.team_of_buurt[buurt.code] = key
        households = NeighbourhoodStatistics.objects.filter(neighbourhood__code__in=list(self.buurten)).values_list(
            "neighbourhood__code", "households"
        )
        for code, count in households:
            if count:
                self.households[code] = count

    # -- signals -----------------------------------------------------------

    def _reporter(self, category, buurt_code, org_key=None):
        """(organisation key, user) who would report this signal in this area."""
        area = self.team_of_buurt[buurt_code]
        if org_key is None:
            org_key = _weighted(self.rng, REPORTERS[category])
        if org_key == "corp":
            org_key = "veste" if area == "oost" else "baken"
        elif org_key == "buurtteam" and area != "oost":
            org_key = "bemiddeling" if category in (C.NOISE, C.NEIGHBOUR_DISPUTE) else "gemeente"
        candidates = [
            u[0] for u in USERS if u[3] == org_key and u[0] not in NOT_REPORTING and (area in u[6] or not u[6])
        ] or [u[0] for u in USERS if u[3] == org_key and u[0] not in NOT_REPORTING]
        # The first-listed person of an organisation does most of its reporting.
        weights = [3] + [1] * (len(candidates) - 1)
        username = self.rng.choices(candidates, weights=weights)[0]
        return org_key, self.users[username]

    def _description(self, category):
        text = self.rng.choice(DESCRIPTIONS[category]).format(
            woning=self.rng.choice(WONINGEN), tijd=self.rng.choice(TIJDEN), vaak=self.rng.choice(VAAK)
        )
        if self.rng.random() < 0.35:
            text += self.rng.choice(AFTERWORDS)
        return text

    def _occurred(self, category, offset):
        evening = category in EVENING
        hour = self.rng.choice([19, 20, 21, 22, 23, 0, 1, 2, 3]) if evening else self.rng.randint(8, 18)
        return self.past(offset, hour, self.rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50]))

    def _severity(self, category):
        return _weighted(self.rng, SERIOUS_SEVERITY_WEIGHTS if category in SERIOUS else SEVERITY_WEIGHTS)

    def _random_address(self, buurt_code):
        area = POSTCODE_AREAS[self.buurten[buurt_code].district.code]
        letters = "".join(self.rng.choice(POSTCODE_LETTERS) for _ in range(2))
        addition = self.rng.choice(["", "", "", "1", "2", "3", "H", "A"])
        return f"{area} {letters}", self.rng.randint(1, 260), addition

    def _signal(self, category, offset, buurt_code, address, org_key=None, status=None):
        org_key, user = self._reporter(category, buurt_code, org_key)
        if status is None:
            status, reason = self._signal_status(offset)
        else:
            reason = ""
        postcode, number, addition = address or ("", None, "")
        return Signal(
            occurred_at=self._occurred(category, offset),
            neighbourhood=self.buurten[buurt_code],
            category=category,
            severity=self._severity(category),
            description=self._description(category),
            reporting_organisation=self.orgs[org_key],
            reported_by=user,
            status=status,
            status_reason=reason,
            postcode=postcode,
            house_number=number,
            house_number_addition=addition,
        )

    def _signal_status(self, offset):
        age = -offset
        if age < 14:
            weights = {SignalStatus.NEW: 6, SignalStatus.TRIAGED: 4}
        elif age < 90:
            weights = {SignalStatus.NEW: 1, SignalStatus.TRIAGED: 5, SignalStatus.CLOSED: 3, SignalStatus.REFERRED: 1}
        else:
            weights = {SignalStatus.TRIAGED: 2, SignalStatus.CLOSED: 6, SignalStatus.REFERRED: 2}
        status = _weighted(self.rng, weights)
        if status == SignalStatus.CLOSED:
            return status, self.rng.choice(CLOSED_REASONS)
        if status == SignalStatus.REFERRED:
            return status, self.rng.choice(REFERRED_REASONS)
        return status, ""

    def _background_signals(self):
        by_area = {"oost": [], "nieuw_west": []}
        for code in sorted(self.households):
            by_area[self.team_of_buurt[code]].append(code)
        signals = []
        for _ in range(BACKGROUND_SIGNALS):
            area = "oost" if self.rng.random() < 0.75 else "nieuw_west"
            codes = by_area[area]
            code = self.rng.choices(codes, weights=[self.households[c] for c in codes])[0]
            category = _weighted(self.rng, CATEGORY_WEIGHTS)
            # Most signals spread over the year, a share bunched in recent months.
            recent = self.rng.random() >= 0.7
            offset = -int(self.rng.triangular(0, 180, 0)) if recent else -self.rng.randint(0, 364)
            address = self._random_address(code) if self.rng.random() < 0.55 else None
            signals.append(self._signal(category, offset, code, address))
        return signals

    def _repeat_address_signals(self):
        return [
            self._signal(category, offset, code, address, org_key)
            for code, address, items in REPEAT_ADDRESSES
            for category, offset, org_key in items
        ]

    # -- cases -------------------------------------------------------------
    # Each step handles all cases at once, so every table is one bulk insert.

    def _log(self, case, kind, at, summary, actor=None, organisation=None, organisation_only=None, **data):
        self.timeline.append(
            TimelineEntry(
                case=case,
                kind=kind,
                at=at,
                summary=summary[:300],
                actor=actor,
                organisation=organisation,
                organisation_only=organisation_only,
                data=data,
            )
        )

    def _org_of(self, username):
        return self.orgs[self.user_org[username]]

    def _require(self, condition, built, what):
        # The specs above are hand-written; a person outside the case would break need-to-know.
        if not condition:
            raise ValueError(f"Demo case {built.spec['title']!r}: {what}")

    def _cases(self):
        cases = []
        for spec in CASES:
            postcode, number, addition = spec["address"] or ("", None, "")
            changed = spec.get("changed", spec["opened"])
            case = Case(
                title=spec["title"],
                scope=spec["scope"],
                neighbourhood=self.buurten[spec["buurt"]],
                status=spec["status"],
                priority=spec["priority"],
                lead_organisation=self.orgs[spec["lead"]],
                case_director=self.users[spec["director"]],
                next_review_on=self.day(spec["review"]) if "review" in spec else None,
                closing_reason=spec.get("closing_reason", ""),
                escalated_to=spec.get("escalated_to", ""),
                closed_at=self.moment(changed, 16, 30) if spec["status"] == CaseStatus.CLOSED else None,
                postcode=postcode,
                house_number=number,
                house_number_addition=addition,
            )
            built = _BuiltCase(spec, case, self.users[spec["director"]], {p["org"] for p in spec["participants"]})
            self._require(spec["lead"] in built.participating, built, "the lead organisation must take part")
            self._require(
                self.user_org[spec["director"]] in built.participating,
                built,
                "the director's organisation must take part",
            )
            cases.append(built)
        Case.objects.bulk_create([built.case for built in cases])
        for built in cases:
            self._log(
                built.case,
                TimelineKind.CASE_OPENED,
                self.moment(built.spec["opened"], 9),
                f"Casus geopend: {built.case.title}",
                built.director,
                self._org_of(built.spec["director"]),
            )
        return cases

    def _signals(self, cases):
        signals = self._background_signals() + self._repeat_address_signals()
        linked = []
        for built in cases:
            spec = built.spec
            for category, offset, org_key in spec["signals"]:
                signal = self._signal(category, offset, spec["buurt"], spec["address"], org_key, SignalStatus.LINKED)
                signal.case = built.case
                linked.append(signal)
        Signal.objects.bulk_create(signals + linked, batch_size=500)
        # auto_now(_add) stamps "now"; a believable history needs the real dates.
        Signal.objects.filter(pk__in=[s.pk for s in signals]).update(
            created_at=F("occurred_at"), updated_at=F("occurred_at")
        )
        opened = {built.case.pk: built.spec["opened"] for built in cases}
        for signal in linked:
            offset = (timezone.localtime(signal.occurred_at).date() - self.today).days
            linked_at = self.moment(max(offset + 1, opened[signal.case.pk]), 9, 5)
            signal.created_at = signal.occurred_at
            signal.updated_at = linked_at
            label = CATEGORY_NL[signal.category]
            self._log(
                signal.case,
                TimelineKind.SIGNAL_LINKED,
                linked_at,
                f"Melding gekoppeld: {label} ({timezone.localtime(signal.occurred_at):%d-%m-%Y}, "
                f"{signal.reporting_organisation})",
                signal.case.case_director,
                signal_id=signal.pk,
            )
        Signal.objects.bulk_update(linked, ["created_at", "updated_at"], batch_size=500)

    def _participants(self, cases):
        rows = []
        for built in cases:
            case, director = built.case, built.director
            for p in built.spec["participants"]:
                since = p["since"] if p["since"] is not None else built.spec["opened"]
                basis = LEGAL_BASES[p["basis"] or DEFAULT_BASIS[p["org"]]]
                org = self.orgs[p["org"]]
                rows.append(
                    CaseParticipant(
                        case=case,
                        organisation=org,
                        role=p["role"],
                        legal_basis=basis,
                        since=self.day(since),
                        until=self.day(p["until"]) if p["until"] is not None else None,
                        added_by=director,
                    )
                )
                self._log(
                    case,
                    TimelineKind.PARTICIPANT_ADDED,
                    self.moment(since, 9, 15),
                    f"{org} neemt deel ({basis})",
                    director,
                    organisation_id=org.pk,
                )
                if p["until"] is not None:
                    self._log(
                        case,
                        TimelineKind.PARTICIPANT_ENDED,
                        self.moment(p["until"], 11),
                        f"{org} neemt niet meer deel",
                        director,
                        organisation_id=org.pk,
                        until=self.day(p["until"]).isoformat(),
                    )
        CaseParticipant.objects.bulk_create(rows)
        for row in rows:
            row.created_at = self.moment((row.since - self.today).days, 9, 15)
        CaseParticipant.objects.bulk_update(rows, ["created_at"])

    def _status_histories(self, cases):
        for built in cases:
            spec = built.spec
            path = STATUS_PATHS[spec["status"]]
            opened, changed = spec["opened"], spec.get("changed", spec["opened"])
            # Triage follows within days of opening; later steps spread evenly up to the last change.
            first = min(opened + 2, changed)
            steps = len(path) - 2
            for i in range(1, len(path)):
                offset = first + round((changed - first) * (i - 1) / steps) if steps else changed
                previous, status = path[i - 1], path[i]
                summary = f"Status: {STATUS_NL[previous]} → {STATUS_NL[status]}"
                reason = escalated_to = ""
                if status == CaseStatus.CLOSED:
                    reason = spec["closing_reason"]
                    summary += f" ({CLOSING_NL[reason]})"
                if status == CaseStatus.ESCALATED:
                    escalated_to = spec["escalated_to"]
                    summary += f" ({escalated_to})"
                self._log(
                    built.case,
                    TimelineKind.STATUS_CHANGED,
                    self.moment(offset, 16, 30),
                    summary,
                    built.director,
                    previous=previous,
                    status=status,
                    reason=reason,
                    note="",
                    escalated_to=escalated_to,
                )

    def _notes(self, cases):
        notes = []
        for built in cases:
            for spec in built.spec["notes"]:
                org_key = self.user_org[spec["author"]]
                self._require(org_key in built.participating, built, f"note author {spec['author']} is outside")
                at = self.moment(spec["days"], self.rng.randint(9, 17), self.rng.choice([0, 15, 30, 45]))
                notes.append(
                    Note(
                        case=built.case,
                        author=self.users[spec["author"]],
                        organisation=self.orgs[org_key],
                        body=spec["body"],
                        visibility=NoteVisibility.OWN_ORGANISATION if spec["own"] else NoteVisibility.ALL_PARTICIPANTS,
                        created_at=at,
                    )
                )
        Note.objects.bulk_create(notes)
        for note in notes:
            own = note.visibility == NoteVisibility.OWN_ORGANISATION
            self._log(
                note.case,
                TimelineKind.NOTE,
                note.created_at,
                note.body[:200],
                note.author,
                note.organisation,
                organisation_only=note.organisation if own else None,
                note_id=note.pk,
            )

    def _interventions(self, cases):
        planned = []
        for built in cases:
            for spec in built.spec["interventions"]:
                self._require(spec["lead"] in built.participating, built, f"{spec['kind']} lead is outside")
                self._require(self.user_org[spec["owner"]] == spec["lead"], built, f"{spec['owner']} is not lead")
                done = spec["status"] in (S.DONE, S.STOPPED)
                intervention = Intervention(
                    case=built.case,
                    kind=spec["kind"],
                    solution_direction=spec["direction"],
                    goal=spec["goal"],
                    lead_organisation=self.orgs[spec["lead"]],
                    owner=self.users[spec["owner"]],
                    start_on=self.day(spec["start"]),
                    due_on=self.day(spec["due"]),
                    status=spec["status"],
                    outcome=spec["outcome"] if done else "",
                    evaluation=spec["evaluation"] if done else "",
                )
                planned.append((built, spec, intervention))
        Intervention.objects.bulk_create([intervention for _built, _spec, intervention in planned])

        contributions, updates = [], []
        for built, spec, intervention in planned:
            case, lead = built.case, intervention.lead_organisation
            for org_key, text in spec["contributions"]:
                self._require(org_key in built.participating, built, f"contributor {org_key} is outside")
                contributions.append(
                    Contribution(intervention=intervention, organisation=self.orgs[org_key], contribution=text)
                )
            for author, offset, body in spec["updates"]:
                updates.append(
                    ProgressUpdate(
                        intervention=intervention,
                        author=self.users[author],
                        body=body,
                        created_at=self.moment(offset, 13),
                    )
                )
            created = self.moment(max(min(spec["start"], 0) - 2, built.spec["opened"]), 14)
            finished = self.moment(spec["due"], 15)
            label = INTERVENTION_NL[intervention.kind]
            self._log(
                case,
                TimelineKind.INTERVENTION,
                created,
                f"Interventie gepland: {label}",
                built.director,
                lead,
                intervention_id=intervention.pk,
            )
            done = spec["status"] in (S.DONE, S.STOPPED)
            if done:
                word = "afgerond" if spec["status"] == S.DONE else "gestopt"
                self._log(
                    case,
                    TimelineKind.INTERVENTION,
                    finished,
                    f"Interventie {word}: {label}",
                    intervention.owner,
                    lead,
                    intervention_id=intervention.pk,
                )
            intervention.created_at = created
            intervention.updated_at = finished if done else created
            built.actions.extend((intervention, action) for action in spec["actions"])
        Contribution.objects.bulk_create(contributions)
        ProgressUpdate.objects.bulk_create(updates)
        Intervention.objects.bulk_update(
            [intervention for _built, _spec, intervention in planned], ["created_at", "updated_at"]
        )

    def _actions(self, cases):
        rows = []
        for built in cases:
            for intervention, spec in [*built.actions, *((None, a) for a in built.spec["actions"])]:
                org_key = self.user_org[spec["assignee"]]
                self._require(org_key in built.participating, built, f"assignee {spec['assignee']} is outside")
                assignee = self.users[spec["assignee"]]
                done_at = self.moment(spec["done"], 15, 45) if spec["done"] is not None else None
                action = Action(
                    case=built.case,
                    intervention=intervention,
                    title=spec["title"],
                    assignee=assignee,
                    organisation=self.orgs[org_key],
                    due_on=self.day(spec["due"]),
                    done_at=done_at,
                    done_by=assignee if done_at else None,
                    result=spec["result"],
                    created_by=built.director,
                )
                created = min(spec["due"] - 14, spec["done"] if spec["done"] is not None else 0, -1)
                rows.append((action, self.moment(max(created, built.spec["opened"]), 11)))
        Action.objects.bulk_create([action for action, _created in rows])
        for action, created in rows:
            action.created_at = created
            if action.done_at:
                self._log(
                    action.case,
                    TimelineKind.ACTION,
                    action.done_at,
                    f"Actie afgerond: {action.title}",
                    action.assignee,
                    action.organisation,
                    action_id=action.pk,
                )
        Action.objects.bulk_update([action for action, _created in rows], ["created_at"])

    def _reviews(self, cases):
        reviews = []
        for built in cases:
            for spec in built.spec["reviews"]:
                held = spec["days"] <= 0
                review = CaseReview(
                    case=built.case,
                    scheduled_for=self.moment(spec["days"], 14, future=True),
                    minutes=spec["minutes"],
                    held_at=self.moment(spec["days"], 15, 30) if held else None,
                    created_by=built.director,
                )
                reviews.append((review, spec["attendees"]))
        CaseReview.objects.bulk_create([review for review, _attendees in reviews])
        Attendance = CaseReview.attendees.through
        Attendance.objects.bulk_create(
            [
                Attendance(casereview_id=review.pk, user_id=self.users[username].pk)
                for review, attendees in reviews
                for username in attendees
            ]
        )
        for review, _attendees in reviews:
            if review.held_at:
                self._log(
                    review.case,
                    TimelineKind.REVIEW,
                    review.held_at,
                    "Casusoverleg gehouden",
                    review.case.case_director,
                    review_id=review.pk,
                )

    def _access_log(self, cases):
        entries = []
        for built in cases:
            if not built.case.is_open:
                continue
            active = {p["org"] for p in built.spec["participants"] if p["until"] is None}
            readers = [u[0] for u in USERS if u[0] not in NOT_REPORTING and u[3] in active]
            for _ in range(self.rng.randint(3, 7)):
                username = self.rng.choice(readers)
                entries.append(
                    AccessLogEntry(
                        case=built.case,
                        user=self.users[username],
                        organisation=self._org_of(username),
                        at=self.past(-self.rng.randint(0, 13), self.rng.randint(8, 18), self.rng.randint(0, 59)),
                        what="casuspagina",
                    )
                )
        AccessLogEntry.objects.bulk_create(entries)

    def _backdate(self, cases):
        """Give each case the dates of its own history instead of today's."""
        last = {}
        for entry in self.timeline:
            last[entry.case.pk] = max(entry.at, last.get(entry.case.pk, entry.at))
        for built in cases:
            built.case.created_at = self.moment(built.spec["opened"], 9)
            built.case.updated_at = last[built.case.pk]
        Case.objects.bulk_update([built.case for built in cases], ["created_at", "updated_at"])


@dataclass
class _BuiltCase:
    spec: dict
    case: Case
    director: object
    participating: set
    actions: list = field(default_factory=list)  # (intervention, action spec) from the interventions
