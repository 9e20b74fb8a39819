"""Closing a company: what its owner does when the company stops hiring on the site
for good, and what the last owner of a company does before deleting their account
(board/privacy/erasure.py refuses a last owner).

One transaction: every live job is closed and every job not yet live is withdrawn
(the jobs workflow's own rules), pending invitations are revoked, the team is
removed, and the company is marked closed. Its page stays, saying so, since its
closed jobs' pages link to it; the applications stay as the applicants' record
until the retention run removes their documents (RETENTION_DOCUMENT_MONTHS after
the jobs closed). Nobody can act for the company afterwards; staff may give it a
team again in the admin.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from board.companies.models import Company, Membership
from board.companies.team import OWNERS_ONLY, NotOwner, TeamRefusal
from board.jobs import workflow as jobs
from board.jobs.models import Job

logger = logging.getLogger(__name__)

ALREADY_CLOSED = gettext_noop("This company is already closed.")
WRONG_NAME = gettext_noop("Type the company's name exactly as it is shown to close it.")
LIVE = (Job.Status.PUBLISHED,)
NOT_YET_LIVE = (Job.Status.DRAFT, Job.Status.PENDING, Job.Status.REJECTED)


def close_company(company, *, by, confirm_name):
    """Close `company` for its owner `by`, who typed its name as `confirm_name`.
    Returns the number of jobs closed or withdrawn; raises TeamRefusal."""
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=company.pk)
        if not company.memberships.filter(user=by, role=Membership.Role.OWNER).exists():
            raise NotOwner(OWNERS_ONLY)
        if company.closed_at is not None:
            raise TeamRefusal(ALREADY_CLOSED)
        if confirm_name.strip() != company.name:
            raise TeamRefusal(WRONG_NAME)
        ended = 0
        for job in company.jobs.filter(status__in=LIVE + NOT_YET_LIVE).order_by("pk"):
            if job.status in LIVE:
                jobs.close_job(job, by)
            else:
                jobs.withdraw_job(job, by)
            ended += 1
        company.invitations.filter(accepted_at__isnull=True).delete()
        company.memberships.all().delete()
        company.closed_at = timezone.now()
        company.save(update_fields=["closed_at"])
    logger.info("company %s closed by user %s (%s jobs ended)", company.pk, by.pk, ended)
    return ended
