"""The plan of approach as pages: interventions, actions and case reviews on a case.

Driven through HTTP like a user would; the pages call the same verbs as the API.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AccessLogEntry, TimelineEntry
from interventions.models import Action, CaseReview, Contribution, Intervention, ProgressUpdate
from partners.models import Organisation
from tests import factories as f

TODAY = timezone.localdate()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def english(client, user):
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def director(client, cast):
    return english(client, cast.case.case_director)


@pytest.fixture
def participant(client, cast):
    return english(client, cast.participant)


@pytest.fixture
def ggz(cast):
    return Organisation.objects.get(name="GGZ Oost")


def add_url(cast):
    return reverse("interventions:add_intervention", args=[cast.case.pk])


def intervention_url(intervention, name="interventions:intervention"):
    return reverse(name, args=[intervention.case_id, intervention.pk])


def intervention_form(cast, ggz, **overrides):
    lead = cast.case.lead_organisation
    return {
        "kind": "debt_help",
        "solution_direction": "care_and_support",
        "goal": "Huurachterstand onder controle",
        "lead_organisation": lead.pk,
        "owner": cast.participant.pk,
        "start_on": day(0),
        "due_on": day(30),
        f"contribution_{ggz.pk}": "Budgetcoach twee keer per week",
        **overrides,
    }


# Interventions -------------------------------------------------------------------------------


def test_case_director_adds_an_intervention_with_a_contributor_and_it_shows_on_the_timeline(director, cast, ggz):
    response = director.get(add_url(cast))
    assert response.status_code == 200
    assert "GGZ Oost" in response.content.decode()  # a contribution row per participating organisation

    response = director.post(add_url(cast), intervention_form(cast, ggz))

    intervention = Intervention.objects.get(kind="debt_help")
    assert response.status_code == 302 and response.url == intervention_url(intervention)
    assert intervention.owner == cast.participant and intervention.due_on == TODAY + datetime.timedelta(days=30)
    assert [(c.organisation, c.contribution) for c in intervention.contributions.all()] == [
        (ggz, "Budgetcoach twee keer per week")
    ]
    assert cast.case.timeline.filter(kind="intervention", data__intervention_id=intervention.pk).exists()
    page = director.get(intervention_url(intervention)).content.decode()
    assert "Budgetcoach twee keer per week" in page and "Huurachterstand onder controle" in page
    case_page = director.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    assert "Debt help" in case_page and "Intervention planned: debt help" in case_page


def test_participant_who_does_not_direct_gets_403_on_adding_an_intervention(participant, cast, ggz):
    assert participant.get(add_url(cast)).status_code == 403
    assert participant.post(add_url(cast), intervention_form(cast, ggz)).status_code == 403
    assert not Intervention.objects.filter(kind="debt_help").exists()


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("interventions:add_intervention", args=[c.case.pk]),
        lambda c: intervention_url(c.intervention),
        lambda c: intervention_url(c.intervention, "interventions:finish"),
        lambda c: intervention_url(c.intervention, "interventions:stop"),
        lambda c: reverse("interventions:add_action", args=[c.case.pk]),
        lambda c: reverse("interventions:schedule_review", args=[c.case.pk]),
        lambda c: reverse(
            "interventions:review",
            args=[c.case.pk, CaseReview.objects.create(case=c.case, scheduled_for=timezone.now()).pk],
        ),
    ],
)
def test_outsider_gets_404_on_every_plan_page(client, cast, url):
    client.force_login(cast.outsider)
    assert client.get(url(cast)).status_code == 404
    assert client.post(url(cast), {}).status_code == 404


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"goal": "  "}, "An intervention needs a goal."),
        ({"due_on": day(-1)}, "The due date cannot be before the start date."),
        ({"kind": ""}, "Choose the kind of intervention."),
        ({"contribution_LEAD": "Ook iets"}, "The lead organisation leads the intervention"),
    ],
)
def test_bad_intervention_input_is_shown_again_with_a_message_and_nothing_is_saved(
    director, cast, ggz, overrides, message
):
    data = intervention_form(cast, ggz, **overrides)
    if "contribution_LEAD" in data:
        data[f"contribution_{cast.case.lead_organisation.pk}"] = data.pop("contribution_LEAD")
    before = TimelineEntry.objects.count()

    response = director.post(add_url(cast), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Budgetcoach twee keer per week" in content  # what was typed is still there
    assert not Intervention.objects.filter(kind="debt_help").exists()
    assert TimelineEntry.objects.count() == before


def test_a_lead_organisation_that_does_not_take_part_is_refused(director, cast, ggz):
    """A hand-made POST: the page only offers participating organisations."""
    elsewhere = f.OrganisationFactory(name="Elders BV")
    stranger = f.UserFactory(organisation=elsewhere)
    response = director.post(
        add_url(cast), intervention_form(cast, ggz, lead_organisation=elsewhere.pk, owner=stranger.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["lead_organisation"]
    assert "Select a valid choice" in response.content.decode()
    assert not Intervention.objects.filter(kind="debt_help").exists()


def test_an_owner_outside_the_lead_organisation_is_not_offered_and_refused(director, cast, ggz):
    response = director.post(add_url(cast), intervention_form(cast, ggz, owner=cast.note_author.pk))
    assert response.status_code == 200
    assert "Choose someone of the lead organisation." in response.content.decode()
    assert not Intervention.objects.filter(kind="debt_help").exists()
    assert not Contribution.objects.exists()


def test_participants_see_the_intervention_page_and_only_its_managers_get_the_buttons(client, cast):
    english(client, cast.note_author)
    response = client.get(intervention_url(cast.intervention))
    assert response.status_code == 200
    assert not response.context["can_manage"]
    assert intervention_url(cast.intervention, "interventions:finish") not in response.content.decode()

    english(client, cast.participant)  # the owner
    response = client.get(intervention_url(cast.intervention))
    assert response.context["can_manage"]
    assert intervention_url(cast.intervention, "interventions:finish") in response.content.decode()


def test_an_intervention_of_another_case_is_404_under_this_case(participant, cast):
    other_case = f.CaseFactory()
    f.CaseParticipantFactory(case=other_case, organisation=cast.case.lead_organisation)
    url = reverse("interventions:intervention", args=[other_case.pk, cast.intervention.pk])
    assert participant.get(url).status_code == 404


def test_owner_adds_progress_and_an_empty_update_is_refused(participant, cast):
    url = intervention_url(cast.intervention, "interventions:add_progress")
    response = participant.post(url, {"body": "   "})
    assert response.status_code == 200
    assert "A progress update cannot be empty." in response.content.decode()
    assert not ProgressUpdate.objects.exists()

    response = participant.post(url, {"body": "Eerste gesprek gevoerd"})
    assert response.status_code == 302
    assert "Eerste gesprek gevoerd" in participant.get(intervention_url(cast.intervention)).content.decode()
    assert participant.get(url).status_code == 405


def test_another_participating_organisation_may_look_but_not_change_the_intervention(client, cast):
    english(client, cast.note_author)
    for name in ["interventions:start", "interventions:finish", "interventions:stop", "interventions:add_progress"]:
        assert client.post(intervention_url(cast.intervention, name), {"body": "x"}).status_code == 403
    assert client.get(intervention_url(cast.intervention, "interventions:finish")).status_code == 403
    assert Intervention.objects.get(pk=cast.intervention.pk).status == "planned"


def test_start_then_finish_with_a_required_outcome_and_evaluation(participant, cast):
    intervention = cast.intervention
    assert participant.post(intervention_url(intervention, "interventions:start")).status_code == 302
    assert Intervention.objects.get(pk=intervention.pk).status == "running"

    finish = intervention_url(intervention, "interventions:finish")
    assert participant.get(finish).status_code == 200
    response = participant.post(finish, {"outcome": "", "evaluation": "Bewoner accepteert hulp"})
    assert response.status_code == 200
    assert "Choose the outcome of the intervention." in response.content.decode()
    assert "Bewoner accepteert hulp" in response.content.decode()
    response = participant.post(finish, {"outcome": "effective", "evaluation": ""})
    assert "Write a short evaluation of the intervention." in response.content.decode()
    assert Intervention.objects.get(pk=intervention.pk).status == "running"

    response = participant.post(finish, {"outcome": "effective", "evaluation": "Bewoner accepteert hulp"})
    assert response.status_code == 302
    done = Intervention.objects.get(pk=intervention.pk)
    assert (done.status, done.outcome, done.evaluation) == ("done", "effective", "Bewoner accepteert hulp")
    assert cast.case.timeline.filter(data__status="done").exists()

    # A stale confirmation page changes nothing more.
    response = participant.post(
        intervention_url(intervention, "interventions:stop"), {"evaluation": "Toch niet"}, follow=True
    )
    assert "This intervention has already ended" in response.content.decode()
    assert Intervention.objects.get(pk=intervention.pk).status == "done"


def test_stopping_needs_a_reason(director, cast):
    stop = intervention_url(cast.intervention, "interventions:stop")
    response = director.post(stop, {"evaluation": ""})
    assert response.status_code == 200
    assert "Say why the intervention stops." in response.content.decode()
    assert Intervention.objects.get(pk=cast.intervention.pk).status == "planned"

    assert director.post(stop, {"evaluation": "Bewoner verhuisd"}).status_code == 302
    stopped = Intervention.objects.get(pk=cast.intervention.pk)
    assert (stopped.status, stopped.evaluation) == ("stopped", "Bewoner verhuisd")


def add_progress_contributions_and_actions(cast, n):
    for i in range(n):
        organisation = f.OrganisationFactory()
        f.CaseParticipantFactory(case=cast.case, organisation=organisation)
        Contribution.objects.create(intervention=cast.intervention, organisation=organisation, contribution=f"Iets {i}")
        ProgressUpdate.objects.create(intervention=cast.intervention, author=cast.participant, body=f"Stap {i}")
        f.ActionFactory(case=cast.case, intervention=cast.intervention, organisation=organisation)


# The intervention page costs the same however much happened:
#  1 user (the session comes from the cache), 2 my memberships with their
#  organisations (read once per request: need-to-know, "may I manage it" and the
#  page header), 3 the intervention (with case, lead organisation, owner),
#  4 the case's active participants (the CaseAccess: on whose behalf, do I direct) and 5 the
#  access-log entry (need-to-know: who read the case),
#  6 actions of the intervention (with assignee, organisation; may I tick each off, as a column),
#  7 contributions (with organisation), 8 progress updates (with author),
#  9 unread notifications for the page header.
INTERVENTION_PAGE_QUERIES = 9


@pytest.mark.parametrize("extra_rows", [0, 25])
def test_intervention_page_costs_a_fixed_number_of_queries(client, cast, django_assert_num_queries, extra_rows):
    add_progress_contributions_and_actions(cast, extra_rows)
    client.force_login(cast.case.case_director)  # not the owner: the manage check is a query
    with django_assert_num_queries(INTERVENTION_PAGE_QUERIES):
        response = client.get(intervention_url(cast.intervention))
    assert response.status_code == 200
    assert len(response.context["progress_updates"]) == extra_rows


# Actions -------------------------------------------------------------------------------------


def action_url(cast):
    return reverse("interventions:add_action", args=[cast.case.pk])


def test_case_director_gives_another_organisation_an_action(director, cast, ggz):
    response = director.post(
        action_url(cast),
        {
            "title": "Huisbezoek plannen",
            "organisation": ggz.pk,
            "assignee": cast.note_author.pk,
            "due_on": day(7),
            "intervention": cast.intervention.pk,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[cast.case.pk]) + "#open-actions"
    action = Action.objects.get(title="Huisbezoek plannen")
    assert (action.organisation, action.assignee, action.intervention) == (ggz, cast.note_author, cast.intervention)


def test_an_assignee_outside_the_chosen_organisation_is_refused_and_nothing_saved(director, cast, ggz):
    before = TimelineEntry.objects.count()
    response = director.post(
        action_url(cast), {"title": "Huisbezoek plannen", "organisation": ggz.pk, "assignee": cast.participant.pk}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choose someone of the chosen organisation" in content
    assert 'value="Huisbezoek plannen"' in content
    assert not Action.objects.filter(title="Huisbezoek plannen").exists()
    assert TimelineEntry.objects.count() == before


def test_a_participant_who_does_not_direct_adds_actions_only_for_their_own_organisation(participant, cast, ggz):
    response = participant.get(action_url(cast))
    offered = [value for value, _label in response.context["form"].fields["organisation"].choices if value]
    assert offered == [cast.case.lead_organisation.pk]
    people = [label for label, _group in response.context["form"].fields["assignee"].choices if label]
    assert people == [cast.case.lead_organisation.name]  # only their own organisation's people

    response = participant.post(action_url(cast), {"title": "Voor de GGZ", "organisation": ggz.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    assert not Action.objects.filter(title="Voor de GGZ").exists()

    response = participant.post(
        action_url(cast), {"title": "Zelf bellen", "organisation": cast.case.lead_organisation.pk}
    )
    assert response.status_code == 302
    assert Action.objects.get(title="Zelf bellen").assignee is None


def test_the_case_page_offers_mark_done_with_a_way_back_to_the_case(participant, cast, ggz):
    theirs = f.ActionFactory(case=cast.case, organisation=ggz, assignee=cast.note_author, title="Van de GGZ")
    content = participant.get(reverse("cases:detail", args=[cast.case.pk])).content.decode()
    back = f"?next=%2Fcasussen%2F{cast.case.pk}%2F%23open-actions"
    assert reverse("interventions:complete", args=[cast.action.pk]) + back in content
    assert reverse("interventions:complete", args=[theirs.pk]) not in content  # not mine to tick off


# Case reviews --------------------------------------------------------------------------------


def review_url(review):
    return reverse("interventions:review", args=[review.case_id, review.pk])


@pytest.fixture
def review(cast):
    return CaseReview.objects.create(
        case=cast.case, scheduled_for=timezone.now() + datetime.timedelta(days=2), created_by=cast.case.case_director
    )


def test_case_director_schedules_a_review_with_attendees(director, cast):
    when = timezone.localtime() + datetime.timedelta(days=3)
    response = director.post(
        reverse("interventions:schedule_review", args=[cast.case.pk]),
        {"scheduled_for": when.strftime("%Y-%m-%dT%H:%M"), "attendees": [cast.participant.pk, cast.note_author.pk]},
    )
    review = CaseReview.objects.get(case=cast.case)
    assert response.status_code == 302 and response.url == review_url(review)
    assert set(review.attendees.all()) == {cast.participant, cast.note_author}
    cast.case.refresh_from_db()
    assert cast.case.next_review_on == when.date()


def test_a_review_in_the_past_is_refused(director, cast):
    response = director.post(
        reverse("interventions:schedule_review", args=[cast.case.pk]), {"scheduled_for": "2020-01-01T10:00"}
    )
    assert response.status_code == 200
    assert "A review cannot be planned in the past." in response.content.decode()
    assert not CaseReview.objects.exists()


def test_participant_who_does_not_direct_cannot_schedule_a_review(participant, cast):
    assert participant.get(reverse("interventions:schedule_review", args=[cast.case.pk])).status_code == 403


def test_the_review_page_shows_the_agenda_with_an_overdue_action(client, cast, review):
    f.ActionFactory(
        case=cast.case, organisation=cast.case.lead_organisation, title="Te laat: buren bellen", due_on=TODAY
    )
    f.SignalFactory(case=cast.case, description="Weer harde muziek", reporting_organisation=cast.case.lead_organisation)
    english(client, cast.note_author)
    response = client.get(review_url(review))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Te laat: buren bellen" in content
    assert "Weer harde muziek" in content
    assert response.context["form"] is None  # participants read; the case director records


def test_participant_who_does_not_direct_cannot_record_minutes(participant, review):
    assert participant.post(review_url(review), {"minutes": "x"}).status_code == 403


def test_a_review_of_another_case_is_404_under_this_case(participant, cast, review):
    other_case = f.CaseFactory()
    f.CaseParticipantFactory(case=other_case, organisation=cast.case.lead_organisation)
    assert participant.get(reverse("interventions:review", args=[other_case.pk, review.pk])).status_code == 404


def minutes_form(cast, ggz, rows, **overrides):
    data = {
        "decisions-TOTAL_FORMS": "5",
        "decisions-INITIAL_FORMS": "0",
        "decisions-MIN_NUM_FORMS": "0",
        "decisions-MAX_NUM_FORMS": "5",
        "minutes": "Besproken: de overlast neemt af.",
        "next_review_on": day(28),
        "held_early": "on",  # the fixture's review is planned ahead
        **overrides,
    }
    for i, row in enumerate(rows):
        data.update({f"decisions-{i}-{name}": value for name, value in row.items()})
    return data


def test_recording_minutes_turns_two_decisions_into_actions_and_sets_the_next_review(director, cast, ggz, review):
    rows = [
        {"title": "Budgetcoach inzetten", "organisation": ggz.pk, "assignee": cast.note_author.pk, "due_on": day(14)},
        {},  # left empty: ignored
        {"title": "Brief aan bewoner", "organisation": cast.case.lead_organisation.pk},
    ]
    response = director.post(review_url(review), minutes_form(cast, ggz, rows))

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.held_at and review.minutes == "Besproken: de overlast neemt af."
    created = Action.objects.filter(title__in=["Budgetcoach inzetten", "Brief aan bewoner"])
    assert created.count() == 2
    assert created.get(title="Budgetcoach inzetten").assignee == cast.note_author
    cast.case.refresh_from_db()
    assert cast.case.next_review_on == TODAY + datetime.timedelta(days=28)
    page = director.get(review_url(review))
    assert page.context["form"] is None and "Besproken: de overlast neemt af." in page.content.decode()

    # A second submit (double click, stale tab) adds nothing.
    director.post(review_url(review), minutes_form(cast, ggz, rows))
    assert Action.objects.filter(title__in=["Budgetcoach inzetten", "Brief aan bewoner"]).count() == 2


def test_a_bad_decision_row_saves_nothing_and_shows_everything_typed_again(director, cast, ggz, review):
    rows = [
        {"title": "Budgetcoach inzetten", "organisation": ggz.pk},
        {"title": "Brief aan bewoner", "organisation": ggz.pk, "assignee": cast.participant.pk},  # not of the GGZ
    ]
    before = (Action.objects.count(), TimelineEntry.objects.count())

    response = director.post(review_url(review), minutes_form(cast, ggz, rows))

    assert response.status_code == 200
    content = response.content.decode()
    assert "does not work for GGZ Oost" in content
    assert "Besproken: de overlast neemt af." in content
    assert 'value="Budgetcoach inzetten"' in content and 'value="Brief aan bewoner"' in content
    assert response.context["form"] is not None  # still open for recording
    review.refresh_from_db()
    assert not review.held_at and not review.minutes
    assert (Action.objects.count(), TimelineEntry.objects.count()) == before


def test_a_half_filled_decision_row_is_refused_on_its_row(director, cast, ggz, review):
    response = director.post(review_url(review), minutes_form(cast, ggz, [{"due_on": day(3)}], minutes=""))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Describe the decision." in content and "Write the minutes of the review." in content
    assert not CaseReview.objects.get(pk=review.pk).held_at


def add_agenda(cast, n):
    """n more overdue actions, new signals and interventions due for a review."""
    for _ in range(n):
        organisation = f.OrganisationFactory()
        f.CaseParticipantFactory(case=cast.case, organisation=organisation)
        person = f.UserFactory(organisation=organisation)
        f.ActionFactory(case=cast.case, organisation=organisation, assignee=person, due_on=TODAY)
        f.SignalFactory(case=cast.case, reporting_organisation=organisation)
        f.InterventionFactory(
            case=cast.case, lead_organisation=organisation, owner=person, due_on=TODAY, status="running"
        )


# The review page costs the same however full the agenda:
#  1 user (the session comes from the cache), 2 my memberships with their
#  organisations (read once per request: need-to-know and the page header),
#  3 the review (with case), 4 my participating organisation and 5 the access-log entry,
#  then for the case director (known from the case): 6 participating organisations and 7 their people,
#    read once for all five decision rows (someone who directs no cases asks nothing here);
#  then attendees, the last review held, overdue actions (with assignee, organisation),
#  signals since then (with neighbourhood, organisation), interventions due (with lead organisation, owner),
#  persons to look at again (their latest informing entry as columns), and unread notifications for the
#  page header.
REVIEW_PAGE_QUERIES = {"director": 14, "participant": 12}


@pytest.mark.parametrize("extra_rows", [0, 20])
@pytest.mark.parametrize("who", ["director", "participant"])
def test_review_page_costs_a_fixed_number_of_queries(client, cast, review, django_assert_num_queries, extra_rows, who):
    add_agenda(cast, extra_rows)
    review.attendees.set(f.UserFactory() for _ in range(extra_rows))
    client.force_login(cast.case.case_director if who == "director" else cast.participant)
    with django_assert_num_queries(REVIEW_PAGE_QUERIES[who]):
        response = client.get(review_url(review))
    assert response.status_code == 200
    assert len(response.context["agenda"].overdue_actions) == extra_rows


# Need-to-know: reading the plan is reading the case ---------------------------------------------


def test_opening_an_intervention_or_a_review_is_written_to_the_access_log(participant, cast, review):
    participant.get(intervention_url(cast.intervention))
    participant.get(review_url(review))
    entries = AccessLogEntry.objects.filter(case=cast.case, user=cast.participant).order_by("pk")
    assert [(e.what, e.on_behalf_of) for e in entries] == [
        ("intervention", [cast.case.lead_organisation.name]),
        ("review", [cast.case.lead_organisation.name]),
    ]


def test_an_outsider_opening_them_is_refused_and_not_logged(client, cast, review):
    client.force_login(cast.outsider)
    assert client.get(intervention_url(cast.intervention)).status_code == 404
    assert client.get(review_url(review)).status_code == 404
    assert not AccessLogEntry.objects.exists()
