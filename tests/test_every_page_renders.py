"""Every page renders: every URL pattern of the project × everyone in the world, GET, no server error.

The patterns are read from the resolver (namespaced apps, the admin site, the API router with its
format-suffix routes, unnamed patterns by their text). VARIANTS says, per pattern, with which
arguments to fill it: one variant per kind of object the forms can create (the open, closed and
cancelled case; every intervention, action, review and signal; ...), each with the members who may
see it, who must get a 200. A pattern missing from VARIANTS (or from the admin site's table,
tests/variant_world.py `admin_paths`) fails `test_every_pattern_has_variants` with its name.

Who gets what otherwise (403, 404, a redirect) is the permission matrix's business
(tests/test_permission_matrix.py); here every answer must merely be below 500, and a page shown to
someone who takes no part must not show the case's content.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from knox.models import AuthToken

from cases.models import KnownElsewhere
from ops.health import SWEEP
from ops.heartbeats import WORKER_PREFIX, beat
from tests.variant_world import (
    EVERYONE,
    GGZ_PEOPLE,
    LEAD_PEOPLE,
    MISSING_OBJECT,
    POSTCODE,
    TAKING_PART,
    World,
    admin_paths,
    client_for,
    url_patterns,
    world_in_rollback,
)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_rollback(django_db_blocker, tmp_path_factory.mktemp("world-media")) as world:
        yield world


@pytest.fixture
def world(module_world, db, settings):
    settings.MEDIA_ROOT = module_world.media_root  # where the world's attachments are
    # The world's worker and beat are alive (a fresh heartbeat per test, for /health/).
    beat(f"{WORKER_PREFIX}world")
    beat(SWEEP)
    return module_world


@dataclass
class V:
    """One way to fill a pattern, and who must get a 200 for it."""

    kwargs: dict = field(default_factory=dict)
    ok: frozenset = frozenset()
    query: str = ""
    path: str = ""  # instead of kwargs, for the admin site's and unnamed patterns
    headers: dict = field(default_factory=dict)


SIGNED_IN = frozenset(EVERYONE) - {"anonymous"}
PART = frozenset(TAKING_PART)
LEAD, GGZ = frozenset(LEAD_PEOPLE), frozenset(GGZ_PEOPLE)
DIRECTS = frozenset({"director", "lead_director"})
TEAM_OOST = frozenset({"participant", "colleague", "other_director", "manager", "multi"})  # not the deactivated
CASE_DIRECTORS = frozenset({"director", "lead_director", "other_director"})
AGGREGATES = frozenset({"manager", "director", "other_director", "lead_director"})
IN_SCOPE = frozenset({"manager", "other_director"})  # sees aggregates and has a team covering N


def organisation_people(world, organisation_id):
    return {world.lead.pk: LEAD, world.ggz.pk: GGZ, world.outsider_org.pk: frozenset({"outsider"})}.get(
        organisation_id, frozenset()
    )


def sees_signal(world, signal):
    team = TEAM_OOST if signal.neighbourhood_id == world.neighbourhood.pk else frozenset({"outsider"})
    return organisation_people(world, signal.reporting_organisation_id) | team


def may_complete(world, action):
    people = organisation_people(world, action.organisation_id) | {"director"}  # the case director
    if action.assignee_id:
        people |= {who for who, user in world.users.items() if user.pk == action.assignee_id}
    return frozenset(people) & part_in(world, action.case_id)


def may_change(world, intervention):
    if intervention.status in ("done", "stopped"):
        return frozenset()  # an ended intervention: back to its page
    owner = {who for who, user in world.users.items() if user.pk == intervention.owner_id}
    return (organisation_people(world, intervention.lead_organisation_id) | owner | DIRECTS) & PART


def signals(world):
    return list(world.signals.values())


def cases(world):
    return world.all_cases


def part_in(world, case_id):
    """Who takes part in the case: everyone, or after closing or cancelling only the lead organisation's people."""
    case = next(case for case in cases(world) if case.pk == case_id)
    return PART if case.is_open else LEAD


