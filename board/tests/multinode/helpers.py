"""Users the nodes can sign in, and e-mails the worker wrote."""

import email
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from board.accounts.models import User
from board.tests.factories import EmployerFactory, MembershipFactory, SeekerFactory

PASSWORD = "correct-horse-battery-staple"
MAIL_DEADLINE = 20  # seconds for the worker to write an e-mail


def password_hash():
    """A hash the nodes can check: the tests' own hasher (MD5, board/tests/conftest.py) is
    not in production's PASSWORD_HASHERS. Few iterations keep sign-ins fast; the node
    re-hashes at full strength on the first sign-in, as after any upgrade."""
    return PBKDF2PasswordHasher().encode(PASSWORD, "multinodesalt", iterations=1000)


def with_node_password(user):
    User.objects.filter(pk=user.pk).update(password=password_hash())
    return user


def seeker():
    return with_node_password(SeekerFactory())


def employer_of(company):
    return with_node_password(MembershipFactory(company=company, user=EmployerFactory()).user)


def wait_for_mail(cluster, to, containing=""):
    """The text of the first e-mail to `to` whose text contains `containing`."""
    give_up = time.monotonic() + MAIL_DEADLINE
    while time.monotonic() < give_up:
        for mail in map(email.message_from_string, cluster.mails()):
            if mail["To"] == to and containing in (text := plain_text(mail)):
                return text
        time.sleep(0.2)
    pytest.fail(f"no e-mail to {to} after {MAIL_DEADLINE} s", pytrace=False)


def plain_text(mail):
    for part in mail.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""
