"""The verbs for the people a case is about: add, correct, remove, record whether they were informed.

Everyone taking part in the case may use them (the case's need-to-know is
the rule: `Case.access_of`). Each writes its timeline line in the same
transaction; adding or correcting a person asks whether they are known in
another case (cases/known_elsewhere.py). Pages and API call these and nothing
else to change a person.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .errors import CaseError
from .known_elsewhere import check_known_elsewhere, matches_in
from .models import AccessLogEntry, InformingEntry, KnownElsewhere, Person, TimelineKind, normalise_postcode
from .models.participants import CaseRows

# What `person_correct` may change.
PERSON_FIELDS = (
    "name",
    "date_of_birth",
    "role",
    "postcode",
    "house_number",
    "house_number_addition",
    "contact_notes",
)
# A change to one of these asks again whether the person is known elsewhere.
MATCHED_FIELDS = {"name", "date_of_birth", "postcode", "house_number", "house_number_addition"}


def _require_open(case):
    if not case.is_open:
        raise CaseError(_("This case is closed: reopen it first."))


def _validated(person):
    """full_clean, with its field errors as they are (the API and the form show them by field)."""
    person.postcode = normalise_postcode(person.postcode)
    person.full_clean(exclude=["case", "added_by", "name_key"])
    return person


def _person_data(person):
    return {"person_id": person.pk, "name": person.name, "role": person.role}


@transaction.atomic
def person_add(case, *, by, channel=AccessLogEntry.Channel.PAGE, **fields):
    """Record a person on the case (PERSON_FIELDS), then check whether they are known in another case.

    Anyone taking part may; not on a closed case. Raises ValidationError (by
    field) for bad input; nothing is saved then.
    """
    access = case.access_of(by)
    _require_open(case)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_add() takes no {', '.join(sorted(unknown))}")
    person = _validated(Person(case=case, added_by=by, **fields))
    person.save()
    case.log(TimelineKind.PERSON, "person_added", _person_data(person), by=by)
    check_known_elsewhere(person, access=access, channel=channel)
    return person


@transaction.atomic
def person_correct(person, *, by, channel=AccessLogEntry.Channel.PAGE, **changes):
    """Correct a person's details; a changed name, date of birth or address is checked again elsewhere.

    Returns the names of the fields that changed (none: nothing is written).
    """
    case = person.case
    access = case.access_of(by)
    _require_open(case)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_correct() cannot change {', '.join(sorted(unknown))}")
    before = {name: getattr(person, name) for name in PERSON_FIELDS}
    for name, value in changes.items():
        setattr(person, name, value)
    _validated(person)
    changed = [name for name in PERSON_FIELDS if getattr(person, name) != before[name]]
    if not changed:
        return []
    person.save()
    case.log(TimelineKind.PERSON, "person_corrected", _person_data(person), by=by)
    if MATCHED_FIELDS & set(changed):
        check_known_elsewhere(person, access=access, channel=channel)
    return changed


@transaction.atomic
def person_remove(person, *, by):
    """Remove a person from the case with their informing entries; the timeline keeps that they were removed."""
    case = person.case
    case.access_of(by)
    _require_open(case)
    data = _person_data(person)
    person.delete()
    case.log(TimelineKind.PERSON, "person_removed", data, by=by)


@transaction.atomic
def informing_record(person, *, by, organisation=None, informed, **details):
    """Add a line to the informing register: informed (`informed_on`, `how`) or not (`reason`, `reason_text`,
    `look_again_on`), in the name of `organisation` (one of the writer's taking part).

    Earlier lines stay; the latest holds. Raises ValidationError by field.
    """
    case = person.case
    access = case.access_of(by)
    _require_open(case)
    allowed = {"informed_on", "how", "reason", "reason_text", "look_again_on"}
    if set(details) - allowed:
        raise TypeError(f"informing_record() takes no {', '.join(sorted(set(details) - allowed))}")
    entry = InformingEntry(
        person=person, informed=informed, recorded_by=by, organisation=access.writes_as(organisation), **details
    )
    entry.full_clean(exclude=["person", "recorded_by", "organisation"])
    entry.save()
    case.log(
        TimelineKind.PERSON,
        "person_informed" if informed else "person_not_informed",
        {**_person_data(person), "how": entry.how, "reason": entry.reason},
        by=by,
        organisation=entry.organisation,
    )
    return entry


def persons_of(access, only=None):
    """The persons of `access.case` (or just the ids in `only`) with their latest informing entry and their
    matches elsewhere (`matches`). Two queries, however many persons.
    """
    persons = Person.objects.visible_in(access).with_latest_informing()
    if only is not None:
        persons = persons.filter(pk__in=only)
    persons = list(persons)
    matches = {}
    for match in matches_in(access, persons=only):
        matches.setdefault(match.person_id, []).append(match)
    for person in persons:
        person.matches = matches.get(person.pk, [])
    return persons


# What the case page's list of persons shows of each (templates/cases/_persons.html), and of their informing
# entries (the latest holds, as in PersonQuerySet.with_latest_informing).
LISTED_FIELDS = ("name", "date_of_birth", "role", "postcode", "house_number", "house_number_addition")
LISTED_INFORMING = {
    "latest_informed": "informing__informed",
    "latest_informed_on": "informing__informed_on",
    "latest_how": "informing__how",
    "latest_reason": "informing__reason",
    "latest_look_again": "informing__look_again_on",
}


def _listed_rows(case_pk, organisation_ids):
    matched = KnownElsewhere.objects.in_case(case_pk, organisation_ids).filter(person=OuterRef("pk"))
    return (
        Person.objects.in_case(case_pk, organisation_ids)
        .annotate(is_known_elsewhere=Exists(matched))
        .order_by(*Person._meta.ordering, "-informing__recorded_at", "-informing__pk")
        .values("pk", *LISTED_FIELDS, "is_known_elsewhere", *LISTED_INFORMING.values())
    )


_listed = CaseRows(_listed_rows)  # on every visit of the case page: its SQL made once per process


def persons_listed(access):
    """The persons of `access.case` as the case page lists them: the fields it shows, what their latest
    informing entry says (the `latest_...` of `with_latest_informing`), and whether they are known in another
    case (`is_known_elsewhere`; which match, and who directs that case, is on the person's own page).

    One query, however many persons: a row per informing entry (newest first, the first one holds) rather
    than a subquery per column, which costs more to build than the few rows it saves.
    """
    persons = {}
    for row in _listed(access):
        if row["pk"] in persons:
            continue  # an older informing entry of the same person
        person = Person(pk=row["pk"], case_id=access.case.pk, **{name: row[name] for name in LISTED_FIELDS})
        person.is_known_elsewhere = row["is_known_elsewhere"]
        for attribute, column in LISTED_INFORMING.items():
            setattr(person, attribute, row[column])
        persons[person.pk] = person
    return list(persons.values())


def persons_due_for_a_new_look(case, on):
    """The case's persons whose "not informed" is due to be looked at again by `on`, for a review's agenda."""
    return list(Person.objects.filter(case=case).due_for_a_new_look(on).order_by("latest_look_again", "name"))
