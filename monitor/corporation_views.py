"""A housing corporation's own figures: its detail page, the form, the CSV upload and template, its sharing setting.

Only the corporation's managers and administrators come here (monitor/access.py:
403 for everyone else, 404 for a corporation that is not theirs); the verbs
check the same again (monitor/services.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from neighbourhoods.models import Neighbourhood
from partners.viewer import viewer_of

from .access import corporation_for_user, entering_corporations, own_figures
from .forms import FiguresForm, SharingForm, UploadForm
from .models import FiguresRecord
from .services import figures_replace_year, figures_save, shares_aggregates, sharing_set
from .uploads import UploadErrors, parse_upload, template_response


def _back_to(organisation):
    return f"{reverse('monitor:corporation')}?organisation={organisation.pk}"


@login_required
def figures(request):
    organisation = corporation_for_user(request.user, request.GET.get("organisation"))
    rows = own_figures(organisation)
    years = sorted({row.year for row in rows}, reverse=True)
    shares = shares_aggregates(organisation)
    return render(
        request,
        "monitor/corporation.html",
        {
            "organisation": organisation,
            "corporations": entering_corporations(request.user),
            "by_year": [(year, [row for row in rows if row.year == year]) for year in years],
            "history": FiguresRecord.objects.filter(organisation=organisation).select_related("by")[:20],
            "shares": shares,
            "sharing_form": SharingForm(
                corporations=[organisation], initial={"organisation": organisation.pk, "shares": not shares}
            ),
        },
    )


@login_required
def enter(request):
    """Enter or correct one buurt's figures for one year."""
    corporations = entering_corporations(request.user)
    organisation = corporation_for_user(
        request.user, request.POST.get("organisation") or request.GET.get("organisation")
    )
    form = FiguresForm(request.POST or None, corporations=corporations, initial={"organisation": organisation.pk})
    if request.method == "POST" and form.is_valid():
        try:
            figures_save(
                organisation,
                form.cleaned_data["neighbourhood"],
                form.cleaned_data["year"],
                form.figures(),
                by=request.user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("The figures are saved."))
            return redirect(_back_to(organisation))
    return render(request, "monitor/corporation_enter.html", {"form": form, "organisation": organisation})


@login_required
def upload(request):
    """Replace a year's figures by an uploaded CSV: every line checked first, one bad line saves nothing."""
    corporations = entering_corporations(request.user)
    organisation = corporation_for_user(
        request.user, request.POST.get("organisation") or request.GET.get("organisation")
    )
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        corporations=corporations,
        initial={"organisation": organisation.pk},
    )
    line_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_upload(upload.read())
        except UploadErrors as errors:
            line_errors = errors.errors
        else:
            record = figures_replace_year(
                organisation, form.cleaned_data["year"], rows, by=request.user, file_name=upload.name
            )
            messages.success(
                request,
                _("%(rows)s lines saved for %(year)s; %(replaced)s earlier lines of that year replaced.")
                % {"rows": record.rows, "year": record.year, "replaced": record.replaced},
            )
            return redirect(_back_to(organisation))
    return render(
        request,
        "monitor/corporation_upload.html",
        {"form": form, "organisation": organisation, "line_errors": line_errors},
    )


@login_required
def template(request):
    """The CSV template, with the corporation's buurten of its latest year (or the user's teams' buurten)."""
    organisation = corporation_for_user(request.user, request.GET.get("organisation"))
    rows = own_figures(organisation)
    if rows:
        latest = rows[0].year
        buurten = sorted((row.neighbourhood for row in rows if row.year == latest), key=lambda n: n.code)
    else:
        buurten = list(Neighbourhood.objects.filter(pk__in=viewer_of(request.user).neighbourhood_ids).order_by("code"))
    return template_response(buurten)


@require_POST
@login_required
def sharing(request):
    """Switch the corporation's sharing setting."""
    organisation = corporation_for_user(request.user, request.POST.get("organisation"))
    form = SharingForm(request.POST, corporations=[organisation])
    if form.is_valid():
        setting = sharing_set(organisation, form.cleaned_data["shares"], by=request.user)
        if setting.shares_aggregates:
            messages.success(request, _("Partners now see your figures, as aggregates of at least 5 lettings."))
        else:
            messages.success(request, _("Your figures are no longer shared with the partners."))
    return redirect(_back_to(organisation))
