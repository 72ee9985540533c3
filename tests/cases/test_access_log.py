"""The access log keeps saying who read a file: names are copied, and a reader's account cannot be deleted."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from cases.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def test_an_account_with_access_history_cannot_be_deleted_only_deactivated(client, cast):
    client.force_login(cast.note_author)
    client.get(reverse("cases:detail", args=[cast.case.pk]))
    with pytest.raises(ProtectedError):
        cast.note_author.delete()
    cast.note_author.is_active = False
    cast.note_author.save()
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.user_name, entry.on_behalf_of) == (
        cast.note_author,
        cast.note_author.get_full_name(),
        ["GGZ Oost"],
    )


def test_a_reader_in_two_participating_organisations_reads_on_behalf_of_both(client, cast):
    from partners.models import Membership

    Membership.objects.create(user=cast.note_author, organisation=cast.case.lead_organisation)
    client.force_login(cast.note_author)
    client.get(reverse("cases:detail", args=[cast.case.pk]))
    assert AccessLogEntry.objects.get().on_behalf_of == sorted(["GGZ Oost", cast.case.lead_organisation.name])


def test_repeated_reads_on_one_day_are_one_line_with_a_count_in_the_readers_language(client, cast):
    client.force_login(cast.participant)
    for _ in range(3):
        client.get(reverse("cases:detail", args=[cast.case.pk]))
    client.force_login(cast.case.case_director)
    dutch = client.get(reverse("cases:access_log", args=[cast.case.pk]))
    assert "Casuspagina" in dutch.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get(reverse("cases:access_log", args=[cast.case.pk]))
    lines = [(row["user_name"], row["what_label"], row["times"]) for row in response.context["page"].object_list]
    assert (cast.participant.get_full_name(), "case page", 3) in lines
    assert "Case page" in response.content.decode()
