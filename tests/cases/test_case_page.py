"""The shared case page: one read-only page with everything participants need to know."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLogEntry, TimelineEntry
from interventions.models import CaseReview
from tests import factories as f

# The case page costs the same number of queries however long the case runs (on a first page; on the
# next ones the user, memberships and unread count come from the cache):
#  1 user (the session comes from the cache), 2 my memberships with their
#  organisations (need-to-know and the page header),
#  3 the case's active participants with their organisation and the case (with neighbourhood, lead
#  organisation, director) in one: they decide whether I may see it at all, in whose name I read it and
#  whether I may direct it, 4 insert into the access log, 5 unread notifications
#  for the page header, 6 open actions (with assignee, organisation), 7 notes (with
#  author, organisation), 8 attachments (with uploader, organisation), 9 timeline
#  (with actor, organisation), 10 interventions for the plan panel (with lead
#  organisation, owner; may I manage each, as a column), 11 case reviews for the plan panel,
#  12 persons (with their informing entries, and whether each is known elsewhere, as a column),
#  13 the legal bases per phase (with participant and organisation).
CASE_PAGE_QUERIES = 13
# Whoever directs the case costs one more: the organisations they may invite.
CASE_PAGE_QUERIES_FOR_DIRECTOR = CASE_PAGE_QUERIES + 1


def detail_url(case):
    return reverse("cases:detail", args=[case.pk])


def add_history(cast, n):
    """n more participants, notes, timeline entries, open actions, attachments, interventions and
    case reviews on the cast's case."""
    for i in range(n):
        organisation = f.OrganisationFactory()
        f.CaseParticipantFactory(case=cast.case, organisation=organisation)
        f.NoteFactory(case=cast.case, author=cast.participant, organisation=cast.case.lead_organisation)
        TimelineEntry.objects.create(
            case=cast.case,
            kind="note",
            code="note_added",
            data={"excerpt": f"Notitie {i}"},
            actor=cast.participant,
            organisation=organisation,
        )
        f.ActionFactory(case=cast.case, organisation=organisation)
        f.AttachmentFactory(case=cast.case, organisation=organisation)
        f.InterventionFactory(case=cast.case, lead_organisation=organisation)
        CaseReview.objects.create(case=cast.case, scheduled_for=timezone.now() + datetime.timedelta(days=i))


@pytest.mark.django_db
@pytest.mark.parametrize("extra_rows", [0, 30])
def test_case_page_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries, extra_rows):
    add_history(cast, extra_rows)
    client.force_login(cast.participant)
    with django_assert_num_queries(CASE_PAGE_QUERIES):
        response = client.get(detail_url(cast.case))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("extra_rows", [0, 30])
def test_case_page_for_the_case_director_costs_a_fixed_number_of_queries_too(
    client, cast, django_assert_num_queries, extra_rows
):
    add_history(cast, extra_rows)
    client.force_login(cast.case.case_director)
    with django_assert_num_queries(CASE_PAGE_QUERIES_FOR_DIRECTOR):
        response = client.get(detail_url(cast.case))
    assert response.status_code == 200
    assert response.context["can_direct"]


@pytest.mark.django_db
def test_participant_sees_the_case_header(client, cast):
    case = cast.case
    case.next_review_on = datetime.date(2026, 12, 3)
    case.save()
    client.force_login(cast.participant)
    content = client.get(detail_url(case)).content.decode()
    assert f"<h1>{case.title}</h1>" in content
    assert case.neighbourhood.name in content
    assert case.lead_organisation.name in content
    assert case.case_director.get_full_name() in content
    assert "3 dec. 2026" in content
    assert "Casusregisseur" in content  # Dutch labels


@pytest.mark.django_db
def test_participants_panel_lists_active_participants_with_their_legal_basis(client, cast):
    ended = f.CaseParticipantFactory(
        case=cast.case,
        organisation=f.OrganisationFactory(name="Vertrokken partner"),
        until=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(cast.participant)
    response = client.get(detail_url(cast.case))
    names = [p.organisation.name for p in response.context["participants"]]
    assert sorted(names) == sorted([cast.case.lead_organisation.name, "GGZ Oost"])
    content = response.content.decode()
    assert "Wet aanpak woonoverlast" in content
    assert ended.organisation.name not in content


@pytest.mark.django_db
def test_own_organisation_note_is_labelled_for_its_organisation(client, cast):
    cast.own_note.body = "Alleen voor GGZ: medicatie gestopt."
    cast.own_note.save()
    client.force_login(cast.note_author)
    content = client.get(detail_url(cast.case)).content.decode()
    assert "Alleen voor GGZ: medicatie gestopt." in content
    assert "Alleen zichtbaar voor GGZ Oost" in content
    assert cast.shared_note.body in content


@pytest.mark.django_db
def test_own_organisation_note_and_its_trace_are_hidden_from_other_participants(client, cast):
    cast.own_note.body = "Alleen voor GGZ: medicatie gestopt."
    cast.own_note.save()
    TimelineEntry.objects.create(
        case=cast.case,
        kind="note",
        code="note_added",
        data={"excerpt": "GGZ-notitie toegevoegd"},
        organisation_only=cast.own_note.organisation,
    )
    TimelineEntry.objects.create(case=cast.case, kind="case_opened", code="case_opened", data={"title": "Portiek"})
    client.force_login(cast.participant)
    content = client.get(detail_url(cast.case)).content.decode()
    assert "Alleen voor GGZ" not in content
    assert "GGZ-notitie toegevoegd" not in content
    assert "Casus geopend" in content


@pytest.mark.django_db
def test_open_actions_show_overdue_first_and_not_done_ones(client, cast):
    overdue = f.ActionFactory(
        case=cast.case,
        organisation=cast.case.lead_organisation,
        title="Sleutel ophalen",
        due_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    f.ActionFactory(case=cast.case, organisation=cast.case.lead_organisation, title="Klaar", done_at=timezone.now())
    client.force_login(cast.note_author)
    response = client.get(detail_url(cast.case))
    assert [action["pk"] for action in response.context["actions"]] == [overdue.pk, cast.action.pk]
    assert "Te laat" in response.content.decode()
    assert "Klaar" not in response.content.decode()


@pytest.mark.django_db
def test_opening_the_case_page_is_logged(client, cast):
    client.force_login(cast.note_author)
    client.get(detail_url(cast.case))
    entry = AccessLogEntry.objects.get()
    assert entry.case == cast.case
    assert entry.user == cast.note_author
    assert entry.user_name == cast.note_author.get_full_name()
    assert entry.on_behalf_of == ["GGZ Oost"]
    assert entry.channel == "page"
    assert entry.what == "case_page"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "manager"])
def test_non_participant_gets_404_and_nothing_is_logged(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(detail_url(cast.case)).status_code == 404
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db
def test_unknown_case_is_404_like_a_hidden_one(client, cast):
    client.force_login(cast.participant)
    assert client.get(reverse("cases:detail", args=[cast.case.pk + 1000])).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, cast):
    response = client.get(detail_url(cast.case))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not AccessLogEntry.objects.exists()
