"""Forms of the plan pages on a case. They only shape and check input; the plan verbs
(interventions/workflow.py, interventions/reviews.py) decide and act."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import capitalised
from partners.models import Membership, Organisation

from .models import InterventionKind, Outcome, SolutionDirection
from .reviews import Decision

MAX_DECISIONS = 5


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def person_name(user):
    return user.get_full_name() or user.get_username()


class PlanChoices:
    """The organisations taking part in a case and their active people, read once per page.

    Every select on a plan page offers these; the verbs still check that a
    person works for the organisation chosen.
    """

    def __init__(self, case):
        self.organisations = list(
            Organisation.objects.filter(is_active=True, participations__in=case.participants.active()).order_by("name")
        )
        self.memberships = list(
            Membership.objects.filter(organisation__in=self.organisations, user__is_active=True)
            .select_related("user", "organisation")
            .order_by("organisation__name", "user__first_name", "user__last_name", "user__username")
        )

    def organisations_of(self, user):
        return [m.organisation for m in self.memberships if m.user_id == user.pk]

    def people_by_organisation(self, organisations=None):
        """Choices grouped per organisation, for a <select> with an <optgroup> each."""
        groups = {}
        for membership in self.memberships:
            if organisations is not None and membership.organisation not in organisations:
                continue
            groups.setdefault(membership.organisation.name, []).append(
                (membership.user_id, person_name(membership.user))
            )
        return list(groups.items())

    def people(self):
        """Each person once, with the organisations they work for here: for a list of checkboxes."""
        people = {}
        for membership in self.memberships:
            people.setdefault(membership.user, []).append(membership.organisation.name)
        return list(people.items())

    def users(self):
        return [membership.user for membership in self.memberships]


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects the page has already read: no query to render or check it.

    `offer()` sets the choices (flat or grouped) and the objects they stand
    for; the cleaned value is the object, or None when left empty.
    """

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.objects = {}

    def offer(self, choices, objects):
        self.choices = [("", self.empty_label), *choices]
        self.objects = {str(obj.pk): obj for obj in objects}

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(str(value)) if value not in self.empty_values else None


def _offer_organisations(field, organisations):
    field.offer([(o.pk, o.name) for o in organisations], organisations)


def _offer_people(field, choices, organisations=None):
    field.offer(choices.people_by_organisation(organisations), choices.users())


