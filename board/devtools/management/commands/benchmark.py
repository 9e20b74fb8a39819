"""Load-test the production stack on this machine: `python manage.py benchmark`.

Starts gunicorn with production settings on 127.0.0.1, drives it with wrk and
prints a Markdown table for docs/benchmarks.md, the machine it ran on, and the
PostgreSQL plans (EXPLAIN ANALYZE) of the queries of a broad search and of any
page named with --explain. The searches are two weighted mixes (broad and
selective words, one filter each, sorted as people sort: board/devtools/benchmarking.py).
Needs PostgreSQL (DATABASE_URL) with jobs from `seed_jobs`, and wrk (`apt-get install wrk`).

SQL queries per request are counted in a separate process that loads exactly
gunicorn's settings and environment, with Django's test client against the
same database: one unmeasured request, then one counted request per scenario.

CPU time per request is read from /proc around each measured wrk run: gunicorn's
processes (its session), PostgreSQL's processes on this machine, and wrk. It
shows where a scenario's time goes when the machine's cores are the limit.

With --instructions, the application's instructions per request are counted
under valgrind (count_instructions): unlike req/s and CPU ms, which vary 10–25 %
from run to run on a shared machine, the count repeats to within a fraction of a
per cent, so it is what tells two versions of the code apart.
"""

import argparse
import gc
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from random import Random
from urllib.parse import urlencode

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.devtools import slowest
from board.devtools.benchmarking import (
    BROAD_KEYWORDS,
    SELECTIVE_KEYWORDS,
    place_mix,
    search_mix,
)
from board.jobs.models import Job
from board.web.sitemaps import SECTIONS

RESULT_MARKER = "NEXUS_WRK "
# The search whose plan --explain prints: a broad word with one filter, as in the mix.
SEARCH_FILTERS = {"experience_level": "senior"}
HTMX_HEADERS = {"HX-Request": "true", "HX-Target": "results"}
JSON_HEADERS = {"Accept": "application/json"}
GRAPHQL_SEARCH = (
    "query Search($filters: JobFilterInput, $sort: JobSort) { jobs(filters: $filters, "
    "sort: $sort, first: 20) { totalCount edges { node { databaseId title company { name } "
    "category { slug } } } } }"
)
# The search form's multiple choices are lists of GraphQL enums; posted_within a number.
GRAPHQL_LISTS = {"workplace", "employment_type", "experience_level"}
SEARCHES_PER_MIX = 200  # distinct searches per scenario, drawn with the mix's weights
DEEP_PAGE = 50


def camel_case(name):
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def graphql_search(keyword, search_filter, sort):
    """The GraphQL twin of one search of the mix (keyword, one filter, sort), as GET
    parameters."""
    name, value = search_filter
    if name in GRAPHQL_LISTS:
        value = [value.upper()]
    elif name == "posted_within":
        value = int(value)
    variables = {"filters": {"q": keyword, camel_case(name): value}, "sort": sort.upper()}
    return {"query": GRAPHQL_SEARCH, "variables": json.dumps(variables)}


def search_paths(keywords, interface, extra=None):
    """The mix's searches (board/devtools/benchmarking.py) as paths of one interface."""
    paths = []
    for keyword, (name, value), sort in search_mix(keywords, SEARCHES_PER_MIX):
        if interface == "graphql":
            paths.append(f"/graphql/?{urlencode(graphql_search(keyword, (name, value), sort))}")
            continue
        query = urlencode({"q": keyword, name: value, "sort": sort, **(extra or {})})
        paths.append(f"/api/v1/jobs/?{query}" if interface == "api" else f"/jobs/?{query}")
    return paths


def place_paths(kind):
    """The place searches of `kind` ("radius", "remote-from") as search page paths."""
    return [f"/jobs/?{urlencode(search)}" for search in place_mix(kind, SEARCHES_PER_MIX)]


JOB_PAGES = 300
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)