def each_case(ok, key="pk"):
    """One variant per case; `ok` for the open case, and for the closed and cancelled ones too (reading) as far as
    they are of the lead organisation: closing ends every other participation."""
    return lambda world: [V({key: case.pk}, ok if case.is_open else ok & LEAD) for case in cases(world)]


def open_case_only(ok, key="pk"):
    """Planning pages: on the open case `ok`; on the closed and cancelled case only no server error."""
    return lambda world: [V({key: world.case.pk}, ok), *[V({key: case.pk}) for case in cases(world)[1:]]]


AREA_FIGURES = ["areas", "signals-per-month", "open-cases-by-status"]
MONITOR_FIGURES = [
    "quadrant",
    "corporatiebuurten",
    "buurten",
    "what-works",
    "outcomes-by-kind",
    "outcomes-by-direction",
]
CORPORATION = frozenset({"manager"})  # a manager of Woonbron Oost

VARIANTS = {
    # Mijn werk and signals
    "cases:home": lambda world: [V(ok=SIGNED_IN)],
    "cases:signal_list": lambda world: [
        V(ok=SIGNED_IN),
        V(ok=SIGNED_IN, query="?category=GEL&severity=high&ordering=-severity"),
        V(ok=SIGNED_IN, query=f"?neighbourhood={world.neighbourhood.pk}&page=2"),
        V(ok=SIGNED_IN, headers={"HTTP_HX_REQUEST": "true"}),
    ],
    "cases:signal_new": lambda world: [V(ok=SIGNED_IN)],
    "cases:signal_neighbourhood_search": lambda world: [
        V(ok=SIGNED_IN, query="?neighbourhood=Dapper"),
        V(ok=SIGNED_IN, query="?neighbourhood=BU0363"),
        V(ok=SIGNED_IN),
    ],
    "cases:signal_repeats": lambda world: [
        V(ok=SIGNED_IN, query=f"?postcode={POSTCODE}&house_number=12"),
        V(ok=SIGNED_IN, query="?postcode=onzin"),
    ],
    "cases:signal_create_case": lambda world: (
        [
            V(ok=CASE_DIRECTORS & sees_signal(world, signal), query=f"?signals={signal.pk}")
            for signal in signals(world)
            if signal.case_id is None
        ]
        + [V(ok={"other_director"}, query=f"?signals={world.signals['new'].pk},{world.signals['new_bare'].pk}")]
    ),
    "cases:signal_detail": lambda world: [V({"pk": s.pk}, sees_signal(world, s)) for s in signals(world)],
    **{f"cases:signal_{verb}": lambda world: [V({"pk": world.signals["new"].pk})] for verb in ["triage", "link"]},
    **{f"cases:signal_{verb}": lambda world: [V({"pk": world.signals["new"].pk})] for verb in ["refer", "close"]},
    # The case page and its forms (POST-only ones: no server error on GET)
    "cases:index": lambda world: [
        V(ok=SIGNED_IN),
        V(ok=SIGNED_IN, query="?status=open&priority=high&ordering=priority&review_overdue=on&no_open_action=on"),
        V(ok=SIGNED_IN, query=f"?q=1094 ab 12-a&part=ik_regisseer&neighbourhood={world.neighbourhood.pk}&page=2"),
        V(ok=SIGNED_IN, query="?q=Dapperstraat&part=neemt_deel&ordering=title"),
        V(ok=SIGNED_IN, query="?neighbourhood=999999&status=nonsense"),
        V(ok=SIGNED_IN, headers={"HTTP_HX_REQUEST": "true"}),
    ],
    "cases:address": lambda world: [
        V({"postcode": "1094AB", "house_number": 12}, SIGNED_IN),
        V({"postcode": "1094ab", "house_number": 12}, SIGNED_IN, query="?toevoeging=a"),
        V({"postcode": "onzin", "house_number": 12}),
    ],
    "cases:detail": each_case(PART),
    "cases:add_note": each_case(frozenset()),
    "cases:add_attachment": each_case(frozenset()),
    "cases:attachment": lambda world: [
        V({"pk": world.case.pk, "attachment_id": world.attachment.pk}, PART),
        V({"pk": world.closed_case.pk, "attachment_id": world.closed_attachment.pk}, LEAD),
    ],
    "cases:change_status": lambda world: [
        *[V({"pk": world.case.pk, "to": to}, DIRECTS) for to in ["monitoring", "closed", "escalated"]],
        V({"pk": world.closed_case.pk, "to": "in_progress"}, DIRECTS),
        V({"pk": world.cancelled_case.pk, "to": "triage"}, DIRECTS),
        V({"pk": world.case.pk, "to": "reported"}),  # not a next status: back to the case
        V({"pk": world.case.pk, "to": "onzin"}),
    ],
    "cases:invite": each_case(DIRECTS),
    "cases:access_log": lambda world: [
        *[V({"pk": case.pk}, DIRECTS) for case in cases(world)],
        V({"pk": world.case.pk}, DIRECTS, query="?page=2"),
    ],
    "cases:edit": each_case(DIRECTS),
    "cases:hand_over": each_case(DIRECTS),
    "cases:end_participation": lambda world: [
        V({"pk": world.case.pk, "participant_id": world.participants["ggz"].pk}, DIRECTS),
        V({"pk": world.case.pk, "participant_id": world.participants["deactivated"].pk}, DIRECTS),
        V({"pk": world.case.pk, "participant_id": world.participants["ended"].pk}),  # ended already
        V({"pk": world.case.pk, "participant_id": world.participants["lead"].pk}, DIRECTS),
    ],
    # The people a case is about: every variant of person (and of informing entry) on each
    "cases:person_new": each_case(PART),
    **{
        f"cases:{name}": lambda world, name=name: [
            V({"pk": p.case_id, "person_id": p.pk}, part_in(world, p.case_id)) for p in world.persons.values()
        ]
        for name in ["person", "person_edit", "person_remove", "person_inform"]
    },
    "cases:coordinate": lambda world: [
        V({"pk": m.case_id, "match_id": m.pk}) for m in KnownElsewhere.objects.filter(case=world.case)
    ],
    # Privacy: the retention queue (everyone signed in sees their own part of it) and the inzage
    "privacy:queue": lambda world: [V(ok=SIGNED_IN)],
    "privacy:approve": lambda world: [V({"pk": world.retention_review.pk})],  # POST only
    "privacy:extend": lambda world: [V({"pk": world.retention_review.pk}, DIRECTS | {"privacy"})],
    "privacy:inzage": lambda world: [V(ok={"privacy"}), V(ok={"privacy"}, query="?q=Visser")],
    "privacy:inzage_person": lambda world: [V({"person_id": p.pk}, {"privacy"}) for p in world.persons.values()],
    "privacy:inzage_download": lambda world: [
        V({"person_id": p.pk, "organisation_id": world.lead.pk}, {"privacy"}) for p in world.persons.values()
    ],
    # Actions
    "interventions:mine": lambda world: [
        V(ok=SIGNED_IN),
        *[V(ok=SIGNED_IN, query=f"?show={show}") for show in ["overdue", "done", "all"]],
        V(ok=SIGNED_IN, query="?show=all&q=Bewoner&page=2"),
    ],
    "interventions:organisation": lambda world: [
        V(ok=SIGNED_IN),
        *[V(ok=SIGNED_IN, query=f"?show={show}") for show in ["overdue", "done", "all"]],
    ],
    "interventions:complete": lambda world: [
        V({"pk": action.pk}, may_complete(world, action)) for action in world.actions.values()
    ],
    "interventions:reopen": lambda world: [V({"pk": world.actions["done"].pk})],
    # The plan of approach
    "interventions:add_intervention": lambda world: [
        *open_case_only(DIRECTS, "case_pk")(world),
        V({"case_pk": world.case.pk}, DIRECTS, query=f"?lead_organisation={world.ggz.pk}"),
        V(
            {"case_pk": world.case.pk},
            DIRECTS,
            query=f"?lead_organisation={world.ggz.pk}",
            headers={"HTTP_HX_REQUEST": "true"},
        ),
        V({"case_pk": world.case.pk}, DIRECTS, query="?lead_organisation=999999", headers={"HTTP_HX_REQUEST": "true"}),
    ],
    "interventions:intervention": lambda world: [
        V({"case_pk": i.case_id, "pk": i.pk}, part_in(world, i.case_id)) for i in world.interventions.values()
    ],
    **{
        f"interventions:{name}": lambda world: [
            V({"case_pk": i.case_id, "pk": i.pk}) for i in world.interventions.values()
        ]
        for name in ["add_progress", "start"]
    },
    **{
        f"interventions:{name}": lambda world: [
            V({"case_pk": i.case_id, "pk": i.pk}, may_change(world, i)) for i in world.interventions.values()
        ]
        for name in ["finish", "stop"]
    },
    "interventions:add_action": lambda world: [
        V({"case_pk": world.case.pk}, PART),
        V({"case_pk": world.case.pk}, PART, query=f"?intervention={world.interventions['running'].pk}"),
        V({"case_pk": world.case.pk}, PART, query=f"?organisation={world.ggz.pk}", headers={"HTTP_HX_REQUEST": "true"}),
        V({"case_pk": world.case.pk}, PART, query=f"?organisation={world.lead.pk}"),
        *[V({"case_pk": case.pk}) for case in cases(world)[1:]],
    ],
    "interventions:schedule_review": open_case_only(DIRECTS, "case_pk"),
    "interventions:review": lambda world: [
        V({"case_pk": review.case_id, "pk": review.pk}, part_in(world, review.case_id))
        for review in world.reviews.values()
    ],
    # Notifications
    "notifications:list": lambda world: [V(ok=SIGNED_IN), V(ok=SIGNED_IN, query="?page=2")],
    "notifications:mark_read": lambda world: [V({"pk": world.notifications["participant"].pk})],
    "notifications:mark_all_read": lambda world: [V()],
    "notifications:preferences": lambda world: [V(ok=SIGNED_IN)],
    # One's own API tokens (the world's one is the participant's)
    "accounts:tokens": lambda world: [V(ok=SIGNED_IN)],
    "accounts:token_create": lambda world: [V()],
    "accounts:token_revoke": lambda world: [
        V({"key": AuthToken.objects.get(user=world.users["participant"]).token_key}, frozenset({"participant"}))
    ],
    "accounts:tokens_revoke_all": lambda world: [V(ok=SIGNED_IN)],
    # Two-step sign-in: enrolment renders for everyone signed in; the other two redirect until then
    "accounts:two_factor": lambda world: [V()],
    "accounts:two_factor_setup": lambda world: [V(ok=SIGNED_IN)],
    "accounts:two_factor_backup_codes": lambda world: [V()],
    # Managers' overview pages
    "dashboards:neighbourhoods": lambda world: [V(ok=AGGREGATES)],
    "dashboards:neighbourhoods_csv": lambda world: [V({"figure": figure}, IN_SCOPE) for figure in AREA_FIGURES],
    "dashboards:district": lambda world: [
        V({"code": world.neighbourhood.district.code}, IN_SCOPE),
        V({"code": world.other_neighbourhood.district.code}),
    ],
    "dashboards:district_csv": lambda world: [
        V({"code": world.neighbourhood.district.code, "figure": figure}, IN_SCOPE) for figure in AREA_FIGURES
    ],
    "dashboards:neighbourhood": lambda world: [
        V({"code": world.neighbourhood.code}, IN_SCOPE),
        V({"code": world.other_neighbourhood.code}),
    ],
    "dashboards:neighbourhood_csv": lambda world: [
        V({"code": world.neighbourhood.code, "figure": figure}, IN_SCOPE) for figure in AREA_FIGURES
    ],
    "dashboards:partners": lambda world: [V(ok=AGGREGATES)],
    "dashboards:partners_csv": lambda world: [V({"figure": figure}, AGGREGATES) for figure in ["partners", "gaps"]],
    "dashboards:cases": lambda world: [V(ok=AGGREGATES)],
    "dashboards:cases_csv": lambda world: [
        V({"figure": figure}, AGGREGATES)
        for figure in [
            "age-of-open-cases",
            "reviews",
            "closures-by-reason",
            "outcomes-by-kind",
            "outcomes-by-direction",
        ]
    ],
    # The Veerkracht monitor, and a corporation's own figures (the manager manages Woonbron Oost too)
    "monitor:overview": lambda world: [V(ok=AGGREGATES)],
    "monitor:overview_csv": lambda world: [V({"figure": figure}, IN_SCOPE) for figure in MONITOR_FIGURES],
    "monitor:district": lambda world: [
        V({"code": world.neighbourhood.district.code}, IN_SCOPE),
        V({"code": world.other_neighbourhood.district.code}),
    ],
    "monitor:district_csv": lambda world: [
        V({"code": world.neighbourhood.district.code, "figure": figure}, IN_SCOPE) for figure in MONITOR_FIGURES
    ],
    "monitor:neighbourhood": lambda world: [
        V({"code": world.neighbourhood.code}, IN_SCOPE),
        V({"code": world.other_neighbourhood.code}),
    ],
    "monitor:neighbourhood_csv": lambda world: [
        V({"code": world.neighbourhood.code, "figure": figure}, IN_SCOPE)
        for figure in ["indicators", "corporation-figures", "outcomes-by-direction"]
    ],
    "monitor:corporation": lambda world: [
        V(ok=CORPORATION),
        V(query=f"?organisation={world.corporation.pk}", ok=CORPORATION),
    ],
    "monitor:corporation_enter": lambda world: [V(ok=CORPORATION)],
    "monitor:corporation_upload": lambda world: [V(ok=CORPORATION)],
    "monitor:corporation_template": lambda world: [V(ok=CORPORATION)],
    "monitor:corporation_sharing": lambda world: [V()],  # POST only
    # Accounts and language
    "login": lambda world: [V(ok=frozenset(EVERYONE) - {"admin"})],  # staff is sent on from the login page
    "logout": lambda world: [V()],
    "password_change": lambda world: [V(ok=SIGNED_IN)],
    "password_change_done": lambda world: [V(ok=SIGNED_IN)],
    "password_reset": lambda world: [V(ok=frozenset(EVERYONE))],
    "password_reset_done": lambda world: [V(ok=frozenset(EVERYONE))],
    "password_reset_confirm": lambda world: [
        V({"uidb64": "MQ", "token": "ongeldig-token"}, frozenset(EVERYONE)),
        V(
            {
                "uidb64": urlsafe_base64_encode(force_bytes(world.users["participant"].pk)),
                "token": default_token_generator.make_token(world.users["participant"]),
            }
        ),
    ],
    "password_reset_complete": lambda world: [V(ok=frozenset(EVERYONE))],
    "set_language": lambda world: [V(), V(query="?next=/meldingen/")],
    # The API
    "schema": lambda world: [V(ok=SIGNED_IN)],
    "swagger-ui": lambda world: [V(ok=SIGNED_IN)],
    "api-root": lambda world: [V(ok=SIGNED_IN)],
    "health": lambda world: [V(ok=frozenset(EVERYONE))],
    "signal-list": lambda world: [
        V(ok=SIGNED_IN),
        V(ok=SIGNED_IN, query=f"?category=GEL&neighbourhood={world.neighbourhood.pk}&status=new"),
    ],
    "signal-detail": lambda world: [V({"pk": s.pk}, sees_signal(world, s)) for s in signals(world)],
    **{f"signal-{verb}": lambda world: [V({"pk": world.signals["new"].pk})] for verb in ["triage", "link"]},
    **{f"signal-{verb}": lambda world: [V({"pk": world.signals["new"].pk})] for verb in ["refer", "close"]},
    "case-list": lambda world: [V(ok=SIGNED_IN), V(ok=SIGNED_IN, query="?status=closed")],
    **{
        f"case-{part}": each_case(PART)
        for part in ["detail", "notes", "participants", "timeline", "attachments", "persons", "processing"]
    },
    **{
        f"person-{part}": lambda world: [V({"pk": p.pk}, part_in(world, p.case_id)) for p in world.persons.values()]
        for part in ["detail", "informing"]
    },
    "known-elsewhere-coordinate": lambda world: [V({"pk": world.requested_match.pk})],
    "case-transition": lambda world: [V({"pk": world.case.pk})],
    # Filtering by a case or intervention one does not take part in is filtering by an unknown one (400).
    "intervention-list": lambda world: [V(ok=SIGNED_IN), V(ok=PART, query=f"?case={world.case.pk}")],
    "intervention-detail": lambda world: [
        V({"pk": i.pk}, part_in(world, i.case_id)) for i in world.interventions.values()
    ],
    **{
        f"intervention-{verb}": lambda world: [V({"pk": world.interventions["planned"].pk})]
        for verb in ["start", "finish", "stop", "progress"]
    },
    "action-list": lambda world: [
        V(ok=SIGNED_IN),
        V(ok=PART, query=f"?case={world.case.pk}&open=true&overdue=true&mine=true"),
        V(ok=PART, query=f"?intervention={world.interventions['running'].pk}"),
    ],
    "action-detail": lambda world: [V({"pk": a.pk}, part_in(world, a.case_id)) for a in world.actions.values()],
    "action-complete": lambda world: [V({"pk": world.actions["overdue"].pk})],
    "action-reopen": lambda world: [V({"pk": world.actions["done"].pk})],
    "review-list": lambda world: [V(ok=SIGNED_IN), V(ok=PART, query=f"?case={world.case.pk}")],
    "review-detail": lambda world: [V({"pk": r.pk}, part_in(world, r.case_id)) for r in world.reviews.values()],
    "review-agenda": lambda world: [V({"pk": r.pk}, part_in(world, r.case_id)) for r in world.reviews.values()],
    "review-record": lambda world: [V({"pk": world.reviews["planned"].pk})],
    "notification-list": lambda world: [V(ok=SIGNED_IN)],
    "notification-read": lambda world: [V({"pk": world.notifications["participant"].pk})],
    "notification-read-all": lambda world: [V()],
}
# Each figure's .xlsx download: the same variants as its CSV.
VARIANTS |= {key.removesuffix("_csv") + "_xlsx": variants for key, variants in VARIANTS.items() if key.endswith("_csv")}

