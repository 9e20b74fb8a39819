"""The site on a phone: a 390 × 844 viewport (an iPhone 12 to 15), most job seekers' screen.

Every page of the site, found in the URLconf, must fit the width (no sideways scrolling); the
search shows results first, with the filters behind a button; tables become cards; the menu
opens with and without JavaScript; a job page keeps Apply in reach.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    EmployerFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    SavedJobFactory,
    SeekerFactory,
    SeekerProfileFactory,
)

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Every page a person can open, by URL name → (who looks at it, which object it is about).
# "seeker" and "employer" are signed in; the objects come from the `site` fixture.
PAGES = {
    "home": (None, None),
    "job_list": (None, None),
    "for_employers": (None, None),
    "job_detail": (None, "job_with_slug"),
    "job_detail_short": (None, "job"),
    "company_detail": (None, "company"),
    "report_job": ("seeker", "job"),
    "my_applications": ("seeker", None),
    "my_application": ("seeker", "application"),
    "confirm_withdraw_application": ("seeker", "application"),
    "saved_jobs": ("seeker", None),
    "my_profile": ("seeker", None),
    "job_alerts": ("seeker", None),
    "alert_unsubscribe": (None, "unsubscribe_token"),
    "renew_job_by_link": (None, "renew_token"),
    "employer_dashboard": ("employer", None),
    "employer_company_create": ("new_employer", None),
    "employer_company": ("employer", None),
    "employer_team": ("employer", None),
    "employer_close_company": ("employer", None),
    "accept_invitation": ("new_employer", "invitation_token"),
    "employer_job_create": ("employer", None),
    "employer_job_edit": ("employer", "job"),
    "employer_job_preview": ("employer", "job"),
    "employer_job_close_confirm": ("employer", "job"),
    "employer_job_questions": ("employer", "job"),
    "employer_job_analytics": ("employer", "job"),
    "employer_job_reopen": ("employer", "job"),
    "employer_applicants": ("employer", "job"),
    "employer_application": ("employer", "application"),
    "employer_message_applicant": ("employer", "application"),
    "employer_message_templates": ("employer", None),
    "employer_message_template_create": ("employer", None),
    "employer_message_template_edit": ("employer", "message_template"),
    "account_login": (None, None),
    "account_signup": (None, None),
    "account_logout": ("seeker", None),
    "account_inactive": (None, None),
    "account_reauthenticate": ("seeker", None),
    "account_email": ("seeker", None),
    "account_email_verification_sent": (None, None),
    "account_change_password": ("seeker", None),
    "account_set_password": ("seeker", None),
    "account_reset_password": (None, None),
    "account_reset_password_done": (None, None),
    "account_reset_password_from_key_done": (None, None),
    "account_confirm_login_code": (None, None),
    # An unknown key still shows allauth's "this link is invalid" page.
    "account_confirm_email": (None, "email_key"),
    "account_reset_password_from_key": (None, "reset_key"),
    "account_data": ("seeker", None),
    # Two-factor sign-in (allauth.mfa); changes first ask for the password again.
    "mfa_index": ("seeker", None),
    "mfa_activate_totp": ("seeker", None),
    "mfa_add_webauthn": ("seeker", None),
    "mfa_list_webauthn": ("seeker", None),
    "mfa_reauthenticate": ("seeker", None),
    "account_sessions": ("seeker", None),
    "privacy": (None, None),
    "accessibility": (None, None),
    "delete_account": ("seeker", None),
}

# URLs that are not pages: machine formats, downloads and POST-only actions.
NOT_PAGES = {
    "set_theme",  # POST only: the theme switch (board/web/theme.py)
    "set_language",  # POST only: the language switch (board/web/language.py)
    "healthz",
    "readyz",  # JSON for probes (board/tests/ops/test_readyz.py)
    "metrics",  # Prometheus's text, behind a token (board/tests/ops/test_metrics.py)
    "job_feed",
    "robots_txt",
    "sitemap_index",
    "sitemap_section",
    "place_suggestions",  # a listbox fragment for the location box, tested in its own file
    "company_logo",
    "application_resume",
    "profile_resume",
    "graphql",
    "account_sign_out_everywhere",
    "account_sign_out_all",
    "account_end_session",
    "account_revoke_token",
    # allauth's own sessions page: its path redirects to ours (account_sessions).
    "usersessions_list",
    "allauth_sessions_redirect",
    "save_job",
    "unsave_job",
    "apply_to_job",
    "withdraw_application",
    "create_alert",
    "update_alert",
    "delete_alert",
    "employer_move_application",
    "employer_add_note",
    "employer_rate_application",
    "employer_export_job",  # a CSV download, tested in board/tests/applications/test_exports.py
    "employer_export_company",
    "employer_remove_member",
    "employer_revoke_invitation",
    "employer_description_preview",
    "employer_job_submit",
    "employer_job_close",
    "employer_job_renew",
    "employer_job_duplicate",
    "employer_job_delete",
    "employer_bulk_applicants",  # POST only; its pages (the rejection form, the report)
    "employer_message_template_delete",  # are in board/tests/browser/test_bulk_reject.py
    "employer_message_templates_suggested",
    "account_data_export",  # POST only; the export flow is board/tests/browser/test_data_export.py
    "account_data_download",  # a ZIP download, tested there too
    # Two-factor steps that need a second factor set up or a sign-in in progress: opened in
    # board/tests/browser/test_two_factor.py. Passkey sign-in and the dashboard's "Not now"
    # are POST only.
    "mfa_authenticate",
    "mfa_reauthenticate_webauthn",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_edit_webauthn",
    "mfa_remove_webauthn",
    "mfa_login_webauthn",
    "dismiss_two_factor_notice",
}

SKIPPED_PREFIXES = ("admin/", "api/")


def _url_names(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from _url_names(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield pattern.name


def test_every_page_is_checked_on_a_phone():
    """A new URL must be added to PAGES (with what it needs) or to NOT_PAGES."""
    names = set(_url_names(get_resolver().url_patterns))
    assert not PAGES.keys() & NOT_PAGES
    assert names == PAGES.keys() | NOT_PAGES


@pytest.fixture
def site():
    """A seeker who applied, saved a job and has an alert; a company with a job."""
    from django.utils import timezone

    from board.alerts.digests import unsubscribe_path
    from board.alerts.models import JobAlert
    from board.companies.invitations import make_token
    from board.jobs.maintenance import renew_path

    company = CompanyFactory(name="Northwind Labs", slug="northwind-labs")
    employer = MembershipFactory(company=company).user
    job = JobFactory(company=company, title="Senior Platform Engineer (Kubernetes, Go)")
    seeker = SeekerFactory()
    SeekerProfileFactory(user=seeker)
    application = ApplicationFactory(job=job, applicant=seeker, cover_letter="I build things.")
    for _ in range(3):
        ApplicationFactory(job=job, applicant=SeekerFactory(), cover_letter="Hello " * 40)
    SavedJobFactory(user=seeker, job=JobFactory(company=company))
    alert = JobAlert.objects.create(
        user=seeker, query="q=python&workplace=remote", high_water=timezone.now()
    )
    invitation = InvitationFactory(company=company, invited_by=employer)
    from board.applications.message_models import MessageTemplate

    template = MessageTemplate.objects.create(
        company=company, name="Invitation", subject="Interview", body="Dear {applicant_name}"
    )
    users = {"seeker": seeker, "employer": employer, "new_employer": EmployerFactory()}
    objects = {
        "job": [job.pk],
        "job_with_slug": [job.pk, job.slug],
        "company": [company.slug],
        "application": [application.pk],
        "unsubscribe_token": unsubscribe_path(alert),
        "renew_token": renew_path(job),
        "invitation_token": [make_token(invitation)],
        "email_key": ["not-a-real-key"],
        "reset_key": ["1", "not-a-real-key"],
        "message_template": [template.pk],
    }
    return users, objects


def sign_in(page, user, base_url):
    """Give the page's browser context a session for `user`, as logging in would."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def _path(name, site):
    kind = PAGES[name][1]
    objects = site[1]
    if kind is None:
        return reverse(name)
    if isinstance(objects[kind], str):
        return objects[kind]
    return reverse(name, args=objects[kind])


