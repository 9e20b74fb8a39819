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
    # The browser family and system, as browser_and_system() names them ("Firefox",
    # "Linux"; English words for the unknown): the mail describes the device with them in
    # its recipient's language, which need not be the sign-in page's.
    browser = models.CharField(max_length=40, blank=True)
    system = models.CharField(max_length=40, blank=True)
    # "Firefox on Linux" in the language of the page signed in from (the data export's
    # words; rows from before `browser` and `system` were kept have only this).
    label = models.CharField(max_length=80)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "fingerprint"], name="known_device_unique")
        ]

    def __str__(self):
        return f"{self.label} of user {self.user_id}"