# The admin site's pages that show something (to the superuser); the rest answer with a redirect,
# a 403 (no adding alerts by hand) or a 404, and must merely not fail.
ADMIN_SHOWS = ("_changelist", "_change", "_history", "_delete", "_password_change", "admin:index", "admin:app_list")


def admin_variants(world):
    variants = {}
    for key, paths in admin_paths(world).items():
        shows = key.endswith(ADMIN_SHOWS) or key in ADMIN_SHOWS or key == "admin:jsi18n"
        variants[key] = [
            V(path=path, ok=frozenset({"admin"}) if shows and f"/{MISSING_OBJECT}/" not in path else frozenset())
            for path in paths
        ]
    return variants


def variants_of(pattern, world, admin):
    if pattern.is_admin:
        return admin[pattern.key]
    variants = VARIANTS[pattern.key](world)
    if pattern.with_format:
        # The same route with a format suffix (…/1.json): its first variant, as JSON.
        first = variants[0]
        return [V({**first.kwargs, "format": "json"}, first.ok, first.query)]
    return variants


def url_of(pattern, variant):
    return variant.path or reverse(pattern.name, kwargs=variant.kwargs) + variant.query


def test_every_pattern_has_variants(world):
    admin = admin_paths(world)
    missing = sorted(
        {pattern.key for pattern in url_patterns() if pattern.key not in (admin if pattern.is_admin else VARIANTS)}
    )
    assert not missing, f"URL patterns without variants in tests/test_every_page_renders.py: {', '.join(missing)}"


