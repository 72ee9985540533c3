"""Filters for the signal and case lists, shared by the pages and the API."""

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood
from partners.models import Organisation

from .models import Case, CaseStatus, Category, Severity, Signal, SignalStatus


def text_search(queryset, field, text):
    """Full-text search in Dutch on PostgreSQL; a plain substring match elsewhere."""
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return queryset.annotate(_search=SearchVector(field, config="dutch")).filter(
            _search=SearchQuery(text, config="dutch", search_type="websearch")
        )
    return queryset.filter(**{f"{field}__icontains": text})


def visible_cases(request):
    """A filter's choice of cases: only those the requester may open, so a foreign id answers as an unknown one."""
    return Case.objects.visible_to(request.user) if request else Case.objects.none()


def case_filter(**kwargs):
    return django_filters.ModelChoiceFilter(queryset=visible_cases, label=_("case"), **kwargs)


class SignalFilter(django_filters.FilterSet):
    neighbourhood = django_filters.ModelChoiceFilter(queryset=Neighbourhood.objects.all(), label=_("neighbourhood"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("category"))
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label=_("severity"))
    status = django_filters.ChoiceFilter(choices=SignalStatus.choices, label=_("status"))
    reporting_organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label=_("reporting organisation")
    )
    occurred_after = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__gte", label=_("from"))
    occurred_before = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__lte", label=_("until"))
    q = django_filters.CharFilter(method="search", label=_("search in descriptions"))
    ordering = django_filters.OrderingFilter(
        fields=(("occurred_at", "occurred_at"), ("severity", "severity"), ("category", "category")),
        label=_("sort by"),
    )

    class Meta:
        model = Signal
        fields = []

    def search(self, queryset, name, value):
        return text_search(queryset, "description", value)


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("status"))
    neighbourhood = django_filters.ModelChoiceFilter(queryset=Neighbourhood.objects.all(), label=_("neighbourhood"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("search in titles"))

    class Meta:
        model = Case
        fields = []
