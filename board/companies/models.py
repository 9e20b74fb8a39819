from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from board.core.listing_version import bump_jobs_version
from board.core.validators import WebURLField
from board.jobs.models import Job
from board.scanning.uploads import SERVABLE, quarantine_index, scan_status_field


def logo_path(instance, filename):
    # The file name is already random (see images.reencode_logo).
    return f"logos/{filename}"


class CompanyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Companies whose page (site, REST, GraphQL) the user may see: the one rule.

        Public once the company has had a published job, even if it has since
        closed or expired (those jobs keep their page, which links here); before
        that, only its members and staff see it, so an empty sign-up is no page.
        """
        if user.is_authenticated and user.is_staff:
            return self.all()
        had_public_job = Exists(
            Job.objects.filter(company=OuterRef("pk"), status__in=Job.PUBLIC_STATUSES)
        )
        if not user.is_authenticated:
            return self.filter(had_public_job)
        is_member = Exists(Membership.objects.of_user_in(user, OuterRef("pk")))
        return self.filter(Q(had_public_job) | Q(is_member))


class Company(models.Model):
    class Size(models.TextChoices):
        TINY = "1-10", _("1–10 people")
        SMALL = "11-50", _("11–50 people")
        MEDIUM = "51-200", _("51–200 people")
        LARGE = "201-1000", _("201–1,000 people")
        XLARGE = "1001-5000", _("1,001–5,000 people")
        HUGE = "5000+", _("More than 5,000 people")

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    website = WebURLField(blank=True)
    logo = models.ImageField(upload_to=logo_path, blank=True)
    logo_scan = scan_status_field("logo virus scan")
    about = models.TextField(blank=True)
    headquarters = models.CharField(max_length=120, blank=True)
    size = models.CharField(max_length=10, choices=Size, blank=True)
    verified = models.BooleanField(
        default=False, help_text="Verified companies' jobs are published without review."
    )
    created = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="companies"
    )
    # The public response badge, worked out from the pipeline's own events by a
    # periodic task (board/applications/responsiveness.py) and stored here so that
    # pages and job cards read it from the row. Null: nothing to claim (too little
    # data, or not good enough to say).
    response_days = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="Usually responds within this many days."
    )
    response_rate = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="Responds to this % of applicants."
    )
    response_computed = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when its owner closed the company (board/companies/closing.py): its jobs
    # are closed, its team gone; the page stays, saying so, for the closed jobs' links.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]
        indexes = [quarantine_index("logo_scan", "company_quarantine_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Jobs keep a copy of the name for their search document.
        self.jobs.exclude(company_name=self.name).update(company_name=self.name)
        # Job cards show the name and the verified badge (board/listings/caching.py).
        transaction.on_commit(bump_jobs_version, robust=True)

    def get_absolute_url(self):
        return reverse("company_detail", args=[self.slug])

    @property
    def shows_logo(self):
        """Whether it has a logo that may be shown: not one in quarantine (board/scanning/)."""
        return bool(self.logo) and self.logo_scan in SERVABLE

    def has_member(self, user):
        """Whether the user is on this company's team ("an employer of" it)."""
        return user.is_authenticated and Membership.objects.of_user_in(user, self).exists()

    def shows_unpublished_to(self, user):
        """Whether the user is a member or staff, who see what is not public yet:
        drafts, jobs in review, the company's page before its first live job."""
        return user.is_authenticated and (user.is_staff or self.has_member(user))

    def is_public_to(self, user):
        """Whether the user may see this company's page (the rule: visible_to)."""
        return Company.objects.visible_to(user).filter(pk=self.pk).exists()


class MembershipQuerySet(models.QuerySet):
    def of_user(self, user):
        """The user's membership, with its company, or None: an account belongs
        to one company at most (a database constraint, below)."""
        if not user.is_authenticated:
            return None
        return self.select_related("company").filter(user=user).first()

    def of_user_in(self, user, company):
        """The user's membership of `company` (an instance, an id or an OuterRef):
        "employer of". In a query, Exists(of_user_in(user, OuterRef("company_id")))."""
        return self.filter(company=company, user=user)


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        RECRUITER = "recruiter", _("Recruiter")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role, default=Role.RECRUITER)
    created = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            # One company per employer account: every employer page acts for
            # "the user's company", so there is never a question which one.
            models.UniqueConstraint(fields=["user"], name="membership_one_company_per_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=["owner", "recruiter"]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()} at {self.company})"

    @property
    def is_owner(self):
        """Owners edit the company and its team; recruiters post jobs and hire."""
        return self.role == self.Role.OWNER


class Invitation(models.Model):
    """An invitation to join a company's team, sent as a signed, expiring link.

    The row makes a link single-use (accepted_at) and revocable (delete it);
    the signature makes it unguessable and expire (see board/companies/invitations.py).
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(
        max_length=10, choices=Membership.Role, default=Membership.Role.RECRUITER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.email} → {self.company}"
