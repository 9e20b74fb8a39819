"""What the API shows and accepts.

Writable fields are listed explicitly; everything the workflow owns (status,
company, poster, dates, verification) is read-only, so sending it changes
nothing. Validation of jobs and résumés is the site's forms' (see the views).
"""

import re

from django.conf import settings
from django.contrib.auth.models import update_last_login
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied, Throttled
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.settings import api_settings

from board.accounts.mfa import CodeRefused, check_code
from board.accounts.rules import has_verified_email
from board.api.authentication import (
    LOCKED,
    StampedRefreshToken,
    authenticate_with_lockout,
    longest_window,
)
from board.api.screening import AnswerSerializer, MyAnswerSerializer, QuestionSerializer
from board.api.serializers_messages import SeekerMessageSerializer
from board.applications.models import Application, ApplicationEvent, ApplicationNote
from board.applications.resume_links import resume_link
from board.applications.screening import is_knocked_out
from board.companies.models import Company
from board.currencies.rates import currency_choices
from board.jobs.forms import JobForm
from board.jobs.models import Category, Job, JobLocation
from board.places.models import Place

# Public


def absolute(path):
    """A link a front end on another origin (or an app) can follow: SITE_URL + path."""
    return settings.SITE_URL + path


def company_url(company):
    return absolute(company.get_absolute_url())


def logo_url(company):
    """The company's logo as the site serves it, or None without one (REST and GraphQL)."""
    return absolute(reverse("company_logo", args=[company.slug])) if company.shows_logo else None


class CompanyLinks(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="The company's page on the site.")
    logo_url = serializers.SerializerMethodField(help_text="Its logo (PNG, JPEG or WebP), if any.")

    def get_url(self, company) -> str:
        return company_url(company)

    def get_logo_url(self, company) -> str | None:
        return logo_url(company)


class CategorySerializer(serializers.ModelSerializer):
    open_jobs = serializers.IntegerField(read_only=True, help_text="Visible jobs in it.")

    class Meta:
        model = Category
        fields = ["id", "name", "slug", "is_active", "open_jobs"]
        read_only_fields = ["id"]


