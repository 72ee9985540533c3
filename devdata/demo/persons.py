"""The people the demo cases are about (betrokkenen): fictional names, made through the person verbs.

Every case about a household or an address gets its main resident at the
case's address, and some a household member or the neighbour who complained.
The informing register cycles through every state an entry can have; a case
that went past the plan of approach has one for its main resident (the verbs
insist). One man is known to two teams: Marco Brouwer in Oost (Tidorestraat)
and in Nieuw-West (Jacob Geelbuurt), so "known elsewhere" shows in `make run`.
Names go by the case's place in the demo (`number`, given by build.py), not by
the seeded generator, so adding persons changes nothing else of the demo.
"""

import datetime

from cases.models import CaseScope, CaseStatus

# (name, date of birth): invented, any likeness is chance.
MAIN_RESIDENTS = [
    ("Johan de Graaf", datetime.date(1958, 4, 12)),
    ("Fatima El Amrani", datetime.date(1981, 9, 3)),
    ("Kees Mulder", datetime.date(1949, 1, 27)),
    ("Sandra Wijnberg", datetime.date(1975, 6, 18)),
    ("Rachid Benali", datetime.date(1990, 11, 5)),
    ("Ingrid Hoekstra", datetime.date(1966, 2, 22)),
    ("Dennis Kroon", datetime.date(1987, 7, 9)),
    ("Aylin Demir", datetime.date(1993, 3, 30)),
    ("Wim Verhoeven", datetime.date(1952, 12, 1)),
    ("Priya Ramdin", datetime.date(1984, 5, 14)),
    ("Gerard Smit", datetime.date(1961, 8, 25)),
    ("Naima Oulad Ali", datetime.date(1979, 10, 7)),
    ("Hendrik Bos", datetime.date(1955, 3, 16)),
    ("Samira Tahiri", datetime.date(1988, 1, 19)),
    ("Peter van Dam", datetime.date(1970, 9, 29)),
    ("Monique Jansen", datetime.date(1963, 4, 4)),
    ("Ahmed Chaoui", datetime.date(1976, 12, 12)),
    ("Eva Lindeman", datetime.date(1995, 8, 8)),
    ("Theo Brink", datetime.date(1947, 5, 2)),
    ("Yvonne Koster", datetime.date(1982, 2, 11)),
    ("Mustafa Yildiz", datetime.date(1969, 6, 6)),
    ("Carla Meijer", datetime.date(1959, 10, 21)),
    ("Jeroen Prins", datetime.date(1991, 7, 17)),
    ("Loes van Leeuwen", datetime.date(1973, 11, 28)),
]
HOUSEHOLD_MEMBERS = ["Linda de Graaf", "Youssef El Amrani", "Tess Wijnberg", "Mila Kroon", "Bas Hoekstra"]
NEIGHBOURS = ["Buurvrouw Annie Post", "Buurman Erik Vos", "Mevrouw Hanneke Dijkstra", "Meneer Ozan Kaya"]

KNOWN_TO_TWO_TEAMS = ("Marco Brouwer", datetime.date(1979, 8, 14))
SHARED_PERSON = {
    "Verslaving en overlast Tidorestraat": "Zorgen om verslaving; bereikbaar via zijn zus.",
    "Vervuiling en zorgen Jacob Geelbuurt": "Woont sinds kort in Nieuw-West; eerder bekend in Oost.",
}

# Every state an informing entry can have, in turn; None: nothing recorded (only before "uitvoering").
INFORMING = [
    {"informed": True, "how": "letter"},
    {"informed": False, "reason": "frustrate"},
    {"informed": True, "how": "conversation"},
    {"informed": False, "reason": "unreachable"},
    None,
    {"informed": False, "reason": "safety"},
    {"informed": True, "how": "other"},
    {"informed": False, "reason": "other", "reason_text": "Bewoner is opgenomen; informeren na ontslag."},
]
PAST_THE_PLAN = {CaseStatus.IN_PROGRESS, CaseStatus.MONITORING, CaseStatus.CLOSED, CaseStatus.ESCALATED}
# A "not informed" is looked at again six weeks later (by now, for older cases, on the review agenda).
LOOK_AGAIN_AFTER = datetime.timedelta(days=42)


def persons_of(spec):
    """The persons of one case spec: dicts with the fields for person_add and `informing` (or None)."""
    if spec["scope"] == CaseScope.THEME or not spec["address"]:
        return []
    pick = spec["number"]
    postcode, number, addition = spec["address"]
    at_home = {"postcode": postcode, "house_number": number, "house_number_addition": addition or ""}
    name, born = MAIN_RESIDENTS[pick % len(MAIN_RESIDENTS)]
    notes = ""
    if spec["title"] in SHARED_PERSON:
        (name, born), notes = KNOWN_TO_TWO_TEAMS, SHARED_PERSON[spec["title"]]
    informing = INFORMING[pick % len(INFORMING)]
    if informing is None and spec["status"] in PAST_THE_PLAN:
        informing = INFORMING[0]
    persons = [
        {"name": name, "date_of_birth": born, "role": "main", **at_home, "contact_notes": notes, "informing": informing}
    ]
    if spec["scope"] == CaseScope.HOUSEHOLD and pick % 3 == 0:
        persons.append(
            {
                "name": HOUSEHOLD_MEMBERS[pick % len(HOUSEHOLD_MEMBERS)],
                "role": "household",
                **at_home,
                "informing": None,
            }
        )
    if spec["scope"] == CaseScope.ADDRESS and pick % 2 == 0:
        neighbour = {"postcode": postcode, "house_number": number + 2, "house_number_addition": ""}
        persons.append(
            {
                "name": NEIGHBOURS[pick % len(NEIGHBOURS)],
                "role": "neighbour",
                **neighbour,
                "contact_notes": "Heeft de overlast gemeld; wil graag teruggebeld worden.",
                "informing": INFORMING[(pick + 2) % len(INFORMING)],
            }
        )
    return persons


def look_again_on(recorded):
    return recorded + LOOK_AGAIN_AFTER
