"""The demo's partner organisations, people and wijkteams, and the code that creates them.

There are no verbs for these (administrators make them in the Django admin),
so they are written directly; an account or organisation that already exists
is reused, so an administrator's own changes survive.
"""

import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from neighbourhoods.models import Neighbourhood, NeighbourhoodStatistics
from partners.models import Membership, Organisation, OrganisationKind, Role, Team

PASSWORD = "demo"

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
# Its presence means the demo world is already loaded.
MARKER_ORGANISATION = ORGANISATIONS["veste"][0]

TEAMS = {
    # Dapperbuurt, Transvaalbuurt, Indische Buurt West and Oost.
    "oost": ("Wijkteam Oost", ["WK036329", "WK036330", "WK036331", "WK036332"]),
    # Osdorp-Oost, Osdorp-Midden, Slotervaart Noord, Overtoomse Veld.
    "nieuw_west": ("Wijkteam Nieuw-West", ["WK036381", "WK036382", "WK036385", "WK036386"]),
}

# (username, first name, last name, organisation, role, job title, teams)
USERS = [
    ("wijkconsulent", "Fatima", "El Amrani", "veste", Role.PROFESSIONAL, "Wijkconsulent Indische Buurt", ["oost"]),
    ("wijkagent", "Mark", "Jansen", "politie", Role.PROFESSIONAL, "Wijkagent Indische Buurt", ["oost"]),
    ("ggz", "Eva", "Bakker", "ggz", Role.PROFESSIONAL, "Sociaal psychiatrisch verpleegkundige", ["oost"]),
    ("regisseur", "Ruud", "Hendriks", "gemeente", Role.CASE_DIRECTOR, "Casusregisseur Zorg en Veiligheid", ["oost"]),
    ("manager", "Anouk", "Smit", "veste", Role.MANAGER, "Manager Wonen Oost", ["oost"]),
    ("buitenstaander", "Daan", "Mulder", "bemiddeling", Role.PROFESSIONAL, "Buurtbemiddelaar", ["nieuw_west"]),
    ("beheerder", "Ingrid", "de Boer", "gemeente", Role.ADMINISTRATOR, "Functioneel beheerder", []),
    ("privacy", "Petra", "de Bruin", "gemeente", Role.PRIVACY_OFFICER, "Functionaris gegevensbescherming", []),
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
    ("hans.meijer", "Hans", "Meijer", "baken", Role.MANAGER, "Manager Wonen Nieuw-West", ["nieuw_west"]),
    ("joyce.verbeek", "Joyce", "Verbeek", "bemiddeling", Role.COORDINATOR, "Coördinator", ["nieuw_west"]),
]  # fmt: skip
DEMO_LOGINS = ["wijkconsulent", "wijkagent", "ggz", "regisseur", "manager", "buitenstaander", "beheerder", "privacy"]
# People who read figures or run the platform, but log no signals and open no case pages.
NOT_REPORTING = {"manager", "beheerder", "privacy"}


@dataclass
class Cast:
    """Who and where, by the demo's short keys: organisations, users, and the teams' neighbourhoods."""

    orgs: dict = field(default_factory=dict)  # key -> Organisation
    users: dict = field(default_factory=dict)  # username -> User
    user_org: dict = field(default_factory=dict)  # username -> organisation key
    buurten: dict = field(default_factory=dict)  # CBS code -> Neighbourhood (with district)
    team_of_buurt: dict = field(default_factory=dict)  # CBS code -> team key
    households: dict = field(default_factory=dict)  # CBS code -> number of households, where known

    def org_of(self, username):
        return self.orgs[self.user_org[username]]


def cast_create():
    """Create the organisations, people (password PASSWORD) and teams; return them as a Cast."""
    cast = Cast()
    _organisations(cast)
    _users(cast)
    _teams(cast)
    return cast


def _email(first, last):
    text = f"{first}.{last}".replace(" ", "").lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() + "@example.org"


def _organisations(cast):
    # An administrator may already have created some of these (say, the municipality): reuse them.
    names = [name for name, _kind in ORGANISATIONS.values()]
    existing = Organisation.objects.in_bulk(names, field_name="name")
    Organisation.objects.bulk_create(
        [Organisation(name=name, kind=kind) for name, kind in ORGANISATIONS.values() if name not in existing]
    )
    existing = Organisation.objects.in_bulk(names, field_name="name")
    cast.orgs = {key: existing[name] for key, (name, _kind) in ORGANISATIONS.items()}


def _users(cast):
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
    cast.users = User.objects.in_bulk(usernames, field_name="username")
    cast.user_org = {u[0]: u[3] for u in USERS}
    memberships = set(Membership.objects.filter(user__in=cast.users.values()).values_list("user_id", "organisation_id"))
    Membership.objects.bulk_create(
        [
            Membership(user=cast.users[username], organisation=cast.orgs[org], role=role, job_title=title)
            for username, _first, _last, org, role, title, _teams in USERS
            if (cast.users[username].pk, cast.orgs[org].pk) not in memberships
        ]
    )


def _teams(cast):
    for key, (name, district_codes) in TEAMS.items():
        team, _created = Team.objects.get_or_create(name=name)
        buurten = list(
            Neighbourhood.objects.filter(district__code__in=district_codes).select_related("district").order_by("code")
        )
        team.neighbourhoods.add(*buurten)
        team.members.add(*(cast.users[u[0]] for u in USERS if key in u[6]))
        for buurt in buurten:
            cast.buurten[buurt.code] = buurt
            cast.team_of_buurt[buurt.code] = key
    households = NeighbourhoodStatistics.objects.filter(neighbourhood__code__in=list(cast.buurten)).values_list(
        "neighbourhood__code", "households"
    )
    for code, count in households:
        if count:
            cast.households[code] = count
