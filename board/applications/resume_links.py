"""Who may read an application's résumé, and signed links to it for API clients.

Readers: the applicant, members of the job's company, and staff (the site's
download, board/web/seeker.py, asks the same). An API client cannot send a
session cookie with a plain link, so the API hands each reader a short-lived
signed link instead: it names the application and the reader, and the rule is
asked again when it is followed, so a reader who has left the company since
cannot use one.
"""

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from board.accounts.models import User
from board.applications.models import Application
from board.companies.models import Membership

SALT = "nexus.resume-link"


class LinkExpired(Exception):
    """A genuine link, too old: the client should ask for a fresh one."""


def readable_by(user):
    """The applications whose résumé `user` may download."""
    if not user.is_authenticated:
        return Application.objects.none()
    applications = Application.objects.all()
    if user.is_staff:
        return applications
    member = Membership.objects.of_user_in(user, OuterRef("job__company_id"))
    return applications.filter(Q(applicant=user) | Q(Exists(member)))


def resume_link(application, reader):
    """The path of a signed download link for this reader (who may read it)."""
    token = signing.dumps([application.pk, reader.pk], salt=SALT, compress=True)
    return reverse("api_resume", args=[token])


def application_from_link(token):
    """The application a link names, if its reader may still read it; else None.

    Raises LinkExpired for a genuine link older than RESUME_LINK_MAX_AGE.
    """
    try:
        application_pk, reader_pk = signing.loads(
            token, salt=SALT, max_age=settings.RESUME_LINK_MAX_AGE
        )
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError, TypeError):
        return None
    reader = User.objects.filter(pk=reader_pk, is_active=True).first()
    if reader is None:
        return None
    return readable_by(reader).filter(pk=application_pk).first()
