"""Forms of the case page. They only shape and check input; the case verbs decide and act."""

import datetime

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import FixedChoiceField, capitalised, fields_html
from partners.models import Organisation

from .models import (
    BASIS_PHASES,
    EDITABLE_FIELDS,
    Case,
    CaseStatus,
    ClosingReason,
    NoteVisibility,
    ParticipantRole,
    direction_candidates,
    normalise_postcode,
    postcode_validator,
)
from .uploads import ATTACHMENT_TYPES


def in_whose_name(form, access):
    """Offer a choice of organisation when the user writes for several in this case; else writes as the one."""
    if len(access.organisations) > 1:
        form.fields["organisation"] = forms.TypedChoiceField(
            label=_("In the name of"),
            choices=[("", _("Choose your organisation"))] + [(o.pk, o.name) for o in access.organisations],
            coerce=int,
            error_messages={"required": _("Choose in whose name you write.")},
        )
    form.organisations = {o.pk: o for o in access.organisations}


class WrittenInWhoseName:
    """A form made with `in_whose_name`: its fields kept per process and language when unbound
    (core.forms.fields_html), and per the organisations it offers, when it offers a choice."""

    def fields_html(self):
        offered = tuple((pk, o.name) for pk, o in self.organisations.items()) if "organisation" in self.fields else ()
        return fields_html(self, *offered)


def chosen_organisation(form):
    """The organisation chosen (or the only one); the verb checks it is the user's and takes part."""
    if "organisation" in form.fields:
        return form.organisations.get(form.cleaned_data.get("organisation"))
    return next(iter(form.organisations.values()))


