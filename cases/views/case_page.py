"""The shared case page and everything done from it.

Every view reads top to bottom: access check, form, verb, redirect. Which
rows a user may see is decided by `visible_to(user)` and the
`get_..._for_user` helpers in cases/access.py; what may change is decided by
the case verbs in cases/workflow.py, never here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.kept_pages import KeptPage
from core.forms import focus_first_error
from core.rows import choice_label, user_columns, user_name

from ..access import get_case_for_user, get_visible
from ..case_forms import AttachmentForm, CaseEditForm, HandOverForm, InviteForm, NoteForm, TransitionForm
from ..errors import CaseConflict, CaseError
from ..models import (
    AccessLogEntry,
    Attachment,
    CaseStatus,
    Note,
    NoteVisibility,
    ReadWhat,
    TimelineEntry,
    transition_refused,
)
from ..models.participants import CaseRows
from ..models.processing import bases_by_participant, current_bases
from ..panels import case_panels
from ..persons import persons_listed
from ..texts import TIMELINE

ACCESS_LOG_PER_PAGE = 50


def _case_url(case, anchor=""):
    return reverse("cases:detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


# The case page shows the latest notes and timeline lines, SHOWN at a time: "toon meer" asks for the
# next SHOWN from an offset (?notities=20, ?tijdlijn=20) — with htmx only those rows, appended; without
# JavaScript the case page with those rows. Either way a page holds SHOWN rows of each, however many the
# case has. One row more than shown tells whether there is more, without a count query.
NOTES_SHOWN = 20
TIMELINE_SHOWN = 20
HISTORY_PARAMETERS = ("notities", "tijdlijn")


def _offset(request, name):
    value = request.GET.get(name, "") if request else ""
    return int(value) if value.isdigit() and len(value) < 9 else 0


def _slice(rows, access, start, shown):
    """(rows start..start+shown, the offset of the next page or None): the first ones, as nearly every visit
    asks, from the compiled `rows` (CaseRows of the first shown + 1), further ones from their queryset."""
    found = rows(access) if start == 0 else list(rows.queryset(access)[start : start + shown + 1])
    return found[:shown], (start + shown if len(found) > shown else None)


# The notes and timeline lines are read as the columns the page shows (core/rows.py): forty rows a page,
# each with its writer and organisation, are most of what the page would otherwise build and throw away.
NOTE_COLUMNS = ("body", "visibility", "created_at", "organisation__name", *user_columns("author"))
TIMELINE_COLUMNS = (
    "kind",
    "at",
    "code",
    "data",
    "actor_id",
    "organisation_id",
    "organisation__name",
    *user_columns("actor"),
)


ATTACHMENT_COLUMNS = ("pk", "original_name", "size", "created_at", "organisation__name", *user_columns("uploaded_by"))

# What nearly every visit reads, made SQL once per process (cases/models/participants.py CaseRows).
_attachment_rows = CaseRows(lambda case_pk, ids: Attachment.objects.in_case(case_pk, ids).values(*ATTACHMENT_COLUMNS))
_note_rows = CaseRows(
    lambda case_pk, ids: Note.objects.in_case(case_pk, ids).values(*NOTE_COLUMNS), first=NOTES_SHOWN + 1
)
_timeline_rows = CaseRows(
    lambda case_pk, ids: TimelineEntry.objects.in_case(case_pk, ids).values(*TIMELINE_COLUMNS),
    first=TIMELINE_SHOWN + 1,
)


def _note_row(row):
    organisation = row["organisation__name"]
    return {
        **row,
        "author_name": user_name(row, "author"),
        "organisation_name": organisation,
        "restricted_label": _("Only visible to %(organisation)s") % {"organisation": organisation}
        if row["visibility"] == NoteVisibility.OWN_ORGANISATION
        else "",
    }


def _timeline_row(row):
    return {
        **row,
        "kind_label": choice_label(TimelineEntry, "kind", row["kind"]),
        "actor_name": user_name(row, "actor") if row["actor_id"] else "",
        "organisation_name": row["organisation__name"],
        "text": TIMELINE.text(row["code"], row["data"]),
    }


def _attachments(access):
    """The case's attachments, newest first, as the page lists them."""
    return [
        {**row, "uploaded_by_name": user_name(row, "uploaded_by"), "organisation_name": row["organisation__name"]}
        for row in _attachment_rows(access)
    ]


