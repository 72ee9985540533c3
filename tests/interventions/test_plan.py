"""The plan of approach: interventions, actions and case reviews through their verbs."""

import datetime

import pytest
from django.utils import timezone

from cases.models import case_access
from interventions.errors import PlanError
from interventions.models import Action, Intervention
from interventions.reviews import Decision, review_agenda, review_record, review_schedule
from interventions.rights import can_complete, completable_by
from interventions.services import action_add, intervention_add
from tests import factories as f

TODAY = timezone.localdate()

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def plan(db):
    """A case led by a corporation with the GGZ taking part, and an outsider organisation."""
    case = f.CaseFactory(status="plan")
    corporation = case.lead_organisation
    f.CaseParticipantFactory(case=case, organisation=corporation)
    ggz = f.OrganisationFactory(name="GGZ Amstel", kind="mental_health")
    f.CaseParticipantFactory(case=case, organisation=ggz)
    return {
        "case": case,
        "director": case.case_director,
        "corporation": corporation,
        "ggz": ggz,
        "consulent": f.UserFactory(username="consulent", organisation=corporation),
        "ggz_worker": f.UserFactory(username="ggz_worker", organisation=ggz),
        "outsider_org": f.OrganisationFactory(name="Elders"),
    }


def add_home_visit(plan, **overrides):
    values = {
        "by": plan["director"],
        "kind": "home_visit",
        "solution_direction": "care_and_support",
        "goal": "Zicht op de hulpvraag",
        "lead_organisation": plan["corporation"],
        "owner": plan["consulent"],
        "contributions": [(plan["ggz"], "Ggz-verpleegkundige gaat mee")],
        "due_on": TODAY + datetime.timedelta(days=14),
    }
    return intervention_add(plan["case"], **{**values, **overrides})


def test_an_intervention_has_a_lead_an_owner_and_contributors_and_lands_on_the_timeline(plan):
    intervention = add_home_visit(plan)
    assert intervention.status == "planned"
    assert [c.contribution for c in intervention.contributions.all()] == ["Ggz-verpleegkundige gaat mee"]
    assert plan["case"].timeline.filter(kind="intervention").count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"goal": " "}, "goal"),
        ({"lead_organisation": "outsider_org"}, "does not take part"),
        ({"owner": "ggz_worker"}, "does not work for"),
        ({"contributions": [("outsider_org", "x")]}, "does not take part"),
        ({"due_on": TODAY - datetime.timedelta(days=1), "start_on": TODAY}, "before the start"),
    ],
)
def test_an_intervention_that_breaks_a_rule_is_refused_and_nothing_is_saved(plan, overrides, message):
    resolved = {
        key: (
            plan[value]
            if isinstance(value, str) and value in plan
            else [(plan[o], w) for o, w in value]
            if key == "contributions"
            else value
        )
        for key, value in overrides.items()
    }
    with pytest.raises(PlanError, match=message):
        add_home_visit(plan, **resolved)
    assert not Intervention.objects.exists()
    assert not plan["case"].timeline.exists()


def test_done_needs_an_outcome_and_an_evaluation(plan):
    intervention = add_home_visit(plan)
    intervention.start(by=plan["consulent"])
    with pytest.raises(PlanError):
        intervention.finish(by=plan["consulent"], outcome="", evaluation="Goed gesprek")
    with pytest.raises(PlanError):
        intervention.finish(by=plan["consulent"], outcome="effective", evaluation=" ")
    intervention.finish(by=plan["consulent"], outcome="partly", evaluation="Hulp geaccepteerd, overlast minder")
    intervention.refresh_from_db()
    assert (intervention.status, intervention.outcome) == ("done", "partly")
    statuses = plan["case"].timeline.filter(kind="intervention").order_by("pk").values_list("data__status", flat=True)
    assert list(statuses) == ["planned", "running", "done"]


def test_a_stopped_intervention_cannot_be_started_again(plan):
    intervention = add_home_visit(plan)
    intervention.stop(by=plan["director"], evaluation="Bewoner verhuisd")
    with pytest.raises(PlanError):
        intervention.start(by=plan["director"])


def test_an_action_goes_to_a_person_of_a_participating_organisation(plan):
    action = action_add(
        plan["case"],
        by=plan["director"],
        title="Huisbezoek plannen",
        organisation=plan["ggz"],
        assignee=plan["ggz_worker"],
    )
    assert action.assignee == plan["ggz_worker"]
    with pytest.raises(PlanError, match="does not work for"):
        action_add(plan["case"], by=plan["director"], title="X", organisation=plan["ggz"], assignee=plan["consulent"])
    with pytest.raises(PlanError, match="does not take part"):
        action_add(plan["case"], by=plan["director"], title="X", organisation=plan["outsider_org"])
    assert Action.objects.count() == 1


