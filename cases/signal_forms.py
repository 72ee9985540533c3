"""Forms of the signal pages: logging a signal, the triage queue's filters, the
triage verbs and opening a case from signals.

Every choice offered is narrowed to what the user may use (their neighbourhoods,
organisations, visible cases), so a foreign id is a form error, never a way to
learn that something exists. The rules themselves stay in the verbs.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import FixedChoiceField
from core.reverse import kept_reverse
from neighbourhoods.models import Neighbourhood
from partners.models import Organisation
from partners.viewer import viewer_of

from .access import reportable_neighbourhood, reportable_neighbourhoods, reporting_organisations
from .filters import PageFilterMixin, SignalFilter
from .models import Case, CaseScope, Category, Priority, Severity, Signal, normalise_postcode, postcode_validator
from .visibility import neighbourhoods_with_visible_signals

NEIGHBOURHOOD_MATCHES_SHOWN = 10
LINKABLE_CASES_SHOWN = 50
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def neighbourhood_matches(user, text, limit=NEIGHBOURHOOD_MATCHES_SHOWN):
    """Neighbourhoods the user may report in whose name or CBS code contains `text`."""
    return list(
        reportable_neighbourhoods(user).search(text or "").select_related("district").order_by("name", "code")[:limit]
    )


def directing_organisations(user):
    """The active organisations in which the user may direct cases (open one as case director)."""
    return [m.organisation for m in viewer_of(user).active_memberships if m.can_direct_cases]


class ReportableNeighbourhoodField(forms.Field):
    """A neighbourhood the form's user may report in, by id (`reportable_neighbourhood`): any other id, or one
    that does not exist, is an invalid choice. The matches it is chosen from are rendered by the log form's
    partial, so it offers no choices of its own and builds no queryset per form."""

    default_error_messages = forms.ModelChoiceField.default_error_messages

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = None

    def to_python(self, value):
        if value in self.empty_values:
            return None
        neighbourhood = reportable_neighbourhood(self.user, value)
        if neighbourhood is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return neighbourhood


class SignalForm(forms.Form):
    """Log a signal: where, what, how serious, when. Phone-first, one screen."""

    neighbourhood = forms.CharField(
        label=_("Neighbourhood"),
        max_length=120,
        help_text=_("Type part of the name or the CBS code (BU…), then choose the neighbourhood."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    # The radio buttons under the search box (rendered by signals/_neighbourhood_matches.html).
    neighbourhood_choice = ReportableNeighbourhoodField(required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "autocapitalize": "characters", "size": 8}),
    )
    house_number = forms.IntegerField(
        label=_("House number"),
        min_value=1,
        max_value=99999,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    house_number_addition = forms.CharField(label=_("Addition"), max_length=10, required=False)
    category = FixedChoiceField(label=_("Category"), choices=[("", _("Choose a category"))] + Category.choices)
    severity = FixedChoiceField(
        label=_("Severity"), choices=Severity.choices, initial=Severity.MEDIUM, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("What happened"),
        help_text=_("Facts: what you saw or heard. Share only what the team needs to know."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    occurred_at = forms.DateTimeField(
        label=_("When"),
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT),
    )
    # Its queryset is set for someone in several organisations (the field is dropped for the others): none to copy.
    reporting_organisation = forms.ModelChoiceField(label=_("Reporting on behalf of"), queryset=None, empty_label=None)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["neighbourhood_choice"].user = user
        self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        # htmx enhancements; without JavaScript the server resolves the typed text instead.
        self.fields["neighbourhood"].widget.attrs.update(
            {
                "hx-get": kept_reverse("cases:signal_neighbourhood_search"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#neighbourhood-matches",
                "hx-include": "#neighbourhood-matches",
                "hx-sync": "this:replace",
            }
        )
        for name in ("postcode", "house_number"):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": kept_reverse("cases:signal_repeats"),
                    "hx-trigger": "change",
                    "hx-target": "#repeats",
                    "hx-include": "[name='postcode'], [name='house_number']",
                    "hx-sync": "closest fieldset:replace",
                }
            )
        organisations = [m.organisation for m in viewer_of(user).active_memberships]  # by name, no query
        self.organisation = organisations[0] if len(organisations) == 1 else None
        self.has_organisation = bool(organisations)
        if len(organisations) > 1:
            self.fields["reporting_organisation"].queryset = reporting_organisations(user)
        else:
            del self.fields["reporting_organisation"]
        self._matches = None

    @cached_property
    def reportable(self):
        """The neighbourhoods the user may report in (a queryset, built when first asked: a valid choice needs none)."""
        return reportable_neighbourhoods(self.user)

    def has_neighbourhoods(self):
        """False for someone whose teams cover no neighbourhood: they cannot report (yet)."""
        return self.reportable.exists()

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode:
            postcode_validator(postcode)
        return postcode

    def clean(self):
        cleaned = super().clean()
        if not self.has_organisation:
            raise forms.ValidationError(_("You are not a member of an active organisation, so you cannot report."))
        self._clean_neighbourhood(cleaned)
        return cleaned

    def _clean_neighbourhood(self, cleaned):
        """A ticked match wins; otherwise the typed text must point at one neighbourhood."""
        if "neighbourhood_choice" in self.errors:
            # A neighbourhood outside the user's teams, or one that does not exist: say it at the search box.
            del self.errors["neighbourhood_choice"]
            self.add_error("neighbourhood", _("Choose one of the neighbourhoods of your teams."))
            return
        choice, text = cleaned.get("neighbourhood_choice"), cleaned.get("neighbourhood", "").strip()
        if choice:
            cleaned["neighbourhood"] = choice
            return
        if not text:
            return  # "required" is already reported
        exact = list(self.reportable.filter(models.Q(code__iexact=text) | models.Q(name__iexact=text))[:2])
        if len(exact) == 1:
            cleaned["neighbourhood"] = exact[0]
            return
        matches = self.neighbourhood_matches()
        if len(matches) == 1:
            cleaned["neighbourhood"] = matches[0]
        elif matches:
            self.add_error(
                "neighbourhood",
                _("Several neighbourhoods match “%(text)s”: choose one below, or type more of the name.")
                % {"text": text},
            )
        else:
            self.add_error(
                "neighbourhood", _("None of your teams' neighbourhoods matches “%(text)s”.") % {"text": text}
            )

    def neighbourhood_matches(self):
        """The matches for the typed text, shown as radio buttons when the form is shown again."""
        if self._matches is None:
            text = self.data.get(self.add_prefix("neighbourhood"), "") if self.is_bound else ""
            self._matches = neighbourhood_matches(self.user, text) if text.strip() else []
        return self._matches

    def chosen_neighbourhood_id(self):
        """The neighbourhood to tick in the list of matches: the one chosen or resolved."""
        chosen = getattr(self, "cleaned_data", {}).get("neighbourhood")
        if isinstance(chosen, Neighbourhood):
            return chosen.pk
        return str(self.data.get(self.add_prefix("neighbourhood_choice"), "")) if self.is_bound else ""

    def report_arguments(self):
        """Keyword arguments for cases.services.signal_report."""
        data = self.cleaned_data
        return {
            "organisation": data.get("reporting_organisation") or self.organisation,
            "neighbourhood": data["neighbourhood"],
            "category": data["category"],
            "severity": data["severity"],
            "description": data["description"],
            "occurred_at": data["occurred_at"],
            "postcode": data["postcode"],
            "house_number": data["house_number"],
            "house_number_addition": data["house_number_addition"].strip(),
        }


def severity_rank():
    """Severity as a number, so 'most severe first' does not sort alphabetically."""
    return models.Case(
        *[models.When(severity=value, then=rank) for rank, value in enumerate(Severity.values)],
        default=0,
        output_field=models.IntegerField(),
    )


SIGNAL_ORDERINGS = {
    "-occurred_at": (_("newest first"), ["-occurred_at", "-pk"]),
    "occurred_at": (_("oldest first"), ["occurred_at", "pk"]),
    "-severity": (_("most severe first"), [severity_rank().desc(), "-occurred_at", "-pk"]),
    "category": (_("category"), ["category", "-occurred_at", "-pk"]),
}


class SignalListFilter(PageFilterMixin, SignalFilter):
    """SignalFilter for the triage queue page: choices narrowed to what the user can see."""

    choices_cache = "signal-filter-choices"
    fields_template = "cases/signals/_filter_fields.html"

    occurred_after = django_filters.DateFilter(
        field_name="occurred_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    occurred_before = django_filters.DateFilter(
        field_name="occurred_at",
        lookup_expr="date__lte",
        label=_("Until"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ordering = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _fields) in SIGNAL_ORDERINGS.items()],
        empty_label=None,
        method="order",
    )

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        user = request.user
        visible = Signal.objects.visible_to(user)
        self.filters["neighbourhood"].queryset = neighbourhoods_with_visible_signals(user)
        self.filters["reporting_organisation"].queryset = Organisation.objects.filter(
            Exists(visible.filter(reporting_organisation=OuterRef("pk")))
        )

    def order(self, queryset, name, value):
        return queryset.order_by(*SIGNAL_ORDERINGS[value][1])


class ReasonForm(forms.Form):
    """The reason for referring a signal on or closing it. Whether one is needed is the verb's rule."""

    reason = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label


