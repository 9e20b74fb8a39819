"""The confirmation "Delete my account" asks for: the password, or for an account
without one (signed up with a social login) its e-mail address typed in full."""

from allauth.core import ratelimit
from django import forms
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# Marked here, translated when raised: tests and callers compare the English text.
WRONG_PASSWORD = gettext_noop("That is not your current password.")
WRONG_EMAIL = gettext_noop("That is not your account's e-mail address.")
TOO_MANY = gettext_noop("Too many attempts: wait a minute, then try again.")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your current password"), strip=False, widget=forms.PasswordInput, required=False
    )
    email = forms.CharField(label=_("Your e-mail address"), required=False)

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.request = user, request
        # Only one way to confirm is offered, the one the account can use.
        if user.has_usable_password():
            del self.fields["email"]
            self.fields["password"].required = True
            self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        else:
            del self.fields["password"]
            self.fields["email"].required = True
            self.fields["email"].help_text = _("Your account has no password: type your address.")

    def clean(self):
        # A stolen session must not be able to guess the password here: allauth's
        # "reauthenticate" limit (10 a minute per account) counts every attempt.
        if self.request is not None and not ratelimit.consume(
            self.request, action="reauthenticate", user=self.user
        ):
            raise forms.ValidationError(gettext(TOO_MANY))
        return super().clean()

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(gettext(WRONG_PASSWORD))
        return password

    def clean_email(self):
        typed = self.cleaned_data["email"].strip().lower()
        if not constant_time_compare(typed, self.user.email.lower()):
            raise forms.ValidationError(gettext(WRONG_EMAIL))
        return typed