class CompanySummarySerializer(CompanyLinks, serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["name", "slug", "verified", "url", "logo_url"]
        read_only_fields = fields


class JobSerializer(serializers.ModelSerializer):
    company = CompanySummarySerializer(read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="country.code", read_only=True)
    url = serializers.SerializerMethodField(help_text="The job's page on the site.")
    # Plain strings: empty when unset, which a "uri" format would not allow.
    apply_url = serializers.CharField(
        read_only=True, help_text="The company's own application page; empty: apply here."
    )

    class Meta:
        model = Job
        fields = [
            "id", "title", "slug", "url", "company", "category", "employment_type",
            "experience_level", "workplace", "city", "region", "country", "salary_min",
            "salary_max", "salary_currency", "salary_period", "visa_sponsorship", "apply_url",
            "status", "published_at", "expires_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_url(self, job) -> str:
        return absolute(job.get_absolute_url())


class JobLocationSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text="“Lisbon, Portugal”.")
    country = serializers.CharField(source="country_code", read_only=True)

    class Meta:
        model = JobLocation
        fields = ["text", "label", "country", "region", "latitude", "longitude"]
        read_only_fields = fields
        extra_kwargs = {
            "text": {"help_text": "As the employer typed it."},
            "latitude": {"help_text": "Empty when only the country is known."},
        }


class JobResultSerializer(JobSerializer):
    """A job of the job list: all its locations and, with keywords, where they matched."""

    # Prefetched for the page's jobs by the view (JobList.paginate_queryset);
    # city/region/country above are the first of them.
    locations = JobLocationSerializer(many=True, read_only=True)
    snippet = serializers.SerializerMethodField(
        help_text="With q: a short excerpt of the description where the words matched, as "
        "HTML (escaped text, the matched words in <mark>); null without q or when only the "
        "title, company or category matched."
    )

    class Meta(JobSerializer.Meta):
        fields = [*JobSerializer.Meta.fields, "locations", "snippet"]
        read_only_fields = fields

    def get_snippet(self, job) -> str | None:
        # Set for the page's jobs by board/search/snippets.py (JobSearch.page(), JobList).
        return getattr(job, "snippet", None) or None


class RemotePlaceSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_code", read_only=True)

    class Meta:
        model = Place
        fields = ["name", "kind", "country"]
        read_only_fields = fields


class JobDetailSerializer(JobSerializer):
    description_html = serializers.CharField(
        read_only=True, help_text="The Markdown description, rendered and sanitized."
    )
    # city/region/country above are the first of these.
    locations = JobLocationSerializer(many=True, read_only=True)
    remote_within = RemotePlaceSerializer(
        many=True,
        read_only=True,
        help_text="Remote jobs: the countries, US states and areas applicants may work "
        "from; empty: anywhere.",
    )
    screening_questions = QuestionSerializer(
        many=True, read_only=True, help_text="What applying asks: send them as `answers`."
    )

    class Meta(JobSerializer.Meta):
        fields = [
            *JobSerializer.Meta.fields, "locations", "remote_within", "description",
            "description_html", "screening_questions",
        ]  # fmt: skip
        read_only_fields = fields


class CompanySerializer(CompanyLinks, serializers.ModelSerializer):
    size = serializers.ChoiceField(Company.Size.choices, allow_blank=True, read_only=True)
    website = serializers.CharField(read_only=True)
    # The response badge (board/applications/responsiveness.py): null when there is
    # too little data or nothing good enough to claim, as the site then shows nothing.
    response_days = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Usually responds within this many days."
    )
    response_rate = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Responds to this percentage of applicants."
    )

    class Meta:
        model = Company
        fields = [
            "name", "slug", "url", "logo_url", "website", "about", "headquarters", "size",
            "verified", "response_days", "response_rate",
        ]  # fmt: skip
        read_only_fields = fields


class CompanyDetailSerializer(CompanySerializer):
    open_jobs = JobSerializer(many=True, read_only=True)

    class Meta(CompanySerializer.Meta):
        fields = [*CompanySerializer.Meta.fields, "open_jobs"]
        read_only_fields = fields


# Auth


class EmailTokenObtainSerializer(TokenObtainPairSerializer):
    """E-mail and password; only accounts with a verified address get tokens.

    The password is checked under the site's sign-in limits (429 once they are
    used up, whatever the password), not by simplejwt's plain authenticate().
    """

    token_class = StampedRefreshToken
    default_error_messages = {
        "no_active_account": "No active account found with the given credentials.",
        "unverified": "Verify your e-mail address before using the API.",
        "otp_required": "This account uses two-factor sign-in: send `otp`, a code from "
        "your authenticator app or one of your recovery codes.",
        "otp_invalid": "That code is wrong, expired or already used.",
    }

    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=64,
        help_text="For accounts with two-factor sign-in: the 6-digit code from the "
        "authenticator app, or an unused recovery code (each works once). A code cannot "
        "be used twice.",
    )

    def validate(self, attrs):
        email = attrs[self.username_field].strip().lower()
        self.user = authenticate_with_lockout(self.context["request"], email, attrs["password"])
        if self.user is None or not self.user.is_active:
            raise AuthenticationFailed(
                self.error_messages["no_active_account"], code="no_active_account"
            )
        if not has_verified_email(self.user):
            raise PermissionDenied(self.error_messages["unverified"], code="unverified")
        self._check_second_factor(attrs.get("otp", "").strip())
        refresh = self.get_token(self.user)
        if api_settings.UPDATE_LAST_LOGIN:
            update_last_login(None, self.user)
        return {"refresh": str(refresh), "access": str(refresh.access_token)}

    def _check_second_factor(self, code):
        """No token skips the second factor the site's sign-in asks for (board/accounts/mfa.py)."""
        try:
            check_code(self.user, code)
        except CodeRefused as refusal:
            if refusal.code == "too_many_login_attempts":
                raise Throttled(wait=longest_window("login_failed"), detail=LOCKED) from None
            message = self.error_messages[refusal.code]
            # The code in the body lets a client tell "ask the person" from "wrong code".
            raise AuthenticationFailed({"detail": message, "code": refusal.code}) from None


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