def _phone_page(open_page, live_server, site, name, **options):
    page = open_page(**PHONE, **options)
    role = PAGES[name][0]
    if role:
        sign_in(page, site[0][role], live_server.url)
    return page


SIDEWAYS = """() => {
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((el) => !el.closest(".visually-hidden, .offcanvas-lg, .navbar-collapse:not(.show)"))
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className)
    .slice(0, 5);
  return {scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, wide};
}"""

# Scroll boxes inside the page (.table-responsive): sideways scrolling all the same.
INNER_SCROLL = """() => [...document.querySelectorAll(".table-responsive, table")]
  .filter((el) => el.scrollWidth > el.clientWidth + 1)
  .map((el) => el.tagName.toLowerCase() + "." + el.className + " " + el.scrollWidth)"""


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(open_page, live_server, site, name):
    # With and without JavaScript in one test: the objects are made once (a browser test's
    # database is flushed after each test, which is most of its time).
    for javascript in (True, False):
        page = _phone_page(open_page, live_server, site, name, java_script_enabled=javascript)
        response = page.goto(_path(name, site))
        where = f"{name} at {page.url}, JavaScript {'on' if javascript else 'off'}"
        assert response.status < 400, f"{where}: {response.status}"
        found = page.evaluate(SIDEWAYS)
        assert found["scrollWidth"] <= found["width"], f"{where}: {found}"
        assert page.evaluate(INNER_SCROLL) == [], f"{where}: a table scrolls sideways"


