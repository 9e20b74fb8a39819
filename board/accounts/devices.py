"""Which browser a session is, and the e-mail on a sign-in from a new device.

A device is a browser family on a system ("Firefox on Linux") on a network (the
address's /24, or /64 for IPv6): a new version of the browser or a new address from
the same provider is the same device, a phone or a trip abroad is a new one. The
first sign-in of an account (right after sign-up) mails nothing: every device is
new then. Only a keyed hash of the three is stored (KnownDevice), never the address.

The user agent is read with a few patterns rather than a parsing library: only the
big browsers and systems are named, anything else is "a browser" on "an unknown
system", which is all the page and the mail need.
"""

import ipaddress
import logging
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from board.accounts.device_models import KnownDevice
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, notify

logger = logging.getLogger(__name__)

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = [
    ("Edge", re.compile(r"\bEdg(e|A|iOS)?/")),
    ("Opera", re.compile(r"\bOPR/|\bOpera\b")),
    ("Samsung Internet", re.compile(r"SamsungBrowser/")),
    ("Firefox", re.compile(r"\b(Firefox|FxiOS)/")),
    # Headless Chrome (automation, our browser tests) names itself HeadlessChrome.
    ("Chrome", re.compile(r"\b(HeadlessChrome|Chrome|Chromium|CriOS)/")),
    ("Safari", re.compile(r"\bSafari/")),
]
SYSTEMS = [
    ("iOS", re.compile(r"iPhone|iPad|iPod")),
    ("Android", re.compile(r"Android")),
    ("ChromeOS", re.compile(r"CrOS")),
    ("Windows", re.compile(r"Windows")),
    ("macOS", re.compile(r"Macintosh|Mac OS X")),
    ("Linux", re.compile(r"Linux|X11")),
]
FINGERPRINT_SALT = "board.accounts.devices.fingerprint"


def browser_and_system(user_agent):
    """("Firefox", "Linux") from a User-Agent header; generic words for the unknown."""
    user_agent = user_agent or ""
    browser = next((name for name, pattern in BROWSERS if pattern.search(user_agent)), None)
    system = next((name for name, pattern in SYSTEMS if pattern.search(user_agent)), None)
    # English whatever the page's language: the fingerprint is made from these words.
    return browser or gettext_noop("A browser"), system or gettext_noop("an unknown system")


def describe(user_agent):
    """“Firefox on Linux”, in the active language (product names stay as they are)."""
    return name_device(*browser_and_system(user_agent))


def name_device(browser, system):
    """“Firefox on Linux” from browser_and_system()'s words, in the active language."""
    return gettext("%(browser)s on %(system)s") % {
        "browser": gettext(browser),
        "system": gettext(system),
    }


def network_of(ip):
    """The address's network: /24 for IPv4, /64 for IPv6 ("" if it is no address)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def fingerprint(browser, system, ip):
    """The device's key: its browser and system (browser_and_system()) and its network."""
    value = f"{browser}|{system}|{network_of(ip)}"
    return salted_hmac(FINGERPRINT_SALT, value, algorithm="sha256").hexdigest()


def record_sign_in(user, *, user_agent, ip):
    """Remember the device of this sign-in; e-mail the account if it is new (after the
    commit, through the outbox). Returns the KnownDevice."""
    now = timezone.now()
    browser, system = browser_and_system(user_agent)
    key = fingerprint(browser, system, ip)
    with transaction.atomic():
        first_ever = not KnownDevice.objects.filter(user=user).exists()
        updated = KnownDevice.objects.filter(user=user, fingerprint=key).update(last_seen=now)
        if updated:
            return KnownDevice.objects.get(user=user, fingerprint=key)
        try:
            with transaction.atomic():
                device = KnownDevice.objects.create(
                    user=user,
                    fingerprint=key,
                    browser=browser,
                    system=system,
                    label=name_device(browser, system),
                )
        except IntegrityError:  # the same device signing in twice at once: mail once
            return KnownDevice.objects.get(user=user, fingerprint=key)
        if not first_ever:
            notify(Notification.Kind.NEW_DEVICE, device.pk)
            logger.info("user %s signed in from a new device %s", user.pk, device.pk)
    return device


@builder(Notification.Kind.NEW_DEVICE)
def new_device_email(device_id):
    device = KnownDevice.objects.select_related("user").filter(pk=device_id).first()
    if device is None:  # the account was deleted since
        return []
    user = device.user
    # Named when the mail is written, in its recipient's language (email() renders under
    # it): the sign-in page may have been in another. Devices recorded before the browser
    # and system were kept have only their label.
    if device.browser:
        named = lazy(name_device, str)(device.browser, device.system)
    else:
        named = device.label
    context = {
        "name": user.display_name,
        "device": named,
        "when": device.first_seen,
        "time_zone": settings.TIME_ZONE,
    }
    return [
        email(
            "new_device",
            to=user,
            subject=gettext_lazy("New sign-in to your account"),
            context=context,
        )
    ]