# Seekers

RESUME_LINK_HELP = (
    "A signed link to download the résumé without a session, for the reader who asked; it "
    "works for a few minutes (RESUME_LINK_MAX_AGE): list again for a fresh one."
)


class ApplySerializer(serializers.Serializer):
    """Documents the multipart body; ApplicationForm does the validation."""

    resume = serializers.FileField(
        required=False, help_text="PDF or Word (.docx), up to 5 MB, checked by content."
    )
    use_profile_resume = serializers.BooleanField(
        required=False, default=False, help_text="Send the résumé stored on your profile."
    )
    cover_letter = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    answers = serializers.JSONField(
        required=False,
        help_text="Answers to the job's `screening_questions`: {question id: answer}; in "
        "multipart, that object as a JSON string.",
    )


class EventSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(
        source="shared_reason", read_only=True, help_text="Empty unless the company shared it."
    )

    class Meta:
        model = ApplicationEvent
        fields = ["from_status", "to_status", "created", "reason"]
        read_only_fields = fields


class MyApplicationSerializer(serializers.ModelSerializer):
    """The applicant's view: status and timeline, never the employer's notes."""

    job = JobSerializer(read_only=True)
    events = EventSerializer(many=True, read_only=True)
    messages = SeekerMessageSerializer(many=True, read_only=True)
    can_withdraw = serializers.BooleanField(read_only=True)
    resume_url = serializers.SerializerMethodField(help_text=RESUME_LINK_HELP)
    answers = MyAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id", "job", "status", "cover_letter", "created", "events", "can_withdraw",
            "resume_url", "answers", "messages",
        ]  # fmt: skip
        read_only_fields = fields

    def get_resume_url(self, application) -> str:
        if not application.resume:
            return ""  # removed (see documents_removed_at)
        return absolute(resume_link(application, self.context["request"].user))


class SavedJobSerializer(serializers.Serializer):
    job = JobSerializer(read_only=True)
    created = serializers.DateTimeField(read_only=True)


class SaveJobSerializer(serializers.Serializer):
    job = serializers.IntegerField(help_text="Id of a visible job.")


# Employers


class EmployerJobSerializer(JobDetailSerializer):
    """Read shape of the company's own jobs; writes go through JobForm (JobWriteSerializer)."""

    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    rejection_reason = serializers.CharField(read_only=True)
    applications_total = serializers.IntegerField(read_only=True, required=False)

    class Meta(JobDetailSerializer.Meta):
        fields = [
            *JobDetailSerializer.Meta.fields, "rejection_reason", "created", "updated",
            "applications_total", "ends_on",
        ]  # fmt: skip
        read_only_fields = fields


class JobWriteSerializer(serializers.Serializer):
    """The fields of the site's JobForm, for the schema; JobForm validates them.

    `category` is the category's slug, as jobs show it (its id is accepted too).
    Anything else sent (status, company, dates...) is ignored.
    """

    title = serializers.CharField(max_length=150)
    category = serializers.CharField(
        help_text="Category slug (GET /api/v1/categories/), as jobs show it; its id works too."
    )
    employment_type = serializers.ChoiceField(Job.EmploymentType.choices, required=False)
    experience_level = serializers.ChoiceField(Job.ExperienceLevel.choices, required=False)
    workplace = serializers.ChoiceField(Job.Workplace.choices, required=False)
    locations = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=10,
        help_text="Up to 10 places: “Lisbon”, “Austin, TX”, “Óbidos, Portugal”. On-site and "
        "hybrid jobs need one. Replaces the job's locations when sent.",
    )
    remote_within = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text="Remote jobs: countries or areas (“EU”, “Africa”, “US time zones”); "
        "empty: anywhere.",
    )
    city = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="Older form of `locations`."
    )
    region = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country = serializers.CharField(
        max_length=2, required=False, allow_blank=True, help_text="ISO 3166 code."
    )
    salary_min = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    salary_max = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    salary_currency = serializers.ChoiceField(
        currency_choices(), required=False, help_text="Any ISO 4217 currency in use."
    )
    salary_period = serializers.ChoiceField(Job.SalaryPeriod.choices, required=False)
    visa_sponsorship = serializers.BooleanField(required=False)
    description = serializers.CharField(help_text="Markdown, 150 to 20,000 characters.")
    apply_url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    ends_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The last day the job takes applications (it closes itself after it); "
        "from today to JOB_MAX_LISTING_DAYS (60) ahead. Null: 30 days after publication.",
    )