def chosen(form, name, offered, default=None):
    """The organisation chosen in `form`'s field `name` (as sent, or as first shown), among `offered`; else
    `default`. People and contributions follow it: with htmx as soon as it is chosen, without JavaScript
    after the "choose" button (interventions/case_views.py)."""
    value = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    by_pk = {str(organisation.pk): organisation for organisation in offered}
    return by_pk.get(str(value), default) if value not in (None, "") else default


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of intervention"),
        choices=[("", _("Choose a kind"))] + capitalised(InterventionKind.choices),
        error_messages={"required": _("Choose the kind of intervention.")},
    )
    solution_direction = forms.ChoiceField(
        label=_("Solution direction"),
        choices=[("", _("Choose a solution direction"))] + capitalised(SolutionDirection.choices),
        error_messages={"required": _("Choose a solution direction.")},
    )
    goal = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What should be different when the intervention has worked?"),
        error_messages={"required": _("An intervention needs a goal.")},
    )
    lead_organisation = ObjectChoiceField(
        label=_("Lead organisation"),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation that leads the intervention.")},
    )
    owner = ObjectChoiceField(
        label=_("Owner"),
        empty_label=_("Choose a person"),
        help_text=_("Someone of the lead organisation."),
        error_messages={
            "required": _("Choose who owns the intervention."),
            "invalid_choice": _("Choose someone of the lead organisation."),
        },
    )
    start_on = forms.DateField(
        label=_("Start"), widget=_date_input(), error_messages={"required": _("Enter the start date.")}
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=_date_input())

    CONTRIBUTION_PREFIX = "contribution_"

    def __init__(self, *args, choices, case, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_organisations(self.fields["lead_organisation"], choices.organisations)
        case_lead = next((o for o in choices.organisations if o.pk == case.lead_organisation_id), None)
        self.fields["lead_organisation"].initial = case.lead_organisation_id
        # The owner is someone of the lead organisation, and the lead organisation contributes nothing
        # besides leading: neither is offered for another organisation.
        self.lead = chosen(self, "lead_organisation", choices.organisations, case_lead)
        _offer_people(self.fields["owner"], choices, [self.lead] if self.lead else [])
        self.fields["start_on"].initial = timezone.localdate()
        self.contributors = {}
        for organisation in choices.organisations:
            if organisation == self.lead:
                continue
            name = f"{self.CONTRIBUTION_PREFIX}{organisation.pk}"
            self.fields[name] = forms.CharField(label=organisation.name, max_length=300, required=False)
            self.contributors[name] = organisation

    def contribution_fields(self):
        return [self[name] for name in self.contributors]

    def clean(self):
        cleaned = super().clean()
        start_on, due_on = cleaned.get("start_on"), cleaned.get("due_on")
        if start_on and due_on and due_on < start_on:
            self.add_error("due_on", _("The due date cannot be before the start date."))
        lead = cleaned.get("lead_organisation")
        if (
            lead is not None
            and self.is_bound
            and self.data.get(self.add_prefix(f"{self.CONTRIBUTION_PREFIX}{lead.pk}"))
        ):
            # Typed before the lead was switched to this organisation (without JavaScript): say so, lose nothing.
            self.add_error(
                "lead_organisation", _("The lead organisation leads the intervention; leave its contribution empty.")
            )
        return cleaned

    def verb_arguments(self):
        """Keyword arguments for interventions.workflow.intervention_add (besides `by`)."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "solution_direction": data["solution_direction"],
            "goal": data["goal"],
            "lead_organisation": data["lead_organisation"],
            "owner": data["owner"],
            "contributions": [
                (organisation, data[name]) for name, organisation in self.contributors.items() if data.get(name)
            ],
            "start_on": data["start_on"],
            "due_on": data["due_on"],
        }


class ProgressForm(forms.Form):
    body = forms.CharField(
        label=_("Progress update"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("A progress update cannot be empty.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "progress_%s"


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Choose the outcome"))] + capitalised(Outcome.choices),
        error_messages={"required": _("Choose the outcome of the intervention.")},
    )
    evaluation = forms.CharField(
        label=_("Evaluation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What worked, what did not, and what the partners learn from it."),
        error_messages={"required": _("Write a short evaluation of the intervention.")},
    )


class StopForm(forms.Form):
    evaluation = forms.CharField(
        label=_("Why does the intervention stop?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say why the intervention stops.")},
    )


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("What needs to be done?"), max_length=200, error_messages={"required": _("An action needs a title.")}
    )
    organisation = ObjectChoiceField(
        label=_("Organisation"),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation that does it.")},
    )
    assignee = ObjectChoiceField(
        label=_("Assignee"),
        empty_label=_("Nobody in particular (the organisation)"),
        required=False,
        help_text=_("Someone of the chosen organisation."),
        error_messages={"invalid_choice": _("Choose someone of the chosen organisation, or nobody in particular.")},
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=_date_input())
    intervention = ObjectChoiceField(label=_("Part of intervention"), empty_label=_("None"), required=False)

    def __init__(self, *args, choices, organisations, interventions, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_organisations(self.fields["organisation"], organisations)
        only = organisations[0] if len(organisations) == 1 else None
        if only:
            self.fields["organisation"].initial = only.pk
        # Only people of the chosen organisation; none until one is chosen.
        self.organisation = chosen(self, "organisation", organisations, only)
        _offer_people(self.fields["assignee"], choices, [self.organisation] if self.organisation else [])
        self.fields["intervention"].offer(
            [(i.pk, f"{capfirst(i.get_kind_display())} ({i.get_status_display()})") for i in interventions],
            interventions,
        )


class ReviewScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Enter the date and time of the review.")},
    )
    attendees = forms.MultipleChoiceField(
        label=_("Attendees"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People of the organisations taking part in the case."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        people = choices.people()
        self.fields["attendees"].choices = [
            (user.pk, f"{person_name(user)} ({', '.join(organisations)})") for user, organisations in people
        ]
        self.people = {str(user.pk): user for user, _organisations in people}

    def clean_attendees(self):
        return [self.people[pk] for pk in self.cleaned_data["attendees"]]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the minutes of the review.")},
    )
    next_review_on = forms.DateField(
        label=_("Next review"),
        required=False,
        widget=_date_input(),
        help_text=_("Leave empty when no further review is needed."),
    )
    held_early = forms.BooleanField(
        label=_("Yes, the review was held already, earlier than planned"),
        required=False,
    )

    def __init__(self, *args, early, **kwargs):
        super().__init__(*args, **kwargs)
        if not early:
            del self.fields["held_early"]  # the review's time has come: nothing to confirm


class DecisionForm(forms.Form):
    """One decision of a review; it becomes an action. A row left empty is ignored."""

    title = forms.CharField(
        label=_("What was decided?"), max_length=200, error_messages={"required": _("Describe the decision.")}
    )
    organisation = ObjectChoiceField(
        label=_("Organisation"),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation that carries it out.")},
    )
    assignee = ObjectChoiceField(
        label=_("Assignee"), empty_label=_("Nobody in particular (the organisation)"), required=False
    )
    due_on = forms.DateField(label=_("Due"), required=False, widget=_date_input())

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        _offer_organisations(self.fields["organisation"], choices.organisations)
        _offer_people(self.fields["assignee"], choices)


class BaseDecisionFormSet(forms.BaseFormSet):
    def decisions(self):
        """The filled-in rows as reviews.Decision, in the order typed."""
        return [
            Decision(
                title=form.cleaned_data["title"],
                organisation=form.cleaned_data["organisation"],
                assignee=form.cleaned_data["assignee"],
                due_on=form.cleaned_data["due_on"],
            )
            for form in self.forms
            if form.has_changed() and form.cleaned_data
        ]


DecisionFormSet = forms.formset_factory(
    DecisionForm,
    formset=BaseDecisionFormSet,
    extra=MAX_DECISIONS,
    max_num=MAX_DECISIONS,
    absolute_max=MAX_DECISIONS,
    validate_max=True,
)
