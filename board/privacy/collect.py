"""What we hold about one person, as the data.json of their export, and the
files that go beside it.

Every section is one query (or one prefetch per kind of row), whatever the
number of applications, so an export costs the same few queries for a person
with 3 applications as for one with 3,000. Records that are other people's are
left out on purpose (README.txt in the archive says so): employers' ratings and
private notes about an applicant, a shared reason's unshared part, the names of
the company members who acted, other people's applications to a job someone posted.
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify

from board.accounts.device_models import KnownDevice
from board.accounts.models import SeekerProfile
from board.alerts.models import JobAlert
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application, ApplicationEvent, SavedJob
from board.applications.screening import ScreeningAnswer
from board.companies.models import Membership
from board.jobs.models import Job
from board.moderation.models import JobReport
from board.notifications.models import Notification
from board.privacy.models import DataExport

FORMAT = "nexus-jobs-data-export"
VERSION = 1


@dataclass
class StoredFile:
    """A file to copy into the archive: where it goes, and the stored file itself."""

    path: str  # inside the ZIP, under files/
    field: object  # a FieldFile


def iso(value):
    return value.isoformat() if value else None


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def job_summary(job):
    return {
        "id": job.pk,
        "title": job.title,
        "company": job.company.name,
        "url": absolute(job.get_absolute_url()),
    }


def extension_of(field):
    return field.name.rsplit(".", 1)[-1].lower() if "." in field.name else "bin"


def personal_data(user):
    """(data, files): the dict written as data.json, and the files to add."""
    files = []
    applications = _applications(user, files)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": iso(timezone.now()),
        "account": _account(user),
        "seeker_profile": _profile(user, files),
        "applications": applications,
        "saved_jobs": _saved_jobs(user),
        "job_alerts": _alerts(user),
        "job_reports": _reports(user),
        "company_memberships": _memberships(user),
        "jobs_posted": _jobs_posted(user),
        "notifications": _notifications(user),
        "data_exports": _exports(user),
        "security": _security(user),
    }
    return data, files


def _account(user):
    # allauth's addresses of the account (what is verified is asked in accounts.rules).
    addresses = user.emailaddress_set.order_by("-primary", "email")
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "is_staff": user.is_staff,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
        ],
    }


def _profile(user, files):
    profile = SeekerProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    resume = None
    if profile.resume:
        resume = f"files/profile/resume.{extension_of(profile.resume)}"
        files.append(StoredFile(resume, profile.resume))
    return {
        "headline": profile.headline,
        "location": profile.location,
        "website": profile.website,
        "linkedin_url": profile.linkedin_url,
        "github_url": profile.github_url,
        "updated": iso(profile.updated),
        "resume_file": resume,
    }


def _applications(user, files):
    rows = (
        Application.objects.filter(applicant=user)
        .select_related("job__company")
        .prefetch_related(
            Prefetch("events", ApplicationEvent.objects.order_by("created", "id")),
            Prefetch("messages", ApplicationMessage.objects.order_by("created", "id")),
            Prefetch("answers", ScreeningAnswer.objects.order_by("id")),
        )
        .order_by("created", "id")
    )
    found = []
    for application in rows:
        resume = None
        if application.resume:
            folder = f"files/applications/{application.pk}-{slugify(application.job.title)[:50]}"
            resume = f"{folder}/resume.{extension_of(application.resume)}"
            files.append(StoredFile(resume, application.resume))
        found.append(
            {
                "id": application.pk,
                "job": job_summary(application.job),
                "status": application.status,
                "status_display": application.get_status_display(),
                "created": iso(application.created),
                "updated": iso(application.updated),
                "cover_letter": application.cover_letter,
                "resume_file": resume,
                "screening_answers": [
                    {
                        "question": answer.question_text,
                        "kind": answer.kind,
                        "answer": answer.answer,
                        "knocked_out": answer.knocked_out,
                    }
                    for answer in application.answers.all()
                ],
                "timeline": [_event(event, user) for event in application.events.all()],
                "messages": [
                    {
                        "id": message.pk,
                        "from": application.job.company.name,
                        "subject": message.subject,
                        "body": message.body,
                        "created": iso(message.created),
                    }
                    for message in application.messages.all()
                ],
            }
        )
    return found


def _event(event, user):
    return {
        "id": event.pk,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "created": iso(event.created),
        # Which side acted; the company member's name is theirs, not the applicant's.
        "by": "you" if event.actor_id == user.pk else "company",
        # Only what the employer chose to share: the rest is their own record.
        "reason": event.shared_reason,
    }


def _saved_jobs(user):
    saved = SavedJob.objects.filter(user=user).select_related("job__company").order_by("created")
    return [{"job": job_summary(s.job), "created": iso(s.created)} for s in saved]


def _alerts(user):
    return [
        {
            "query": alert.query,
            "search_url": absolute(alert.get_search_url()),
            "frequency": alert.frequency,
            "is_active": alert.is_active,
            "created": iso(alert.created),
            "last_sent_at": iso(alert.last_sent_at),
        }
        for alert in JobAlert.objects.filter(user=user).order_by("created", "id")
    ]


def _reports(user):
    reports = JobReport.objects.filter(reporter=user).select_related("job__company")
    return [
        {
            "job": job_summary(report.job),
            "reason": report.reason,
            "details": report.details,
            "status": report.status,
            "created": iso(report.created),
            "resolved_at": iso(report.resolved_at),
        }
        for report in reports.order_by("created", "id")
    ]


def _memberships(user):
    memberships = Membership.objects.filter(user=user).select_related("company")
    return [
        {
            "company": {
                "name": m.company.name,
                "slug": m.company.slug,
                "url": absolute(m.company.get_absolute_url()),
            },
            "role": m.role,
            "joined": iso(m.created),
        }
        for m in memberships.order_by("created", "id")
    ]


def _jobs_posted(user):
    jobs = Job.objects.filter(posted_by=user).select_related("company").order_by("created", "id")
    return [
        {
            **job_summary(job),
            "status": job.status,
            "created": iso(job.created),
            "published_at": iso(job.published_at),
            "expires_at": iso(job.expires_at),
        }
        for job in jobs
    ]


def _notifications(user):
    """The e-mails we recorded sending to this person: kind and dates (the outbox
    keeps no copy of the text, and rebuilds each message from its object)."""
    Kind = Notification.Kind
    applications = Application.objects.filter(applicant=user)
    ours = (
        Q(kind=Kind.ACCOUNT_EMAIL, object_id=user.pk)
        | Q(kind=Kind.APPLICATION_RECEIVED, object_id__in=applications.values("pk"))
        | Q(
            kind__in=[Kind.STATUS_CHANGED, Kind.STALE_CLOSED],
            object_id__in=ApplicationEvent.objects.filter(application__in=applications).values(
                "pk"
            ),
        )
        | Q(
            kind=Kind.APPLICATION_MESSAGE,
            object_id__in=ApplicationMessage.objects.filter(application__in=applications).values(
                "pk"
            ),
        )
        | Q(
            kind__in=[Kind.JOB_APPROVED, Kind.EXPIRY_REMINDER],
            object_id__in=Job.objects.filter(posted_by=user).values("pk"),
        )
        | Q(
            kind=Kind.DATA_EXPORT_READY,
            object_id__in=DataExport.objects.filter(user=user).values("pk"),
        )
    )
    return [
        {
            "kind": n.kind,
            "description": n.get_kind_display(),
            "created": iso(n.created),
            "sent_at": iso(n.sent_at),
        }
        for n in Notification.objects.filter(ours).order_by("created", "id")
    ]


def _exports(user):
    return [
        {"created": iso(e.created), "status": e.status}
        for e in DataExport.objects.filter(user=user).order_by("created", "id")
    ]


def _security(user):
    """How the account signs in: its second factors (never their secrets), its open
    sessions with the address and browser they came from, the devices it knows."""
    factors = Authenticator.objects.filter(user=user).order_by("created_at", "id")
    sessions = UserSession.objects.filter(user=user).order_by("created_at", "id")
    devices = KnownDevice.objects.filter(user=user).order_by("first_seen", "id")
    return {
        "second_factors": [
            {
                "type": factor.type,
                # A passkey's name is what the person typed; app and codes have none.
                "name": factor.data.get("name", "") if factor.type == "webauthn" else "",
                "created": iso(factor.created_at),
                "last_used": iso(factor.last_used_at),
            }
            for factor in factors
        ],
        "sessions": [
            {
                "ip": session.ip,
                "user_agent": session.user_agent,
                "signed_in": iso(session.created_at),
                "last_seen": iso(session.last_seen_at),
            }
            for session in sessions
        ],
        "known_devices": [
            {
                "device": device.label,
                "browser": device.browser,
                "system": device.system,
                "first_seen": iso(device.first_seen),
                "last_seen": iso(device.last_seen),
            }
            for device in devices
        ],
    }