GROUPS = {
    "signals and Mijn werk": lambda p: p.key.startswith("cases:") and "signal" in p.key or p.key == "cases:home",
    "case pages": lambda p: p.key.startswith("cases:") and "signal" not in p.key and p.key != "cases:home",
    "actions and plans": lambda p: p.key.startswith("interventions:"),
    "notifications and dashboards": lambda p: p.key.startswith(
        ("notifications:", "dashboards:", "monitor:", "privacy:")
    ),
    "own API tokens": lambda p: p.key.startswith("accounts:"),
    "accounts, language and API docs": lambda p: (
        p.key in VARIANTS and ":" not in p.key and not p.is_api or p.key in ("schema", "swagger-ui")
    ),
    "API signals and cases": lambda p: (
        p.is_api and p.key.startswith(("signal-", "case-", "person-", "known-elsewhere-", "api-root"))
    ),
    "API plans and notifications": lambda p: (
        p.is_api and p.key.startswith(("intervention-", "action-", "review-", "notification-"))
    ),
    "admin site": lambda p: p.is_admin,
}


def test_the_groups_hold_every_pattern_once():
    for pattern in url_patterns():
        groups = [name for name, member in GROUPS.items() if member(pattern)]
        assert len(groups) == 1, f"{pattern.key} is in {groups or 'no group'}"


