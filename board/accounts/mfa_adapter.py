"""allauth.mfa's adapter: authenticator-app secrets and recovery-code seeds encrypted at rest.

allauth stores them as given unless the adapter encrypts them; with them, a copy of the
database (a leaked backup) would be enough to produce anyone's codes. Ours encrypts with
Fernet (from `cryptography`, which fido2 needs anyway) under a key derived from SECRET_KEY,
and decrypts with the keys of SECRET_KEY_FALLBACKS too, so rotating SECRET_KEY the way
Django documents (old key moved to the fallbacks) keeps every authenticator working.
Dropping an old key from the fallbacks before re-saving makes its authenticators unusable:
their owners then sign in with a passkey, or staff remove the authenticator in the admin.
"""

import base64

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac

KEY_SALT = "board.accounts.mfa_adapter"


def _fernet(secret):
    digest = salted_hmac(KEY_SALT, "mfa-secrets", secret=secret, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys():
    return MultiFernet(
        [_fernet(settings.SECRET_KEY)] + [_fernet(key) for key in settings.SECRET_KEY_FALLBACKS]
    )


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        return _keys().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return _keys().decrypt(encrypted_text.encode()).decode()
