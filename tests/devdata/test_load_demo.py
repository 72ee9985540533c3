"""`manage.py load_demo` builds a believable, need-to-know-correct demo world, once."""

import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation

import devdata
from cases.models import (
    Case,
    CaseParticipant,
    CaseStatus,
    Note,
    NoteVisibility,
    Signal,
    SignalStatus,
    TimelineEntry,
    TimelineKind,
)
from devdata.demo import DEMO_LOGINS, demo_counts
from interventions.models import Action, Intervention
from partners.models import Membership, Organisation, OrganisationKind, Team

User = get_user_model()

pytestmark = pytest.mark.usefixtures("english")


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def organisation_of(username):
    return Membership.objects.get(user__username=username).organisation


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    return load_demo()


def test_demo_world_has_a_case_in_every_status(demo):
    statuses = set(Case.objects.values_list("status", flat=True))

    assert statuses == set(CaseStatus.values)


def test_every_demo_user_can_log_in_with_password_demo(demo, client):
    for username in DEMO_LOGINS:
        assert authenticate(username=username, password="demo") is not None, username
        assert client.login(username=username, password="demo"), username


def test_every_demo_user_belongs_to_an_organisation(demo):
    without = User.objects.filter(memberships__isnull=True).values_list("username", flat=True)

    assert list(without) == []


def test_beheerder_is_a_superuser_administrator(demo):
    beheerder = User.objects.get(username="beheerder")

    assert beheerder.is_superuser and beheerder.is_staff
    assert beheerder.memberships.get().role == "administrator"


def test_outsider_organisation_takes_part_in_no_case_and_sees_none(demo):
    outsider = User.objects.get(username="buitenstaander")
    organisation = organisation_of("buitenstaander")

    assert not CaseParticipant.objects.filter(organisation=organisation).exists()
    assert Case.objects.visible_to(outsider).count() == 0
    assert Note.objects.visible_to(outsider).count() == 0
    assert Action.objects.visible_to(outsider).count() == 0
    # Their team is Nieuw-West, so they do see that area's signals.
    assert Team.objects.get(members=outsider).name == "Wijkteam Nieuw-West"
    assert Signal.objects.visible_to(outsider).exists()


def test_corporation_police_and_ggz_each_take_part_in_several_cases(demo):
    for username in ("wijkconsulent", "wijkagent", "ggz"):
        user = User.objects.get(username=username)
        assert Case.objects.visible_to(user).count() >= 5, username


def test_some_case_has_corporation_and_police_but_not_ggz(demo):
    cases = (
        Case.objects.filter(participants__organisation=organisation_of("wijkconsulent"))
        .filter(participants__organisation=organisation_of("wijkagent"))
        .exclude(participants__organisation=organisation_of("ggz"))
    )

    assert cases.exists()


def test_manager_does_not_see_cases_where_the_corporation_does_not_take_part(demo):
    manager = User.objects.get(username="manager")

    visible = Case.objects.visible_to(manager).count()

    assert 0 < visible < Case.objects.count()


def test_wijkconsulent_has_several_open_actions_one_of_them_overdue(demo):
    wijkconsulent = User.objects.get(username="wijkconsulent")
    mine = Action.objects.visible_to(wijkconsulent).filter(assignee=wijkconsulent)

    assert mine.open().count() >= 3
    assert mine.overdue().exists()


def test_own_organisation_notes_are_hidden_from_other_participants(demo):
    own_notes = Note.objects.filter(visibility=NoteVisibility.OWN_ORGANISATION)
    assert own_notes.exists()

    for note in own_notes:
        other = (
            User.objects.filter(memberships__organisation__participations__case=note.case)
            .exclude(memberships__organisation=note.organisation)
            .first()
        )
        assert other is not None
        assert not Note.objects.visible_to(other).filter(pk=note.pk).exists()
        assert TimelineEntry.objects.filter(case=note.case, organisation_only=note.organisation).exists()
        assert not TimelineEntry.objects.visible_to(other).filter(organisation_only=note.organisation).exists()


def test_ended_participation_no_longer_gives_access(demo):
    ended = CaseParticipant.objects.filter(until__lte=timezone.localdate()).select_related("case", "organisation")
    assert ended.exists()

    for participation in ended:
        still_in = participation.case.participants.active().filter(organisation=participation.organisation)
        if still_in.exists():
            continue
        member = User.objects.filter(memberships__organisation=participation.organisation).first()
        assert not Case.objects.visible_to(member).filter(pk=participation.case_id).exists()