def _history(access, request=None):
    """Notes and the one timeline of the case, as far as this user may see them: SHOWN of each, from the
    offsets the request asks for (the latest by default)."""
    notes_from, timeline_from = _offset(request, "notities"), _offset(request, "tijdlijn")
    notes, next_notes = _slice(_note_rows, access, notes_from, NOTES_SHOWN)
    timeline, next_timeline = _slice(_timeline_rows, access, timeline_from, TIMELINE_SHOWN)
    return {
        "notes": [_note_row(row) for row in notes],
        "notes_from": notes_from,
        "next_notes": next_notes,
        "timeline": [_timeline_row(row) for row in timeline],
        "timeline_from": timeline_from,
        "next_timeline": next_timeline,
    }


def _more_history(request, access):
    """htmx "toon meer": only the next rows of the notes or the timeline (a read of those, logged)."""
    if "notities" in request.GET:
        access.log_read(ReadWhat.NOTES)
        template = "cases/_more_notes.html"
    else:
        access.log_read(ReadWhat.TIMELINE)
        template = "cases/_more_timeline.html"
    return render(request, template, {"case": access.case, "access": access, **_history(access, request)})


def _case_page(request, access, *, note_form=None, attachment_form=None, logged=False):
    """Render the case page (its read is logged, unless it was already); a form that failed is shown again
    with its errors, the focus on the first of them."""
    if not logged:
        access.log_read(ReadWhat.CASE_PAGE)
    focus_first_error(note_form)
    focus_first_error(attachment_form)
    case = access.case
    panel_templates, panel_context = case_panels(request, access)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "access": access,
            "participants": access.participants,
            "panel_templates": panel_templates,
            "attachments": _attachments(access),
            "persons": persons_listed(access),
            "processing": bases_by_participant(access),
            **_history(access, request),
            "note_form": note_form or NoteForm(access=access),
            "attachment_form": attachment_form or AttachmentForm(access=access),
            "can_direct": access.directs,
            "next_statuses": case.next_statuses() if access.directs else [],
            "invite_form": InviteForm(case=case) if access.directs else None,
            **panel_context,
        },
    )


@login_required
def detail(request, pk):
    # Kept per reader (accounts/kept_pages.py): the access check and the access log on every request, the
    # rendered page only while nothing it read, the case's participants included, has changed.
    with KeptPage(request) as page:
        access = get_case_for_user(request.user, pk)
        if request.htmx and any(name in request.GET for name in HISTORY_PARAMETERS):
            return _more_history(request, access)
        access.log_read(ReadWhat.CASE_PAGE)
        return page.respond(lambda: _case_page(request, access, logged=True))


@login_required
def add_note(request, pk):
    """Write a note on the case; with htmx, only the notes and the timeline come back."""
    access = get_case_for_user(request.user, pk)  # first: an outsider learns nothing, not even "POST only"
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = access.case

    form = NoteForm(request.POST, access=access)
    if form.is_valid():
        try:
            case.add_note(by=request.user, **form.cleaned_data)
        except CaseError as error:
            form.add_error("body", str(error))
    if request.htmx:
        # The partial shows every note and the timeline: a read like the page.
        access.log_read(ReadWhat.NOTES)
        saved = form.is_valid()
        return render(
            request,
            "cases/_note_posted.html",
            {
                "case": case,
                "access": access,
                "note_form": NoteForm(access=access) if saved else focus_first_error(form),
                "note_saved": saved,
                **_history(access),
            },
        )
    if not form.is_valid():
        return _case_page(request, access, note_form=form)
    messages.success(request, _("Your note was added."))
    return redirect(_case_url(case, "notes"))


@login_required
def add_attachment(request, pk):
    access = get_case_for_user(request.user, pk)  # first: an outsider learns nothing, not even "POST only"
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = access.case

    form = AttachmentForm(request.POST, request.FILES, access=access)
    if form.is_valid():
        try:
            added = case.add_attachment(
                by=request.user, organisation=form.cleaned_data["organisation"], uploaded_file=form.cleaned_data["file"]
            )
        except CaseError as error:
            form.add_error("file", str(error))
    if not form.is_valid():
        return _case_page(request, access, attachment_form=form)
    messages.success(request, _("“%(name)s” was attached.") % {"name": added.original_name})
    return redirect(_case_url(case, "attachments"))


