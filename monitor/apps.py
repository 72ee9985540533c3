from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    """The Veerkracht monitor: CBS Kerncijfers, the corporations' own lettings figures and the platform's
    signals per buurt, against the city; what works where."""

    name = "monitor"
    verbose_name = _("Veerkracht monitor")
