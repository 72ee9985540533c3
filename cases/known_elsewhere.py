""" "Known elsewhere?": whether a person of one case is also in another case, without showing that case.

When a person is added or corrected, every other case is asked, including
cases the user cannot see: a person with the same name and date of birth, or
a person or case at the same address. What the user learns is only that a
match exists and who directs the other case (name and organisation, read
fresh from that case): never its title, status, content or participants. The
one thing they can do with it is ask that director to coordinate; the
director decides whether to invite them. The check is written to the access
log of both cases.
"""

from dataclasses import dataclass, replace

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.rows import user_columns, user_name
from notifications.models import Notification, NotificationKind
from notifications.texts import NOTIFICATIONS

from .models import AccessLogEntry, Case, KnownElsewhere, MatchKind, Person, ReadWhat, TimelineKind
from .models.rights import access_log_record


def _same_address(person):
    if not (person.postcode and person.house_number):
        return None
    return Q(
        postcode=person.postcode,
        house_number=person.house_number,
        house_number_addition__iexact=person.house_number_addition,
    )


def _matching_cases(person):
    """{other case id: MatchKind} for `person`: a match on name and date of birth beats one on address."""
    found = {}
    address = _same_address(person)
    identity = Q(name_key=person.name_key, date_of_birth=person.date_of_birth) if person.date_of_birth else None
    wanted = [q for q in (identity, address) if q is not None]
    if not wanted:
        return found
    condition = wanted[0] if len(wanted) == 1 else wanted[0] | wanted[1]
    others = Person.objects.exclude(case_id=person.case_id).filter(condition)
    for case_id, key, born in others.values_list("case_id", "name_key", "date_of_birth"):
        same_person = identity is not None and key == person.name_key and born == person.date_of_birth
        if same_person or case_id not in found:
            found[case_id] = MatchKind.PERSON if same_person else MatchKind.ADDRESS
    if address is not None:
        for case_id in Case.objects.exclude(pk=person.case_id).filter(address).values_list("pk", flat=True):
            found.setdefault(case_id, MatchKind.ADDRESS)
    return found


def check_known_elsewhere(person, *, access, channel=AccessLogEntry.Channel.PAGE):
    """Ask every other case whether `person` (of `access.case`) is known there; keep what matches.

    Matches no longer true after a correction go, unless someone already asked
    to coordinate on them. The check is logged on this case and on every
    matching one (as read by the checker, on behalf of their organisations here).
    Returns the number of matching cases.
    """
    found = _matching_cases(person)
    kept = KnownElsewhere.objects.filter(person=person)
    kept.exclude(other_case_id__in=found).filter(requested_at__isnull=True).delete()
    for other_case_id, match in found.items():
        KnownElsewhere.objects.update_or_create(
            person=person, other_case_id=other_case_id, defaults={"case_id": person.case_id, "match": match}
        )
    access.log_read(ReadWhat.KNOWN_ELSEWHERE, channel, person_id=person.pk, matches=len(found))
    for other_case in Case.objects.filter(pk__in=found).only("pk"):
        access_log_record(replace(access, case=other_case), ReadWhat.KNOWN_ELSEWHERE, channel)
    return len(found)


@dataclass(frozen=True)
class Match:
    """All that is shown of a match: what matched and who directs the other case (nothing else of it)."""

    id: int
    person_id: int
    match: str
    match_label: str
    director: str
    organisation: str
    requested_at: object
    requested_by: str


def matches_in(access, persons=None):
    """The matches of the persons of `access.case` (or of `persons`), as Match rows. One query.

    Only the named columns of the other case are read, so nothing else of it
    can reach a page or the API by accident.
    """
    rows = KnownElsewhere.objects.visible_in(access)
    if persons is not None:
        rows = rows.filter(person__in=persons)
    values = rows.values(
        "pk",
        "person_id",
        "match",
        "requested_at",
        *user_columns("requested_by"),
        *user_columns("other_case__case_director"),
        "other_case__lead_organisation__name",
    )

    return [
        Match(
            id=row["pk"],
            person_id=row["person_id"],
            match=row["match"],
            match_label=MatchKind(row["match"]).label,
            director=user_name(row, "other_case__case_director"),
            organisation=row["other_case__lead_organisation__name"],
            requested_at=row["requested_at"],
            requested_by=user_name(row, "requested_by") if row["requested_at"] else "",
        )
        for row in values
    ]


def _subject(match):
    """What the other director is asked about, in the words of their own case: their person of that name and
    date of birth, or the address. Nothing of the asking case's file goes to someone who takes no part in it."""
    person = match.person
    if match.match == MatchKind.PERSON:
        theirs = (
            Person.objects.filter(
                case_id=match.other_case_id, name_key=person.name_key, date_of_birth=person.date_of_birth
            )
            .values_list("name", flat=True)
            .first()
        )
        if theirs:
            return theirs
    return person.address


@transaction.atomic
def coordination_request(match, *, by):
    """Ask the director of the other case to coordinate ("vraag afstemming aan"); they decide whether to invite.

    Anyone taking part in the case of the person matched may ask, once per
    match. The director gets an in-app notification naming who asks, for
    which organisations, and what of their own case matched; the asking case's
    timeline says a request went out.
    """
    match = KnownElsewhere.objects.select_for_update().select_related("person", "case").get(pk=match.pk)
    access = match.case.access_of(by)
    if match.requested_at is not None:
        return match
    other = Case.objects.select_related("case_director").get(pk=match.other_case_id)
    asker = by.get_full_name() or by.get_username()
    organisations = ", ".join(organisation.name for organisation in access.organisations)
    data = {
        "case_id": other.pk,
        "case": other.title,
        "requester": asker,
        "organisation": organisations,
        "subject": _subject(match),
    }
    NOTIFICATIONS.render("coordination_requested", data)
    Notification.objects.create(
        user=other.case_director,
        kind=NotificationKind.COORDINATION_REQUESTED,
        code="coordination_requested",
        data=data,
        url=reverse("cases:invite", args=[other.pk]) + f"?organisatie={access.organisations[0].pk}",
    )
    match.requested_at, match.requested_by = timezone.now(), by
    match.save(update_fields=["requested_at", "requested_by"])
    director = matches_in(access, persons=[match.person_id])
    line = next(m for m in director if m.id == match.pk)
    match.case.log(
        TimelineKind.PERSON,
        "coordination_requested",
        {"person_id": match.person_id, "director": line.director, "organisation": line.organisation},
        by=by,
    )
    return match
