from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from board.accounts.models import SeekerProfile, User
from board.applications.models import Application, SavedJob
from board.companies.models import Company, Membership
from board.jobs.models import Category, Job, JobLocation

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    role = User.Role.SEEKER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        # Accounts are verified unless a test asks otherwise (verified=False).
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class SeekerFactory(UserFactory):
    role = User.Role.SEEKER


class EmployerFactory(UserFactory):
    role = User.Role.EMPLOYER


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    website = "https://example.com"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(EmployerFactory)
    role = Membership.Role.OWNER


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class JobFactory(factory.django.DjangoModelFactory):
    """A published, visible job unless `status` says otherwise."""

    class Meta:
        model = Job
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Python Developer {n}")
    description = "We are hiring.\n\n## What you'll do\n\n- Build things"
    category = factory.SubFactory(CategoryFactory)
    city = "Berlin"
    country = "DE"
    salary_min = 60000
    salary_max = 80000
    salary_currency = "EUR"
    status = Job.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))

    class Params:
        draft = factory.Trait(status=Job.Status.DRAFT, published_at=None, expires_at=None)
        pending = factory.Trait(status=Job.Status.PENDING, published_at=None, expires_at=None)

    @factory.post_generation
    def locations(job, create, extracted, **kwargs):
        """Its city/region/country as its one location (text only, as migration 0004
        makes them); tests of places set locations with board.jobs.locations."""
        if create and (job.city or job.region or job.country):
            code = job.country.code if job.country else ""
            JobLocation.objects.create(
                job=job, text=job.location_display, country_code=code, region=job.region
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    job = factory.SubFactory(JobFactory)
    applicant = factory.SubFactory(SeekerFactory)
    resume = factory.django.FileField(filename="cv.pdf", data=b"%PDF-1.4\n%%EOF\n")


class SavedJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedJob

    user = factory.SubFactory(SeekerFactory)
    job = factory.SubFactory(JobFactory)


class SeekerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeekerProfile

    user = factory.SubFactory(SeekerFactory)
    headline = "Backend developer"
    resume = factory.django.FileField(filename="resume.pdf", data=b"%PDF-1.4\n%%EOF\n")


class ApplicationNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "board.ApplicationNote"

    application = factory.SubFactory(ApplicationFactory)
    author = factory.SubFactory(EmployerFactory)
    body = "Strong Python background."


class JobReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "board.JobReport"

    job = factory.SubFactory(JobFactory)
    reporter = factory.SubFactory(SeekerFactory)
    reason = "scam"


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation to join a company as a recruiter."""

    class Meta:
        model = "board.Invitation"

    company = factory.SubFactory(CompanyFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    role = "recruiter"
    invited_by = None