# Each request picks a random path. With `unique`, it also gets a parameter no
# other request has (n=…), so no cache keyed on the URL (the listing cache,
# with REDIS_URL set) can answer it. done() prints wrk's summary as one JSON
# line for parse_wrk_result().
LUA_SCRIPT = """
local paths = {__PATHS__}
local headers = {__HEADERS__}
local unique = __UNIQUE__
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(seed)
end

function request()
  local path = paths[math.random(#paths)]
  if unique then
    counter = counter + 1
    path = path .. "&n=" .. seed .. "-" .. counter
  end
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("__MARKER__{\\"requests\\": %.0f, \\"duration_us\\": %.0f, " ..
    "\\"bytes\\": %.0f, \\"connect\\": %.0f, \\"read\\": %.0f, \\"write\\": %.0f, " ..
    "\\"status\\": %.0f, \\"timeout\\": %.0f, \\"p50_us\\": %.0f, \\"p95_us\\": %.0f, " ..
    "\\"p99_us\\": %.0f}\\n", summary.requests, summary.duration, summary.bytes, e.connect,
    e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


@dataclass
class Scenario:
    name: str
    label: str
    paths: list
    headers: dict = field(default_factory=dict)
    unique: bool = False  # add a never-repeated parameter to each request


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # HTTP status >= 400, plus connect, read, write and timeout errors
    bytes_per_request: float
    requests: int = 0
    cpu_ms: dict = field(default_factory=dict)  # per request: {"app": …, "db": …, "wrk": …}
    recycled: int = 0  # workers gunicorn recycled (max_requests) while it was measured


def lua_script(scenario):
    paths = ", ".join(json.dumps(path) for path in scenario.paths)
    headers = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in scenario.headers.items())
    return (
        LUA_SCRIPT.replace("__PATHS__", paths)
        .replace("__HEADERS__", headers)
        .replace("__UNIQUE__", "true" if scenario.unique else "false")
        .replace("__MARKER__", RESULT_MARKER)
    )


def parse_wrk_result(output):
    """The numbers our Lua done() printed, in requests/s and milliseconds."""
    lines = [line for line in output.splitlines() if line.startswith(RESULT_MARKER)]
    if not lines:
        raise ValueError("wrk printed no result line:\n" + output)
    raw = json.loads(lines[-1].removeprefix(RESULT_MARKER))
    requests = raw["requests"]
    return WrkResult(
        requests_per_second=requests / (raw["duration_us"] / 1e6),
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        errors=sum(raw[kind] for kind in ("status", "connect", "read", "write", "timeout")),
        bytes_per_request=raw["bytes"] / requests if requests else 0,
        requests=int(requests),
    )


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def parse_proc_stat(text):
    """(command name, session id, CPU seconds) from a /proc/<pid>/stat line.

    The CPU time includes that of the process's children that have ended
    (cutime, cstime): a PostgreSQL backend or gunicorn worker that exits during
    a run moves its time to its parent, so it is still counted, and only once.
    """
    # The name is in parentheses and may itself contain spaces or parentheses.
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()  # fields[0] is field 3, the state
    session = int(fields[3])
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return name, session, ticks / CLOCK_TICKS


def server_cpu_seconds(server_session):
    """{"app": s, "db": s}: CPU seconds used so far by the processes of gunicorn's
    session and by PostgreSQL's processes; {} where there is no /proc (not Linux)."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return {}
    totals = {"app": 0.0, "db": 0.0}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            name, session, seconds = parse_proc_stat(stat.read_text())
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we read
        if session == server_session:
            totals["app"] += seconds
        elif name == "postgres":
            totals["db"] += seconds
    return totals


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(base_url, server_session, script, options):
    """run_wrk(), with the CPU time each side used per request."""
    before, wrk_before = server_cpu_seconds(server_session), children_cpu_seconds()
    result = run_wrk(base_url, script, options)
    after, wrk_after = server_cpu_seconds(server_session), children_cpu_seconds()
    if before and result.requests:
        per_request = 1000 / result.requests
        result.cpu_ms = {side: (after[side] - before[side]) * per_request for side in before}
        result.cpu_ms["wrk"] = (wrk_after - wrk_before) * per_request
    return result


def recycles(log):
    """How many times gunicorn has recycled a worker (max_requests), from its log."""
    return log.read_text(errors="replace").count("Autorestarting worker")


def per_second(rate):
    # Slow scenarios (a million jobs) run at a few requests a second, or less.
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:.2f}"


