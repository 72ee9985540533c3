"""Forms for the people a case is about. They shape input; the verbs in cases/persons.py decide."""

from django import forms
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import capitalised

from .case_forms import chosen_organisation, in_whose_name
from .models import InformedHow, NotInformedReason, Person, PersonRole
from .persons import PERSON_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSON_WIDGETS = {"date_of_birth": DATE_INPUT, "contact_notes": forms.Textarea(attrs={"rows": 4})}


def add_model_errors(form, error):
    """Show a verb's ValidationError on the form's fields (or on top, for a field the form does not have)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class PersonForm(forms.Form):
    """A person's fields, shaped as the model defines them. It only parses: the verbs (cases/persons.py)
    validate the whole person and run the "known elsewhere?" check."""

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            kwargs.setdefault("initial", model_to_dict(instance, fields=PERSON_FIELDS))
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Person, fields=PERSON_FIELDS, widgets=PERSON_WIDGETS))
        self.fields["role"].choices = [("", _("Choose a role"))] + capitalised(PersonRole.choices)
        self.fields["role"].error_messages["required"] = _("Choose the person's role on the case.")
        self.fields["postcode"].help_text = _("For example 1094 AB. Optional.")

    def fields_for_verb(self):
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}


class InformingForm(forms.Form):
    """An entry for the informing register: informed (when, how), or not (why, and when to look again)."""

    informed = forms.TypedChoiceField(
        label=_("Was the person informed that the case holds their data?"),
        choices=[("yes", _("Yes, informed")), ("no", _("No, not informed"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person was informed.")},
    )
    informed_on = forms.DateField(label=_("Informed on"), required=False, widget=DATE_INPUT)
    how = forms.ChoiceField(
        label=_("How"), required=False, choices=[("", _("Choose how"))] + capitalised(InformedHow.choices)
    )
    reason = forms.ChoiceField(
        label=_("Why not"),
        required=False,
        choices=[("", _("Choose a reason"))] + capitalised(NotInformedReason.choices),
    )
    reason_text = forms.CharField(
        label=_("Explanation"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    look_again_on = forms.DateField(
        label=_("Look at this again on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("The review agenda lists the person from this date."),
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "informing_%s"
        self.fields["informed_on"].initial = timezone.localdate()
        in_whose_name(self, access)

    def clean(self):
        cleaned = super().clean()
        cleaned["organisation"] = chosen_organisation(self)
        return cleaned

    def details(self):
        """The fields for informing_record: only those that belong to the answer given."""
        data = self.cleaned_data
        if data["informed"]:
            return {"informed_on": data.get("informed_on"), "how": data.get("how", "")}
        return {
            "reason": data.get("reason", ""),
            "reason_text": data.get("reason_text", ""),
            "look_again_on": data.get("look_again_on"),
        }
