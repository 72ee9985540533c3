from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevdataConfig(AppConfig):
    """Demo and benchmark data: the demo world behind `load_demo`, the city-scale world behind `seed_bench`."""

    name = "devdata"
    verbose_name = _("Demo and benchmark data")
