"""E-mail builders for reports and hidden jobs: see board/notifications/outbox.py.

The messages name no reporter and quote no report's details: reporters must
not fear the employer, and an e-mail travels far from our access checks. They
say what happened, what happens next, and link to the page behind the login.
"""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from board.companies.models import Membership
from board.jobs.models import LISTING_DAYS, Job, ModerationLogEntry
from board.moderation.decisions import moderators
from board.moderation.models import JobReport
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later, site_link


def _hidden_entry(entry_id):
    """The HIDDEN log entry, if its job is still waiting for a moderator.

    Once a moderator has approved or rejected it, that news (its own e-mail)
    replaces this one: a late "your job was hidden" would only confuse.
    """
    entry = (
        ModerationLogEntry.objects.select_related("job__company")
        .filter(pk=entry_id, action=ModerationLogEntry.Action.HIDDEN)
        .first()
    )
    if entry is None or entry.job.status != Job.Status.PENDING:
        return None
    return entry


def _reasons(job):
    """[("Scam or fraud", 2), …]: what the open reports say, most frequent first."""
    counts = (
        job.reports.open().values_list("reason").annotate(n=Count("id")).order_by("-n", "reason")
    )
    labels = dict(JobReport.Reason.choices)
    # The label itself (lazy if the choices are marked), rendered in the reader's language.
    return [(labels.get(reason, reason), n) for reason, n in counts]


def _admin_url(job):
    return site_link("admin:board_job_change", job.pk)


@builder(Notification.Kind.JOB_HIDDEN)
def job_hidden(entry_id):
    """To each member of the job's company: their listing is down until a moderator looks.

    The whole team, like a new application: the poster may be away, and the
    listing is the company's.
    """
    entry = _hidden_entry(entry_id)
    if entry is None:
        return []
    job = entry.job
    members = Membership.objects.filter(company_id=job.company_id, user__is_active=True)
    context = {
        "job": job,
        "reasons": _reasons(job),
        "listing_days": LISTING_DAYS,
        "edit_url": site_link("employer_job_edit", job.pk),
        "dashboard_url": site_link("employer_dashboard"),
    }
    subject = later(
        lambda: (
            _("Your job “%(title)s” is hidden until a moderator reviews it") % {"title": job.title}
        )
    )
    return [
        email("job_hidden", to=member.user, subject=subject, context=context)
        for member in members.select_related("user").order_by("user__email")
    ]


@builder(Notification.Kind.JOB_HIDDEN_STAFF)
def job_hidden_staff(entry_id):
    """To each moderator: a listing was taken down by reports and waits in the queue."""
    entry = _hidden_entry(entry_id)
    if entry is None:
        return []  # already handled
    job = entry.job
    context = {
        "job": job,
        "reasons": _reasons(job),
        "entry": entry,
        "admin_url": _admin_url(job),
        "queue_url": site_link("admin:board_pendingjob_changelist"),
    }
    subject = later(
        lambda: (
            _("Hidden after reports: “%(title)s” at %(company)s")
            % {"title": job.title, "company": job.company.name}
        )
    )
    return [
        email("job_hidden_staff", to=moderator, subject=subject, context=context)
        for moderator in moderators().order_by("email")
    ]


@builder(Notification.Kind.REPORTS_DIGEST)
def reports_digest(last_report_id):
    """To each moderator: the reports filed since the previous digest that are still open.

    The object id is the newest report the digest covers; the previous digest's
    says where this one starts (board.moderation.queue_reports_digest).
    """
    previous = Notification.objects.filter(
        kind=Notification.Kind.REPORTS_DIGEST, object_id__lt=last_report_id
    ).aggregate(last=Max("object_id"))["last"]
    reports = JobReport.objects.open().filter(pk__gt=previous or 0, pk__lte=last_report_id)
    jobs = list(
        Job.objects.filter(pk__in=reports.values("job_id"))
        .select_related("company")
        .annotate(new_reports=Count("reports", filter=Q(reports__in=reports)))
        .order_by("-new_reports", "pk")
    )
    if not jobs:
        return []  # all answered already
    for job in jobs:
        job.admin_url = _admin_url(job)
    total = sum(job.new_reports for job in jobs)
    context = {
        "jobs": jobs,
        "total": total,
        "reports_url": site_link(
            lambda: reverse("admin:board_jobreport_changelist") + "?status__exact=open"
        ),
    }
    subject = later(_reports_subject, total, len(jobs))
    return [
        email("reports_digest", to=moderator, subject=subject, context=context)
        for moderator in moderators().order_by("email")
    ]


def _reports_subject(total, job_count):
    reports = ngettext("%(count)s new report", "%(count)s new reports", total) % {"count": total}
    return ngettext("%(reports)s on %(count)s job", "%(reports)s on %(count)s jobs", job_count) % {
        "reports": reports,
        "count": job_count,
    }
