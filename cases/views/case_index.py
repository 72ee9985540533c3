"""Casussen: every case the user may see, to filter, search, sort and page through.

Which cases a user may see is decided by `Case.objects.visible_to(user)` and
nothing else: the list, its count and every filter's choices are built on it, so
an outsider finds no trace of another organisation's case here. Titles and
statuses are not logged as reads (as on "Mijn werk" and the signal list).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from ..filters import CaseIndexFilter
from ..models import Case, directed_by
from .signals import is_partial

CASES_PER_PAGE = 25


@login_required
def case_index(request):
    cases = (
        Case.objects.visible_to(request.user)
        .select_related("neighbourhood", "lead_organisation")
        .annotate(directed=ExpressionWrapper(directed_by(request.user), output_field=BooleanField()))
    )
    filterset = CaseIndexFilter(request.GET or None, queryset=cases, request=request)
    page = Paginator(filterset.qs, CASES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filterset": filterset, "page": page, "query": query.urlencode(), "partial": is_partial(request)}
    template = "cases/_index_results.html" if is_partial(request) else "cases/index.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
