"""Fill the board with synthetic jobs for load tests: `python manage.py seed_jobs --count N`.

Fast and repeatable: one transaction, one seeded random generator. On PostgreSQL
the jobs go in through one COPY stream (a million in minutes, every index kept and
filled as it goes); elsewhere through bulk_create. Seeded companies have slugs
starting with `seed-`, so they never collide with real or demo ones and `--reset`
can find them again. Running it again adds new companies and jobs; `--reset`
removes the earlier seed first. `--all-open` makes every job open (published, not
expired) instead of the mix of a running board, where about 45 % are.

Each job with a city gets its JobLocation rows (about 5 % of them two to four),
resolved to places when `load_places` has filled the places table (with
coordinates, so radius searches find them), as text otherwise; about half of the
remote jobs are then open only to a country or an area ("remote within").
"""

import random
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from itertools import accumulate, chain

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.db.models import Count
from django.utils import timezone
from django_countries import countries

from board.applications.models import Application, SavedJob
from board.companies.models import Company
from board.core.listing_version import bump_jobs_version
from board.currencies.rates import rates, to_base
from board.devtools.benchmarking import ALL_CITIES, SLUG_PREFIX, fake_company, fake_job, fake_where
from board.jobs.locations import Located, describe, location_row
from board.jobs.models import Category, Job, JobLocation
from board.places.lookups import resolve
from board.places.models import Place
from board.search import vocabulary

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
        parser.add_argument(
            "--all-open",
            action="store_true",
            help="Every job open (published in the last 25 days, not expired), rather than "
            "the mix of statuses of a running board (about 45 %% open).",
        )

    def handle(self, *args, count, companies, seed, reset, all_open, **options):
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
            # Where jobs are draws from a generator of its own, so the jobs themselves
            # are the same whether or not the places are loaded.
            where = Places(random.Random(f"{seed}-{first}-where"))  # noqa: S311 -- test data
            if not where.loaded:
                self.stdout.write(
                    self.style.WARNING(
                        "The places table is empty (run `manage.py load_places` first): "
                        "locations are stored as text only, with no coordinates (radius "
                        "searches find none), and no remote job is limited to a place."
                    )
                )
            create_jobs(rng, count, new_companies, categories, timezone.now(), all_open, where)
            # Bulk inserts skip Job.save(): tell the cached listings ourselves.
            transaction.on_commit(bump_jobs_version)
        seconds = time.perf_counter() - started
        self.print_summary(companies, count, seconds)

        if connection.vendor == "postgresql":
            self.analyze()
            started = time.perf_counter()
            words = vocabulary.refresh()  # what misspelt searches are corrected against
            self.stdout.write(
                f"{words:,} words of open jobs counted in {time.perf_counter() - started:.1f} s."
            )

    def analyze(self):
        # Fresh statistics, or the planner guesses row counts for a table it
        # still thinks is empty. VACUUM also sets the visibility map, as
        # autovacuum would a minute later, so counts can use index-only scans
        # from the start; it cannot run inside a transaction (as in tests).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if not connection.in_atomic_block:
                # Filled through its pending list, the search index ends up about three
                # times the size of a fresh build (379 against 119 MB for a million
                # jobs), and every broad search reads more of it. Rebuilt: 20 s a million.
                cursor.execute("REINDEX INDEX job_search_gin")
            tables = [Company, Job, JobLocation, Job.remote_within.through]
            cursor.execute(f"{command} {', '.join(m._meta.db_table for m in tables)}")
        done = command if connection.in_atomic_block else f"REINDEX and {command}"
        self.stdout.write(f"{done} took {time.perf_counter() - started:.1f} s.")

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
    # Only the ids: the collector would otherwise load every description. The
    # count is of jobs alone (their locations go with them).
    job_count = jobs.only("pk").delete()[1].get(Job._meta.label, 0)
    return companies.delete()[1].get(Company._meta.label, 0), job_count