class LinkForm(forms.Form):
    """Link a signal to one of the open cases the user takes part in."""

    case = forms.ModelChoiceField(label=_("Case"), queryset=Case.objects.none())

    def __init__(self, user, signal, *args, **kwargs):
        kwargs.setdefault("auto_id", "link_%s")
        super().__init__(*args, **kwargs)
        # Any open case the user takes part in may be chosen (the repeats panel links in one click) ...
        self.fields["case"].queryset = Case.objects.visible_to(user).open()
        self.signal = signal

    def offer_cases(self):
        """... but the list offers a sensible few: cases in the signal's neighbourhood first, then the
        most recently active. Returns them (one query) and makes them the select's options."""
        same_neighbourhood = models.Case(
            models.When(neighbourhood=self.signal.neighbourhood_id, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        cases = list(
            self.fields["case"]
            .queryset.select_related("neighbourhood")
            .order_by(same_neighbourhood, "-updated_at", "-pk")[:LINKABLE_CASES_SHOWN]
        )
        self.fields["case"].widget.choices = [("", _("Choose a case"))] + [
            (case.pk, f"{case.title} — {case.neighbourhood.name}") for case in cases
        ]
        return cases


class CreateCaseForm(forms.Form):
    """Open a case from signals: the user becomes case director for one of their organisations."""

    title = forms.CharField(label=_("Title"), max_length=200)
    lead_organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.none(), empty_label=None
    )
    legal_basis = forms.CharField(
        label=_("Purpose / legal basis"),
        max_length=300,
        help_text=_(
            "Why may the partners share what they know about this case? "
            "For example: Wet aanpak woonoverlast, or the resident's consent."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    scope = forms.ChoiceField(
        label=_("Scope"), choices=CaseScope.choices, initial=CaseScope.ADDRESS, widget=forms.RadioSelect
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL, widget=forms.RadioSelect
    )

    def __init__(self, organisations, signals, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.signals = signals
        self.single_organisation = organisations[0] if len(organisations) == 1 else None
        if len(organisations) > 1:
            self.fields["lead_organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
        else:
            del self.fields["lead_organisation"]
        neighbourhoods = {s.neighbourhood_id: s.neighbourhood for s in signals}
        self.single_neighbourhood = next(iter(neighbourhoods.values())) if len(neighbourhoods) == 1 else None
        if len(neighbourhoods) > 1:
            self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(pk__in=neighbourhoods)
            self.fields["neighbourhood"].initial = signals[0].neighbourhood_id
        else:
            del self.fields["neighbourhood"]
        first = signals[0]
        self.fields[
            "title"
        ].initial = f"{capfirst(first.get_category_display())} — {first.address or first.neighbourhood}"

    def shared_address(self):
        """The address all signals share, copied onto the case so repeat detection finds it."""
        addresses = {(s.postcode, s.house_number, s.house_number_addition) for s in self.signals}
        if len(addresses) == 1:
            postcode, number, addition = addresses.pop()
            if postcode and number:
                return {"postcode": postcode, "house_number": number, "house_number_addition": addition}
        return {}

    def case_open_arguments(self):
        """Keyword arguments for cases.workflow.case_open (besides `by`)."""
        data = self.cleaned_data
        return {
            "organisation": data.get("lead_organisation") or self.single_organisation,
            "neighbourhood": data.get("neighbourhood") or self.single_neighbourhood,
            "title": data["title"],
            "legal_basis": data["legal_basis"],
            "scope": data["scope"],
            "priority": data["priority"],
            "signals": self.signals,
            **self.shared_address(),
        }
