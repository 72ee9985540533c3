"""The privacy pages: the retention queue (approve, extend) and the inzage export for a person.

Read top to bottom: who may (privacy/retention.py, privacy/inzage.py decide), form, verb, redirect.
A review or person outside the user's reach is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import log_case_read
from cases.errors import CaseError, NotAllowed
from cases.models import Person, ReadWhat
from partners.viewer import viewer_of

from .forms import ExtendForm, InzageSearchForm
from .inzage import inzage_export, inzage_organisations, records_of
from .retention import may_approve_as, may_decide, retention_approve, retention_extend, retention_queue


def _review_for(user, pk):
    return get_object_or_404(retention_queue(user), pk=pk)


@login_required
def queue(request):
    """Cases due for anonymisation that the user may decide on."""
    reviews = list(retention_queue(request.user))
    for review in reviews:
        review.may_approve_as = may_approve_as(review, request.user)
    return render(request, "privacy/queue.html", {"reviews": reviews, "today": timezone.localdate()})


@login_required
def approve(request, pk):
    review = _review_for(request.user, pk)  # first: someone outside learns nothing, not even "POST only"
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        anonymised = retention_approve(review, by=request.user)
    except NotAllowed as refused:
        raise PermissionDenied(str(refused)) from None
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The case was anonymised.") if anonymised else _("Your approval was saved; one more approval is needed."),
        )
    return redirect("privacy:queue")


@login_required
def extend(request, pk):
    review = _review_for(request.user, pk)
    if not may_decide(review, request.user):
        raise PermissionDenied
    form = ExtendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            retention_extend(review, by=request.user, **form.cleaned_data)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The retention period was extended."))
            return redirect("privacy:queue")
    return render(request, "privacy/extend.html", {"review": review, "form": form})


def _officer_or_404(user):
    if not viewer_of(user).privacy_organisation_ids:
        raise Http404


@login_required
def inzage(request):
    """Find a person in the cases of the organisations the user is privacy officer of."""
    _officer_or_404(request.user)
    form = InzageSearchForm(request.GET or None)
    persons = []
    if form.is_valid() and form.cleaned_data["q"]:
        persons = (
            Person.objects.filter(
                name__icontains=form.cleaned_data["q"],
                case__participants__organisation__in=viewer_of(request.user).privacy_organisation_ids,
            )
            .select_related("case")
            .distinct()
            .order_by("name", "case_id")[:50]
        )
    return render(request, "privacy/inzage.html", {"form": form, "persons": persons})


def _person_for_inzage(user, person_id):
    person = get_object_or_404(Person.objects.select_related("case"), pk=person_id)
    organisations = list(inzage_organisations(user, person))
    if not organisations:
        raise Http404
    return person, organisations


@login_required
def inzage_person(request, person_id):
    """What the export of this person will cover, and the download button (per organisation of the user's)."""
    person, organisations = _person_for_inzage(request.user, person_id)
    covered = {o.pk: list(records_of(person, o)) for o in organisations}
    # Which cases hold the person is case content: each case shown logs the look.
    for record in {r.pk: r for records in covered.values() for r in records}.values():
        log_case_read(request.user, record.case, ReadWhat.PERSON, person_id=record.pk)
    return render(
        request,
        "privacy/inzage_person.html",
        {"person": person, "organisations": [(o, covered[o.pk]) for o in organisations]},
    )


@login_required
def inzage_download(request, person_id, organisation_id):
    """The export: one zip with inzage.html and inzage.json; written to the access log of every case in it."""
    person, organisations = _person_for_inzage(request.user, person_id)
    organisation = next((o for o in organisations if o.pk == organisation_id), None)
    if organisation is None:
        raise Http404
    export = inzage_export(person, by=request.user, organisation=organisation)
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