class NoteForm(WrittenInWhoseName, forms.Form):
    body = forms.CharField(
        label=_("New note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write something before you save the note.")},
    )
    visibility = FixedChoiceField(
        label=_("Who may read this note?"),
        choices=[
            (NoteVisibility.ALL_PARTICIPANTS, _("All participants of the case")),
            (NoteVisibility.OWN_ORGANISATION, _("Only my own organisation")),
        ],
        initial=NoteVisibility.ALL_PARTICIPANTS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # Distinct ids: the note form shares the case page with other forms.
        self.auto_id = "note_%s"
        in_whose_name(self, access)

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(self.fields["body"].error_messages["required"])
        return body

    def clean(self):
        cleaned = super().clean()
        cleaned["organisation"] = chosen_organisation(self)
        return cleaned


class AttachmentForm(WrittenInWhoseName, forms.Form):
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose a file to attach.")},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ATTACHMENT_TYPES)}),
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "attachment_%s"
        self.fields["file"].help_text = _("PDF, JPG, PNG or Word (.docx), at most %(max)s.") % {
            "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES)
        }
        in_whose_name(self, access)

    def clean(self):
        cleaned = super().clean()
        cleaned["organisation"] = chosen_organisation(self)
        return cleaned


class TransitionForm(forms.Form):
    """What a status change needs: a closing reason, to whom it is escalated, a note when reopening."""

    reason = forms.ChoiceField(
        label=_("Closing reason"),
        choices=[("", _("Choose a reason"))] + capitalised(ClosingReason.choices),
        error_messages={"required": _("Choose why the case is closed.")},
    )
    escalated_to = forms.CharField(
        label=_("Escalated to"),
        max_length=200,
        help_text=_("For example the Zorg- en Veiligheidshuis."),
        error_messages={"required": _("Say to whom the case is escalated.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explain why the case is reopened.")},
    )

    def __init__(self, *args, case, to, participants=(), bases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if to != CaseStatus.CLOSED:
            del self.fields["reason"]
        if to != CaseStatus.ESCALATED:
            del self.fields["escalated_to"]
        if case.is_reopening:
            self.fields["note"].required = True
            self.fields["note"].label = _("Why is the case reopened?")
        else:
            self.fields["note"].help_text = _("Optional; shown on the timeline.")
        self.basis_rows = []
        if to in BASIS_PHASES:
            self._basis_fields(participants, bases or {})
        if to == CaseStatus.MONITORING:
            self._staying_field(case, participants)

    def _basis_fields(self, participants, bases):
        """Per participant, its legal basis and purpose for the new phase, filled in with the current ones."""
        for participant in participants:
            current = bases.get(participant.pk)
            name = participant.organisation.name
            self.fields[f"basis_{participant.pk}"] = forms.CharField(
                label=_("Legal basis of %(organisation)s") % {"organisation": name},
                max_length=300,
                initial=participant.legal_basis,
                error_messages={"required": _("State the legal basis of %(organisation)s.") % {"organisation": name}},
            )
            self.fields[f"purpose_{participant.pk}"] = forms.CharField(
                label=_("Purpose of %(organisation)s") % {"organisation": name},
                max_length=300,
                required=False,
                initial=current.purpose if current else "",
            )
            self.basis_rows.append(participant.pk)

    def _staying_field(self, case, participants):
        others = [p for p in participants if p.organisation_id != case.lead_organisation_id]
        if others:
            self.fields["staying"] = forms.TypedMultipleChoiceField(
                label=_("Which organisations stay involved during monitoring?"),
                help_text=_("The others end with reason “scaled down” and lose access at once. The lead stays."),
                choices=[(p.organisation_id, p.organisation.name) for p in others],
                initial=[p.organisation_id for p in others],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.lead_organisation_id = case.lead_organisation_id

    def verb_arguments(self):
        """What Case.transition takes: the reason, note and to whom, the bases per participant, who stays."""
        data = self.cleaned_data
        arguments = {name: data[name] for name in ("reason", "escalated_to", "note") if name in data}
        if self.basis_rows:
            arguments["bases"] = {
                pk: {"legal_basis": data[f"basis_{pk}"], "purpose": data.get(f"purpose_{pk}", "")}
                for pk in self.basis_rows
            }
        if "staying" in self.fields:
            arguments["staying"] = [*data["staying"], self.lead_organisation_id]
        return arguments

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if self.fields["note"].required and not note:
            raise forms.ValidationError(self.fields["note"].error_messages["required"])
        return note


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation to invite.")},
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=capitalised(ParticipantRole.choices), initial=ParticipantRole.PARTNER
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        help_text=_("Why this organisation needs to know, e.g. “Wet aanpak woonoverlast, art. 151d”."),
        error_messages={"required": _("State the purpose or legal basis for sharing this case.")},
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        required=False,
        help_text=_("What this organisation contributes, e.g. “care for the main resident”. Optional."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "invite_%s"
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(is_active=True)
            .exclude(participations__in=case.participants.active())
            .order_by("name")
        )


class HandOverForm(forms.Form):
    """To whom direction goes: a case director of an organisation taking part (which becomes the lead)."""

    to = forms.ChoiceField(
        label=_("New case director"), error_messages={"required": _("Choose who takes over direction.")}
    )

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        current = (access.case.case_director_id, access.case.lead_organisation_id)
        candidates = [(u, o) for u, o in direction_candidates(access.case) if (u.pk, o.pk) != current]
        self.candidates = {f"{user.pk}-{organisation.pk}": (user, organisation) for user, organisation in candidates}
        self.fields["to"].choices = [("", _("Choose a case director"))] + [
            (key, f"{user.get_full_name() or user.get_username()} ({organisation.name})")
            for key, (user, organisation) in self.candidates.items()
        ]

    def clean_to(self):
        return self.candidates[self.cleaned_data["to"]]


def _model_field(name, **kwargs):
    return Case._meta.get_field(name).formfield(**kwargs)


class CaseEditForm(forms.Form):
    """The case header. `version` is the version the user started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = _model_field("title", error_messages={"required": _("A case needs a title.")})
    scope = _model_field("scope", choices=capitalised(Case._meta.get_field("scope").choices))
    priority = _model_field("priority", choices=capitalised(Case._meta.get_field("priority").choices))
    next_review_on = _model_field("next_review_on", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    postcode = _model_field("postcode", help_text=_("For example 1094 AB."))
    house_number = _model_field("house_number")
    house_number_addition = _model_field("house_number_addition")

    @classmethod
    def initial_for(cls, case):
        return {"version": case.version, **{name: getattr(case, name) for name in EDITABLE_FIELDS}}

    def clean_postcode(self):
        postcode = normalise_postcode(self.cleaned_data["postcode"])
        if postcode:
            postcode_validator(postcode)
        return postcode

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("postcode") and not cleaned.get("house_number"):
            self.add_error("house_number", _("A postcode needs a house number."))
        return cleaned

    def changes(self):
        """The header fields, ready for Case.edit()."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def compared_with(self, case):
        """Rows (label, submitted, saved) for each header field where the submission and `case` differ."""
        rows = []
        for name in EDITABLE_FIELDS:
            mine, saved = self.cleaned_data.get(name), getattr(case, name)
            if mine != saved:
                rows.append((self.fields[name].label, self._shown(name, mine), self._shown(name, saved)))
        return rows

    def _shown(self, name, value):
        if value in (None, ""):
            return ""
        if isinstance(value, datetime.date):
            return date_format(value, "j N Y")
        choices = dict(self.fields[name].choices) if hasattr(self.fields[name], "choices") else {}
        return choices.get(value, value)
