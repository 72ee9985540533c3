"""The hand-written cases of Wijkteam Oost in Indische Buurt West (WK036331).

See spec.py for what the keys and helpers mean; the data is Dutch demo data.
"""

from .spec import IV, A, C, CaseScope, CaseStatus, ClosingReason, D, K, N, Outcome, P, ParticipantRole, Priority, R, S

CASES = [
    {
        "title": "Geluidsoverlast en verward gedrag Javastraat",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633101",
        "address": ("1094 HK", 112, "2"),
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.HIGH,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -120,
        "changed": -60,
        "review": 6,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("veste"),
            P("politie", since=-118),
            P("ggz", since=-110, basis="ggz"),
            P("buurtteam", since=-108),
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
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -210,
        "changed": -40,
        "review": 20,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("veste"),
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
        "title": "Drugshandel vanuit portiek Ambonplein",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633100",
        "address": ("1094 PX", 57, "3"),
        "status": CaseStatus.IN_PROGRESS,
        "priority": Priority.URGENT,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -75,
        "changed": -50,
        "review": -3,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="opium"),
            P("politie"),
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
        "title": "Vermoeden onderhuur Balistraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633101",
        "address": ("1094 HM", 9, "1"),
        "status": CaseStatus.REPORTED,
        "priority": Priority.NORMAL,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -3,
        "review": 11,
        "participants": [P("gemeente", ParticipantRole.LEAD, basis="woonoverlast"), P("veste")],
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
        "title": "Geluidsmelding Sumatrastraat",
        "scope": CaseScope.ADDRESS,
        "buurt": "BU03633101",
        "address": ("1094 NA", 150, ""),
        "status": CaseStatus.CANCELLED,
        "priority": Priority.LOW,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -50,
        "changed": -47,
        "participants": [P("gemeente", ParticipantRole.LEAD, basis="regie"), P("veste")],
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
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -30,
        "changed": -15,
        "review": 8,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("ggz"),
            P("veste"),
            P("politie"),
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
        "title": "Housing First voor bewoner Javaplein",
        "scope": CaseScope.HOUSEHOLD,
        "buurt": "BU03633101",
        "address": ("1094 KG", 5, "4"),
        "status": CaseStatus.CLOSED,
        "closing_reason": ClosingReason.MOVED,
        "priority": Priority.HIGH,
        "lead": "gemeente",
        "director": "regisseur",
        "opened": -340,
        "changed": -150,
        "participants": [
            P("gemeente", ParticipantRole.LEAD, basis="regie"),
            P("veste"),
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
]  # fmt: skip
