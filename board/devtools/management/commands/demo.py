"""Prepare a demo board and serve it: `python manage.py demo [--port N] [--no-serve]`.

Safe to run again and again: everything is looked up by a natural key (users
by e-mail, companies by slug, jobs by company and title) and only what is
missing is created, so a demo someone has been clicking around in keeps their
changes.
"""

import os
import random
import time
from datetime import timedelta
from decimal import Decimal
from functools import cache

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from board.accounts.models import User
from board.companies.models import Company, Membership
from board.currencies.models import ExchangeRate
from board.devtools import demo_data
from board.jobs import locations
from board.jobs.models import Category, Job
from board.places.models import Place
from board.search import vocabulary

SEED = 2026


class Command(BaseCommand):
    help = "Migrate, add demo companies, jobs and logins (DEMO ONLY), then run the dev server."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port on 127.0.0.1 (8000).")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the data but do not run the server."
        )

    def handle(self, *args, port, no_serve, verbosity, **options):
        # The demo accounts' password is printed and in the source code, and one
        # of them is a superuser: never on a production site.
        if settings.PRODUCTION:
            raise CommandError("The demo command does not run with DJANGO_ENV=production.")
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if "SITE_URL" not in os.environ:
            # Links in e-mails, feeds and sitemaps are built from SITE_URL: they must
            # point at the server this command starts, whatever its port.
            settings.SITE_URL = f"http://127.0.0.1:{port}"

        call_command(
            "migrate",
            interactive=False,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        if Place.objects.exists():
            # Loading again would only repeat ~10 s at every start: the data set is a package.
            self.stdout.write("Places already loaded (manage.py load_places reloads them).")
        else:
            call_command("load_places", stdout=self.stdout)  # for the location box (~10 s)
        started = time.perf_counter()
        with transaction.atomic():
            created = create_demo_data(now=timezone.now())
        vocabulary.refresh()  # on PostgreSQL: what misspelt searches are corrected against
        seconds = time.perf_counter() - started

        self.print_summary(created, seconds)
        self.print_logins()
        if not no_serve:
            # Without the autoreloader: it would run this whole command a second time.
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    def print_summary(self, created, seconds):
        new = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {seconds:.1f} s. New: {new}."))
        by_status = dict(Job.objects.order_by().values_list("status").annotate(count=Count("id")))
        statuses = ", ".join(
            f"{by_status[status]} {label.lower()}"
            for status, label in Job.Status.choices
            if status in by_status
        )
        self.stdout.write(
            f"On the board: {User.objects.count()} users, {Company.objects.count()} companies, "
            f"{sum(by_status.values())} jobs ({statuses})."
        )

    def print_logins(self):
        owner = Membership.objects.filter(user__email=demo_data.EMPLOYER["email"]).first()
        company = f"owner of {owner.company}" if owner else "no company"
        rule = "=" * 72
        accounts = [
            ("Job seeker", demo_data.SEEKER["email"], ""),
            ("Employer", demo_data.EMPLOYER["email"], f"({company})"),
            ("Admin", demo_data.ADMIN["email"], "(staff: /admin/)"),
            ("Password", demo_data.DEMO_PASSWORD, "(the same for every demo account)"),
        ]
        lines = [
            "",
            rule,
            "  DEMO ONLY: these accounts have a published password.",
            "  Never create them on a site that real people use.",
            rule,
            *(f"  {label:<11} {value:<30} {note}".rstrip() for label, value, note in accounts),
            "",
            "  Each other demo company's owner signs in as",
            f"  <company-slug>@{demo_data.EMAIL_DOMAIN}. A password changed since is kept.",
            rule,
            "",
        ]
        self.stdout.write(self.style.WARNING("\n".join(lines)))


def create_demo_data(now):
    """Create whatever demo rows are missing; return how many of each are new."""
    created = {"users": 0, "companies": 0, "jobs": 0}

    for person, extra in [
        (demo_data.SEEKER, {"role": User.Role.SEEKER}),
        (demo_data.EMPLOYER, {"role": User.Role.EMPLOYER}),
        (demo_data.ADMIN, {"is_staff": True, "is_superuser": True}),
    ]:
        _, is_new = _get_or_create_user(person, **extra)
        created["users"] += is_new

    companies, owners = {}, {}
    for data in demo_data.COMPANIES:
        fields = ["name", "about", "headquarters", "size", "website", "verified"]
        company, is_new = Company.objects.get_or_create(
            slug=data["slug"], defaults={field: data[field] for field in fields}
        )
        created["companies"] += is_new
        owner, is_new = _get_or_create_user(demo_data.owner_of(data), role=User.Role.EMPLOYER)
        created["users"] += is_new
        Membership.objects.get_or_create(
            user=owner, defaults={"company": company, "role": Membership.Role.OWNER}
        )
        companies[data["slug"]], owners[data["slug"]] = company, owner

    for currency, rate in demo_data.EXCHANGE_RATES.items():
        ExchangeRate.objects.get_or_create(currency=currency, defaults={"rate": Decimal(rate)})
    created["jobs"] = _create_jobs(companies, owners, now)
    return created


@cache
def _demo_password_hash():
    # Hashing is deliberately slow, so do it once, and only if an account is new.
    return make_password(demo_data.DEMO_PASSWORD)


def _get_or_create_user(person, **extra):
    user, is_new = User.objects.get_or_create(
        email=person["email"],
        defaults={
            "first_name": person["first_name"],
            "last_name": person["last_name"],
            "password": _demo_password_hash,  # called only when creating
            **extra,
        },
    )
    # Verified already, so the account can sign in without a confirmation e-mail.
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user, is_new


def _create_jobs(companies, owners, now):
    categories = Category.objects.in_bulk(field_name="slug")
    existing = set(
        Job.objects.filter(company__in=companies.values()).values_list("company_id", "title")
    )
    rng = random.Random(SEED)  # noqa: S311 -- repeatable demo text, not security
    new_jobs = []
    for spec in demo_data.job_specs(rng):
        company = companies[spec.company]
        category = categories.get(spec.category)
        if (company.pk, spec.fields["title"]) in existing or category is None:
            continue  # already there, or an admin removed the category
        job = Job.objects.create(
            company=company, posted_by=owners[spec.company], category=category, **spec.fields
        )
        posted = now - timedelta(days=spec.days_ago)
        _bring_to_status(job, spec, posted, now)
        job.created = posted - timedelta(hours=3)  # written a little before it went out
        new_jobs.append(job)
    Job.objects.bulk_update(new_jobs, ["created"])
    locations.locate_from_fields(new_jobs)  # their JobLocation rows (board/jobs/locations.py)
    return len(new_jobs)


def _bring_to_status(job, spec, posted, now):
    """Walk a new draft through the same transitions the site uses."""
    Status = Job.Status
    if spec.status in (Status.PENDING, Status.REJECTED):
        job.submit_for_review()
    if spec.status == Status.REJECTED:
        job.reject(spec.rejection_reason)
    if spec.status in (Status.PUBLISHED, Status.CLOSED, Status.EXPIRED):
        job.publish(now=posted)
    if spec.status == Status.CLOSED:
        job.close()
    if spec.status == Status.EXPIRED:
        job.expire(now=now)