def _first_card_top(page):
    return page.locator(".job-card").first.bounding_box()["y"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_first_job_is_on_the_first_screen(open_page, jobs, javascript):
    page = open_page(**PHONE, java_script_enabled=javascript)
    page.goto("/jobs/?workplace=remote&q=zephyr")
    top = _first_card_top(page)
    assert 0 <= top < 844 - 100, f"the first job starts at {top}px"
    # The active filters stay in sight above the results.
    expect(page.get_by_role("list", name="Active filters")).to_be_visible()


def test_filters_open_in_a_panel_that_counts_them(page, jobs):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/jobs/?workplace=remote&q=zephyr")
    search_words = page.get_by_label("Keywords")
    expect(search_words).not_to_be_visible()
    button = page.get_by_role("button", name="Filters (2)")
    button.click()
    expect(search_words).to_be_visible()
    page.get_by_label("Full-time").check()
    expect(page.get_by_role("button", name="Filters (3)")).to_be_attached()
    page.get_by_role("button", name="Close filters").click()
    expect(search_words).not_to_be_visible()
    # Searching from the panel closes it, to show the new results.
    page.get_by_role("button", name="Filters (3)").click()
    search_words.fill("platform")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(search_words).not_to_be_visible()
    expect(page.get_by_role("button", name="Filters (3)")).to_be_visible()


def test_filters_without_javascript_are_a_tap_away(no_js_page, jobs):
    no_js_page.set_viewport_size({"width": 390, "height": 844})
    no_js_page.goto("/jobs/?workplace=remote")
    no_js_page.get_by_role("button", name="Filters (1)").click()
    keywords = no_js_page.get_by_label("Keywords")
    expect(keywords).to_be_in_viewport()
    keywords.fill("zephyr")
    no_js_page.get_by_role("button", name="Search").click()
    expect(no_js_page.get_by_role("heading", name="1 job", exact=True)).to_be_visible()


def test_wide_screens_keep_the_filters_beside_the_results(page, jobs):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/jobs/")
    expect(page.get_by_label("Keywords")).to_be_visible()
    expect(page.get_by_role("button", name="Filters (0)")).not_to_be_visible()


@pytest.mark.parametrize("name", ["my_applications", "employer_applicants"])
def test_tables_become_labelled_cards(open_page, live_server, site, name):
    page = _phone_page(open_page, live_server, site, name)
    page.goto(_path(name, site))
    cell = page.locator("tbody td[data-label]").first
    label = page.evaluate("(el) => getComputedStyle(el, '::before').content", cell.element_handle())
    assert label.strip('"') == cell.get_attribute("data-label")
    assert page.evaluate(INNER_SCROLL) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_menu_opens_on_a_phone(open_page, live_server, javascript):
    page = open_page(**PHONE, java_script_enabled=javascript)
    page.goto("/")
    find_jobs = page.get_by_role("navigation", name="Main").get_by_role("link", name="Find jobs")
    expect(find_jobs).not_to_be_visible()
    toggler = page.get_by_role("button", name="Toggle navigation")
    expect(toggler).to_have_attribute("aria-expanded", "false")
    toggler.click()
    expect(find_jobs).to_be_visible()
    find_jobs.click()
    expect(page).to_have_url(f"{live_server.url}/jobs/")


def test_apply_stays_in_reach_on_a_job_page(open_page, live_server, site):
    from board.jobs.models import Job

    job = Job.objects.get(pk=site[1]["job"][0])
    job.description = "\n\n".join(["A long paragraph about the work. " * 12] * 12)
    job.save()
    page = _phone_page(open_page, live_server, site, "job_detail")
    page.goto(_path("job_detail", site))
    bar = page.locator(".apply-bar")
    expect(bar).to_be_in_viewport()
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(844, abs=1)
    # The bar never hides the end of the page: scrolled to the bottom, the footer is clear of it.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    footer = page.locator("footer").bounding_box()
    assert footer["y"] + footer["height"] <= page.locator(".apply-bar").bounding_box()["y"] + 1
    bar.get_by_role("link", name="Apply").click()
    expect(page.locator("#apply-panel")).to_be_in_viewport()
    # On a wide screen the Apply panel is beside the description: no bar.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(bar).not_to_be_visible()
