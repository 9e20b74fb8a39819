"""Browser tests: a real headless Chromium, driven by Playwright, against pytest-django's
live server.

Every page a test opens is watched: a console error, an uncaught script error or a Content
Security Policy violation anywhere fails the test at teardown, even when its assertions passed.

No browser is downloaded: we drive the system Chromium (`CHROMIUM_PATH`, default
/usr/bin/chromium). Without it the tests are skipped, unless `REQUIRE_BROWSER=1` (CI) makes
that an error.
"""

import os
import shutil

import pytest

REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    # The test modules skip themselves (pytest.importorskip); CI must not skip silently.
    if REQUIRE_BROWSER:
        raise
    sync_playwright = None

CHROMIUM_ARGS = [
    "--no-sandbox",  # tests may run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    # Without these Chromium phones Google at start-up, which fails offline and logs errors.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Chromium reports each violation twice: a console error ("... violates the following Content
# Security Policy directive ...") and a `securitypolicyviolation` DOM event. We listen to both.
# The listener is an init script, which the browser injects itself: the page's CSP cannot
# block it, and it runs before any of the page's own scripts.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}`,
    sample: event.sample,
  });
}, true);
"""


# Known bugs the watcher tolerates so that other tests can still check their own behaviour.
# Each has a strict xfail test that fails once the bug is fixed: then delete the entry here.
KNOWN_CONSOLE_ERRORS = {}


def _chromium_executable():
    """The Chromium to drive, or None. `shutil.which` accepts a name or a path."""
    return shutil.which(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")


def _browser_unavailable(reason):
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason}; REQUIRE_BROWSER=1 forbids skipping", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all browser tests; each test gets fresh contexts (see `open_page`).

    Package scope rather than session: Playwright's sync API keeps an asyncio loop running in
    the main thread, which makes Django refuse database access there ("You cannot call this
    from an async context") unless DJANGO_ALLOW_ASYNC_UNSAFE is set. Test code is synchronous,
    so we allow it, but only while the browser tests run: the rest of the suite keeps Django's
    guard and never sees the loop.
    """
    if sync_playwright is None:
        _browser_unavailable("Playwright is not installed (pip install -r requirements-dev.txt)")
    executable = _chromium_executable()
    if executable is None:
        _browser_unavailable(
            "Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH"
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageProblems:
    """What went wrong in the pages of one test, as readable lines."""

    def __init__(self):
        self.console_errors = []
        self.page_errors = []
        self.csp_violations = []

    def watch(self, context):
        context.on("console", self._on_console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))
        context.expose_binding(
            "__reportCspViolation",
            lambda source, violation: self.csp_violations.append(
                f"{source['frame'].url}: {violation}"
            ),
        )
        context.add_init_script(CSP_LISTENER)

    def _on_console(self, message):
        if message.type != "error":
            return
        where = message.location.get("url", "")
        if any(
            where.endswith(path) and message.text.startswith(text)
            for path, text in KNOWN_CONSOLE_ERRORS.items()
        ):
            return
        line = f"{where}:{message.location.get('lineNumber', '?')}: {message.text}"
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"console: {line}")
        else:
            self.console_errors.append(line)

    def report(self):
        sections = [
            ("console errors", self.console_errors),
            ("uncaught page errors", self.page_errors),
            ("CSP violations", self.csp_violations),
        ]
        return "\n".join(
            f"{title}:\n" + "\n".join(f"  - {item}" for item in items)
            for title, items in sections
            if items
        )


@pytest.fixture
def open_page(browser, live_server):
    """Open a page in a fresh browser context (`open_page(java_script_enabled=False)`...).

    Relative URLs go to the live server. At teardown the test fails if any page it opened
    logged a console error, threw an uncaught error or violated the CSP.
    """
    problems = PageProblems()
    contexts = []

    def open_page(**context_options):
        # Without motion, Bootstrap's colour transitions (a button hovered just after an
        # htmx swap) are not caught half-way by an accessibility check's contrast rule.
        context_options.setdefault("reduced_motion", "reduce")
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(10_000)
        problems.watch(context)
        contexts.append(context)
        return context.new_page()

    yield open_page

    for context in contexts:
        for page in context.pages:
            if not page.is_closed():
                # A round trip, so that events the page sent just before the test ended
                # (a late console error, a violation report) are delivered first.
                page.title()
        context.close()
    if report := problems.report():
        pytest.fail(f"The browser reported problems:\n{report}", pytrace=False)


@pytest.fixture
def page(open_page):
    """A page with JavaScript, in a context that enforces the site's CSP as a real browser does."""
    return open_page()


@pytest.fixture
def no_js_page(open_page):
    """A page in a browser with JavaScript turned off: the site must still work."""
    return open_page(java_script_enabled=False)


ZEPHYR_TITLES = ["Zephyr Platform Engineer", "Zephyr Data Scientist", "Zephyr Support Lead"]


@pytest.fixture
def jobs():
    """25 open jobs, one and a bit pages of results. Three have "Zephyr" in the title, and
    five are remote, one of them a Zephyr job."""
    from datetime import timedelta

    from django.utils import timezone

    from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

    now = timezone.now()
    category = CategoryFactory(name="Software Engineering", slug="software-engineering")
    company = CompanyFactory(name="Northwind Labs", slug="northwind-labs")
    created = []
    for n in range(25):
        zephyr = n < len(ZEPHYR_TITLES)
        created.append(
            JobFactory(
                title=ZEPHYR_TITLES[n] if zephyr else f"Backend Developer {n}",
                company=company,
                category=category,
                workplace="remote" if n in (0, 10, 15, 20, 24) else "on_site",
                # Newest first: job 0 is the newest, and every job has its own place.
                published_at=now - timedelta(hours=n + 1),
            )
        )
    return created
