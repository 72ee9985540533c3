"""Filters for the signal and case lists, shared by the pages and the API."""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db import connection, models
from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import kept
from core.widgets import CHOICES_SECONDS, FastSelect, model_choices
from neighbourhoods.models import Neighbourhood
from partners.models import Organisation

from .models import (
    OPEN_CASE_STATUSES,
    Case,
    CaseStatus,
    Category,
    Priority,
    Severity,
    Signal,
    SignalStatus,
    directed_by,
    parse_address,
)

# A <select> with more options than this gets a search box (static/js/filters.js): the neighbourhood and
# organisation lists of a citywide organisation run into the hundreds.
SEARCHABLE_FROM = 15


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


def address_or_text_search(queryset, field, text, *, prefix=""):
    """A typed address ('1094 AB 17', '1094ab17-h') finds that address; any other text searches `field`."""
    address = parse_address(text)
    if address is not None:
        return queryset.filter(address.matches(prefix))
    return text_search(queryset, field, text)


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
    q = django_filters.CharFilter(method="search", label=_("search in descriptions, or an address (1094 AB 17)"))
    # By time only: the API pages with a cursor on the time (cases/api.py), which needs a nearly unique
    # ordering; severity and category are filters. The triage page has its own orderings (signal_forms.py).
    ordering = django_filters.ChoiceFilter(
        choices=[("-occurred_at", _("newest first")), ("occurred_at", _("oldest first"))],
        method="order",
        label=_("sort by"),
    )

    class Meta:
        model = Signal
        fields = []

    def search(self, queryset, name, value):
        return address_or_text_search(queryset, "description", value)

    def order(self, queryset, name, value):
        return queryset.order_by(*signal_api_ordering(value))


def signal_api_ordering(value):
    """The order_by() of the API's `?ordering=` value: newest first unless asked otherwise, pk breaking ties."""
    return ("occurred_at", "pk") if value == "occurred_at" else ("-occurred_at", "-pk")


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("status"))
    neighbourhood = django_filters.ModelChoiceFilter(queryset=Neighbourhood.objects.all(), label=_("neighbourhood"))
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("search in titles"))

    class Meta:
        model = Case
        fields = []


