"""E-mails of the quarantine scan (board/quarantine/sweep.py): a file the person
uploaded while the scanner was down held a virus and was deleted.

They say which file and what to do, never the file's name or content.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from board.accounts.models import SeekerProfile
from board.applications.models import Application
from board.companies.models import Company, Membership
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later

SUBJECT = gettext_lazy("A file you uploaded contained a virus and was deleted")


@builder(Notification.Kind.INFECTED_RESUME)
def infected_resume(profile_id):
    profile = SeekerProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        return []
    context = {
        "name": profile.user.display_name,
        "what": gettext_lazy("The résumé on your profile"),
        "todo": gettext_lazy("Upload a new résumé on your profile"),
        "todo_path": later(reverse, "my_profile"),
    }
    return [email("upload_infected", to=profile.user, subject=SUBJECT, context=context)]


@builder(Notification.Kind.INFECTED_APPLICATION)
def infected_application(application_id):
    application = (
        Application.objects.select_related("applicant", "job__company")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return []
    job = application.job
    context = {
        "name": application.applicant.display_name,
        "what": later(
            lambda: (
                _("The résumé you sent with your application to “%(title)s” at %(company)s")
                % {"title": job.title, "company": job.company.name}
            )
        ),
        "todo": gettext_lazy(
            "The company cannot open it. To send a clean file, withdraw the application "
            "and apply again"
        ),
        "todo_path": later(reverse, "my_application", args=[application.pk]),
    }
    to = application.applicant
    return [email("upload_infected", to=to, subject=SUBJECT, context=context)]


@builder(Notification.Kind.INFECTED_LOGO)
def infected_logo(company_id):
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return []
    owners = Membership.objects.filter(
        company=company, role=Membership.Role.OWNER, user__is_active=True
    ).select_related("user")
    return [
        email(
            "upload_infected",
            to=owner.user,
            subject=SUBJECT,
            context={
                "name": owner.user.display_name,
                "what": later(lambda: _("The logo of %(company)s") % {"company": company.name}),
                "todo": gettext_lazy("Upload a new logo on your company's page"),
                "todo_path": later(reverse, "employer_company"),
            },
        )
        for owner in owners.order_by("user__email")
    ]
