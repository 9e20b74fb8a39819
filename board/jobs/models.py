from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.db.models import Case, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from board.core.languages import AD_LANGUAGES, choice_label
from board.core.listing_version import bump_jobs_version
from board.core.markdown import render_markdown
from board.core.validators import WebURLField
from board.currencies import rates as currencies
from board.places.geo import within_km
from board.places.models import Place
from board.search.engine import search_document, search_jobs
from board.search.ranking import is_search

LISTING_DAYS = 30  # a listing's period when the employer sets no end date


def max_listing_days():
    """The longest a listing may run from its publication (or renewal, or today):
    JOB_MAX_LISTING_DAYS, read each time so a changed setting applies at once."""
    return settings.JOB_MAX_LISTING_DAYS


def end_of_day(day):
    """The moment a listing whose last day is `day` ends: the next midnight in the
    site's time zone, so the job is open all of its last day wherever it is read."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


COPY_SUFFIX = " (copy)"


def copy_title(title):
    """ "Engineer" → "Engineer (copy)", so the new draft is told from its original on
    the dashboard; a copy of a copy is not "(copy) (copy)", and it fits the column."""
    title = title.removesuffix(COPY_SUFFIX)
    return title[: Job._meta.get_field("title").max_length - len(COPY_SUFFIX)] + COPY_SUFFIX


class InvalidTransition(ValueError):
    """A status change the workflow does not allow."""


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated subquery's rows, as an annotation."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = models.IntegerField()


class HoldsPlace(models.Expression):
    """PostgreSQL: whether a job's place_ids (its places' ids, a column the database
    keeps: migration 0021) holds any of `place_ids`. A condition the keyword search's
    GIN index answers together with the words (JobQuerySet.in_place and near)."""

    output_field = models.BooleanField()

    def __init__(self, place_ids):
        super().__init__()
        self.place_ids = list(place_ids)

    def as_sql(self, compiler, connection):
        # The column of the query's own table, under whatever alias it has there
        # (U0 in a sub-select): the model has no field for it to resolve.
        table = compiler.quote_name(compiler.query.base_table)
        if len(self.place_ids) == 1:
            return f"{table}.place_ids @> ARRAY[%s]::bigint[]", self.place_ids
        # Several (the cities of a radius): PostgreSQL guesses an overlap with a few
        # hundred ids from each one's share, summed, as most of the table (London,
        # 100 km: 304 cities, 64 % guessed, 2 % in fact) and then reads every job
        # (3.6 s at a million). Behind a sub-select the ids are unknown when it
        # plans, it takes its default guess (0.5 %) and reads the GIN index.
        return f"{table}.place_ids && (SELECT %s::bigint[])", [self.place_ids]


class CategoryQuerySet(models.QuerySet):
    def with_open_job_counts(self, cap=None):
        """Active categories, each with `open_jobs`: how many visible jobs it has
        (no more than cap + 1 with a `cap`)."""
        return self.filter(is_active=True).counting_open_jobs(cap)

    def counting_open_jobs(self, cap=None):
        """Each category, retired ones too, with `open_jobs`: how many visible jobs it has.

        One small count per category (an index-only scan of job_category_open_idx)
        rather than a join and aggregate over every job. With a `cap`, each count
        stops at cap + 1 (enough to say "1,000+"), so it costs the same at a
        million jobs as at a thousand.
        """
        # Selecting a constant, not the id, keeps the scan index-only.
        jobs = Job.objects.visible().filter(category=OuterRef("pk")).order_by().values(one=Value(1))
        if cap is not None:
            jobs = jobs[: cap + 1]
        return self.annotate(open_jobs=SubqueryCount(jobs))


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    is_active = models.BooleanField(default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Jobs keep a copy of the name for their search document.
        self.jobs.exclude(category_name=self.name).update(category_name=self.name)
        # Tiles, search choices and job cards show the name (board/listings/caching.py).
        transaction.on_commit(bump_jobs_version, robust=True)


# "Highest salary": the top of each job's range as yearly pay in euros, at the stored
# rates; jobs without a salary, or in a currency without a rate, come last.
SALARY_ORDERING = (F("salary_yearly_eur").desc(nulls_last=True), "-published_at", "-id")


class JobQuerySet(models.QuerySet):
    def visible(self):
        """Jobs anyone may see: published and not past their expiry."""
        return self.filter(status=Job.Status.PUBLISHED, expires_at__gt=timezone.now())

    def pending_review(self):
        return self.filter(status=Job.Status.PENDING)

    def expiring_soon(self, within):
        """Live jobs expiring within `within` whose posters have not been reminded yet."""
        now = timezone.now()
        return self.filter(
            status=Job.Status.PUBLISHED, expires_at__gt=now, expires_at__lte=now + within
        ).exclude(expiry_reminder_for=F("expires_at"))

    def overdue(self):
        """Published jobs whose expiry has passed but which are not yet marked expired."""
        return self.filter(status=Job.Status.PUBLISHED, expires_at__lte=timezone.now())

    def for_company(self, company):
        return self.filter(company=company)

    def with_card_data(self):
        """The job with its company and category, in the same query."""
        return self.select_related("company", "category")

    def paying_at_least(self, yearly, currency, rates=None):
        """Jobs paying at least `yearly` a year in `currency`, whatever their own currency.

        Compared in euros on the stored figure (salary_yearly_eur, indexed): the
        threshold is converted once, with the same rounding as each job's figure, so
        a job paying exactly `yearly` in that same currency always passes. Jobs
        without a salary, or in a currency without a rate, drop out.
        """
        rates = currencies.rates() if rates is None else rates
        threshold = currencies.to_base(yearly, rates.get(currency))
        if threshold is None:
            return self.none()
        return self.filter(salary_yearly_eur__gte=threshold)

    def search(self, text, typos=False):
        """Jobs matching free text, annotated with `rank`; see board/search/engine.py."""
        return search_jobs(self, text, typos)

    # Where: each job's places are JobLocation rows (board/jobs/locations.py).

    def near(self, place, km):
        """Jobs with a location within `km` of `place` (a Place or (latitude, longitude)).

        In a keyword search on PostgreSQL (search() first, then this), the cities
        within `km` are looked up in the places table and the jobs in any of them
        found in the words' index (HoldsPlace), as in_place() does for one city:
        through the locations' coordinates, "gdpr" within 50 km of New York read
        each location in the box and tested its job, 440 ms at a million jobs.
        Both find the same jobs while a location's coordinates are its city's,
        copied when it is set (location_row; only cities have coordinates), and
        again by load_places when the city moves (follow_places); a location
        whose place was deleted keeps its coordinates but has no city.
        (No city within: an empty list, which matches nothing and, unlike none(),
        still compiles to SQL, as the search's own statements in
        board/search/ranking.py need.)"""
        if is_search(self):
            cities = within_km(Place.objects.filter(kind=Place.Kind.CITY), place, km)
            return self.filter(HoldsPlace(cities.values_list("pk", flat=True)))
        return self.filter(pk__in=JobLocation.objects.near(place, km).values("job_id"))

    def in_place(self, place):
        """Jobs with a location in `place`: that city, or anywhere in that region,
        country or area (a location typed as "Óbidos, Portugal" is in Portugal too).

        A city in a keyword search on PostgreSQL (search() first, then this) is found
        in the job's own row (HoldsPlace), so the words and the city meet in one
        index: through board_joblocation, "data" in London read London's 22,771 jobs
        one by one at a million jobs (150-250 ms). Without words, the locations'
        (place, job) index finds a city's newest jobs cheaper (London: 11 against
        14 ms of database time for a page)."""
        if place.kind == Place.Kind.CITY and is_search(self):
            return self.filter(HoldsPlace([place.pk]))
        return self.filter(pk__in=JobLocation.objects.in_place(place).values("job_id"))

    def workable_from(self, country_code):
        """Remote jobs a person in `country_code` may take: open to anywhere (no
        "remote within"), or to that country, or to an area that holds it."""
        code = (country_code or "").upper()
        holding = Place.objects.filter(
            Q(kind=Place.Kind.COUNTRY, country_code=code)
            | Q(kind=Place.Kind.AREA, countries__country_code=code)
        )
        # Per job, one look-up of its own "remote within" rows: 1 if one holds the
        # country, 0 if none does, NULL (so 1) if it has none. Written as "no rows,
        # or a row that holds it" (NOT EXISTS … OR EXISTS …), PostgreSQL hashed every
        # row of both sub-selects first: the whole table, 100-150 ms at a million
        # jobs, for a page of 20 (docs/benchmarks.md, "Sixth pass"). "> 0", not
        # "= 1": the planner guesses a third of the rows pass, not 0.5 %, and walks
        # the newest remote jobs rather than building a bitmap of all of them.
        holds = Case(When(place__in=holding.values("pk"), then=Value(1)), default=Value(0))
        best = (
            Job.remote_within.through.objects.filter(job_id=OuterRef("pk"))
            .order_by()
            .values("job_id")
            .annotate(best=Max(holds))
            .values("best")
        )
        return (
            self.filter(workplace=Job.Workplace.REMOTE)
            .alias(workable=Coalesce(Subquery(best), Value(1)))
            .filter(workable__gt=0)
        )


class JobManager(models.Manager.from_queryset(JobQuerySet)):
    def get_queryset(self):
        # The search document is the database's to match and rank with; no Python
        # code reads it, and it is as long as the description, so it is not loaded.
        return super().get_queryset().defer("search_vector")


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("job status", "Draft")
        PENDING = "pending", pgettext_lazy("job status", "Pending review")
        PUBLISHED = "published", pgettext_lazy("job status", "Published")
        REJECTED = "rejected", pgettext_lazy("job status", "Rejected")
        CLOSED = "closed", pgettext_lazy("job status", "Closed")
        EXPIRED = "expired", pgettext_lazy("job status", "Expired")

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")
        CONTRACT = "contract", _("Contract")
        TEMPORARY = "temporary", _("Temporary")
        INTERNSHIP = "internship", _("Internship")

    class ExperienceLevel(models.TextChoices):
        ENTRY = "entry", _("Entry level")
        MID = "mid", _("Mid level")
        SENIOR = "senior", _("Senior")
        LEAD = "lead", _("Lead / principal")

    class Workplace(models.TextChoices):
        ON_SITE = "on_site", _("On-site")
        HYBRID = "hybrid", _("Hybrid")
        REMOTE = "remote", _("Remote")

    class SalaryPeriod(models.TextChoices):
        HOUR = "hour", _("per hour")
        DAY = "day", _("per day")
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        YEAR = "year", _("per year")

    # Published jobs, even closed or expired ones, keep their page.
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CLOSED, Status.EXPIRED)
    # What the employer may still change, and what they may send out themselves.
    EDITABLE_STATUSES = (Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED)
    SUBMITTABLE_STATUSES = (Status.DRAFT, Status.REJECTED)
    RENEWABLE_STATUSES = (Status.PUBLISHED, Status.EXPIRED)

    # How many of each period make a working year, to compare pay across periods.
    PERIODS_PER_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}

    # Named, not imported: companies sit above jobs (a company is public once it has
    # published a job; docs/architecture.md).
    company = models.ForeignKey("board.Company", on_delete=models.CASCADE, related_name="jobs")
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, allow_unicode=False)
    description = models.TextField(help_text="Markdown.")
    # The language the ad is written in, whatever the reader's (the page marks the ad with
    # lang="…", so screen readers and translators read it right; docs/i18n.md).
    language = models.CharField(max_length=10, choices=AD_LANGUAGES, default="en")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="jobs")
    employment_type = models.CharField(
        max_length=12, choices=EmploymentType, default=EmploymentType.FULL_TIME
    )
    experience_level = models.CharField(
        max_length=8, choices=ExperienceLevel, default=ExperienceLevel.MID
    )
    workplace = models.CharField(max_length=8, choices=Workplace, default=Workplace.ON_SITE)
    # Where the job is: its JobLocation rows (up to MAX_LOCATIONS). These three are a
    # copy of the first one's text, written only by board/jobs/locations.py, for what
    # shows one place from the job's own row (cards, feeds, e-mails, the API's
    # city/region/country); not editable anywhere else.
    city = models.CharField(max_length=100, blank=True, editable=False)
    region = models.CharField(max_length=100, blank=True, editable=False)
    country = CountryField(blank=True, editable=False)
    # Remote jobs: the countries and areas ("EU", "US time zones") applicants may
    # work from; none means anywhere (JobQuerySet.workable_from).
    remote_within = models.ManyToManyField(Place, blank=True, related_name="+")
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    # Any ISO 4217 currency in use (board/currencies/rates.py).
    salary_currency = models.CharField(
        max_length=3,
        choices=currencies.currency_choices,
        validators=[currencies.validate_currency],
        default="USD",
    )
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod, default=SalaryPeriod.YEAR)
    # The top of the range as a yearly figure, kept by the database, so a
    # "minimum salary" filter compares hourly and yearly pay sensibly.
    salary_annual = models.GeneratedField(
        expression=Coalesce(F("salary_max"), F("salary_min"))
        * Case(
            *[When(salary_period=p, then=Value(n)) for p, n in PERIODS_PER_YEAR.items()],
            default=Value(1),
        ),
        output_field=models.BigIntegerField(null=True),
        db_persist=True,
    )
    # salary_annual in euros at the stored exchange rate (NULL when there is no
    # salary or no rate), so pay in any currency compares on one indexed column.
    # Set by save(); board.jobs.salaries.convert_salaries() redoes it when a rate changes.
    salary_yearly_eur = models.BigIntegerField(null=True, blank=True, editable=False)
    # Copies of the company's and category's names, so that the search
    # document below can be a generated column (it may only read this row).
    # Company.save and Category.save keep them current.
    company_name = models.CharField(max_length=120, editable=False, default="")
    category_name = models.CharField(max_length=80, editable=False, default="")
    search_vector = models.GeneratedField(
        expression=search_document(), output_field=SearchVectorField(), db_persist=True
    )
    visa_sponsorship = models.BooleanField(default=False)
    apply_url = WebURLField(
        "external apply URL",
        max_length=500,
        blank=True,
        help_text="Leave empty to receive applications on Nexus Jobs.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    rejection_reason = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # The last day the employer wants the listing up (the application deadline);
    # empty: LISTING_DAYS from publication. Publishing and renewing turn it into
    # expires_at (Job.listing_end), never beyond max_listing_days() from then.
    ends_on = models.DateField("applications close on", null=True, blank=True)
    # The expiry date a reminder was sent for: renewing moves expires_at, so
    # each listing period gets one reminder.
    expiry_reminder_for = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = JobManager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="job_salary_min_lte_max",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(published_at__isnull=False, expires_at__isnull=False),
                name="job_published_has_dates",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["draft", "pending", "published", "rejected", "closed", "expired"]
                ),
                name="job_status_valid",
            ),
        ]
        # Also on this table, created in migrations/0002_search_indexes_and_data.py because
        # Meta cannot declare them for both databases: the keyword search's GIN index
        # (job_search_gin), the "highest salary" index, and SQLite's FTS5 table
        # board_job_fts with its triggers.
        indexes = [
            # The list page: visible jobs, newest first, often narrowed by one filter.
            models.Index(fields=["status", "-published_at"], name="job_status_published_idx"),
            models.Index(fields=["status", "expires_at"], name="job_status_expires_idx"),
            models.Index(fields=["category", "status", "-published_at"], name="job_category_idx"),
            # Open jobs per category (home page tiles), answered from the index alone.
            models.Index(fields=["status", "category", "expires_at"], name="job_category_open_idx"),
            # A company's page: its open jobs newest first, a page read from the index
            # in order, however many jobs the company has.
            models.Index(
                fields=["company", "status", "-published_at", "-id"], name="job_company_newest_idx"
            ),
            # One filter alone ("remote", "contract", "senior"): with expires_at in
            # the index, the count of its open jobs comes from the index alone.
            models.Index(
                fields=["workplace", "status", "expires_at"], name="job_workplace_open_idx"
            ),
            models.Index(
                fields=["employment_type", "status", "expires_at"], name="job_type_open_idx"
            ),
            models.Index(
                fields=["experience_level", "status", "expires_at"], name="job_level_open_idx"
            ),
            # salary_yearly_eur ("highest salary", "at least"): job_salary_yearly_eur_idx,
            # made by migration 0002 in each database's own form of DESC NULLS LAST.
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:160] or "job"
        if kwargs.get("update_fields") is None:
            # A full save may have changed company or category; transitions
            # (saving only their own fields) never do.
            self.company_name = self.company.name
            self.category_name = self.category.name
        if self._saves_salary(kwargs.get("update_fields")):
            rate = currencies.current_rate(self.salary_currency)
            self.salary_yearly_eur = currencies.to_base(self.yearly_salary(), rate)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "salary_yearly_eur"}
        super().save(*args, **kwargs)
        # Every change to a job (publish, edit, close, expire, renew) passes
        # here; cached listings are keyed by this version (board/listings/caching.py).
        transaction.on_commit(bump_jobs_version, robust=True)

    def get_absolute_url(self):
        return reverse("job_detail", kwargs={"pk": self.pk, "slug": self.slug})

    # The labels shown on every card and job page, from a per-language memo (choice_label):
    # Django's own get_FOO_display() translates every choice of the field on each call.
    def get_status_display(self):
        return choice_label(self.Status, self.status)

    def get_employment_type_display(self):
        return choice_label(self.EmploymentType, self.employment_type)

    def get_experience_level_display(self):
        return choice_label(self.ExperienceLevel, self.experience_level)

    def get_workplace_display(self):
        return choice_label(self.Workplace, self.workplace)

    def get_salary_period_display(self):
        return choice_label(self.SalaryPeriod, self.salary_period)

    SALARY_FIELDS = {"salary_min", "salary_max", "salary_currency", "salary_period"}

    def _saves_salary(self, update_fields):
        return update_fields is None or not self.SALARY_FIELDS.isdisjoint(update_fields)

    def yearly_salary(self):
        """The top of the range as yearly pay, in the job's currency (as salary_annual)."""
        top = self.salary_max if self.salary_max is not None else self.salary_min
        if top is None:
            return None
        return top * self.PERIODS_PER_YEAR.get(self.salary_period, 1)

    @cached_property
    def description_html(self):
        return render_markdown(self.description)

    @property
    def is_visible(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at > timezone.now()
        )

    def is_viewable_by(self, user):
        """Whether this user may see the job's page.

        Published jobs, even closed or expired ones, keep their page. Drafts and
        jobs in review are for their company's members and staff only.
        """
        if self.status in self.PUBLIC_STATUSES:
            return True
        return self.company.shows_unpublished_to(user)

    @property
    def last_day(self):
        """The last day the listing is up, as people read it: a job ending at
        midnight (the end of its `ends_on` day) is up until the day before."""
        if self.expires_at is None:
            return None
        return timezone.localdate(self.expires_at - timedelta(microseconds=1))

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_submittable(self):
        """Only drafts and rejected jobs: a job held for review (after reports or
        an edit) must wait for a moderator, even at a verified company."""
        return self.status in self.SUBMITTABLE_STATUSES

    @property
    def is_closable(self):
        """Only a published job: closing is final, so nothing else needs it."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_renewable(self):
        return self.status in self.RENEWABLE_STATUSES

    @property
    def is_deletable(self):
        """Only drafts: a job once submitted stays, for the moderation record and
        its applicants (the employer's delete button and the admin alike)."""
        return self.status == self.Status.DRAFT

    @property
    def edits_need_review(self):
        """Whether saving this job takes it down until a moderator looks again."""
        return self.status == self.Status.PUBLISHED and not self.company.verified

    @property
    def location_display(self):
        parts = [self.city, self.region, self.country.name if self.country else ""]
        return ", ".join(part for part in parts if part)

    # Workflow. Each transition checks the current status, so the same rules
    # hold for the admin, the employer pages and the API.

    def _require(self, *allowed):
        if self.status not in allowed:
            raise InvalidTransition(f"A {self.get_status_display().lower()} job cannot do that.")

    def submit_for_review(self):
        self._require(self.Status.DRAFT, self.Status.REJECTED)
        self.status = self.Status.PENDING
        self.save(update_fields=["status", "updated"])

    def submit(self, now=None):
        """Send a draft out: verified companies publish at once, others go to review.

        Only drafts and rejected jobs: a job held for review (after reports)
        must wait for a moderator even at a verified company.
        """
        self._require(self.Status.DRAFT, self.Status.REJECTED)
        if self.company.verified:
            self.publish(now)
        else:
            self.submit_for_review()

    def hold_for_review(self):
        """Take a live job down until a moderator has looked (reports, or an edit)."""
        self._require(self.Status.PUBLISHED)
        self.status = self.Status.PENDING
        self.save(update_fields=["status", "updated"])

    def duplicate(self, by):
        """A new draft with this job's content, for posting a similar role."""
        fields = [
            "company", "title", "description", "category", "employment_type",
            "experience_level", "workplace", "city", "region", "country", "salary_min",
            "salary_max", "salary_currency", "salary_period", "visa_sponsorship", "apply_url",
        ]  # fmt: skip
        copy = Job(**{name: getattr(self, name) for name in fields}, posted_by=by)
        copy.title = copy_title(self.title)
        copy.save()
        return copy

    def approve(self, now=None):
        self._require(self.Status.PENDING)
        self.publish(now)

    def listing_end(self, start, now=None):
        """When a listing running from `start` ends: the end of its `ends_on` day
        if that is after `start`, else LISTING_DAYS after `start`; never more than
        max_listing_days() after `now` (default: `start`).

        An end date that passed while the job waited for review does not publish
        it already expired: it gets the default period instead."""
        latest = (now or start) + timedelta(days=max_listing_days())
        if self.ends_on is not None and end_of_day(self.ends_on) > start:
            return min(end_of_day(self.ends_on), latest)
        return min(start + timedelta(days=LISTING_DAYS), latest)

    def publish(self, now=None):
        """Make the job public until its end date (listing_end). Review is the caller's business."""
        self._require(self.Status.DRAFT, self.Status.PENDING, self.Status.REJECTED)
        now = now or timezone.now()
        self.status = self.Status.PUBLISHED
        self.rejection_reason = ""
        self.published_at = now
        self.expires_at = self.listing_end(now)
        self.save(
            update_fields=["status", "rejection_reason", "published_at", "expires_at", "updated"]
        )

    def reject(self, reason):
        self._require(self.Status.PENDING)
        if not reason or not reason.strip():
            raise InvalidTransition("A rejection needs a reason the employer can act on.")
        self.status = self.Status.REJECTED
        self.rejection_reason = reason.strip()
        self.save(update_fields=["status", "rejection_reason", "updated"])

    def close(self):
        self._require(self.Status.PUBLISHED)
        self.status = self.Status.CLOSED
        self.save(update_fields=["status", "updated"])

    def withdraw(self):
        """Closed without ever going (back) out: a draft, a job in review or a
        rejected one, when its company closes."""
        self._require(self.Status.DRAFT, self.Status.PENDING, self.Status.REJECTED)
        self.status = self.Status.CLOSED
        self.save(update_fields=["status", "updated"])

    def expire(self, now=None):
        self._require(self.Status.PUBLISHED)
        now = now or timezone.now()
        if self.expires_at > now:
            raise InvalidTransition("This job has not reached its expiry date yet.")
        self.status = self.Status.EXPIRED
        self.save(update_fields=["status", "updated"])

    def renewed_until(self, now):
        """Where renewing now would move the expiry: from today or the current
        expiry (whichever is later) to the end date, if one is set beyond it, else
        LISTING_DAYS on; never beyond max_listing_days() from today."""
        start = max(now, self.expires_at or now)
        return max(self.expires_at or now, self.listing_end(start, now=now))

    def renew(self, now=None):
        """Extend a live or expired listing (renewed_until). An end date it has
        reached is spent: the edit form then shows none."""
        self._require(*self.RENEWABLE_STATUSES)
        now = now or timezone.now()
        self.status = self.Status.PUBLISHED
        self.expires_at = self.renewed_until(now)
        if self.ends_on is not None and end_of_day(self.ends_on) < self.expires_at:
            self.ends_on = None
        self.save(update_fields=["status", "expires_at", "ends_on", "updated"])

    def move_end(self, now=None):
        """A live job's end date was edited: it now expires at the end of that day
        (the form has checked it is not past nor beyond the longest period)."""
        self._require(self.Status.PUBLISHED)
        now = now or timezone.now()
        self.expires_at = self.listing_end(now)
        self.save(update_fields=["expires_at", "updated"])

    def reopen(self, now=None):
        """A closed job takes applications again: published at once for a verified
        company, else back to review (the workflow decides who may; reopen_job)."""
        self._require(self.Status.CLOSED)
        self.status = self.Status.DRAFT  # submit() starts from a draft
        self.submit(now)


class JobLocationQuerySet(models.QuerySet):
    def near(self, place, km):
        """Locations within `km` of `place` (within_km, on joblocation_coords_idx)."""
        return within_km(self, place, km)

    def in_place(self, place):
        if place.kind == Place.Kind.CITY:
            return self.filter(place=place)
        if place.kind == Place.Kind.REGION:
            return self.filter(country_code=place.country_code, region=place.name)
        if place.kind == Place.Kind.COUNTRY:
            return self.filter(country_code=place.country_code)
        return self.filter(country_code__in=place.country_codes())


class JobLocation(models.Model):
    """One place a job is in; most jobs have one, some up to MAX_LOCATIONS.

    `text` is what the employer typed. `place` is what it resolved to (None when
    only its country was recognised, as in "Óbidos, Portugal" if Óbidos is not in
    the places table); the coordinates, country and region are copied from the
    place so that radius and place searches read this table and its indexes alone.
    """

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="locations", db_index=False)
    position = models.PositiveSmallIntegerField(default=0)  # 0: the primary location
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_index=False
    )
    text = models.CharField(max_length=200)
    country_code = models.CharField(max_length=2, blank=True)
    region = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    objects = JobLocationQuerySet.as_manager()

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            # Also the index of a job's locations (so `job` needs no index of its own).
            models.UniqueConstraint(fields=["job", "position"], name="joblocation_job_position"),
            models.UniqueConstraint(fields=["job", "place"], name="joblocation_job_place"),
        ]
        # Also, on PostgreSQL, joblocation_coords_stats (migration 0004): statistics of
        # latitude and longitude together, so the planner knows how many jobs a box holds.
        # Each ends in job_id, so a search reads the matching job ids from the index alone.
        indexes = [
            # near(): a latitude range, the longitude range checked in the index.
            models.Index(
                fields=["latitude", "longitude", "job"],
                name="joblocation_coords_idx",
                condition=Q(latitude__isnull=False),
            ),
            # in_place() of a country or region.
            models.Index(fields=["country_code", "region", "job"], name="joblocation_country_idx"),
            # in_place() of a city.
            models.Index(
                fields=["place", "job"],
                name="joblocation_place_idx",
                condition=Q(place__isnull=False),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.place.label if self.place else self.text


class PendingJob(Job):
    """The moderators' review queue in the admin: the same rows, only those pending."""

    class Meta:
        proxy = True
        verbose_name = "job awaiting review"
        verbose_name_plural = "review queue"


class ModerationLogEntry(models.Model):
    """Who did what to a job, and why: the admins' and the employer's record."""

    class Action(models.TextChoices):
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        CLOSED = "closed", "Closed by a moderator"
        HIDDEN = "hidden", "Hidden after reports"
        RETURNED = "returned", "Returned to review after an edit"
        SUBMITTED = "submitted", "Submitted for review"
        REOPENED = "reopened", "Reopened by the employer"
        REPORTS_DISMISSED = "dismissed", "Reports dismissed"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="moderation_log")
    # Null for the system (report threshold, automatic return to review).
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action)
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "moderation log entries"

    def __str__(self):
        return f"{self.get_action_display()}: {self.job}"
