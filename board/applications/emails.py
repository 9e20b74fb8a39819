"""E-mail builders: see board/notifications/outbox.py.

Both messages only say that something happened and link to the page behind
the login: no résumé, no cover letter, no notes. An e-mail is forwarded,
archived and scanned far from our access checks.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from board.applications.models import Application, ApplicationEvent
from board.companies.models import Membership
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later

# What the applicant reads for each status the employer can move them to.
STATUS_NEWS = {
    Application.Status.SUBMITTED: gettext_lazy(
        "Your application is back among the new applications."
    ),
    Application.Status.REVIEWING: gettext_lazy("The company is reviewing your application."),
    Application.Status.INTERVIEWING: gettext_lazy("The company would like to interview you."),
    Application.Status.OFFERED: gettext_lazy("The company is making you an offer."),
    Application.Status.HIRED: gettext_lazy("The company has marked you as hired. Congratulations!"),
    Application.Status.REJECTED: gettext_lazy(
        "The company has decided not to go further with your application."
    ),
    Application.Status.WITHDRAWN: gettext_lazy("Your application was withdrawn."),
    Application.Status.CLOSED: gettext_lazy("Your application was closed without a decision."),
}


@builder(Notification.Kind.NEW_APPLICATION)
def new_application(application_id):
    """One message per member of the hiring company, so no one sees the others' addresses."""
    application = Application.objects.select_related("job").filter(pk=application_id).first()
    if application is None:
        return []
    job = application.job
    members = Membership.objects.filter(company_id=job.company_id, user__is_active=True)
    subject = later(lambda: _("New application for %(title)s") % {"title": job.title})
    return [
        email("new_application", to=member.user, subject=subject, context={"job": job})
        for member in members.select_related("user").order_by("user__email")
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
            to=application.applicant,
            subject=later(
                lambda: (
                    _("Your application for %(title)s: %(status)s")
                    % {
                        "title": application.job.title,
                        "status": event.get_to_status_display().lower(),
                    }
                )
            ),
            context={
                "application": application,
                "job": application.job,
                "status": later(event.get_to_status_display),
                "news": STATUS_NEWS[event.to_status],
                "name": application.applicant.display_name,
                "reason": event.shared_reason,  # "" unless the employer shared it
            },
        )
    ]