class PageFilterMixin:
    """A FilterSet dressed for a list page: capitalised labels, "All" for no choice, selects rendered in
    Python (core/widgets.py) with their model choices cached per user, and a search box on long ones.

    The form that validates and filters is django-filter's own; only `fields_html()` dresses and renders
    it, and keeps what it rendered (see there)."""

    choices_cache = "filter-choices"
    fields_template = None  # the template of the form's fields, given `form`

    def dressed_form(self):
        """The form, dressed for the page (its fields changed in place: validating is not affected)."""
        form = self.form
        if not getattr(form, "_dressed", False):
            for name, field in form.fields.items():
                field.label = capfirst(field.label)
                if getattr(field, "empty_label", None) is not None:
                    field.empty_label = _("All")
                    if not isinstance(field, forms.ModelChoiceField):
                        # django-filter's ChoiceField renders from choices built with the old label.
                        field.choices = [choice for choice in field.choices if choice[0] != ""]
                if type(field.widget) is forms.Select:
                    attrs = dict(field.widget.attrs)
                    if isinstance(field, forms.ModelChoiceField):
                        # Per user: the choices follow what the user may see.
                        choices = model_choices(field, "name", cache_key=self._choices_key(name))
                        if len(choices) > SEARCHABLE_FROM:  # lists that grow with the city, not fixed vocabularies
                            attrs["data-searchable"] = capfirst(field.label)
                    else:
                        choices = field.widget.choices
                    field.widget = FastSelect(attrs=attrs, choices=choices)
            form._dressed = True
        return form

    def _choices_key(self, *parts):
        return kept.key(self.choices_cache, self.request.user.pk, *parts)

    def fields_html(self):
        """The form's fields as HTML (`fields_template`), kept per user, language and query string.

        Dressing and rendering nine fields was a third of a list page's time, for HTML that is a function
        of the query, the language and the user's choices, which are themselves kept for CHOICES_SECONDS
        (core/widgets.py): so the HTML is kept as long again, and what the fields offer lags the data by at
        most twice that, never more. A form with errors is rendered afresh, with the user's own input.
        """
        if self.is_bound and self.form.errors:
            return self._render_fields()
        query = self.query(without=("page",))
        cache_key = self._choices_key("html", get_language(), kept.digest(query))
        html = cache.get(cache_key)
        if html is None:
            html = self._render_fields()
            cache.set(cache_key, html, CHOICES_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by our own template, which escapes

    def query(self, without=()):
        """The query string of what the filters were given, in a fixed order, without the names in `without`."""
        return urlencode(sorted((name, value) for name, value in self.data.lists() if name not in without), doseq=True)

    def _render_fields(self):
        return render_to_string(self.fields_template, {"form": self.dressed_form()}, self.request)

    def active_filter_count(self):
        """How many filters narrow the list (sorting is not a filter)."""
        return sum(1 for name in self.filters if name != "ordering" and self.data.get(name))

    @property
    def looked_up_address(self):
        """The Address typed in the search box, if it is one: the list then links to its page."""
        return parse_address(self.data.get("q", "")) if self.data else None


OPEN = "open"
DIRECTING, TAKING_PART = "ik_regisseer", "neemt_deel"

CASE_ORDERINGS = {
    "review": (_("next review first"), [F("next_review_on").asc(nulls_last=True), "-updated_at", "-pk"]),
    "-updated": (_("recently changed first"), ["-updated_at", "-pk"]),
    "-created": (_("newest first"), ["-created_at", "-pk"]),
    "priority": (_("highest priority first"), ["priority_rank", "-updated_at", "-pk"]),
    "title": (_("title"), ["title", "pk"]),
}


def priority_rank():
    """Priority as a number (urgent first), so sorting is not alphabetical."""
    ranks = list(reversed(Priority.values))
    return models.Case(
        *[models.When(priority=value, then=rank) for rank, value in enumerate(ranks)],
        default=len(ranks),
        output_field=models.IntegerField(),
    )


class CaseIndexFilter(PageFilterMixin, django_filters.FilterSet):
    """The case index (Casussen): filters over the cases the user may see; every choice narrowed to those."""

    choices_cache = "case-filter-choices"
    fields_template = "cases/_index_filter_fields.html"

    q = django_filters.CharFilter(method="search", label=_("search in titles and addresses"))
    status = django_filters.ChoiceFilter(
        choices=[(OPEN, _("every open status")), *CaseStatus.choices], method="by_status", label=_("status")
    )
    neighbourhood = django_filters.ModelChoiceFilter(queryset=Neighbourhood.objects.none(), label=_("neighbourhood"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("priority"))
    part = django_filters.ChoiceFilter(
        choices=[(DIRECTING, _("I direct")), (TAKING_PART, _("my organisation takes part, I do not direct"))],
        method="by_part",
        label=_("my part"),
    )
    review_overdue = django_filters.BooleanFilter(
        method="by_review_overdue", label=_("review overdue"), widget=forms.CheckboxInput
    )
    no_open_action = django_filters.BooleanFilter(
        method="by_no_open_action", label=_("open, without an open action"), widget=forms.CheckboxInput
    )
    ordering = django_filters.ChoiceFilter(
        label=_("sort by"),
        choices=[(key, label) for key, (label, _fields) in CASE_ORDERINGS.items()],
        empty_label=None,
        method="order",
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        visible = Case.objects.visible_to(request.user)
        self.filters["neighbourhood"].queryset = Neighbourhood.objects.filter(pk__in=visible.values("neighbourhood"))

    @property
    def qs(self):
        queryset = super().qs
        if self.is_bound and not self.form.is_valid():
            return queryset.none()  # a filter that is wrong (say, a foreign id) matches nothing; the form says why
        if not (self.is_bound and self.form.cleaned_data.get("ordering")):
            queryset = self.order(queryset, "ordering", "review")
        return queryset

    def search(self, queryset, name, value):
        """A typed address finds cases at that address (their own, or one of their signals'); other text the
        titles."""
        address = parse_address(value)
        if address is not None:
            at_address = Signal.objects.filter(address.matches(), case=OuterRef("pk"))
            return queryset.filter(address.matches() | Exists(at_address))
        return queryset.filter(title__icontains=value.strip()) if value.strip() else queryset

    def by_status(self, queryset, name, value):
        return queryset.filter(status__in=OPEN_CASE_STATUSES) if value == OPEN else queryset.filter(status=value)

    def by_part(self, queryset, name, value):
        directing = directed_by(self.request.user)
        return queryset.filter(directing) if value == DIRECTING else queryset.exclude(directing)

    def by_review_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OPEN_CASE_STATUSES, next_review_on__lt=timezone.localdate())

    def by_no_open_action(self, queryset, name, value):
        if not value:
            return queryset
        # Actions belong to interventions, above this app: reached through the relation, not imported.
        actions = Case._meta.get_field("actions").related_model.objects
        return queryset.filter(status__in=OPEN_CASE_STATUSES).exclude(
            Exists(actions.filter(case=OuterRef("pk"), done_at__isnull=True))
        )

    def order(self, queryset, name, value):
        fields = CASE_ORDERINGS[value or "review"][1]
        if "priority_rank" in fields:
            queryset = queryset.annotate(priority_rank=priority_rank())
        return queryset.order_by(*fields)
