"""Lookups that answer 404 when the user may not have the object.

Shared by the site's views and the API, so both hide the same things the same way:
what a user may not see is answered as if it did not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from board.jobs.models import Job


def viewable_job_or_404(user, pk):
    """The job, with its company and category, if this user may see it
    (Job.is_viewable_by); otherwise 404."""
    job = get_object_or_404(Job.objects.with_card_data(), pk=pk)
    if not job.is_viewable_by(user):
        raise Http404
    return job