def markdown_table(rows):
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


class Command(BaseCommand):
    help = (
        "Benchmark the public pages (searches with broad and selective words through the "
        "page, htmx, REST and GraphQL; deep pages, sitemaps, feeds, a company, home) with "
        "wrk against gunicorn (production settings) on 127.0.0.1. "
        "PostgreSQL with seeded jobs only (see seed_jobs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=10, help="Seconds per scenario.")
        parser.add_argument("--connections", type=int, default=8, help="Open connections (8).")
        parser.add_argument("--threads", type=int, default=2, help="wrk threads (2).")
        parser.add_argument("--workers", type=int, help="gunicorn workers (2 × cores + 1).")
        parser.add_argument("--warmup", type=int, default=2, help="Unmeasured seconds first.")
        parser.add_argument("--only", help="Comma-separated scenarios, e.g. healthz,search.")
        parser.add_argument("--keyword", default="senior", help="Keyword for the EXPLAIN.")
        parser.add_argument("--explain-only", action="store_true", help="Print only the EXPLAINs.")
        parser.add_argument(
            "--explain",
            action="append",
            default=[],
            metavar="PATH",
            help="Also EXPLAIN the job queries of this page, e.g. /sitemap.xml (repeatable).",
        )
        parser.add_argument(
            "--instructions",
            type=int,
            nargs="?",
            const=20,
            default=0,
            metavar="N",
            help="Also count the app's instructions per request over N requests per scenario "
            "(20 if N is left out), under valgrind: a few minutes more.",
        )
        parser.add_argument(
            "--slowest",
            type=int,
            metavar="N",
            help="Instead of the load test, request each path of the --only scenarios once, "
            "one at a time in this process, and print the N slowest with their statements.",
        )
        # Internal: how the benchmark counts queries and instructions under gunicorn's settings.
        parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--count-instructions", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--time-each", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" or not os.environ.get("DATABASE_URL"):
            raise CommandError("Set DATABASE_URL to a PostgreSQL database with seeded jobs.")
        if options["count_queries"]:
            self.stdout.write(json.dumps(count_queries(json.load(sys.stdin))))
            return
        if options["count_instructions"]:
            self.stdout.write(json.dumps(count_instructions(**json.load(sys.stdin))))
            return
        if options["time_each"]:
            self.stdout.write(time_each_scenario(**json.load(sys.stdin)))
            return
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database has unapplied migrations: run `manage.py migrate`.")
        if not Job.objects.visible().exists():
            raise CommandError("No visible jobs: run `manage.py seed_jobs --count 100000` first.")
        if options["explain_only"]:
            self.print_explain(options["keyword"], options["explain"])
            return
        if options["slowest"] is not None:
            if options["slowest"] < 1:
                raise CommandError("--slowest must be ≥ 1.")
            self.print_slowest(self.scenarios(options["only"]), options["slowest"])
            return
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: `apt-get install wrk` (Debian/Ubuntu).")
        if options["instructions"] and not shutil.which("valgrind"):
            raise CommandError("--instructions needs valgrind: `apt-get install valgrind`.")
        numbers = ("duration", "connections", "threads", "workers")
        if any(options[name] is not None and options[name] < 1 for name in numbers):
            raise CommandError("--duration, --connections, --threads and --workers must be ≥ 1.")
        if options["instructions"] < 0:
            raise CommandError("--instructions must be ≥ 1 (or 0: not counted).")
        options["workers"] = options["workers"] or 2 * (os.cpu_count() or 1) + 1
        scenarios = self.scenarios(options["only"])

        # SIGTERM ends the run like Ctrl-C does, so gunicorn is stopped either way.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        load_before = os.getloadavg()[0]
        queries, instructions, results = self.run(scenarios, options)
        self.print_facts((load_before, os.getloadavg()[0]), options)
        rows = self.table_rows(scenarios, results, queries, instructions)
        self.stdout.write(markdown_table(rows) + "\n")
        if recycled := {name: r.recycled for name, r in results.items() if r.recycled}:
            # A new worker compiles templates and fills its caches again: its first
            # requests are slower, and a flood (/healthz) recycles workers every second.
            self.stdout.write(
                "Workers recycled (gunicorn's max_requests) while measured: "
                + ", ".join(f"{name} {count}" for name, count in recycled.items())
                + "\n"
            )
        self.print_explain(options["keyword"], options["explain"])
        # A scenario with no answer within the run (each request slower than it) failed too.
        failed = {name for name, result in results.items() if result.errors or not result.requests}
        failed |= {name for name, (status, _) in queries.items() if status != 200}
        if failed:
            raise CommandError(f"Errors or non-200 answers in: {', '.join(sorted(failed))}.")

    def scenarios(self, only):
        # A fixed sample of all jobs, then the visible ones in it: a sample of the visible
        # jobs would be other jobs after any job's expiry (one a minute in seeded data), and
        # the job pages' instruction counts would change with them from run to run.
        pks = list(Job.objects.order_by("pk").values_list("pk", flat=True))
        chosen = Random(0).sample(pks, min(3 * JOB_PAGES, len(pks)))  # noqa: S311 -- not security
        jobs = Job.objects.visible().filter(pk__in=chosen).order_by("pk")[:JOB_PAGES]
        job_paths = [job.get_absolute_url() for job in jobs]
        everything = [
            Scenario("healthz", "/healthz", ["/healthz"]),
            Scenario("home", "/", ["/"]),
            Scenario("jobs", "/jobs/", ["/jobs/"]),
            # As a browser asks: with a person's User-Agent, so the view is counted
            # (board/analytics/), as it is for real visitors; wrk sends none by default.
            Scenario("job", "/jobs/‹id›-‹slug›/", job_paths, headers={"User-Agent": BROWSER_UA}),
        ]
        mixes = {"broad": BROAD_KEYWORDS, "selective": SELECTIVE_KEYWORDS}
        for mix, keywords in mixes.items():
            label = f"‹{mix}›"
            everything += [
                Scenario(mix, f"/jobs/?q={label}", search_paths(keywords, "page"), unique=True),
                Scenario(
                    f"{mix}-htmx",
                    f"/jobs/?q={label} (htmx)",
                    search_paths(keywords, "page"),
                    HTMX_HEADERS,
                    True,
                ),
                Scenario(
                    f"{mix}-api",
                    f"/api/v1/jobs/?q={label}",
                    search_paths(keywords, "api"),
                    JSON_HEADERS,
                    True,
                ),
                Scenario(
                    f"{mix}-graphql",
                    f"/graphql/?query=jobs(q: {label})",
                    search_paths(keywords, "graphql"),
                    JSON_HEADERS,
                    True,
                ),
            ]
        everything += [
            Scenario(
                "radius",
                "/jobs/?location=‹big city›&radius=‹25|50|100›",
                place_paths("radius"),
                unique=True,
            ),
            Scenario(
                "remote-from",
                "/jobs/?remote_from=‹country›",
                place_paths("remote-from"),
                unique=True,
            ),
            Scenario("deep", f"/jobs/?page={DEEP_PAGE}", [f"/jobs/?page={DEEP_PAGE}"], unique=True),
            Scenario(
                "deep-broad",
                f"/jobs/?q=‹broad›&page={DEEP_PAGE}",
                search_paths(BROAD_KEYWORDS, "page", {"page": DEEP_PAGE}),
                unique=True,
            ),
            Scenario("sitemap", "/sitemap.xml", ["/sitemap.xml"]),
            Scenario("sitemap-jobs", "/sitemap-jobs.xml?p=‹middle›", [middle_sitemap_page()]),
            Scenario("sitemap-companies", "/sitemap-companies.xml", ["/sitemap-companies.xml"]),
            Scenario("feed", "/jobs/feed/", ["/jobs/feed/"]),
            Scenario(
                "feed-broad",
                "/jobs/feed/?q=‹broad›",
                [
                    path.replace("/jobs/", "/jobs/feed/", 1)
                    for path in search_paths(BROAD_KEYWORDS, "page")
                ],
                unique=True,
            ),
            Scenario("company", "/companies/‹most jobs›/", [busiest_company_path()]),
        ]
        if not only:
            return everything
        names = {name.strip() for name in only.split(",")}
        unknown = names - {s.name for s in everything}
        if unknown:
            known = ", ".join(s.name for s in everything)
            raise CommandError(f"Unknown scenario {', '.join(sorted(unknown))}; use {known}.")
        return [s for s in everything if s.name in names]

    def run(self, scenarios, options):
        """Count each scenario's queries (and instructions), then load-test it; return all."""
        results, instructions = {}, {}
        with tempfile.TemporaryDirectory(prefix="nexus-benchmark-") as tmp:
            env = production_env(Path(tmp))
            self.stdout.write("Collecting static files into a temporary STATIC_ROOT…")
            manage(["collectstatic", "--noinput", "-v0"], env)
            counted = manage(["benchmark", "--count-queries"], env, [asdict(s) for s in scenarios])
            queries = {name: tuple(pair) for name, pair in json.loads(counted).items()}
            if options["instructions"]:
                self.stdout.write("Counting instructions per request under valgrind…")
                instructions = instructions_per_request(scenarios, options["instructions"], env)
            log = Path(tmp) / "gunicorn.log"
            with gunicorn(env, options["workers"], log) as server:
                base_url, session = server
                self.stdout.write(f"gunicorn ({options['workers']} workers) is up at {base_url}.")
                for scenario in scenarios:
                    script = Path(tmp) / f"{scenario.name}.lua"
                    script.write_text(lua_script(scenario))
                    if options["warmup"]:
                        run_wrk(base_url, script, {**options, "duration": options["warmup"]})
                    recycled = recycles(log)
                    result = measure(base_url, session, script, options)
                    result.recycled = recycles(log) - recycled
                    results[scenario.name] = result
                    # wrk leaves up to one request per connection in flight: let slow
                    # ones finish, or the next scenario would share the workers with them.
                    drain(base_url, options["workers"])
                    self.stdout.write(
                        f"  {scenario.name}: {result.requests_per_second:,.0f} req/s, "
                        f"p99 {result.p99_ms:.1f} ms, {result.errors} errors"
                    )
        return queries, instructions, results

    def print_facts(self, load, options):
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg_version = cursor.fetchone()[0]
            # At a million jobs the table outgrows Debian's default 128 MB: figures
            # with and without a production-sized buffer cache differ by a third.
            cursor.execute("SHOW shared_buffers")
            pg_version += f", shared_buffers {cursor.fetchone()[0]}"
        total, visible = Job.objects.count(), Job.objects.visible().count()
        cache = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "per-process memory"
        self.stdout.write(
            f"\nMachine: {os.cpu_count()} cores, 1-minute load average {load[0]:.2f} before "
            f"the run and {load[1]:.2f} after; PostgreSQL {pg_version}; Python "
            f"{sys.version.split()[0]}, Django {django.get_version()}; {total:,} jobs "
            f"({visible:,} visible).\ngunicorn: {options['workers']} sync workers, cache: "
            f"{cache}; wrk: {options['threads']} threads, {options['connections']} "
            f"connections, {options['duration']} s per scenario after {options['warmup']} s "
            "warm-up, on the same machine. Searches add a unique n=… parameter to every "
            "request, so no cached results serve them (the search form's filters, which do "
            "not depend on the words, come from each process's memory). SQL/req: test client "
            "in a process with gunicorn's settings and environment, second request. CPU "
            "ms/req: CPU time per request of "
            "gunicorn's processes, PostgreSQL's processes on this machine and wrk, from /proc."
        )
        if options["instructions"]:
            self.stdout.write(
                f"Instructions/req (app): millions of instructions the application process "
                f"executed per request (valgrind's cachegrind, test client with gunicorn's "
                f"settings, the mean of {options['instructions']} requests per scenario after "
                "the same requests once as warm-up; PostgreSQL's work not included)."
            )
        self.stdout.write("")

    def table_rows(self, scenarios, results, queries, instructions):
        ceiling = results.get("healthz")
        header = ("scenario", "req/s", "× /healthz", "p50 ms", "p95 ms", "p99 ms", "errors")
        header += ("KB/resp", "HTTP", "SQL/req", "CPU ms/req: app / DB / wrk")
        rows = [(*header, "instructions/req (app)")]
        for scenario in scenarios:
            result = results[scenario.name]
            status, count = queries[scenario.name]
            ratio = result.requests_per_second / ceiling.requests_per_second if ceiling else None
            rows.append(
                (
                    f"`{scenario.label}`",
                    per_second(result.requests_per_second),
                    f"{ratio:.{2 if ratio >= 0.01 else 4}f}" if ratio is not None else "–",
                    f"{result.p50_ms:.1f}",
                    f"{result.p95_ms:.1f}",
                    f"{result.p99_ms:.1f}",
                    str(result.errors),
                    f"{result.bytes_per_request / 1024:.1f}",
                    str(status),
                    str(count),
                    " / ".join(f"{result.cpu_ms[side]:.1f}" for side in ("app", "db", "wrk"))
                    if result.cpu_ms
                    else "–",
                    f"{instructions[scenario.name] / 1e6:.2f} M"
                    if scenario.name in instructions
                    else "–",
                )
            )
        return rows

    def print_slowest(self, scenarios, top):
        """Each request of `scenarios` on its own (board/devtools/slowest.py), in a process
        with gunicorn's settings: local settings would answer searches from their cache."""
        with tempfile.TemporaryDirectory(prefix="nexus-benchmark-") as tmp:
            env = production_env(Path(tmp))
            manage(["collectstatic", "--noinput", "-v0"], env)
            data = {"scenarios": [asdict(s) for s in scenarios], "top": top}
            self.stdout.write(manage(["benchmark", "--time-each"], env, data, timeout=3600))

    def print_explain(self, keyword, paths=()):
        """EXPLAIN (ANALYZE, BUFFERS) of every query the search for `keyword` (with
        SEARCH_FILTERS) makes, and of those of `paths` (--explain PATH).

        The queries are the ones the pages really run, captured from a request in
        this process, so the plans follow the search code whatever it becomes.
        """
        search = f"/jobs/?{urlencode({'q': keyword, **SEARCH_FILTERS})}"
        for path in [search, *paths]:
            self.stdout.write(f"\nEXPLAIN (ANALYZE, BUFFERS) of the queries of {path}:")
            for sql, plan in explain_queries(path):
                self.stdout.write(f"\n```sql\n{sql}\n```\n```text\n{plan}\n```")


def time_each_scenario(scenarios, top):
    """print_slowest()'s report, made under gunicorn's settings (--time-each)."""
    client = Client(HTTP_HOST="127.0.0.1")  # ALLOWED_HOSTS is gunicorn's here
    lines = []
    for scenario in (Scenario(**fields) for fields in scenarios):
        # Every path once, with wrk's never-repeated parameter where it adds one, after one
        # unmeasured round (compiled templates, the cards' cache, as a worker has them).
        for path in measured_paths(scenario, len(scenario.paths), "warm-up"):
            get_like_wrk(client, path, scenario.headers)
        paths = measured_paths(scenario, len(scenario.paths), "slowest")
        timed = slowest.time_each(partial(get_like_wrk, client), paths, scenario.headers)
        lines += slowest.report(scenario.label, timed, top)
    return "\n".join(lines) + "\n"


def explain_queries(path):
    """[(sql, plan)] of the queries a GET of `path` runs on the job table."""
    client = Client(HTTP_HOST="127.0.0.1")
    # The first request: with a cache (local settings), a second would query nothing.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)  # a streamed page queries as it is read
    plans = []
    for query in queries.captured_queries:
        # The search plans some statements with kinds of scan switched off: "SET LOCAL
        # enable_seqscan = off; SELECT …" (board/search/ranking.py). They are planned
        # here as there, the switches first, in a transaction of their own.
        switches, sql = [], query["sql"]
        while sql.startswith("SET LOCAL ") and "; " in sql:
            switch, sql = sql.split("; ", 1)
            switches.append(switch)
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")) or "board_job" not in sql:
            continue
        with transaction.atomic(), connection.cursor() as cursor:
            for switch in switches:
                cursor.execute(switch)
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            shown = "; ".join([*switches, sql])
            plans.append((shown, "\n".join(row[0] for row in cursor.fetchall())))
    return plans


def middle_sitemap_page():
    """The jobs sitemap's middle page: a full page of a large board."""
    pages = SECTIONS["jobs"].pages()
    return f"/sitemap-jobs.xml?p={pages // 2 + 1}"


def busiest_company_path():
    """The page of the company with the most open jobs (seeded boards: about 3 %)."""
    busiest = (
        Job.objects.visible()
        .order_by()
        .values("company__slug")
        .annotate(jobs=Count("pk"))
        .order_by("-jobs", "company__slug")
        .values_list("company__slug", flat=True)
        .first()
    )
    return reverse("company_detail", kwargs={"slug": busiest})


def count_queries(scenarios):
    """{name: (HTTP status, SQL queries)} of one request each, after an unmeasured one."""
    client = Client(HTTP_HOST="127.0.0.1")  # ALLOWED_HOSTS is gunicorn's here
    counts = {}
    for scenario in (Scenario(**fields) for fields in scenarios):
        path = scenario.paths[0]
        warm_up, counted = (f"{path}&n=w", f"{path}&n=c") if scenario.unique else (path, path)
        get_like_wrk(client, warm_up, scenario.headers)
        with CaptureQueriesContext(connection) as queries:
            response = get_like_wrk(client, counted, scenario.headers)
        counts[scenario.name] = (response.status_code, len(queries))
    return counts


def measured_paths(scenario, requests, label):
    """`requests` of the scenario's paths, in order and round again if needed; with
    a parameter of their own (n=label-i) where wrk's runs add one."""
    paths = [scenario.paths[i % len(scenario.paths)] for i in range(requests)]
    return [f"{path}&n={label}-{i}" if scenario.unique else path for i, path in enumerate(paths)]


def instructions_per_request(scenarios, requests, env):
    """{name: instructions per request}: count_instructions() run under cachegrind.

    Cachegrind counts the instructions the process executes in user space, so the
    count does not depend on the machine's load or speed. The hash seed is fixed
    because it sets the order of sets, and so the work of loops over them: with it,
    the same code gives the same count from run to run (to within noise well under
    the 1 % a change should be judged by). `--cache-sim=no`: count only.
    """
    with tempfile.TemporaryDirectory(prefix="nexus-cachegrind-") as out:
        valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--quiet"]
        valgrind.append(f"--cachegrind-out-file={out}/%p")  # a file per (forked) process
        data = {"scenarios": [asdict(s) for s in scenarios], "requests": requests, "out": out}
        env = {**env, "PYTHONHASHSEED": "0"}
        printed = manage(["benchmark", "--count-instructions"], env, data, valgrind, timeout=1800)
    return json.loads(printed)


def count_instructions(scenarios, requests, out):
    """{name: instructions per request}; runs under cachegrind (instructions_per_request).

    This process starts Django and makes every measured request once first, so
    what a gunicorn worker keeps in memory (compiled templates, the search form's
    rendered filters, cards) is as warm as in wrk's runs, which repeat the same
    paths. Then, for each scenario, it forks two children: one exits at once, the
    other makes the requests and exits. Under valgrind a forked child inherits the
    count so far, and cachegrind writes its total to out/<pid> as it exits. Both
    children start from the same state, so the difference of their totals is
    what the requests cost: no start-up, warm-up or shutdown is in it.
    """
    client = Client(HTTP_HOST="127.0.0.1")  # ALLOWED_HOSTS is gunicorn's here
    scenarios = [Scenario(**fields) for fields in scenarios]
    for scenario in scenarios:
        for path in measured_paths(scenario, requests, "warm-up"):
            get_like_wrk(client, path, scenario.headers)
    connections.close_all()  # each child opens its own rather than share one socket
    counts = {}
    for scenario in scenarios:
        paths = measured_paths(scenario, requests, "measured")
        # Python's cyclic garbage collector runs after so many allocations; a full
        # collection costs as much as a few requests. Collecting now makes which ones
        # fall among the requests depend on their allocations alone, not on the run.
        gc.collect()
        idle = in_child(client, [], scenario.headers)
        busy = in_child(client, paths, scenario.headers)
        cost = cachegrind_total(Path(out) / str(busy)) - cachegrind_total(Path(out) / str(idle))
        counts[scenario.name] = cost / len(paths)
    return counts


def in_child(client, paths, headers):
    """Request `paths` in a forked child that then exits (count_instructions); its pid."""
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            # A gunicorn worker keeps one per alias (CONN_MAX_AGE): the primary, and the
            # replica with DATABASE_REPLICA_URL; opening one here would count its sign-in.
            for each in connections.all():
                each.ensure_connection()
            responses = [get_like_wrk(client, path, headers) for path in paths]
            status = 0 if all(response.status_code == 200 for response in responses) else 2
        except BaseException:
            traceback.print_exc()  # to stderr, which manage() shows
        finally:
            os._exit(status)  # no Python shutdown: nothing but the requests is counted
    _, status = os.waitpid(pid, 0)
    if status:
        code = os.waitstatus_to_exitcode(status)
        raise CommandError(f"A measured request failed or did not answer 200 ({code}).")
    return pid


def get_like_wrk(client, path, headers):
    client.cookies.clear()  # wrk sends no cookies (the test client keeps them)
    response = client.get(path, headers=headers)
    if response.streaming:
        # Read to the end, as wrk does: a streamed page (a sitemap) works as it is read.
        b"".join(response.streaming_content)
    return response


def cachegrind_total(path):
    """Instructions (Ir) in a cachegrind output file: the "summary:" line has a
    total for each event the "events:" line names, in that order."""
    lines = dict(
        line.split(":", 1)
        for line in path.read_text().splitlines()
        if line.startswith(("events:", "summary:"))
    )
    events, totals = lines["events"].split(), lines["summary"].split()
    return int(totals[events.index("Ir")])


def production_env(tmp):
    """gunicorn's environment: production settings, a throwaway key, loopback only,
    and static files collected into `tmp` rather than the checkout's staticfiles/."""
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "site_config.settings",
        "STATIC_ROOT": str(tmp / "static"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        # All load comes from one address: the API's per-IP throttle would answer
        # 429 within a second. Throttling is proven by the tests, not measured here.
        "API_ANON_RATE": "100000000/minute",
        "API_USER_RATE": "100000000/minute",
    }


def manage(arguments, env, data=None, wrapper=(), timeout=300):
    """Run a manage.py command with `env` (under `wrapper`, e.g. valgrind); return
    what it printed."""
    done = subprocess.run(  # noqa: S603 -- our own interpreter and arguments
        [*wrapper, sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        input=json.dumps(data) if data is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env, workers, log_path):
    """Run gunicorn on a free loopback port until the block ends, however it ends."""
    base_url = f"http://127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "gunicorn", "site_config.wsgi:application"]
    command += ["--bind", base_url.removeprefix("http://"), "--workers", str(workers)]
    command += ["--log-level", "info"]  # its recycling lines, which recycles() counts
    with open(log_path, "wb") as log:
        # Its own session: Ctrl-C reaches only us, and we stop it in order below.
        server = subprocess.Popen(  # noqa: S603 -- our own interpreter and arguments
            command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log, start_new_session=True
        )
    try:
        wait_for_health(server, base_url, log_path)
        yield base_url, server.pid  # its own session: the session id is its pid
    finally:
        server.terminate()  # SIGTERM: gunicorn finishes requests in flight, then exits
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def drain(base_url, workers, timeout=300):
    """Return once every worker is free: as many /healthz requests at once as there
    are workers, each queued behind whatever requests are still in flight."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        probes = [
            pool.submit(urllib.request.urlopen, f"{base_url}/healthz", timeout=timeout)
            for _ in range(workers)
        ]
        for probe in probes:
            probe.result().close()


def wait_for_health(server, base_url, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn exited early:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer /healthz in {timeout} s.")


def run_wrk(base_url, script, options):
    command = ["wrk", "--threads", str(options["threads"])]
    command += ["--connections", str(options["connections"])]
    command += ["--duration", f"{options['duration']}s", "--timeout", "10s"]
    command += ["--script", str(script), base_url]
    done = subprocess.run(  # noqa: S603 -- fixed program, our arguments
        command, capture_output=True, text=True, timeout=options["duration"] + 60, check=False
    )
    if done.returncode != 0:
        raise CommandError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return parse_wrk_result(done.stdout)