def test_completing_an_action_needs_a_result_and_reopening_clears_it(plan):
    action = action_add(plan["case"], by=plan["director"], title="Bellen", organisation=plan["corporation"])
    with pytest.raises(PlanError):
        action.complete(by=plan["consulent"], result="")
    action.complete(by=plan["consulent"], result="Bewoner bereikt, afspraak staat")
    assert Action.objects.get(pk=action.pk).is_done
    action.reopen(by=plan["director"])
    assert not Action.objects.get(pk=action.pk).is_done
    assert plan["case"].timeline.filter(kind="action").count() == 3


def test_who_may_complete_an_action(plan):
    action = action_add(plan["case"], by=plan["director"], title="Bellen", organisation=plan["corporation"])
    assert can_complete(plan["consulent"], action)  # same organisation
    assert can_complete(plan["director"], action)  # case director
    assert not can_complete(plan["ggz_worker"], action)


def test_the_completable_column_agrees_with_can_complete(plan):
    case = plan["case"]
    action_add(case, by=plan["director"], title="Corporatie", organisation=plan["corporation"])
    action_add(case, by=plan["director"], title="GGZ", organisation=plan["ggz"], assignee=plan["ggz_worker"])
    for user in (plan["consulent"], plan["ggz_worker"], plan["director"]):
        rows = Action.objects.filter(case=case).annotate(completable=completable_by(case_access(user, case)))
        assert {a.title: bool(a.completable) for a in rows} == {a.title: can_complete(user, a) for a in rows}


def test_a_review_assembles_its_agenda_and_its_decisions_become_actions(plan):
    case = plan["case"]
    overdue = action_add(
        case,
        by=plan["director"],
        title="Te laat",
        organisation=plan["corporation"],
        due_on=TODAY - datetime.timedelta(days=3),
    )
    due = add_home_visit(plan, due_on=TODAY + datetime.timedelta(days=1))
    f.SignalFactory(neighbourhood=case.neighbourhood).link_to(case, by=plan["director"])
    when = timezone.now() + datetime.timedelta(days=2)
    review = review_schedule(
        case, by=plan["director"], scheduled_for=when, attendees=[plan["consulent"], plan["ggz_worker"]]
    )
    case.refresh_from_db()
    assert case.next_review_on == timezone.localtime(when).date()

    agenda = review_agenda(review, plan["director"])
    assert agenda.overdue_actions == [overdue]
    assert agenda.interventions_due == [due]
    assert len(agenda.new_signals) == 1

    next_review = TODAY + datetime.timedelta(days=28)
    actions = review_record(
        review,
        by=plan["director"],
        minutes="Besproken: huisbezoek, schulden.",
        held_early=True,
        decisions=[
            Decision("Schuldhulp aanvragen", plan["ggz"], plan["ggz_worker"], TODAY + datetime.timedelta(days=7)),
            Decision("Buren informeren", plan["corporation"]),
        ],
        next_review_on=next_review,
    )
    assert [a.title for a in actions] == ["Schuldhulp aanvragen", "Buren informeren"]
    case.refresh_from_db()
    assert case.next_review_on == next_review


def test_a_review_with_one_bad_decision_saves_nothing(plan):
    review = review_schedule(
        plan["case"], by=plan["director"], scheduled_for=timezone.now() + datetime.timedelta(days=1)
    )
    with pytest.raises(PlanError):
        review_record(
            review,
            by=plan["director"],
            minutes="Notulen",
            decisions=[Decision("Goed", plan["corporation"]), Decision("Fout", plan["outsider_org"])],
        )
    review.refresh_from_db()
    assert review.minutes == "" and review.held_at is None
    assert not Action.objects.exists()


def test_a_review_is_recorded_once(plan):
    review = review_schedule(
        plan["case"], by=plan["director"], scheduled_for=timezone.now() + datetime.timedelta(days=1)
    )
    review_record(
        review,
        by=plan["director"],
        minutes="Eerste keer",
        decisions=[Decision("Bellen", plan["corporation"])],
        held_early=True,
    )
    with pytest.raises(PlanError, match="already recorded"):
        review_record(
            review,
            by=plan["director"],
            minutes="Nog eens",
            decisions=[Decision("Bellen", plan["corporation"])],
            held_early=True,
        )
    assert Action.objects.count() == 1


def test_a_closed_case_gets_no_new_plan(plan):
    plan["case"].status = "closed"
    plan["case"].save()
    with pytest.raises(PlanError, match="closed"):
        add_home_visit(plan)
    with pytest.raises(PlanError, match="closed"):
        action_add(plan["case"], by=plan["director"], title="Bellen", organisation=plan["corporation"])
