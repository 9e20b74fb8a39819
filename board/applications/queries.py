"""Jobs annotated with what their applications say, for employers' lists."""

from django.db.models import Count, Q

from board.applications.models import Application


def with_application_counts(jobs):
    """Annotate each job's applications counted by status, in the same query.

    The total is every application but the withdrawn ones, and new, in
    progress, hired and rejected add up to it; withdrawn ones are counted
    apart, so that a page can say they are left out.
    """
    status = "applications__status"
    return jobs.annotate(
        applications_total=Count(
            "applications", filter=~Q(**{status: Application.Status.WITHDRAWN})
        ),
        applications_new=Count("applications", filter=Q(**{status: Application.Status.SUBMITTED})),
        applications_in_progress=Count(
            "applications", filter=Q(**{f"{status}__in": Application.IN_PROGRESS})
        ),
        applications_hired=Count("applications", filter=Q(**{status: Application.Status.HIRED})),
        applications_rejected=Count(
            "applications", filter=Q(**{status: Application.Status.REJECTED})
        ),
        applications_withdrawn=Count(
            "applications", filter=Q(**{status: Application.Status.WITHDRAWN})
        ),
    )
