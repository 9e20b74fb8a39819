"""Lookups that answer 404 when the user may not have the object.

Shared by the site's views and the API, so both hide the same things the same way:
what a user may not see is answered as if it did not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from board.models import Job, Membership


def membership_or_404(user):
    """The user's membership (with its company); 404 for an employer without a company."""
    membership = Membership.objects.of_user(user)
    if membership is None:
        raise Http404("No company yet")
    return membership


def viewable_job_or_404(user, pk):
    """The job, with its company and category, if this user may see it
    (Job.is_viewable_by); otherwise 404."""
    job = get_object_or_404(Job.objects.with_card_data(), pk=pk)
    if not job.is_viewable_by(user):
        raise Http404
    return job