def test_closed_and_escalated_cases_say_why(demo):
    for case in Case.objects.filter(status=CaseStatus.CLOSED):
        assert case.closing_reason and case.closed_at
    for case in Case.objects.filter(status=CaseStatus.ESCALATED):
        assert case.escalated_to


def test_some_open_case_is_overdue_for_review(demo):
    assert Case.objects.open().filter(next_review_on__lt=timezone.localdate()).exists()


def test_done_interventions_have_an_outcome_and_an_evaluation(demo):
    done = Intervention.objects.filter(status="done")
    assert done.exists()

    for intervention in done:
        assert intervention.outcome and intervention.evaluation


def test_a_year_of_signals_with_repeat_addresses(demo):
    today = timezone.localdate()
    signals = Signal.objects.all()

    assert 400 <= signals.count() <= 700
    # A year of them, but for the case archived over two years ago (cases_archive.py).
    recent = signals.exclude(case__title__endswith="(2024)")
    assert recent.filter(occurred_at__date__lt=today.replace(year=today.year - 1)).count() == 0
    assert signals.filter(occurred_at__date__lt=today - timezone.timedelta(days=300)).exists()
    repeats = (
        signals.exclude(postcode="")
        .values("postcode", "house_number", "house_number_addition")
        .annotate(n=Count("pk"))
        .filter(n__gte=3)
    )
    assert repeats.count() >= 5


def test_signals_come_from_every_kind_of_partner(demo):
    kinds = set(Signal.objects.values_list("reporting_organisation__kind", flat=True))

    assert {
        OrganisationKind.HOUSING_CORPORATION,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.POLICE,
        OrganisationKind.MENTAL_HEALTH,
        OrganisationKind.SOCIAL_TEAM,
    } <= kinds


def test_running_twice_creates_no_duplicates(demo):
    before = demo_counts()

    output = load_demo()

    assert "already present" in output
    assert demo_counts() == before


