"""Security e-mails, through the outbox: a sign-in from a new device (ours), a changed or
reset password and a changed e-mail address (allauth's ACCOUNT_EMAIL_NOTIFICATIONS, in
the site's words, to the old address too). None carries the IP address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from board.accounts.device_models import KnownDevice
from board.accounts.devices import describe, network_of
from board.notifications.models import Notification
from board.notifications.outbox import notify
from board.tests.accounts.signing_in import (
    FIREFOX_LINUX,
    HOME_ADDRESS,
    SAFARI_IPHONE,
    signed_in,
)
from board.tests.factories import PASSWORD, SeekerFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-42"


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run an action, deliver what it queued, and return the mails it sent."""

    def run(action):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return mail.outbox[before:]

    return run


def _new_device_mails(messages):
    return [m for m in messages if m.subject == "[Nexus Jobs] New sign-in to your account"]


class TestNewDevice:
    def test_the_first_sign_in_after_sign_up_sends_none(self, sent):
        client = Client(HTTP_USER_AGENT=FIREFOX_LINUX, REMOTE_ADDR=HOME_ADDRESS)
        signup = {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
        [verification] = sent(
            lambda: client.post(reverse("account_signup"), signup | {"role": "seeker"})
        )
        key = re.search(r"/accounts/confirm-email/([^/\s]+)/", verification.body).group(1)
        messages = sent(lambda: client.post(reverse("account_confirm_email", args=[key])))
        assert "_auth_user_id" in client.session  # signed in by the confirmation
        assert _new_device_mails(messages) == []
        assert KnownDevice.objects.filter(user__email="new@example.com").count() == 1

    def test_a_known_device_sends_none_a_new_one_sends_one_once(self, sent):
        user = SeekerFactory()
        assert _new_device_mails(sent(lambda: signed_in(user))) == []  # the first ever
        # The same browser and network again, even with a new version and address in it:
        upgraded = FIREFOX_LINUX.replace("140.0", "141.0")
        assert (
            _new_device_mails(sent(lambda: signed_in(user, user_agent=upgraded, ip="203.0.113.77")))
            == []
        )
        [notice] = _new_device_mails(sent(lambda: signed_in(user, user_agent=SAFARI_IPHONE)))
        assert notice.to == [user.email]
        assert "Safari on iOS" in notice.body
        assert reverse("account_sessions") in notice.body
        assert HOME_ADDRESS not in notice.body and "203.0.113" not in notice.body
        assert _new_device_mails(sent(lambda: signed_in(user, user_agent=SAFARI_IPHONE))) == []

    def test_the_device_is_named_in_the_recipients_language(self, sent):
        # Signed in from an English page, but the account reads French: the mail is French,
        # and so is the device's name in it (stored as its parts, named when mailed).
        user = SeekerFactory(language="fr")
        signed_in(user)
        [notice] = [
            m
            for m in sent(lambda: signed_in(user, user_agent=SAFARI_IPHONE))
            if m.to == [user.email]
        ]
        assert "Nouvelle connexion" in notice.subject
        assert "Safari sous iOS" in notice.body and "Safari on iOS" not in notice.body
        device = KnownDevice.objects.get(user=user, browser="Safari")
        assert (device.system, device.label) == ("iOS", "Safari on iOS")  # the page's words

    def test_a_device_recorded_before_its_parts_were_kept_is_mailed_by_its_label(self, sent):
        user = SeekerFactory(language="fr")
        device = KnownDevice.objects.create(user=user, fingerprint="x", label="Edge on Windows")
        [notice] = sent(lambda: notify(Notification.Kind.NEW_DEVICE, device.pk))
        assert "Edge on Windows" in notice.body

    def test_the_same_browser_on_another_network_is_a_new_device(self, sent):
        user = SeekerFactory()
        sent(lambda: signed_in(user))
        assert len(_new_device_mails(sent(lambda: signed_in(user, ip="198.51.100.20")))) == 1

    def test_a_failed_sign_in_sends_none(self, sent):
        user = SeekerFactory()
        sent(lambda: signed_in(user))
        client = Client(HTTP_USER_AGENT=SAFARI_IPHONE, REMOTE_ADDR=HOME_ADDRESS)
        attempt = {"login": user.email, "password": "wrong"}
        assert _new_device_mails(sent(lambda: client.post(reverse("account_login"), attempt))) == []

    def test_no_address_is_stored_for_a_device(self):
        user = SeekerFactory()
        signed_in(user)
        device = KnownDevice.objects.get(user=user)
        assert HOME_ADDRESS not in device.fingerprint and "203.0.113" not in device.fingerprint
        assert device.label == "Firefox on Linux"

    def test_the_mail_of_a_deleted_account_is_not_sent(self, sent):
        user = SeekerFactory()
        signed_in(user)
        device = KnownDevice.objects.create(user=user, fingerprint="x", label="Edge on Windows")
        notification = Notification.objects.create(
            kind=Notification.Kind.NEW_DEVICE, object_id=device.pk
        )
        user.delete()
        from board.notifications.outbox import deliver

        before = len(mail.outbox)
        assert deliver(notification.pk) is True
        assert len(mail.outbox) == before


@pytest.mark.parametrize(
    ("user_agent", "label"),
    [
        (FIREFOX_LINUX, "Firefox on Linux"),
        (SAFARI_IPHONE, "Safari on iOS"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/140.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/18.0 Safari/605.1.15",
            "Safari on macOS",
        ),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/156.0.0.0 Safari/537.36",
            "Chrome on Linux",
        ),
        ("curl/8.5.0", "A browser on an unknown system"),
        ("", "A browser on an unknown system"),
    ],
)
def test_devices_are_named_from_the_user_agent(user_agent, label):
    assert describe(user_agent) == label


