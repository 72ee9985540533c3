"""The people a case is about: add, look at, correct, remove, record whether they were informed, and ask
the director of a case where they are also known to coordinate.

Read top to bottom: access check (and the read logged), form, verb, redirect.
Who may do what is decided by the verbs in cases/persons.py and
cases/known_elsewhere.py; a person is found only within a case the user takes part in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import get_case_for_user
from ..errors import CaseError
from ..known_elsewhere import coordination_request, matches_in
from ..models import InformingEntry, KnownElsewhere, Person, ReadWhat
from ..person_forms import InformingForm, PersonForm, add_model_errors
from ..persons import informing_record, person_add, person_correct, person_remove


def _person_of(access, person_id):
    return get_object_or_404(Person.objects.visible_in(access), pk=person_id)


def _person_url(person):
    return reverse("cases:person", args=[person.case_id, person.pk])


def _after_check(request, person):
    """Tell the user what the "known elsewhere?" check found (the person page shows who to ask)."""
    if person.known_elsewhere.exists():
        messages.info(request, _("This person or address is also known in another case: see below."))


@login_required
def person_new(request, pk):
    """Add a person to the case; the "known elsewhere?" check runs as they are saved."""
    access = get_case_for_user(request.user, pk, read=ReadWhat.PERSON_FORM)
    case = access.case
    form = PersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_add(case, by=request.user, **form.fields_for_verb())
        except ValidationError as error:
            add_model_errors(form, error)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s was added to the case.") % {"name": person.name})
            _after_check(request, person)
            return redirect(_person_url(person))
    return render(request, "cases/person_form.html", {"case": case, "form": form, "person": None})


@login_required
def person(request, pk, person_id):
    """A person's details, the informing register and where they are known elsewhere."""
    access = get_case_for_user(request.user, pk)
    person = _person_of(access, person_id)
    access.log_read(ReadWhat.PERSON, person_id=person.pk)
    return render(
        request,
        "cases/person.html",
        {
            "case": access.case,
            "person": person,
            "entries": InformingEntry.objects.filter(person=person).select_related("recorded_by", "organisation"),
            "matches": matches_in(access, persons=[person.pk]),
        },
    )


@login_required
def person_edit(request, pk, person_id):
    """Correct a person's details; a changed name, date of birth or address is checked elsewhere again."""
    access = get_case_for_user(request.user, pk)
    person = _person_of(access, person_id)
    access.log_read(ReadWhat.PERSON_FORM, person_id=person.pk)
    form = PersonForm(request.POST if request.method == "POST" else None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            changed = person_correct(Person.objects.get(pk=person.pk), by=request.user, **form.fields_for_verb())
        except ValidationError as error:
            add_model_errors(form, error)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            if changed:
                messages.success(request, _("The details of %(name)s were saved.") % {"name": person.name})
                _after_check(request, person)
            return redirect(_person_url(person))
    return render(request, "cases/person_form.html", {"case": access.case, "form": form, "person": person})


@login_required
def person_remove_view(request, pk, person_id):
    """Confirm, then remove a person (with their informing entries) from the case."""
    access = get_case_for_user(request.user, pk)
    person = _person_of(access, person_id)
    access.log_read(ReadWhat.PERSON_FORM, person_id=person.pk)
    if request.method == "POST":
        try:
            person_remove(person, by=request.user)
        except CaseError as error:
            messages.error(request, str(error))
            return redirect(_person_url(person))
        messages.success(request, _("%(name)s was removed from the case.") % {"name": person.name})
        return redirect(reverse("cases:detail", args=[pk]) + "#persons")
    return render(request, "cases/person_remove.html", {"case": access.case, "person": person})


@login_required
def person_inform(request, pk, person_id):
    """Record whether the person was informed (or why not, and when to look again)."""
    access = get_case_for_user(request.user, pk)
    person = _person_of(access, person_id)
    access.log_read(ReadWhat.PERSON_FORM, person_id=person.pk)
    form = InformingForm(request.POST if request.method == "POST" else None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            informing_record(
                person,
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                informed=form.cleaned_data["informed"],
                **form.details(),
            )
        except ValidationError as error:
            add_model_errors(form, error)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The informing register was updated."))
            return redirect(_person_url(person))
    return render(request, "cases/person_inform.html", {"case": access.case, "person": person, "form": form})


@login_required
def coordinate(request, pk, match_id):
    """Ask the director of the case where a person is also known to coordinate (POST)."""
    access = get_case_for_user(request.user, pk)  # first: an outsider learns nothing, not even "POST only"
    match = get_object_or_404(KnownElsewhere.objects.visible_in(access), pk=match_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    coordination_request(match, by=request.user)
    messages.success(
        request, _("Your request went to the director of the other case; they decide whether to invite you.")
    )
    return redirect(reverse("cases:person", args=[pk, match.person_id]))
