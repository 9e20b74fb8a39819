"""Fill the board with synthetic jobs for load tests: `python manage.py seed_jobs --count N`.

Fast (bulk inserts in one transaction) and repeatable (one seeded random
generator). Seeded companies have slugs starting with `seed-`, so they never
collide with real or demo ones and `--reset` can find them again. Running it
again adds new companies and jobs; `--reset` removes the earlier seed first.
"""

import random
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import accumulate

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from board.applications.models import Application, SavedJob
from board.companies.models import Company
from board.core.listing_version import bump_jobs_version
from board.devtools.benchmarking import SLUG_PREFIX, fake_company, fake_job
from board.jobs.models import Category, Job
from board.jobs.salaries import convert_salaries

BATCH_SIZE = 5_000
JOBS_PER_COMPANY = 50


class Command(BaseCommand):
    help = (
        "Add N synthetic jobs (and about N/50 new `seed-` companies) for load testing. "
        "Running it again adds more; --reset first deletes every `seed-` company and its "
        "jobs (with their applications and saves). Refuses DJANGO_ENV=production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many jobs to add.")
        parser.add_argument("--companies", type=int, help="How many companies (default N/50).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (2026).")
        parser.add_argument(
            "--reset", action="store_true", help="Delete earlier seed- companies and jobs first."
        )

    def handle(self, *args, count, companies, seed, reset, **options):
        # Thousands of fake listings on a real board would be a disaster.
        if settings.PRODUCTION:
            raise CommandError("seed_jobs does not run with DJANGO_ENV=production.")
        companies = companies or max(1, count // JOBS_PER_COMPANY)
        if count < 0 or companies < 1:
            raise CommandError("--count must be 0 or more and --companies at least 1.")
        categories = list(Category.objects.filter(is_active=True))
        if not categories:
            raise CommandError("There are no active categories: run `migrate` first.")

        started = time.perf_counter()
        with transaction.atomic():
            if reset:
                companies_deleted, jobs_deleted = delete_seeded()
                self.stdout.write(
                    f"Deleted {companies_deleted:,} seed- companies and {jobs_deleted:,} jobs "
                    f"in {time.perf_counter() - started:.1f} s."
                )
                started = time.perf_counter()
            first = next_company_number()
            rng = random.Random(f"{seed}-{first}")  # noqa: S311 -- test data, not security
            new_companies = create_companies(rng, first, companies)
            create_jobs(rng, count, new_companies, categories, timezone.now())
            # bulk_create skips Job.save(): convert their pay to euros for "highest
            # salary" (every currency, in batches), and tell the cached listings ourselves.
            convert_salaries()
            transaction.on_commit(bump_jobs_version)
        seconds = time.perf_counter() - started
        self.print_summary(companies, count, seconds)

        if connection.vendor == "postgresql":
            self.analyze()

    def analyze(self):
        # Fresh statistics, or the planner guesses row counts for a table it
        # still thinks is empty. VACUUM also sets the visibility map, as
        # autovacuum would a minute later, so counts can use index-only scans
        # from the start; it cannot run inside a transaction (as in tests).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"{command} board_company, board_job")
        self.stdout.write(f"{command} took {time.perf_counter() - started:.1f} s.")

    def print_summary(self, companies, count, seconds):
        rate = count / seconds if seconds else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {companies:,} companies and {count:,} jobs in {seconds:.1f} s "
                f"({rate:,.0f} jobs/s)."
            )
        )
        seeded = Job.objects.filter(company__slug__startswith=SLUG_PREFIX).order_by()
        by_status = dict(seeded.values_list("status").annotate(n=Count("id")))
        statuses = ", ".join(f"{by_status.get(s, 0):,} {s}" for s in Job.Status.values)
        self.stdout.write(
            f"Seeded jobs now: {sum(by_status.values()):,} ({statuses}); "
            f"{seeded.visible().count():,} visible. All jobs: {Job.objects.count():,}."
        )


def delete_seeded():
    """Delete seed- companies and everything hanging off them; return (companies, jobs)."""
    companies = Company.objects.filter(slug__startswith=SLUG_PREFIX)
    jobs = Job.objects.filter(company__in=companies)
    Application.objects.filter(job__in=jobs).delete()
    SavedJob.objects.filter(job__in=jobs).delete()
    # Only the ids: the collector would otherwise load every description.
    job_count = jobs.only("pk").delete()[0]
    return companies.delete()[1].get(Company._meta.label, 0), job_count


def next_company_number():
    """One past the highest seed- company number, so a re-run adds new slugs."""
    slugs = Company.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    numbers = [int(slug.rsplit("-", 1)[1]) for slug in slugs if slug.rsplit("-", 1)[1].isdigit()]
    return max(numbers, default=0) + 1


def create_companies(rng, first, count):
    companies = [fake_company(rng, number) for number in range(first, first + count)]
    return Company.objects.bulk_create(companies, batch_size=BATCH_SIZE)


def create_jobs(rng, count, companies, categories, now):
    # A few companies post most of the jobs, as on real boards.
    cum_weights = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(companies))))

    def make_batch(size):
        owners = rng.choices(companies, cum_weights=cum_weights, k=size)
        return [fake_job(rng, company, rng.choice(categories), now) for company in owners]

    sizes = [min(BATCH_SIZE, count - start) for start in range(0, count, BATCH_SIZE)]
    for jobs in one_ahead(make_batch, sizes):
        Job.objects.bulk_create(jobs, batch_size=BATCH_SIZE)


def one_ahead(function, arguments):
    """Yield function(argument) for each argument, computing the next one in a thread.

    The thread writes the next batch of jobs while the database inserts this
    one (psycopg2 lets go of the GIL while it waits). Calls still run one at a
    time and in order, so a seeded random generator gives the same data.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        for argument in arguments:
            upcoming = pool.submit(function, argument)
            if pending:
                yield pending.result()
            pending = upcoming
        if pending:
            yield pending.result()
