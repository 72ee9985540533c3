from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the platform: /health/, heartbeats of worker and beat, structured logs, backups."""

    name = "ops"
    verbose_name = _("Operations")