# Known failures: key (a pattern's name) -> (why, what each of its problems says). A group with one xfails
# (strict) only while exactly these still fail, in that way, and nothing else does. None at the moment.
KNOWN = {}


def known_key(pattern):
    return f"{pattern.key} .json" if pattern.with_format else pattern.key


class KnownGap(Exception):
    """Raised when exactly a group's known failures still fail (the test's xfail)."""


# Who is asked for each variant: everyone for a pattern's first variant (on an API route, the permission
# matrix asks the whole cast already: here the extras and a sample); for its other variants whoever must
# see it and the outsider, who must not (or, where nobody gets a page, someone who takes part); for a
# format-suffix route, the admin site and the slow schema a sample.
EXTRAS_AND_SAMPLE = ("anonymous", "outsider", "participant", "lead_director", "multi", "ended", "admin")
SAMPLED = {"schema"}
LIST_SAMPLE = ("outsider", "participant", "manager", "multi")


def members_for(pattern, index, variant):
    if pattern.is_admin:
        return ("participant", "admin")
    if pattern.with_format:
        return ("participant", "outsider")
    if pattern.key in SAMPLED:
        return ("anonymous", "outsider", "admin")
    if index == 0:
        return EXTRAS_AND_SAMPLE if pattern.is_api else EVERYONE
    if not variant.ok:
        return ("participant",)
    if variant.ok == SIGNED_IN:
        return LIST_SAMPLE  # another filter or page of a list everyone has: one of each kind of reader
    return [who for who in EVERYONE if who in variant.ok or who == "outsider"]


