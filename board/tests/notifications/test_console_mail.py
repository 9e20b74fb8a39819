"""The local inbox is the console: what it prints must be readable and its links whole."""

import io

from django.core.mail import EmailMultiAlternatives

from board.notifications.console import EmailBackend

LONG_LINK = "http://127.0.0.1:8000/accounts/confirm-email/" + "MTI:1vXyZa:" + "a" * 60 + "/"


def _printed(message):
    stream = io.StringIO()
    EmailBackend(stream=stream).send_messages([message])
    return stream.getvalue()


def test_links_are_printed_whole_and_unencoded():
    message = EmailMultiAlternatives(
        subject="Confirm your e-mail – Nexus Jobs",
        body=f"Héllo,\n\nconfirm here: {LONG_LINK}\n",
        to=["new@example.com"],
    )
    message.attach_alternative(f'<a href="{LONG_LINK}">confirm</a>', "text/html")

    printed = _printed(message)

    # Django's backend prints quoted-printable: "=3D" and soft line breaks ("=\n").
    assert LONG_LINK in printed
    assert "=3D" not in printed and "=\n" not in printed
    assert "Subject: Confirm your e-mail – Nexus Jobs" in printed
    assert "To: new@example.com" in printed
    assert "Héllo," in printed
    assert "(also sent as: text/html)" in printed
