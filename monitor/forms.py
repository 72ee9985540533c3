"""Forms of the corporation figures: they only parse input; the rules are in monitor/services.py and access.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood

from .models import FIGURE_FIELDS, CorporationFigures

MAX_UPLOAD_BYTES = 1024 * 1024
FIRST_YEAR = 2000


def _year_field():
    return forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=timezone.localdate().year)


class _ForCorporation(forms.Form):
    """The corporation is a choice among the user's own (a hidden field when there is one)."""

    organisation = forms.TypedChoiceField(label=_("Housing corporation"), coerce=int)

    def __init__(self, *args, corporations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.choices = [(o.pk, o.name) for o in corporations]
        field.initial = corporations[0].pk if corporations else None
        if len(corporations) == 1:
            field.widget = forms.HiddenInput()


class FiguresForm(_ForCorporation):
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"), queryset=Neighbourhood.objects.order_by("name"), to_field_name="code"
    )
    year = _year_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field()
        for name in FIGURE_FIELDS:
            model_field = CorporationFigures._meta.get_field(name)
            self.fields[name] = forms.IntegerField(
                label=model_field.verbose_name.capitalize(), help_text=model_field.help_text, min_value=0
            )

    def figures(self):
        return {name: self.cleaned_data[name] for name in FIGURE_FIELDS}


class UploadForm(_ForCorporation):
    year = _year_field()
    file = forms.FileField(label=_("CSV file"), help_text=_("The template, filled in and saved as CSV (;)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


class SharingForm(_ForCorporation):
    shares = forms.BooleanField(label=_("Share our figures with the partners as aggregates"), required=False)