class ReopenSerializer(serializers.Serializer):
    """What reopening a closed job takes: its new closing date (optional)."""

    ends_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The new last day; from today to JOB_MAX_LISTING_DAYS ahead. "
        "Absent or null: 30 days after it is published again.",
    )


JOB_FORM_FIELDS = [*JobForm._meta.fields, *JobForm.LOCATION_FIELDS]


SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def category_pk(value):
    """The id JobForm takes for a category given by slug (or, as before, by id).

    An unknown slug, or anything that is no slug at all (a NUL character, which
    PostgreSQL refuses in a query), is passed on unchanged, for the form to refuse
    with its message.
    """
    if isinstance(value, str) and SLUG.fullmatch(value) and not value.isdigit():
        return Category.objects.filter(slug=value).values_list("pk", flat=True).first() or value
    return value


class ApplicantSerializer(serializers.ModelSerializer):
    """An application as its company sees it. The résumé is downloaded on the site."""

    # Empty and "Deleted applicant" once the applicant deleted their account.
    applicant_email = serializers.CharField(read_only=True)
    applicant_name = serializers.CharField(read_only=True)
    notes_count = serializers.IntegerField(read_only=True)
    rating_average = serializers.FloatField(
        read_only=True, allow_null=True, help_text="The members' average rating (1-5), if any."
    )
    rating_count = serializers.IntegerField(read_only=True)
    allowed_moves = serializers.SerializerMethodField()
    resume_url = serializers.SerializerMethodField(help_text=RESUME_LINK_HELP)
    answers = AnswerSerializer(many=True, read_only=True)
    knocked_out = serializers.SerializerMethodField(
        help_text="An answer met a knock-out rule: marked, not refused."
    )

    class Meta:
        model = Application
        fields = [
            "id", "job", "applicant_email", "applicant_name", "status", "cover_letter",
            "created", "updated", "notes_count", "rating_average", "rating_count",
            "allowed_moves", "resume_url", "answers", "knocked_out",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_moves(self, application):
        return application.allowed_moves()

    def get_knocked_out(self, application) -> bool:
        return is_knocked_out(application)

    def get_resume_url(self, application) -> str:
        if not application.resume:
            return ""  # removed (see documents_removed_at)
        return absolute(resume_link(application, self.context["request"].user))


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(Application.Status.choices)


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationNote
        fields = ["id", "body", "author", "created"]
        read_only_fields = ["id", "author", "created"]
        extra_kwargs = {"body": {"max_length": 5000}}

    def get_author(self, note) -> str:
        return note.author.display_name if note.author else ""


# Errors, for the schema


class TokenMessageSerializer(serializers.Serializer):
    token_class = serializers.CharField()
    token_type = serializers.CharField()
    message = serializers.CharField()


class DetailErrorSerializer(serializers.Serializer):
    """401, 403, 404, 409, 429: one message. A refused token (401) also says why."""

    detail = serializers.CharField()
    code = serializers.CharField(
        required=False,
        help_text="`token_not_valid` for a bad token; `otp_required` or `otp_invalid` when "
        "signing in to an account with two-factor sign-in.",
    )
    messages = TokenMessageSerializer(
        many=True, required=False, help_text="For a bearer token: why each token type refused it."
    )
