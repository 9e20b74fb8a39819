"""People with a bit of everything on record, for the export tests."""

from datetime import timedelta

from django.utils import timezone

from board.alerts.models import JobAlert
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application, ApplicationEvent, ApplicationRating
from board.applications.screening import ScreeningAnswer
from board.notifications.models import Notification
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    JobFactory,
    JobReportFactory,
    MembershipFactory,
    SavedJobFactory,
    SeekerFactory,
    SeekerProfileFactory,
)

S = Application.Status


def resume_bytes(tag):
    return b"%PDF-1.4\n% " + tag.encode() + b"\n%%EOF\n"


def seeker_with_everything(tag="ada", applications=1, company=None):
    """A seeker with a profile, applications (answers, timeline, messages, a rating
    and a note the export must leave out), a saved job, an alert and a report."""
    seeker = SeekerFactory(email=f"{tag}@example.com", first_name=tag.title(), last_name="Lovelace")
    SeekerProfileFactory(
        user=seeker,
        headline=f"{tag} headline",
        resume__data=resume_bytes(f"{tag}-profile"),
        resume__filename="My CV (final).pdf",
    )
    member = MembershipFactory(company=company) if company else MembershipFactory()
    for n in range(applications):
        job = JobFactory(company=member.company, title=f"Engineer {tag} {n}")
        application = ApplicationFactory(
            job=job,
            applicant=seeker,
            cover_letter=f"Dear team, {tag} letter {n}",
            resume__data=resume_bytes(f"{tag}-application-{n}"),
        )
        application.move_to(S.REVIEWING, by=member.user)
        ApplicationEvent.objects.create(
            application=application,
            actor=member.user,
            from_status=S.REVIEWING,
            to_status=S.REJECTED,
            reason="skills",
            reason_text=f"private reason {tag}",
            reason_shared=False,
        )
        ApplicationMessage.objects.create(
            application=application,
            sender=member.user,
            subject=f"About your application {tag} {n}",
            body=f"Hello {tag}, thanks.",
        )
        ScreeningAnswer.objects.create(
            application=application,
            question_text="Do you have a work permit?",
            kind="yes_no",
            answer="yes",
        )
        ApplicationRating.objects.create(
            application=application, rater=member.user, score=2, comment=f"SECRET-RATING-{tag}"
        )
        ApplicationNoteFactory(
            application=application, author=member.user, body=f"SECRET-NOTE-{tag}"
        )
        Notification.objects.create(
            kind=Notification.Kind.APPLICATION_RECEIVED, object_id=application.pk
        )
    SavedJobFactory(user=seeker, job=JobFactory(title=f"Saved {tag}"))
    JobAlert.objects.create(
        user=seeker, query=f"q={tag}", high_water=timezone.now() - timedelta(days=1)
    )
    JobReportFactory(
        reporter=seeker, job=JobFactory(title=f"Reported {tag}"), details=f"{tag} scam"
    )
    return seeker, member
