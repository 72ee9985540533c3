"""Heartbeats: when a worker or the beat schedule last showed it is alive (read by /health/)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time something periodic ran, by name (e.g. a worker's heartbeat, the beat's delivery sweep).

    Kept in the database, not the cache: /health/ must tell a dead worker from a dead Redis.
    """

    name = models.CharField(_("name"), max_length=200, primary_key=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M:%S}"
