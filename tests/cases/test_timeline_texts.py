"""Timeline lines are stored as a code and its data, and read in the reader's language, whoever wrote them."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from rest_framework.test import APIClient

from cases.known_elsewhere import coordination_request
from cases.models import KnownElsewhere, TimelineEntry
from cases.persons import informing_record, person_add, person_correct, person_remove
from cases.services import case_open
from cases.texts import TIMELINE
from interventions.reviews import review_record, review_schedule
from interventions.services import action_add, intervention_add
from notifications.texts import LEGACY
from privacy.models import RetentionReview
from privacy.retention import retention_approve, retention_extend
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def plan_and_close(cast):
    """Four representative lines on the cast's case: an organisation invited, an intervention planned,
    an action for a person, and the case closed with a reason."""
    case, director = cast.case, cast.case.case_director
    ggz = f.OrganisationFactory(name="GGZ Amstel")
    case.invite(ggz, by=director, legal_basis="Convenant Zorg en Veiligheid")
    intervention_add(
        case,
        by=director,
        kind="home_visit",
        solution_direction="care_and_support",
        goal="Zicht op de hulpvraag.",
        lead_organisation=case.lead_organisation,
        owner=cast.participant,
    )
    action_add(
        case, by=director, title="Huisbezoek plannen", organisation=case.lead_organisation, assignee=cast.participant
    )
    case.close(by=director, reason="care_in_place")


def lines(cast):
    lead, person = cast.case.lead_organisation.name, cast.participant.get_full_name()
    return {
        "en": [
            "Status: in progress → closed (care in place)",
            "GGZ Amstel takes part (Convenant Zorg en Veiligheid)",
            f"Action for {person}: Huisbezoek plannen",
            f"Intervention planned: home visit (behind the front door), led by {lead}",
        ],
        "nl": [
            "Status: uitvoering → afgesloten (zorg ingezet)",
            "GGZ Amstel neemt deel (Convenant Zorg en Veiligheid)",
            f"Actie voor {person}: Huisbezoek plannen",
            f"Interventie gepland: huisbezoek (achter de voordeur), regie bij {lead}",
        ],
    }


def page_in(client, user, case, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def api_texts_in(user, case, language):
    client = APIClient()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return [entry["text"] for entry in client.get(f"/api/cases/{case.pk}/timeline/").json()]


@pytest.mark.parametrize("written_in, read_in", [("nl", "en"), ("en", "nl")])
def test_lines_written_in_one_language_read_in_the_readers_on_the_case_page(client, cast, written_in, read_in):
    with translation.override(written_in):
        plan_and_close(cast)
    content = page_in(client, cast.participant, cast.case, read_in)
    for line in lines(cast)[read_in]:
        assert line in content
    for line in lines(cast)[written_in]:
        assert line not in content


@pytest.mark.parametrize("written_in, read_in", [("nl", "en"), ("en", "nl")])
def test_lines_written_in_one_language_read_in_the_readers_through_the_api(cast, written_in, read_in):
    with translation.override(written_in):
        plan_and_close(cast)
    texts = api_texts_in(cast.participant, cast.case, read_in)
    assert set(lines(cast)[read_in]) <= set(texts)
    assert not set(lines(cast)[written_in]) & set(texts)


def test_the_api_gives_each_line_its_code_too(cast):
    plan_and_close(cast)
    client = APIClient()
    client.force_login(cast.participant)
    entries = client.get(f"/api/cases/{cast.case.pk}/timeline/").json()
    assert {"case_closed", "participant_added", "action_added", "intervention_planned"} <= {e["code"] for e in entries}
    assert all(entry["summary"] == entry["text"] for entry in entries)  # the old field, kept for clients


def test_a_line_from_before_codes_reads_as_it_was_written_in_any_language(client, cast):
    TimelineEntry.objects.create(
        case=cast.case, kind="case_opened", code=LEGACY, data={"text": "Action for Ruud Hendriks: bellen"}
    )
    for language in ["nl", "en"]:
        assert "Action for Ruud Hendriks: bellen" in page_in(client, cast.participant, cast.case, language)
        assert "Action for Ruud Hendriks: bellen" in api_texts_in(cast.participant, cast.case, language)


def test_a_users_own_words_stay_as_they_wrote_them(client, cast):
    with translation.override("en"):
        cast.case.add_note(by=cast.participant, organisation=None, body="Buren bevestigen de overlast.")
    entry = cast.case.timeline.get(code="note_added")
    assert entry.data["excerpt"] == "Buren bevestigen de overlast."
    assert "Buren bevestigen de overlast." in page_in(client, cast.participant, cast.case, "en")


@pytest.mark.parametrize("code", TIMELINE.codes())
def test_every_sentence_renders_from_its_example_in_both_languages(code):
    example = TIMELINE.example(code)
    with translation.override("en"):
        english = TIMELINE.render(code, example)
    with translation.override("nl"):
        dutch = TIMELINE.render(code, example)
    assert english and dutch
    if isinstance(TIMELINE.sentence(code).template, Promise):
        assert dutch != english, "no Dutch translation (run makemessages, fill in the msgstr, compilemessages)"


def test_a_sentence_missing_a_value_fails_in_the_verb_not_on_the_page(cast):
    with pytest.raises(KeyError):
        cast.case.log("case_opened", "case_opened", {}, by=cast.case.case_director)
    with pytest.raises(KeyError):
        cast.case.log("case_opened", "no_such_code", {"title": "x"}, by=cast.case.case_director)
    assert not TimelineEntry.objects.filter(case=cast.case).exists()


def test_a_row_its_sentence_no_longer_fits_shows_without_breaking_the_page(client, cast):
    TimelineEntry.objects.create(case=cast.case, kind="note", code="gone_code", data={})
    TimelineEntry.objects.create(case=cast.case, kind="case_opened", code="case_opened", data={"title": "Nog goed"})
    assert "Casus geopend: Nog goed" in page_in(client, cast.participant, cast.case, "nl")


def test_every_line_the_verbs_write_has_a_sentence_in_both_languages(cast):
    """One story through every verb that writes on a timeline; together they write every registered code."""
    case, director = cast.case, cast.case.case_director
    lead = case.lead_organisation
    second = case_open(
        by=director, organisation=lead, title="Tweede casus", signals=[cast.signal], legal_basis="Woonoverlast"
    )
    ggz = f.OrganisationFactory(name="GGZ Amstel")
    case.invite(ggz, by=director, legal_basis="Zorg")
    case.end_participation(ggz, by=director)
    case.edit(by=director, version=case.version, title="Nieuwe titel", priority="high")
    case.add_note(by=director, organisation=None, body="Gesprek met de buren gehad.")
    case.add_attachment(by=director, organisation=None, uploaded_file=SimpleUploadedFile("brief.pdf", PDF))
    sanne = {"name": "Sanne de Vries", "date_of_birth": datetime.date(1984, 3, 1), "role": "main"}
    person_add(second, by=director, **sanne)
    person = person_add(case, by=director, **sanne)  # known in the second case
    person_correct(person, by=director, contact_notes="Liever bellen na vijven.")
    later = timezone.localdate() + datetime.timedelta(days=7)
    informing_record(person, by=director, informed=False, reason="safety", look_again_on=later)
    informing_record(person, by=director, informed=True, informed_on=timezone.localdate(), how="letter")
    coordination_request(KnownElsewhere.objects.get(person=person), by=director)
    person_remove(person_add(case, by=director, name="Tijdelijk", role="other"), by=director)

    def plan(on_case, title):
        intervention = intervention_add(
            on_case,
            by=director,
            kind="home_visit",
            solution_direction="care_and_support",
            goal="Hulp op gang.",
            lead_organisation=lead,
            owner=cast.participant,
        )
        action = action_add(on_case, by=director, title=title, organisation=lead, assignee=cast.participant)
        return intervention, action

    done, action = plan(case, "Bellen")
    done.start(by=director)
    done.add_progress(by=director, body="Eerste gesprek gevoerd.")
    done.finish(by=director, outcome="partly", evaluation="Deels gelukt.")
    stopped, _ = plan(case, "Open tot het einde")
    stopped.stop(by=director, evaluation="Niet meer nodig.")
    plan(case, "Nog open")
    action.complete(by=cast.participant, result="Gebeld.")
    action.reopen(by=cast.participant)
    review = review_schedule(case, by=director, scheduled_for=timezone.now() + datetime.timedelta(days=2))
    review_record(review, by=director, minutes="Besproken.", held_early=True)

    new_director = f.UserFactory(organisation=cast.own_note.organisation, role="case_director")
    case.hand_over(new_director, by=director, organisation=cast.own_note.organisation)
    buurtteam = f.OrganisationFactory(name="Buurtteam")
    case.invite(buurtteam, by=new_director, legal_basis="Wmo")
    case.transition("monitoring", by=new_director, staying=[buurtteam.pk])  # the former lead is scaled down
    case.escalate(by=new_director, to_whom="Zorg- en Veiligheidshuis")
    case.close(by=new_director, reason="moved")  # settles the open work, ends the Buurtteam's part
    plan(second, "Huisbezoek")
    second.transition("cancelled", by=director)
    # Its retention: extended once, then approved by its director and a privacy officer, so anonymised.
    officer = f.UserFactory(organisation=lead, role="privacy_officer")
    review = RetentionReview.objects.create(case=second, due_on=timezone.localdate())
    retention_extend(review, by=director, reason="Procedure loopt", until=timezone.localdate() + datetime.timedelta(1))
    RetentionReview.objects.filter(pk=review.pk).update(due_on=timezone.localdate())
    review.refresh_from_db()
    retention_approve(review, by=director)
    retention_approve(review, by=officer)

    written = list(TimelineEntry.objects.values_list("code", "data"))
    assert {code for code, _data in written} == set(TIMELINE.codes()) - {LEGACY}
    for language in ["en", "nl"]:
        with translation.override(language):
            for code, data in written:
                assert TIMELINE.render(code, data)


# The data migration: lines stored as text before codes.
BEFORE_CODES = [("cases", "0008_access_log_what_choices")]
WITH_CODES = [("cases", "0009_timeline_codes")]

OLD_LINES = [
    # (kind, summary as stored, data as stored) -> (code, what the data must hold)
    (
        (
            "status_changed",
            "Status: monitoring → afgesloten (zorg ingezet)",
            {"previous": "monitoring", "status": "closed", "reason": "care_in_place", "note": "", "escalated_to": ""},
        ),
        ("case_closed", {"reason": "care_in_place"}),
    ),
    (
        ("participant_added", "GGZ Amstel neemt deel (Convenant Zorg en Veiligheid)", {"organisation_id": 7}),
        ("participant_added", {"organisation": "GGZ Amstel", "basis": "Convenant Zorg en Veiligheid"}),
    ),
    (
        ("action", "Action for Ruud Hendriks: Huisbezoek plannen", {"action_id": 3}),
        ("action_added", {"who": "Ruud Hendriks", "title": "Huisbezoek plannen", "action_id": 3}),
    ),
    (
        (
            "intervention",
            "Interventie gepland: huisbezoek (achter de voordeur), regie bij Woonstad",
            {"status": "planned"},
        ),
        ("intervention_planned", {"kind": "home_visit", "organisation": "Woonstad"}),
    ),
    (
        # An English sentence with a Dutch label: it had no translation yet.
        (
            "intervention",
            "Intervention ended with the case: huisbezoek (achter de voordeur) (verhuisd)",
            {"ended_with_case": "moved"},
        ),
        ("intervention_ended_with_case", {"kind": "home_visit", "ended_with_case": "moved"}),
    ),
    (
        ("review", "Casusoverleg gepland op 28-11-2026", {"review_id": 2}),
        ("review_planned", {"date": "2026-11-28"}),
    ),
    (
        ("note", "Buren bevestigen de overlast.", {"note_id": 4}),
        ("note_added", {"excerpt": "Buren bevestigen de overlast."}),
    ),
    (("case_opened", "Casus geopend: Portiek", {}), ("case_opened", {"title": "Portiek"})),
    (
        ("intervention", "Iets wat de app ooit schreef", {"intervention_id": 5}),
        (LEGACY, {"text": "Iets wat de app ooit schreef"}),
    ),
]


@pytest.mark.django_db(transaction=True)
def test_old_lines_get_their_verbs_code_or_keep_their_text_and_then_read_in_the_readers_language():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_CODES)
    old = executor.loader.project_state(BEFORE_CODES).apps
    User = old.get_model("auth", "User")
    Organisation = old.get_model("partners", "Organisation")
    Municipality = old.get_model("neighbourhoods", "Municipality")
    District = old.get_model("neighbourhoods", "District")
    Neighbourhood = old.get_model("neighbourhoods", "Neighbourhood")
    Case = old.get_model("cases", "Case")
    Signal = old.get_model("cases", "Signal")
    Entry = old.get_model("cases", "TimelineEntry")
    director = User.objects.create(username="regisseur")
    organisation = Organisation.objects.create(name="Woonstad", kind="housing_corporation")
    municipality = Municipality.objects.create(code="GM0363", name="Amsterdam", year=2019)
    district = District.objects.create(code="WK036301", name="Wijk", year=2019, municipality=municipality)
    buurt = Neighbourhood.objects.create(code="BU03630101", name="Buurt", year=2019, district=district)
    case = Case.objects.create(
        title="Portiek", neighbourhood=buurt, lead_organisation=organisation, case_director=director
    )
    signal = Signal.objects.create(
        neighbourhood=buurt,
        category="DRU",
        description="Veel aanloop",
        reporting_organisation=organisation,
        reported_by=director,
        case=case,
    )
    old_lines = [
        *OLD_LINES,
        (
            ("signal_linked", "Melding: drugshandel — Veel aanloop", {"signal_id": signal.pk}),
            ("signal_linked", {"category": "DRU", "description": "Veel aanloop"}),
        ),
    ]
    pks = [
        Entry.objects.create(case=case, kind=kind, summary=summary, data=data).pk
        for (kind, summary, data), _ in old_lines
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(WITH_CODES)
    new = executor.loader.project_state(WITH_CODES).apps.get_model("cases", "TimelineEntry")
    for pk, (_old, (code, data)) in zip(pks, old_lines, strict=True):
        entry = new.objects.get(pk=pk)
        assert entry.code == code
        assert data.items() <= entry.data.items()

    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    entries = TimelineEntry.objects.in_bulk(pks)
    with translation.override("en"):
        assert entries[pks[0]].text == "Status: monitoring → closed (care in place)"
        assert entries[pks[3]].text == "Intervention planned: home visit (behind the front door), led by Woonstad"
        assert entries[pks[-1]].text == "Signal: drug dealing — Veel aanloop"
    with translation.override("nl"):
        assert entries[pks[2]].text == "Actie voor Ruud Hendriks: Huisbezoek plannen"
        assert entries[pks[5]].text == "Casusoverleg gepland op 28 nov. 2026"
        assert entries[pks[-2]].text == "Iets wat de app ooit schreef"


@pytest.mark.django_db(transaction=True)
def test_going_back_gives_every_line_a_text_again():
    case = f.CaseFactory(status="monitoring")
    case.log("note", "note_added", {"note_id": 1, "excerpt": "Eigen woorden."})
    case.log(
        "status_changed",
        "case_closed",
        {"previous": "monitoring", "status": "closed", "reason": "moved", "note": "", "escalated_to": ""},
    )
    TimelineEntry.objects.create(case=case, kind="action", code=LEGACY, data={"text": "Actie voor Ruud: bellen"})

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_CODES)
    old = executor.loader.project_state(BEFORE_CODES).apps.get_model("cases", "TimelineEntry")
    assert sorted(old.objects.values_list("summary", flat=True)) == [
        "Actie voor Ruud: bellen",
        "Eigen woorden.",
        "Status: monitoring → closed (moved)",
    ]
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