def test_networks_are_slash_24_and_slash_64():
    assert network_of("203.0.113.5") == "203.0.113.0/24"
    assert network_of("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert network_of("not an address") == ""


class TestAccountChanges:
    def test_a_changed_password_is_mailed_without_the_ip_address(self, sent):
        user = SeekerFactory()
        client = signed_in(user)
        form = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        [notice] = sent(lambda: client.post(reverse("account_change_password"), form))
        assert notice.to == [user.email]
        assert "Your password was changed." in notice.body
        assert notice.subject == "[Nexus Jobs] Your password was changed"
        assert "Firefox on Linux" in notice.body
        assert HOME_ADDRESS not in notice.body
        assert f"Hello {user.display_name}," in notice.body
        assert reverse("account_sessions") in notice.body

    def test_a_reset_password_is_mailed(self, sent):
        user = SeekerFactory()
        client = Client(HTTP_USER_AGENT=SAFARI_IPHONE)
        [key_mail] = sent(
            lambda: client.post(reverse("account_reset_password"), {"email": user.email})
        )
        link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", key_mail.body)
        form_page = client.get(link.group(1), follow=True)
        form = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        messages = sent(lambda: client.post(form_page.redirect_chain[-1][0], form))
        [notice] = [m for m in messages if "Your password was reset" in m.body]
        assert notice.to == [user.email]
        assert "Safari on iOS" in notice.body

    def test_a_changed_address_is_mailed_to_the_old_address(self, sent):
        user = SeekerFactory(email="old@example.com")
        client = signed_in(user)
        EmailAddress.objects.create(user=user, email="new@example.com", verified=True)
        messages = sent(
            lambda: client.post(
                reverse("account_email"), {"action_primary": "", "email": "new@example.com"}
            )
        )
        [notice] = [m for m in messages if "e-mail address was changed" in m.subject]
        assert notice.to == ["old@example.com"]
        assert "from old@example.com to new@example.com" in notice.body

    def test_the_notices_go_through_the_outbox_under_the_users_id(self, sent):
        user = SeekerFactory()
        client = signed_in(user)
        form = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        sent(lambda: client.post(reverse("account_change_password"), form))
        notification = Notification.objects.filter(kind=Notification.Kind.ACCOUNT_EMAIL).last()
        assert notification.object_id == user.pk
        assert notification.sent_at is not None
        assert notification.payload is None