def group_params():
    for name, member in GROUPS.items():
        known = sorted({known_key(p) for p in url_patterns() if member(p) and known_key(p) in KNOWN})
        marks = []
        if known:
            reason = "; ".join(f"{key}: {KNOWN[key][0]}" for key in known)
            marks.append(pytest.mark.xfail(strict=True, raises=KnownGap, reason=reason))
        yield pytest.param(name, id=name, marks=marks)


@pytest.mark.parametrize("group", group_params())
def test_every_page_renders_for_everyone(world, group):
    admin = admin_variants(world) if group == "admin site" else {}
    problems = {}
    for pattern in filter(GROUPS[group], url_patterns()):
        for index, variant in enumerate(variants_of(pattern, world, admin)):
            url = url_of(pattern, variant)
            for who in members_for(pattern, index, variant):
                response = client_for(world, who, raise_request_exception=False).get(url, **variant.headers)
                status = response.status_code
                if status >= 500:
                    problem = f"{url} as {who}: {status}"
                elif who in variant.ok and status != 200:
                    target = f" to {response.url}" if status in (301, 302) else ""
                    problem = f"{url} as {who}: {status}{target}, not 200"
                elif status == 200 and (secret := shown_secret(who, response)):
                    problem = f"{url} as {who} shows {secret!r}"
                else:
                    continue
                problems.setdefault(known_key(pattern), []).append(problem)
    unexpected = [
        f"{key} {problem}"
        for key, found in problems.items()
        for problem in found
        if key not in KNOWN or KNOWN[key][1] not in problem
    ]
    known_here = {known_key(p) for p in url_patterns() if GROUPS[group](p) and known_key(p) in KNOWN}
    fixed = [f"{key} renders now: take it out of KNOWN" for key in sorted(known_here - set(problems))]
    assert not unexpected + fixed, "\n".join(unexpected + fixed)
    if known_here:
        raise KnownGap("\n".join(f"{key}: {problems[key][0]}" for key in sorted(known_here)))