@login_required
def attachment(request, pk, attachment_id):
    """Hand out an attachment to a participant, never from a public URL."""
    access = get_case_for_user(request.user, pk)
    attachment = get_visible(Attachment.objects.filter(case=access.case), request.user, attachment_id)

    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    access.log_read(ReadWhat.ATTACHMENT, name=attachment.original_name, attachment_id=attachment.pk)
    response = FileResponse(
        stored, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def change_status(request, pk, to):
    """One confirmation page per status change; the case director confirms, the verb decides."""
    access = get_case_for_user(request.user, pk, direct=True, read=ReadWhat.STATUS)
    case = access.case
    if to not in CaseStatus.values:
        raise Http404
    if to not in case.next_statuses():
        # Also on POST: a stale page or a hand-made request changes nothing.
        messages.error(request, str(transition_refused(case.status, to)))
        return redirect(_case_url(case))

    form = TransitionForm(
        request.POST if request.method == "POST" else None,
        case=case,
        to=to,
        participants=access.participants,
        bases=current_bases(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            case.transition(to, by=request.user, **form.verb_arguments())
        except CaseError as error:
            form.add_error(None, str(error))  # shown again with what was filled in
        else:
            messages.success(request, _("The case is now “%(status)s”.") % {"status": case.get_status_display()})
            return redirect(_case_url(case, "timeline"))
    return render(request, "cases/change_status.html", {"case": case, "to": CaseStatus(to), "form": form})


@login_required
def invite(request, pk):
    """The case director lets another organisation take part, stating why it needs to know."""
    case = get_case_for_user(request.user, pk, direct=True, read=ReadWhat.INVITE).case

    # ?organisatie=<id>: the organisation that asked to coordinate (cases/known_elsewhere.py), chosen already.
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        case=case,
        initial={"organisation": request.GET.get("organisatie", "")},
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            case.invite(
                organisation,
                by=request.user,
                role=form.cleaned_data["role"],
                legal_basis=form.cleaned_data["legal_basis"],
                purpose=form.cleaned_data["purpose"],
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(organisation)s now takes part in the case.") % {"organisation": organisation}
            )
            return redirect(_case_url(case, "participants"))
    return render(request, "cases/invite.html", {"case": case, "form": form})


@login_required
def end_participation(request, pk, participant_id):
    """Confirm, then end an organisation's part: its users lose access at once."""
    case = get_case_for_user(request.user, pk, direct=True, read=ReadWhat.END_PARTICIPATION).case
    participant = get_object_or_404(case.participants.active().select_related("organisation"), pk=participant_id)

    if request.method == "POST":
        try:
            case.end_participation(participant.organisation, by=request.user)
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(organisation)s no longer takes part in the case.") % {"organisation": participant.organisation},
            )
        return redirect(_case_url(case, "participants"))
    return render(request, "cases/end_participation.html", {"case": case, "participant": participant})


@login_required
def hand_over(request, pk):
    """Whoever directs the case hands direction to a case director of a participating organisation."""
    access = get_case_for_user(request.user, pk, direct=True, read=ReadWhat.HAND_OVER)
    case = access.case

    form = HandOverForm(request.POST if request.method == "POST" else None, access=access)
    if request.method == "POST" and form.is_valid():
        to, organisation = form.cleaned_data["to"]
        try:
            case.hand_over(to, by=request.user, organisation=organisation)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(director)s now directs the case for %(organisation)s.")
                % {"director": to.get_full_name() or to.get_username(), "organisation": organisation},
            )
            return redirect(_case_url(case, "participants"))
    return render(request, "cases/hand_over.html", {"case": case, "form": form})


@login_required
def access_log(request, pk):
    """Who read what of this case, through which channel and on whose behalf: for whoever directs it.

    Repeated reads of the same thing by the same person through the same channel
    on one day show as one line with a count (grouped in the database).
    """
    case = get_case_for_user(request.user, pk, direct=True, read=ReadWhat.ACCESS_LOG).case

    page = Paginator(AccessLogEntry.objects.filter(case=case).grouped_by_day(), ACCESS_LOG_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Stored as codes; shown in the reader's language.
    page.object_list = [
        {
            **row,
            "what_label": ReadWhat(row["what"]).label,
            "channel_label": AccessLogEntry.Channel(row["channel"]).label,
        }
        for row in page.object_list
    ]
    return render(request, "cases/access_log.html", {"case": case, "page": page})


@login_required
def edit(request, pk):
    """Edit the case header. A stale form (someone saved in between) shows both versions, loses nothing."""
    case = get_case_for_user(request.user, pk, direct=True, read=ReadWhat.EDIT).case

    conflict = None
    if request.method == "POST":
        form = CaseEditForm(request.POST)
        if form.is_valid():
            try:
                case.edit(by=request.user, version=form.cleaned_data["version"], **form.changes())
            except CaseConflict:
                case.refresh_from_db()
                conflict = form.compared_with(case)
                # Keep what the user typed, based on the version now saved, so saving again is a choice.
                data = request.POST.copy()
                data["version"] = case.version
                form = CaseEditForm(data)
            except CaseError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The case details were saved."))
                return redirect(_case_url(case))
    else:
        form = CaseEditForm(initial=CaseEditForm.initial_for(case))
    return render(request, "cases/edit.html", {"case": case, "form": form, "conflict": conflict})
