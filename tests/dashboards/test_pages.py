"""The overview pages: who may see them, what they show, what they never show, and what they cost."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from tests import factories as f
from tests.dashboards.dashboard_world import (
    SECRET_DESCRIPTION,
    SECRET_NAME,
    SECRET_POSTCODE,
    SECRET_TITLE,
    add_bulk,
    build_world,
)


@pytest.fixture
def world(db):
    return build_world()


def pages(world):
    """Every dashboard page and every figure's CSV, for the world's manager."""
    district, buurt = world.district_a.code, world.n1.code
    return [
        reverse("dashboards:neighbourhoods"),
        *(reverse("dashboards:neighbourhoods_csv", args=[s]) for s in AREA_FIGURES),
        reverse("dashboards:district", args=[district]),
        *(reverse("dashboards:district_csv", args=[district, s]) for s in AREA_FIGURES),
        reverse("dashboards:neighbourhood", args=[buurt]),
        *(reverse("dashboards:neighbourhood_csv", args=[buurt, s]) for s in AREA_FIGURES),
        reverse("dashboards:partners"),
        *(reverse("dashboards:partners_csv", args=[s]) for s in ["partners", "gaps"]),
        reverse("dashboards:cases"),
        *(reverse("dashboards:cases_csv", args=[s]) for s in CASE_FIGURES),
    ]


AREA_FIGURES = ["signals-per-month", "open-cases-by-status", "areas"]
CASE_FIGURES = ["age-of-open-cases", "reviews", "closures-by-reason", "outcomes-by-kind", "outcomes-by-direction"]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


# Who may see the overview ------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_everywhere(client, world):
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.django_db
def test_a_professional_in_the_team_gets_403_everywhere(client, world):
    professional = f.UserFactory(username="pro", organisation=world.woon, role="professional")
    world.team.members.add(professional)
    client.force_login(professional)
    for url in pages(world):
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["manager", "case_director", "administrator"])
def test_roles_that_see_aggregates_get_every_page(client, world, role):
    viewer = f.UserFactory(username=f"viewer-{role}", organisation=world.ggz, role=role)
    world.team.members.add(viewer)
    client.force_login(viewer)
    for url in pages(world):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_manager_role_in_an_inactive_organisation_does_not_count(client, world):
    world.manager.memberships.update(organisation=f.OrganisationFactory(name="Opgeheven", is_active=False))
    client.force_login(world.manager)
    assert client.get(reverse("dashboards:neighbourhoods")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name,code",
    [
        ("district", "WK036303"),  # exists, but no team of mine covers it
        ("district", "WK999999"),  # does not exist
        ("neighbourhood", "BU03630301"),
        ("neighbourhood", "BU99999999"),
    ],
)
def test_a_district_or_neighbourhood_outside_my_teams_is_404(client, world, url_name, code):
    client.force_login(world.manager)
    assert client.get(reverse(f"dashboards:{url_name}", args=[code])).status_code == 404
    assert client.get(reverse(f"dashboards:{url_name}_csv", args=[code, "areas"])).status_code == 404


@pytest.mark.django_db
def test_an_unknown_figure_is_404(client, world):
    client.force_login(world.manager)
    assert client.get(reverse("dashboards:neighbourhoods_csv", args=["nonsense"])).status_code == 404
    assert client.get(reverse("dashboards:partners_csv", args=["areas"])).status_code == 404


@pytest.mark.django_db
def test_the_menu_shows_the_overview_only_to_roles_that_see_aggregates(english, world):
    english.force_login(world.manager)
    overview = f'href="{reverse("dashboards:neighbourhoods")}"'
    assert overview in english.get(reverse("cases:home")).content.decode()

    english.force_login(world.reporter)
    assert overview not in english.get(reverse("cases:home")).content.decode()


@pytest.mark.django_db
def test_a_manager_in_no_team_gets_an_explanation(english, world):
    world.team.members.remove(world.manager)
    english.force_login(world.manager)
    response = english.get(reverse("dashboards:neighbourhoods"))
    assert response.status_code == 200
    assert "Your teams cover no neighbourhoods" in response.content.decode()
    assert english.get(reverse("dashboards:cases")).status_code == 200
    assert english.get(reverse("dashboards:neighbourhoods_csv", args=["areas"])).status_code == 404


# What the pages show -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_overview_shows_key_figures_charts_tables_and_downloads(english, world):
    english.force_login(world.manager)
    content = english.get(reverse("dashboards:neighbourhoods")).content.decode()

    # Key figures (hand-computed in test_figures.py): 28 signals, 9.2 per 1,000 households, +14 (+200%), 8 open.
    for figure in ["28", "9.2", "+14", "+200%", "8"]:
        assert f">{figure}<" in content or f"({figure})" in content, figure
    # Charts are inline SVG with a title, and their numbers are in tables.
    assert content.count('role="img"') >= 3
    assert "<title id=" in content
    assert "<table" in content and "All categories" in content
    for slug in AREA_FIGURES:
        assert reverse("dashboards:neighbourhoods_csv", args=[slug]) in content
    # Drill-down links.
    assert reverse("dashboards:district", args=[world.district_a.code]) in content
    assert reverse("dashboards:neighbourhood", args=[world.n1.code]) in content
    assert reverse("dashboards:district", args=[world.district_c.code]) not in content
    # Small numbers are suppressed on the page as in the CSV.
    assert "&lt;5" in content
    # The early warnings panel.
    assert 'id="alerts"' in content


@pytest.mark.django_db
def test_the_neighbourhood_page_gives_the_cbs_context(english, world):
    english.force_login(world.manager)
    content = english.get(reverse("dashboards:neighbourhood", args=[world.n1.code])).content.decode()
    assert "SES-WOA score" in content and "-0.250" in content
    assert ">2,000<" in content and ">2019<" in content
    assert "Bron: CBS" in content
    assert world.district_a.name in content  # the breadcrumb back up


@pytest.mark.django_db
def test_suppressed_cells_are_the_same_on_the_page_and_in_the_csv(english, world):
    english.force_login(world.manager)
    page = english.get(reverse("dashboards:district", args=[world.district_b.code])).content.decode()
    download = english.get(reverse("dashboards:district_csv", args=[world.district_b.code, "areas"]))
    # District B: 2 signals and 2 open cases; every count and everything derived from them is "<5".
    assert "Wijk Bravo,<5,500,<5,<5,0,<5,<5,<5,," in download.content.decode("utf-8-sig")
    link = reverse("dashboards:neighbourhood", args=[world.n3.code])
    row = page[page.index(f'<a href="{link}">Buurt Drie</a>') :].split("</tr>")[0]
    assert row.count("&lt;5") == 6


# Need-to-know: no case details for cases the viewer's organisation is not part of ---------


SECRETS = [SECRET_TITLE, SECRET_POSTCODE, SECRET_NAME, SECRET_DESCRIPTION, "Javastraat"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_manager_whose_organisation_takes_part_in_nothing_sees_no_titles_addresses_or_names(client, world, language):
    client.cookies["django_language"] = language
    client.force_login(world.manager)
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode("utf-8-sig")
        for secret in SECRETS:
            assert secret not in content, (url, secret)
        assert reverse("cases:detail", args=[world.in_progress[0].pk]) not in content


@pytest.mark.django_db
def test_case_lists_show_only_cases_the_viewers_organisation_takes_part_in(english, world):
    bestuur = world.manager.memberships.get().organisation
    overdue, unreviewed = world.in_progress[0], world.reported[0]
    for case in (overdue, unreviewed):
        f.CaseParticipantFactory(case=case, organisation=bestuur)
    Case.objects.filter(pk=overdue.pk).update(title="Zichtbaar: review te laat")
    Case.objects.filter(pk=unreviewed.pk).update(title="Zichtbaar: geen review")
    english.force_login(world.manager)

    health = english.get(reverse("dashboards:cases")).content.decode()
    assert "Zichtbaar: review te laat" in health
    assert reverse("cases:detail", args=[overdue.pk]) in health
    assert SECRET_TITLE not in health  # the other four overdue cases are counted, not named

    partners = english.get(reverse("dashboards:partners")).content.decode()
    assert "Zichtbaar: geen review" in partners
    assert SECRET_TITLE not in partners
    assert "Zichtbaar: review te laat" not in partners  # it has an owned action and a review date

    for slug in CASE_FIGURES:
        assert "Zichtbaar" not in english.get(reverse("dashboards:cases_csv", args=[slug])).content.decode()


# Fast by construction ----------------------------------------------------------------------


def listed(world):
    """The manager's organisation takes part in a case with no action and no review date, and in one overdue for
    review: each case list shows a case (an empty one reads no rows, a query less)."""
    bestuur = world.manager.memberships.get().organisation
    for case in (world.reported[0], world.in_progress[0]):
        f.CaseParticipantFactory(case=case, organisation=bestuur)


def warm_up(client):
    """What the user's first page leaves in the cache: the user and their device (accounts/signed_in.py),
    their memberships and team neighbourhoods (partners/viewer.py)."""
    assert client.get(reverse("cases:home")).status_code == 200


# Every page costs the same number of queries however much data there is: none to know who is
# asking and what the header shows (the session, user and device, the viewer's memberships and
# neighbourhood ids, the unread count come from the cache after the first page: the tests warm
# them first), then the page's own queries.
# neighbourhoods with district and latest CBS figures, signals per month × category,
# signals per neighbourhood, open cases per status
AREA_QUERIES = 4
OVERVIEW_QUERIES = AREA_QUERIES + 1  # + the early warnings
# actions per organisation, medians, interventions led, contributions, organisations, open case counts,
# which of the viewer's cases have no owned action, which no review date, and those cases' rows. (Which cases
# a list holds is kept between visits, tests/dashboards/test_case_lists.py; not inside these tests' transaction,
# which has written.)
PARTNER_QUERIES = 9
# open case counts, closures by reason, interventions by kind/direction/outcome, which of the viewer's cases are
# overdue for review, and their rows
CASE_HEALTH_QUERIES = 5


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 12])
def test_every_page_costs_a_fixed_number_of_queries(client, world, django_assert_num_queries, extra, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0  # every page computes its figures (the next section is about keeping them)
    add_bulk(world, extra)
    listed(world)
    district, buurt = world.district_a.code, world.n1.code
    client.force_login(world.manager)
    warm_up(client)
    for url, queries in [
        (reverse("dashboards:neighbourhoods"), OVERVIEW_QUERIES),
        (reverse("dashboards:district", args=[district]), AREA_QUERIES),
        (reverse("dashboards:neighbourhood", args=[buurt]), AREA_QUERIES),
        (reverse("dashboards:partners"), PARTNER_QUERIES),
        (reverse("dashboards:cases"), CASE_HEALTH_QUERIES),
        # A CSV computes its page's figures and renders no header (nor the viewer's own case lists).
        (reverse("dashboards:neighbourhoods_csv", args=["areas"]), AREA_QUERIES),
        (reverse("dashboards:partners_csv", args=["partners"]), PARTNER_QUERIES - 3),
        (reverse("dashboards:cases_csv", args=["outcomes-by-kind"]), CASE_HEALTH_QUERIES - 2),
    ]:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_bulk_data_shows_up_in_the_figures(english, world):
    """The large dataset of the query-count test really is counted (so that test measures something)."""
    add_bulk(world, 12)
    english.force_login(world.manager)
    content = english.get(reverse("dashboards:neighbourhoods_csv", args=["areas"])).content.decode("utf-8-sig")
    assert "All your neighbourhoods,64," in content  # 28 + 12 × 3 signals
    assert content.count("Bulkwijk") == 12


# Figures kept for a few minutes ------------------------------------------------------------

# What a page still asks when its figures come from the cache: the queries above
# minus the grouped aggregates (3 per area page, 6 for partners, 3 for case health)
# and, on the overview, the neighbourhood rows (read only to compute the figures).
KEPT_QUERIES = {
    "neighbourhoods": OVERVIEW_QUERIES - 4,
    "partners": PARTNER_QUERIES - 6,
    "cases": CASE_HEALTH_QUERIES - 3,
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", KEPT_QUERIES)
def test_a_second_view_within_minutes_reuses_the_figures(client, world, django_assert_num_queries, page):
    listed(world)
    client.force_login(world.manager)
    url = reverse(f"dashboards:{page}")
    first = client.get(url)
    with django_assert_num_queries(KEPT_QUERIES[page]):
        second = client.get(url)
    assert second.context["figures_at"] == first.context["figures_at"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", KEPT_QUERIES)
def test_the_figures_are_rendered_once_per_computation_but_case_lists_every_time(client, world, page):
    client.force_login(world.manager)
    url = reverse(f"dashboards:{page}")
    first = [t.name for t in client.get(url).templates]
    second = [t.name for t in client.get(url).templates]
    assert "dashboards/_figure.html" in first
    assert "dashboards/_figure.html" not in second
    if page != "neighbourhoods":
        assert "dashboards/_case_list.html" in second


@pytest.mark.django_db
@pytest.mark.parametrize("page", KEPT_QUERIES)
def test_a_page_whose_fragments_are_kept_does_not_read_its_figures(client, world, page):
    """The figures stay pickled in the cache entry (dashboards/cache.py) when nothing on the page needs them."""
    client.force_login(world.manager)
    url = reverse(f"dashboards:{page}")
    assert "values" in client.get(url).context["figures"].__dict__  # computed (and rendered) now
    second = client.get(url)
    assert "values" not in second.context["figures"].__dict__
    assert second.content.decode().count('class="panel figure') >= 2  # the kept fragments are on the page


@pytest.mark.django_db
def test_the_csv_gives_the_same_figures_as_the_page_it_belongs_to(english, world):
    english.force_login(world.manager)
    page = english.get(reverse("dashboards:neighbourhoods"))
    f.SignalFactory(neighbourhood=world.n1)  # after the figures were computed
    csv = english.get(reverse("dashboards:neighbourhoods_csv", args=["areas"])).content.decode("utf-8-sig")
    assert f"All your neighbourhoods,{page.context['area'].key.signals.csv}," in csv


@pytest.mark.django_db
def test_figures_are_shared_by_the_same_neighbourhoods_but_case_lists_stay_per_viewer(english, world):
    bestuur = world.manager.memberships.get().organisation
    unreviewed = world.reported[0]
    f.CaseParticipantFactory(case=unreviewed, organisation=bestuur)
    Case.objects.filter(pk=unreviewed.pk).update(title="Zichtbaar: geen review")
    colleague = f.UserFactory(username="colleague", organisation=f.OrganisationFactory(name="Elders"), role="manager")
    world.team.members.add(colleague)
    url = reverse("dashboards:partners")

    english.force_login(world.manager)
    mine = english.get(url)
    assert "Zichtbaar: geen review" in mine.content.decode()

    english.force_login(colleague)
    theirs = english.get(url)
    assert theirs.context["figures_at"] == mine.context["figures_at"]  # the same figures ...
    assert "Zichtbaar: geen review" not in theirs.content.decode()  # ... but only their own case lists


@pytest.mark.django_db
def test_the_page_says_when_its_figures_were_computed(english, world):
    english.force_login(world.manager)
    response = english.get(reverse("dashboards:cases"))
    computed_at = timezone.localtime(response.context["figures_at"])
    assert f"Figures as of {computed_at:%H:%M}" in response.content.decode()


@pytest.mark.django_db
def test_no_keeping_when_the_cache_time_is_zero(english, world, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    english.force_login(world.manager)
    before = english.get(reverse("dashboards:neighbourhoods")).context["area"].key.signals.number
    f.SignalFactory(neighbourhood=world.n1)
    assert english.get(reverse("dashboards:neighbourhoods")).context["area"].key.signals.number == before + 1