def shown_secret(who, response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode(errors="replace")
    return next((secret for secret in World.hidden_from(who) if secret in text), None)


def test_the_world_holds_every_variant(world):
    """What the pages above are asked to show: every variant the forms can create."""
    from cases.models import Case, CaseParticipant, Note
    from dashboards.models import Alert
    from notifications.models import Notification

    w = world
    assert [case.status for case in w.all_cases] == ["in_progress", "closed", "cancelled"]
    assert w.closed_case.closing_reason == "moved"
    assert {key: i.status for key, i in w.interventions.items()} == {
        "planned": "planned",
        "running": "running",
        "done": "done",
        "closed": "stopped",  # stopped by closing the case
    }
    assert w.interventions["closed"].ended_with_case == "moved"
    assert all(i.contributions.exists() for key, i in w.interventions.items() if key != "done")
    actions = w.actions
    assert actions["nobody"].assignee is None and actions["undated"].due_on is None
    assert actions["overdue"].is_overdue and actions["done"].is_done
    assert (actions["closed"].is_done, actions["closed"].ended_with_case) == (True, "moved")
    assert (actions["cancelled"].is_done, actions["cancelled"].ended_with_case) == (True, "cancelled")
    assert w.reviews["held"].held_at and not w.reviews["planned"].held_at
    assert set(Note.objects.filter(case=w.case).values_list("visibility", flat=True)) == {"all", "own"}
    assert w.participants["ended"].until < w.participants["ended"].since.today()
    assert not w.deactivated_org.is_active
    assert CaseParticipant.objects.active().filter(case=w.case, organisation=w.deactivated_org).exists()
    assert {m.organisation for m in w.users["multi"].memberships.all()} == {w.lead, w.ggz}
    assert {s.status for s in w.signals.values()} == {"new", "triaged", "linked", "referred", "closed"}
    assert {bool(s.postcode) for s in w.signals.values()} == {True, False}
    assert Case.objects.filter(signals__isnull=False).distinct().count() == 3
    assert Notification.objects.filter(user=w.users["participant"]).count() > 1
    assert Alert.objects.active().filter(neighbourhood=w.neighbourhood).count() == 2
