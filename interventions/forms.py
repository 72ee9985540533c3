from django import forms
from django.utils.translation import gettext_lazy as _


class ActionFilterForm(forms.Form):
    """Filters for the action lists; every field optional, invalid input ignored."""

    SHOW_CHOICES = [("open", _("open")), ("overdue", _("overdue")), ("done", _("done")), ("all", _("all"))]

    show = forms.ChoiceField(label=_("Show"), choices=SHOW_CHOICES, required=False)
    q = forms.CharField(label=_("Search in titles and cases"), required=False, max_length=100)


class CompleteActionForm(forms.Form):
    result = forms.CharField(
        label=_("What came of it?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A short result note; it shows on the case timeline."),
    )