def next_company_number():
    """One past the highest seed- company number, so a re-run adds new slugs."""
    slugs = Company.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    numbers = [int(slug.rsplit("-", 1)[1]) for slug in slugs if slug.rsplit("-", 1)[1].isdigit()]
    return max(numbers, default=0) + 1


def create_companies(rng, first, count):
    companies = [fake_company(rng, number) for number in range(first, first + count)]
    return Company.objects.bulk_create(companies, batch_size=BATCH_SIZE)


class Places:
    """The places of the seed's cities and countries, each resolved once, and the
    locations and "remote within" of each job (fake_where, with its own generator)."""

    def __init__(self, rng):
        self.rng = rng
        self.loaded = Place.objects.exists()
        self.located = {pair: locate_city(*pair, self.loaded) for pair in ALL_CITIES}
        self.remote_options = remote_options() if self.loaded else {}

    def __call__(self, job):
        return fake_where(self.rng, job, self.located, self.remote_options)


def locate_city(code, city, places_loaded):
    """A seeded city as a job location: its Place when the places table has it."""
    text = f"{city}, {countries.name(code)}"  # as an employer types it; resolve() narrows
    place = resolve(text) if places_loaded else None
    if place is None or place.country_code != code or place.kind == Place.Kind.AREA:
        return Located(text, None, code, "")
    region = place.name if place.kind == Place.Kind.REGION else place.region
    return Located(text, place, code, region)


def remote_options():
    """{country code: [the country, then each area holding it]} for the seed's countries."""
    codes = {code for code, _ in ALL_CITIES}
    found = Place.objects.filter(kind=Place.Kind.COUNTRY, country_code__in=codes)
    found = found.prefetch_related("areas").order_by("country_code")
    return {c.country_code: [c, *sorted(c.areas.all(), key=lambda a: a.key)] for c in found}


def create_jobs(rng, count, companies, categories, now, all_open=False, where=None):
    # A few companies post most of the jobs, as on real boards.
    cum_weights = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(companies))))
    known_rates = rates()
    where = where or Places(random.Random(0))  # noqa: S311 -- test data
    # On PostgreSQL the jobs' ids are taken from their sequence first, so the
    # location rows can be written (and copied) alongside the jobs.
    ids = iter(reserve_job_ids(count)) if connection.vendor == "postgresql" else None

    def make_batch(size):
        owners = rng.choices(companies, cum_weights=cum_weights, k=size)
        jobs = [fake_job(rng, c, rng.choice(categories), now, all_open) for c in owners]
        for job in jobs:
            # What Job.save() would store for "highest salary" (bulk inserts skip it):
            # set here rather than by an UPDATE of every row afterwards, which would
            # rewrite each row and its search document once more.
            rate = known_rates.get(job.salary_currency)
            job.salary_yearly_eur = to_base(job.yearly_salary(), rate)
            job.seeded_where = where(job)
            if job.seeded_where[0]:
                describe(job, job.seeded_where[0])  # the job's city: the first location's
            if ids is not None:
                job.pk = next(ids)
        return jobs

    sizes = [min(BATCH_SIZE, count - start) for start in range(0, count, BATCH_SIZE)]
    batches = one_ahead(make_batch, sizes)
    if connection.vendor == "postgresql":
        copy_jobs(chain.from_iterable(batches))
    else:
        for jobs in batches:
            Job.objects.bulk_create(jobs, batch_size=BATCH_SIZE)  # sets their ids
            JobLocation.objects.bulk_create(
                chain.from_iterable(location_rows(job) for job in jobs), batch_size=BATCH_SIZE
            )
            Job.remote_within.through.objects.bulk_create(
                chain.from_iterable(remote_within_rows(job) for job in jobs),
                batch_size=BATCH_SIZE,
            )


def location_rows(job):
    located, _ = job.seeded_where
    return [location_row(job, position, where) for position, where in enumerate(located)]


def remote_within_rows(job):
    through = Job.remote_within.through
    return [through(job_id=job.pk, place_id=place.pk) for place in job.seeded_where[1]]


