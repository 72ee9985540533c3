"""Access-log rows written before reads were coded keep their reader, organisation and what they read."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("cases", "0005_open_case_and_participant_indexes")]
AFTER = [("cases", "0008_access_log_what_choices")]


@pytest.mark.django_db(transaction=True)
def test_old_rows_get_the_readers_name_organisation_and_a_code():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Organisation = old.get_model("partners", "Organisation")
    Municipality = old.get_model("neighbourhoods", "Municipality")
    District = old.get_model("neighbourhoods", "District")
    Neighbourhood = old.get_model("neighbourhoods", "Neighbourhood")
    Case = old.get_model("cases", "Case")
    Entry = old.get_model("cases", "AccessLogEntry")
    reader = User.objects.create(username="lezer", first_name="Lies", last_name="Lezer")
    organisation = Organisation.objects.create(name="Woonstad", kind="housing_corporation")
    municipality = Municipality.objects.create(code="GM0363", name="Amsterdam", year=2019)
    district = District.objects.create(code="WK036301", name="Wijk", year=2019, municipality=municipality)
    buurt = Neighbourhood.objects.create(code="BU03630101", name="Buurt", year=2019, district=district)
    case = Case.objects.create(
        title="Portiek", neighbourhood=buurt, lead_organisation=organisation, case_director=reader
    )
    for what in ["case page", "attachment: brief.pdf", "intervention page"]:
        Entry.objects.create(case=case, user=reader, organisation=organisation, what=what, at=timezone.now())

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("cases", "AccessLogEntry")
    rows = sorted(new.objects.values_list("what", "detail", "user_name", "on_behalf_of"))
    assert rows == [
        ("attachment", {"name": "brief.pdf"}, "Lies Lezer", ["Woonstad"]),
        ("case_page", {}, "Lies Lezer", ["Woonstad"]),
        ("intervention", {}, "Lies Lezer", ["Woonstad"]),
    ]
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
