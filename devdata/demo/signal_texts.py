"""What the demo's signals say and who tends to report them: weights, description texts and repeat addresses.

The texts are Dutch demo data. `signals.py` draws from these with the seeded
random generator, so the same world comes out every time.
"""

from cases.models import Category, Severity

BACKGROUND_SIGNALS = 440

# The postcode area (four digits) of each district, for made-up addresses.
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