def test_refuses_with_debug_off_and_no_force(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        load_demo()

    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_force_loads_with_debug_off(db, settings):
    settings.DEBUG = False

    load_demo("--force")

    assert Case.objects.exists()


def test_beheerder_can_open_the_partner_admin_pages(demo, client):
    client.login(username="beheerder", password="demo")
    team = Team.objects.get(name="Wijkteam Oost")
    wijkconsulent = User.objects.get(username="wijkconsulent")

    for url in (
        reverse("admin:partners_organisation_changelist"),
        reverse("admin:partners_membership_changelist"),
        reverse("admin:partners_team_changelist"),
        reverse("admin:partners_team_change", args=[team.pk]),
        reverse("admin:auth_user_change", args=[wijkconsulent.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_status_changes_on_the_demo_timeline_read_exactly_as_the_transition_verb_writes_them(demo):
    demo_entry = TimelineEntry.objects.filter(
        kind=TimelineKind.STATUS_CHANGED, data__previous=CaseStatus.TRIAGE, data__status=CaseStatus.PLAN
    ).first()
    case = Case.objects.filter(status=CaseStatus.TRIAGE).first()

    with translation.override(settings.LANGUAGE_CODE):
        case.transition(CaseStatus.PLAN, by=case.case_director)

    written = case.timeline.filter(kind=TimelineKind.STATUS_CHANGED).order_by("-at", "-pk").first()
    assert (demo_entry.code, demo_entry.data["previous"], demo_entry.data["status"]) == (
        written.code,
        written.data["previous"],
        written.data["status"],
    )
    with translation.override("nl"):
        assert demo_entry.text == written.text == "Status: weging → plan van aanpak"
    # One code per kind of change across the whole demo: the verb's.
    codes = TimelineEntry.objects.filter(kind=TimelineKind.STATUS_CHANGED).values_list(
        "data__previous", "data__status", "data__reason", "data__escalated_to", "code"
    )
    by_change = {}
    for *change, code in codes:
        by_change.setdefault(tuple(change), set()).add(code)
    assert all(len(found) == 1 for found in by_change.values()), by_change


def test_demo_texts_are_codes_that_read_in_the_readers_language(demo):
    # The demo fixture loads with English active (see pytestmark); what is stored is a code plus data.
    for case in Case.objects.all():
        opened = case.timeline.get(kind=TimelineKind.CASE_OPENED)
        assert (opened.code, opened.data["title"]) == ("case_opened", case.title)
        with translation.override("nl"):
            assert opened.text == f"Casus geopend: {case.title}"
        assert opened.at == case.created_at


def test_the_demo_history_is_spread_over_the_past_year(demo):
    now = timezone.now()
    # (But for the one case archived over two years ago and its decisions now: see the next test.)
    archived = Case.objects.get(title__endswith="(2024)")
    moments = list(TimelineEntry.objects.exclude(case=archived).values_list("at", flat=True))

    assert max(moments) <= now
    assert min(moments) >= now - timezone.timedelta(days=366)
    assert min(moments) < now - timezone.timedelta(days=300)
    assert len({timezone.localtime(at).strftime("%Y-%m") for at in moments}) >= 10
    # Not stamped "now": hardly anything happened in the last hour.
    assert sum(at > now - timezone.timedelta(hours=1) for at in moments) < len(moments) / 50


def test_signals_joining_no_case_were_decided_on_after_they_were_reported(demo):
    decided = Signal.objects.filter(status__in=[SignalStatus.TRIAGED, SignalStatus.CLOSED, SignalStatus.REFERRED])
    assert decided.filter(case__isnull=True).exists()

    for signal in decided:
        assert signal.created_at == signal.occurred_at
        assert signal.created_at <= signal.updated_at <= timezone.now()


def test_no_module_of_devdata_is_longer_than_500_lines():
    root = Path(devdata.__file__).parent
    too_long = {
        str(path.relative_to(root)): lines
        for path in root.rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > 500
    }

    assert too_long == {}


def test_most_cases_are_about_persons_with_informing_entries_in_every_state(demo):
    from cases.models import InformedHow, InformingEntry, NotInformedReason, Person

    about_people = Case.objects.filter(persons__isnull=False).distinct().count()
    assert about_people > Case.objects.count() * 3 // 4
    states = {(e.informed, e.how or e.reason) for e in InformingEntry.objects.all()}
    assert states == {(True, how) for how in InformedHow.values} | {(False, r) for r in NotInformedReason.values}
    # Every case past the plan of approach has an entry for each main person.
    past_plan = Case.objects.filter(status__in=["in_progress", "monitoring", "closed", "escalated"])
    assert not Person.objects.filter(case__in=past_plan, role="main").uninformed().exists()


def test_one_person_is_known_to_two_teams(demo):
    from cases.models import KnownElsewhere

    [match] = KnownElsewhere.objects.select_related("case", "other_case")
    teams = {
        case.pk: set(case.neighbourhood.teams.values_list("name", flat=True)) for case in (match.case, match.other_case)
    }
    assert match.match == "person" and match.person.name == "Marco Brouwer"
    assert not teams[match.case.pk] & teams[match.other_case.pk]


def test_one_closed_case_is_past_retention_and_waits_for_the_privacy_officer(demo):
    from privacy.models import RetentionReview

    [review] = RetentionReview.objects.select_related("case")
    assert review.case.closed_at < timezone.now() - timezone.timedelta(days=2 * 365)
    assert review.director_approved_by == review.case.case_director
    assert review.officer_approved_at is None and review.case.anonymised_at is None


# load_demo --reset: the demo rebuilt around today's date -------------------------------------------


# transactional_db: flush empties the tables with TRUNCATE, which PostgreSQL refuses inside the test's transaction
# while deferred constraint checks are pending, as they would not be under `manage.py`.
def test_reset_rebuilds_the_demo_around_today(transactional_db, settings):
    settings.DEBUG = True
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        load_demo()
    counts_then = demo_counts()
    Organisation.objects.create(name="Niet uit de demo")
    later = start + datetime.timedelta(days=40)
    with time_machine.travel(later, tick=False):
        assert "already present" in load_demo()  # without --reset the old demo stays, dated as it was
        output = load_demo("--reset")
        assert "Demo world loaded." in output
        assert demo_counts() == counts_then  # the same world, only its dates moved
        newest = Signal.objects.order_by("-occurred_at").first().occurred_at
        assert newest > start + datetime.timedelta(days=30)  # the year of signals now ends around the new today
        assert not Organisation.objects.filter(name="Niet uit de demo").exists()
        assert authenticate(username="wijkconsulent", password="demo") is not None


def test_reset_is_refused_with_debug_off_unless_forced(transactional_db, settings):
    settings.DEBUG = False
    Organisation.objects.create(name="Echte gegevens")
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo("--reset")
    assert Organisation.objects.filter(name="Echte gegevens").exists()
    load_demo("--reset", "--force")
    assert not Organisation.objects.filter(name="Echte gegevens").exists()
    assert Case.objects.exists()
