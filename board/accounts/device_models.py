from django.conf import settings
from django.db import models
from django.utils import timezone


class KnownDevice(models.Model):
    """A browser (its family and system) on a network an account has signed in from.

    Sessions end when people sign out, so "a device seen before" cannot be read from
    the sessions alone: without this, everyone who signs out would be told of a new
    device at each sign-in, and would learn to ignore the mail. Only a keyed hash of
    the browser, system and network is kept, never the address (board/accounts/devices.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices"
    )
    fingerprint = models.CharField(max_length=64)
    # What the person reads in the mail: "Firefox on Linux".
    label = models.CharField(max_length=80)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="known_device_unique")
        ]

    def __str__(self):
        return f"{self.label} of user {self.user_id}"
