"""allauth's e-mails (verification, password reset, "account already exists"…)
through our outbox, like every other e-mail: see board/notifications/outbox.py.

allauth sends its e-mails inside the request, so a mail server that is down
turned a sign-up into a server error. Here the message is rendered as allauth
would (its templates, subject prefix and links), then stored in a Notification
row instead of sent: the user sees "check your inbox", and the worker or the
sweeper sends it when the server answers. The message itself is stored because
it cannot be rebuilt from an id: it carries a one-time key.
"""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.template.loader import render_to_string
from django.utils import translation

from board.accounts import devices, signins
from board.notifications.models import Notification
from board.notifications.outbox import builder, notify, stored


class AccountAdapter(DefaultAccountAdapter):
    """settings.ACCOUNT_ADAPTER. allauth sends every e-mail through send_mail."""

    def send_mail(self, template_prefix, email, context):
        # The context allauth's own send_mail builds, then its render_mail.
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        # The user allauth names, for operators looking at the outbox. The mails
        # of enumeration prevention ("account already exists", "unknown account")
        # name none: 0.
        user = context.get("user")
        notify(
            Notification.Kind.ACCOUNT_EMAIL, getattr(user, "pk", None) or 0, payload=stored(message)
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        # Our layout (templates/emails/base.html) heads the message with its subject and
        # builds links from SITE_URL, as our own e-mails do (outbox.email()).
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        context = {"site_url": settings.SITE_URL, "subject": " ".join(subject.split())} | context
        return super().render_mail(template_prefix, email, context, headers)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return _on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return _on_site(super().get_reset_password_from_key_url(key))

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth's security notices (settings.ACCOUNT_EMAIL_NOTIFICATIONS). Its context
        # has the IP address and the raw User-Agent; our template names the device
        # instead and prints no address, so none is stored in the outbox either.
        extra = {"user": user, "device": devices.describe(self.get_http_user_agent(self.request))}
        super().send_notification_mail(template_prefix, user, extra | (context or {}), email)

    def save_user(self, request, user, form, commit=True):
        # The account speaks the language of the page it was made on (docs/i18n.md): a
        # sign-up on /fr/ or /ar/ gets its e-mails, the confirmation first, in French or
        # Arabic. English, the site's own language, stays empty: the person said nothing
        # more than "the default", so their browser keeps choosing their pages.
        language = translation.get_language()
        if language in dict(settings.LANGUAGES) and language != settings.LANGUAGE_CODE:
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        # Every way of signing in on the site ends here (the form, a confirmation link,
        # the second factor), after allauth recorded the session (its usersessions app).
        signins.track(request)
        devices.record_sign_in(
            user, user_agent=self.get_http_user_agent(request), ip=self.get_client_ip(request)
        )
        return response


def _on_site(url):
    """allauth's absolute link with the configured SITE_URL in front instead of the
    request's host: links in e-mails never depend on what a client sent as Host."""
    parts = urlsplit(url)
    return settings.SITE_URL + parts.path + (f"?{parts.query}" if parts.query else "")


@builder(Notification.Kind.ACCOUNT_EMAIL)
def account_email(user_id):
    """Reached only once the stored message is gone (it expired unsent): nothing to send."""
    return []
