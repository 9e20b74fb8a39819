"""E-mail builders: see board/notifications/outbox.py.

Both messages only say that something happened and link to the page behind
the login: no résumé, no cover letter, no notes. An e-mail is forwarded,
archived and scanned far from our access checks.
"""

from board.applications.models import Application, ApplicationEvent
from board.companies.models import Membership
from board.notifications.models import Notification
from board.notifications.outbox import builder, email

# What the applicant reads for each status the employer can move them to.
STATUS_NEWS = {
    Application.Status.SUBMITTED: "Your application is back among the new applications.",
    Application.Status.REVIEWING: "The company is reviewing your application.",
    Application.Status.INTERVIEWING: "The company would like to interview you.",
    Application.Status.OFFERED: "The company is making you an offer.",
    Application.Status.HIRED: "The company has marked you as hired. Congratulations!",
    Application.Status.REJECTED: "The company has decided not to go further with your application.",
    Application.Status.WITHDRAWN: "Your application was withdrawn.",
    Application.Status.CLOSED: "Your application was closed without a decision.",
}


@builder(Notification.Kind.NEW_APPLICATION)
def new_application(application_id):
    """One message per member of the hiring company, so no one sees the others' addresses."""
    application = Application.objects.select_related("job").filter(pk=application_id).first()
    if application is None:
        return []
    job = application.job
    members = Membership.objects.filter(company_id=job.company_id, user__is_active=True)
    recipients = members.values_list("user__email", flat=True).order_by("user__email")
    return [
        email(
            "new_application",
            to=[address],
            subject=f"New application for {job.title}",
            context={"job": job},
        )
        for address in recipients
    ]


@builder(Notification.Kind.STATUS_CHANGED)
def status_changed(event_id):
    event = (
        ApplicationEvent.objects.select_related(
            "application__job__company", "application__applicant"
        )
        .filter(pk=event_id)
        .first()
    )
    if (
        event is None
        or event.application.applicant is None
        or not event.application.applicant.is_active
    ):
        return []
    application = event.application
    return [
        email(
            "status_changed",
            to=[application.applicant.email],
            subject=f"Your application for {application.job.title}: "
            f"{event.get_to_status_display().lower()}",
            context={
                "application": application,
                "job": application.job,
                "status": event.get_to_status_display(),
                "news": STATUS_NEWS[event.to_status],
                "name": application.applicant.display_name,
                "reason": event.shared_reason,  # "" unless the employer shared it
            },
        )
    ]
