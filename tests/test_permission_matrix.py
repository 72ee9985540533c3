"""The need-to-know rule as a matrix: every URL and access helper × every member of the cast.

To cover a new page, add a row to PAGES; to cover a new access helper, add a row
to HELPERS. A cell says what that member of the cast gets:
  - a status code (200, 404, ...),
  - LOGIN / ADMIN_LOGIN: a redirect to that login page,
  - for helpers: OK (the object comes back), NOT_FOUND (Http404) or FORBIDDEN.
Cells left out of a row take the row's default ("*").
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cases.access import get_case_for_user, get_note_for_user, get_signal_for_user
from cases.models import CaseParticipant
from interventions.access import get_action_for_user, get_intervention_for_user
from interventions.models import CaseReview
from tests import factories as f

CAST = ["anonymous", "outsider", "participant", "note_author", "manager"]


@dataclass(frozen=True)
class RedirectTo:
    url_name: str


LOGIN = RedirectTo("login")
ADMIN_LOGIN = RedirectTo("admin:login")


@dataclass
class Page:
    name: str
    url: object  # cast -> path
    expected: dict
    known_gaps: dict = field(default_factory=dict)  # who -> why the cell does not hold yet

    def expectation(self, who):
        return self.expected.get(who, self.expected["*"])


PAGES = [
    Page("home", lambda cast: reverse("cases:home"), {"anonymous": LOGIN, "*": 200}),
    Page(
        "case detail",
        lambda cast: reverse("cases:detail", args=[cast.case.pk]),
        {"anonymous": LOGIN, "participant": 200, "note_author": 200, "*": 404},
    ),
    Page(
        "case detail, unknown case",
        lambda cast: reverse("cases:detail", args=[cast.case.pk + 1000]),
        {"anonymous": LOGIN, "*": 404},
    ),
    Page("notifications", lambda cast: reverse("notifications:list"), {"anonymous": LOGIN, "*": 200}),
    Page("notification preferences", lambda cast: reverse("notifications:preferences"), {"anonymous": LOGIN, "*": 200}),
    Page("my actions", lambda cast: reverse("interventions:mine"), {"anonymous": LOGIN, "*": 200}),
    Page("organisation actions", lambda cast: reverse("interventions:organisation"), {"anonymous": LOGIN, "*": 200}),
    Page(
        "complete action",
        lambda cast: reverse("interventions:complete", args=[cast.action.pk]),
        {"anonymous": LOGIN, "participant": 200, "note_author": 403, "*": 404},
    ),
    Page("api intervention list", lambda cast: "/api/interventions/", {"anonymous": 403, "*": 200}),
    Page("api action list", lambda cast: "/api/actions/", {"anonymous": 403, "*": 200}),
    Page("api review list", lambda cast: "/api/reviews/", {"anonymous": 403, "*": 200}),
    Page("api notification list", lambda cast: "/api/notifications/", {"anonymous": 403, "*": 200}),
    Page(
        "api intervention",
        lambda cast: f"/api/interventions/{cast.intervention.pk}/",
        {"anonymous": 403, "participant": 200, "note_author": 200, "*": 404},
    ),
    Page(
        "api action",
        lambda cast: f"/api/actions/{cast.action.pk}/",
        {"anonymous": 403, "participant": 200, "note_author": 200, "*": 404},
    ),
    # Signals (issue 3): reporting organisation and covering teams see a signal.
    Page("signal list", lambda cast: reverse("cases:signal_list"), {"anonymous": LOGIN, "*": 200}),
    Page("log a signal", lambda cast: reverse("cases:signal_new"), {"anonymous": LOGIN, "*": 200}),
    Page(
        "neighbourhood search",
        lambda cast: reverse("cases:signal_neighbourhood_search") + "?neighbourhood=Buurt",
        {"anonymous": LOGIN, "*": 200},
    ),
    Page(
        "address repeats",
        lambda cast: reverse("cases:signal_repeats") + "?postcode=1094AB&house_number=12",
        {"anonymous": LOGIN, "*": 200},
    ),
    Page(
        "signal detail",
        lambda cast: reverse("cases:signal_detail", args=[cast.signal.pk]),
        {"anonymous": LOGIN, "participant": 200, "manager": 200, "*": 404},
    ),
    Page(
        "signal detail, unknown signal",
        lambda cast: reverse("cases:signal_detail", args=[cast.signal.pk + 1000]),
        {"anonymous": LOGIN, "*": 404},
    ),
    # Nobody in the cast may direct cases.
    Page(
        "create case from signal",
        lambda cast: reverse("cases:signal_create_case") + f"?signals={cast.signal.pk}",
        {"anonymous": LOGIN, "*": 403},
    ),
    # The triage verbs are POST only (tests/cases/test_signal_pages.py covers the POSTs).
    *[
        Page(
            f"signal {verb} (GET)",
            lambda cast, verb=verb: reverse(f"cases:signal_{verb}", args=[cast.signal.pk]),
            {"*": 405},
        )
        for verb in ["triage", "link", "refer", "close"]
    ],
    # The case page's forms (issue 3).
    Page(
        "case note composer (POST only)",
        lambda cast: reverse("cases:add_note", args=[cast.case.pk]),
        {"anonymous": LOGIN, "participant": 405, "note_author": 405, "*": 404},
    ),
    Page(
        "case attachment upload (POST only)",
        lambda cast: reverse("cases:add_attachment", args=[cast.case.pk]),
        {"anonymous": LOGIN, "participant": 405, "note_author": 405, "*": 404},
    ),
    Page(
        "case attachment download",
        lambda cast: reverse("cases:attachment", args=[cast.case.pk, f.AttachmentFactory(case=cast.case).pk]),
        {"anonymous": LOGIN, "participant": 200, "note_author": 200, "*": 404},
    ),
    *[
        Page(
            f"case {name}",
            lambda cast, name=name, args=args: reverse(f"cases:{name}", args=[cast.case.pk, *args(cast)]),
            {"anonymous": LOGIN, "participant": 403, "note_author": 403, "*": 404},
        )
        for name, args in [
            ("change_status", lambda cast: ["monitoring"]),
            ("invite", lambda cast: []),
            (
                "end_participation",
                lambda cast: [CaseParticipant.objects.get(case=cast.case, organisation__name="GGZ Oost").pk],
            ),
            ("access_log", lambda cast: []),
            ("edit", lambda cast: []),
        ]
    ],
    # The plan of approach (issue 4).
    Page(
        "add intervention",
        lambda cast: reverse("interventions:add_intervention", args=[cast.case.pk]),
        {"anonymous": LOGIN, "participant": 403, "note_author": 403, "*": 404},
    ),
    Page(
        "intervention",
        lambda cast: reverse("interventions:intervention", args=[cast.case.pk, cast.intervention.pk]),
        {"anonymous": LOGIN, "participant": 200, "note_author": 200, "*": 404},
    ),
    Page(
        "intervention under another case",
        lambda cast: reverse("interventions:intervention", args=[cast.case.pk + 1000, cast.intervention.pk]),
        {"anonymous": LOGIN, "*": 404},
    ),
    Page(
        "intervention progress (POST only)",
        lambda cast: reverse("interventions:add_progress", args=[cast.case.pk, cast.intervention.pk]),
        {"anonymous": LOGIN, "participant": 405, "note_author": 403, "*": 404},
    ),
    Page(
        "start intervention (POST only)",
        lambda cast: reverse("interventions:start", args=[cast.case.pk, cast.intervention.pk]),
        {"anonymous": LOGIN, "participant": 405, "note_author": 403, "*": 404},
    ),
    *[
        Page(
            f"{verb} intervention",
            lambda cast, verb=verb: reverse(f"interventions:{verb}", args=[cast.case.pk, cast.intervention.pk]),
            {"anonymous": LOGIN, "participant": 200, "note_author": 403, "*": 404},
        )
        for verb in ["finish", "stop"]
    ],
    Page(
        "add action",
        lambda cast: reverse("interventions:add_action", args=[cast.case.pk]),
        {"anonymous": LOGIN, "participant": 200, "note_author": 200, "*": 404},
    ),
    Page(
        "schedule case review",
        lambda cast: reverse("interventions:schedule_review", args=[cast.case.pk]),
        {"anonymous": LOGIN, "participant": 403, "note_author": 403, "*": 404},
    ),
    Page(
        "case review",
        lambda cast: reverse(
            "interventions:review",
            args=[cast.case.pk, CaseReview.objects.create(case=cast.case, scheduled_for=timezone.now()).pk],
        ),
        {"anonymous": LOGIN, "participant": 200, "note_author": 200, "*": 404},
    ),
    # Managers' dashboards (issue 5): figures for their teams' neighbourhoods; role checked before scope.
    Page("overview", lambda cast: reverse("dashboards:neighbourhoods"), {"anonymous": LOGIN, "manager": 200, "*": 403}),
    Page(
        "overview csv",
        lambda cast: reverse("dashboards:neighbourhoods_csv", args=["areas"]),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page(
        "overview csv, unknown figure",
        lambda cast: reverse("dashboards:neighbourhoods_csv", args=["nonsense"]),
        {"anonymous": LOGIN, "manager": 404, "*": 403},
    ),
    Page(
        "overview district",
        lambda cast: reverse("dashboards:district", args=[cast.case.neighbourhood.district.code]),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page(
        "overview district csv",
        lambda cast: reverse(
            "dashboards:district_csv", args=[cast.case.neighbourhood.district.code, "signals-per-month"]
        ),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page(
        "overview district, not mine",
        lambda cast: reverse("dashboards:district", args=["WK999999"]),
        {"anonymous": LOGIN, "manager": 404, "*": 403},
    ),
    Page(
        "overview neighbourhood",
        lambda cast: reverse("dashboards:neighbourhood", args=[cast.case.neighbourhood.code]),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page(
        "overview neighbourhood csv",
        lambda cast: reverse(
            "dashboards:neighbourhood_csv", args=[cast.case.neighbourhood.code, "open-cases-by-status"]
        ),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page(
        "overview neighbourhood, not mine",
        lambda cast: reverse("dashboards:neighbourhood", args=["BU99999999"]),
        {"anonymous": LOGIN, "manager": 404, "*": 403},
    ),
    Page(
        "overview partners", lambda cast: reverse("dashboards:partners"), {"anonymous": LOGIN, "manager": 200, "*": 403}
    ),
    Page(
        "overview partners csv",
        lambda cast: reverse("dashboards:partners_csv", args=["gaps"]),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page(
        "overview case health", lambda cast: reverse("dashboards:cases"), {"anonymous": LOGIN, "manager": 200, "*": 403}
    ),
    Page(
        "overview case health csv",
        lambda cast: reverse("dashboards:cases_csv", args=["outcomes-by-kind"]),
        {"anonymous": LOGIN, "manager": 200, "*": 403},
    ),
    Page("login", lambda cast: reverse("login"), {"*": 200}),
    Page("password reset", lambda cast: reverse("password_reset"), {"*": 200}),
    Page("admin index", lambda cast: reverse("admin:index"), {"*": ADMIN_LOGIN}),
    Page(
        "api schema",
        lambda cast: reverse("schema"),
        {"anonymous": 403, "*": 200},
    ),
    Page("api docs", lambda cast: reverse("swagger-ui"), {"anonymous": 403, "*": 200}),
    # API: anonymous is refused (403: session auth has no challenge header), outsiders get 404.
    Page("api signal list", lambda cast: "/api/signals/", {"anonymous": 403, "*": 200}),
    Page(
        "api signal",
        lambda cast: f"/api/signals/{cast.signal.pk}/",
        {"anonymous": 403, "outsider": 404, "note_author": 404, "*": 200},
    ),
    Page("api case list", lambda cast: "/api/cases/", {"anonymous": 403, "*": 200}),
    *[
        Page(
            f"api case {part or 'detail'}",
            lambda cast, part=part: f"/api/cases/{cast.case.pk}/{part}",
            {"anonymous": 403, "participant": 200, "note_author": 200, "*": 404},
        )
        for part in ["", "notes/", "participants/", "timeline/", "attachments/"]
    ],
]


def page_cells():
    for page in PAGES:
        for who in CAST:
            marks = []
            if who in page.known_gaps:
                marks.append(pytest.mark.xfail(reason=page.known_gaps[who], strict=True))
            yield pytest.param(page, who, marks=marks, id=f"{page.name}-{who}")


def log_in(client, cast, who):
    if who != "anonymous":
        client.force_login(getattr(cast, who))


@pytest.mark.django_db
@pytest.mark.parametrize("page,who", page_cells())
def test_page_matrix(client, cast, page, who):
    log_in(client, cast, who)
    url = page.url(cast)
    response = client.get(url)
    expected = page.expectation(who)
    if isinstance(expected, RedirectTo):
        assert response.status_code == 302, f"{page.name} as {who}: {response.status_code}"
        assert response.url.startswith(reverse(expected.url_name)), response.url
    else:
        assert response.status_code == expected, f"{page.name} as {who}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,sees_own_note", [("note_author", True), ("participant", False)], ids=["note_author", "participant"]
)
def test_own_organisation_note_text_on_case_page(client, cast, who, sees_own_note):
    cast.own_note.body = "Vertrouwelijk: alleen GGZ Oost weet dit."
    cast.own_note.save()
    log_in(client, cast, who)
    content = client.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert (cast.own_note.body in content) is sees_own_note
    assert cast.shared_note.body in content


OK, NOT_FOUND, FORBIDDEN = "ok", "404", "403"


@dataclass
class Helper:
    name: str
    call: object  # (user, cast) -> object
    target: str  # the cast attribute the helper should return
    expected: dict

    def expectation(self, who):
        return self.expected.get(who, self.expected["*"])


HELPERS = [
    Helper(
        "get_case_for_user",
        lambda user, cast: get_case_for_user(user, cast.case.pk).case,
        "case",
        {"participant": OK, "note_author": OK, "*": NOT_FOUND},
    ),
    Helper(
        "get_case_for_user(direct=True)",
        lambda user, cast: get_case_for_user(user, cast.case.pk, direct=True).case,
        "case",
        {"participant": FORBIDDEN, "note_author": FORBIDDEN, "*": NOT_FOUND},
    ),
    Helper(
        "get_note_for_user, shared note",
        lambda user, cast: get_note_for_user(user, cast.shared_note.pk),
        "shared_note",
        {"participant": OK, "note_author": OK, "*": NOT_FOUND},
    ),
    Helper(
        "get_note_for_user, own-organisation note",
        lambda user, cast: get_note_for_user(user, cast.own_note.pk),
        "own_note",
        {"note_author": OK, "*": NOT_FOUND},
    ),
    Helper(
        "get_signal_for_user",
        lambda user, cast: get_signal_for_user(user, cast.signal.pk),
        "signal",
        # The reporting organisation (participant) and the team covering the neighbourhood (manager).
        {"participant": OK, "manager": OK, "*": NOT_FOUND},
    ),
    Helper(
        "get_intervention_for_user",
        lambda user, cast: get_intervention_for_user(user, cast.intervention.pk),
        "intervention",
        {"participant": OK, "note_author": OK, "*": NOT_FOUND},
    ),
    Helper(
        "get_action_for_user",
        lambda user, cast: get_action_for_user(user, cast.action.pk),
        "action",
        {"participant": OK, "note_author": OK, "*": NOT_FOUND},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "helper,who",
    [pytest.param(helper, who, id=f"{helper.name}-{who}") for helper in HELPERS for who in CAST],
)
def test_helper_matrix(cast, helper, who):
    user = AnonymousUser() if who == "anonymous" else getattr(cast, who)
    expected = helper.expectation(who)
    if expected == OK:
        assert helper.call(user, cast) == getattr(cast, helper.target)
    else:
        with pytest.raises(Http404 if expected == NOT_FOUND else PermissionDenied):
            helper.call(user, cast)