def reserve_job_ids(count):
    """`count` new job ids from the table's own sequence (nothing else gets them)."""
    table = Job._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_jobs(jobs):
    """Insert `jobs` (unsaved Job objects) with one PostgreSQL COPY stream.

    COPY parses and inserts rows several times faster than INSERTs of the same
    rows, and the server works on the stream while this process writes the next
    rows, so generating and inserting overlap. Generated columns (the search
    document, the yearly salary) and every index are filled by PostgreSQL as usual.

    The jobs' locations and "remote within" rows are written to temporary files as
    their jobs go by, and copied after them (the jobs' ids were reserved before).
    """
    job_fields = [Job._meta.pk, *copy_fields(Job)]
    location_fields = copy_fields(JobLocation)
    remote_fields = copy_fields(Job.remote_within.through)
    # A location's line is the same for every job in that city but for the job's id
    # and the position (its first two columns): the rest is made once per city.
    assert [f.name for f in location_fields[:2]] == ["job", "position"]  # noqa: S101
    rests = {}

    def location_lines(job):
        for position, where in enumerate(job.seeded_where[0]):
            if where.text not in rests:
                row = location_row(job, position, where)
                rests[where.text] = copy_line(location_fields[2:], row)
            yield f"{job.pk}\t{position}\t{rests[where.text]}"

    locations = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 -- closed below
    remote = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 -- closed below

    def lines():
        for job in jobs:
            locations.writelines(location_lines(job))
            remote.writelines(copy_line(remote_fields, r) for r in remote_within_rows(job))
            yield f"{copy_line(job_fields, job)[:-1]}\t{place_ids(job)}\n"

    with connection.cursor() as cursor:
        # GIN indexes (the search document and its filters) take new rows into a
        # pending list and merge it when it passes gin_pending_list_limit: a larger
        # list, merged with more memory, means fewer, bigger (and faster) merges.
        # For this transaction only.
        for setting in GIN_BULK_SETTINGS:
            cursor.execute(f"SET LOCAL {setting}")
        with locations, remote:
            copy_from(cursor, Job, job_fields, LineReader(lines()), extra=["place_ids"])
            for model, fields, file in (
                (JobLocation, location_fields, locations),
                (Job.remote_within.through, remote_fields, remote),
            ):
                file.seek(0)
                copy_from(cursor, model, fields, file)


def copy_fields(model):
    """The columns COPY fills: all but the id and the generated ones."""
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not isinstance(f, models.GeneratedField)
    ]


def copy_line(fields, instance):
    values = (f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields)
    return "\t".join(map(copy_text, values)) + "\n"


def place_ids(job):
    """The job's place ids as its row keeps them (migration 0021), in COPY's text
    format: written with the job, the locations' trigger then finds them current
    and rewrites no row (else it would write each seeded job a second time)."""
    ids = sorted({where.place.pk for where in job.seeded_where[0] if where.place})
    return "{" + ",".join(map(str, ids)) + "}"


def copy_from(cursor, model, fields, file, extra=()):
    columns = ", ".join([*(connection.ops.quote_name(f.column) for f in fields), *extra])
    # psycopg2's cursor under Django's wrapper: copy_expert reads the file in chunks.
    cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN", file)


GIN_BULK_SETTINGS = ["gin_pending_list_limit = '256MB'", "work_mem = '256MB'"]


def copy_text(value):
    """One value in COPY's text format (None is \\N)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    # Backslash escapes for the characters that end a field or a row (replace() is
    # several times faster than str.translate here: descriptions are long).
    text = str(value).replace("\\", "\\\\").replace("\t", "\\t")
    return text.replace("\n", "\\n").replace("\r", "\\r")


class LineReader:
    """A file-like read() over an iterator of text lines, for copy_expert."""

    def __init__(self, lines):
        self.lines = lines
        self.buffer = ""

    def read(self, size=-1):
        size = size if size and size > 0 else 1 << 16
        parts, length = [self.buffer], len(self.buffer)
        for line in self.lines:
            parts.append(line)
            length += len(line)
            if length >= size:
                break
        text = "".join(parts)
        self.buffer = text[size:]
        return text[:size]

    readline = read


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
