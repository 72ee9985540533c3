"""Forms of the privacy pages: they parse input; privacy/retention.py decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .retention import EXTENSION_REASON_MAX_CHARS


class ExtendForm(forms.Form):
    until = forms.DateField(
        label=_("Keep the case until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Choose a new date after today.")},
    )
    reason = forms.CharField(
        label=_("Why is the case kept longer?"),
        max_length=EXTENSION_REASON_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example a court case that is still running. Shown on the case's timeline."),
        error_messages={"required": _("Say why the case is kept longer.")},
    )


class InzageSearchForm(forms.Form):
    q = forms.CharField(label=_("Name of the person"), max_length=200, required=False)
