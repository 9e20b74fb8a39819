"""Our look in a real browser (issue 19): the theme switch, Save/Saved states and the
pages' accessibility in both themes, at a phone's size (390x844) and a desktop's."""

import re

import pytest

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
LIGHT_BG, DARK_BG = "rgb(255, 255, 255)", "rgb(18, 24, 31)"


def sign_in(page, user, base_url):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def background(page, selector="body"):
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def theme_button(page, name):
    return page.get_by_role("group", name="Theme").get_by_role("button", name=name, exact=True)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_theme_follows_the_system_until_chosen_and_is_remembered(
    open_page, jobs, size, javascript
):
    page = open_page(color_scheme="dark", java_script_enabled=javascript, **size)
    page.goto("/jobs/?q=zephyr")
    # By default: the system's setting, here dark, from the first paint (no script involved).
    assert background(page) == DARK_BG
    expect(theme_button(page, "System")).to_have_attribute("aria-pressed", "true")

    theme_button(page, "Light").click()

    expect(page).to_have_url(re.compile(r"/jobs/\?q=zephyr$"))  # back where we were
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")
    assert background(page) == LIGHT_BG
    expect(theme_button(page, "Light")).to_have_attribute("aria-pressed", "true")
    expect(theme_button(page, "System")).to_have_attribute("aria-pressed", "false")

    page.goto("/")  # remembered on the next page
    assert background(page) == LIGHT_BG

    theme_button(page, "Dark").click()
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    assert background(page) == DARK_BG

    theme_button(page, "System").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "system")
    page.emulate_media(color_scheme="light")  # the system changes its mind: so do we
    assert background(page) == LIGHT_BG


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_save_and_saved_look_different_even_when_focused(
    open_page, live_server, jobs, size, scheme
):
    from board.tests.factories import SeekerFactory

    page = open_page(color_scheme=scheme, **size)
    sign_in(page, SeekerFactory(), live_server.url)
    page.goto(jobs[0].get_absolute_url())
    header = page.locator("article header")
    save = header.get_by_role("button", name=f"Save {jobs[0].title}")
    expect(save).to_have_attribute("aria-pressed", "false")
    expect(save).to_contain_text("☆")

    save.focus()  # a focused Save: a ring, not the look of Saved
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(save).to_be_focused()
    focused = save.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.backgroundColor, s.outlineStyle, s.outlineWidth]; }"
    )
    assert focused[1:] == ["solid", "3px"], focused

    save.press("Enter")

    saved = header.get_by_role("button", name=re.compile(rf"^Saved\b.*{jobs[0].title}"))
    expect(saved).to_have_attribute("aria-pressed", "true")
    expect(saved).to_contain_text("★")
    page.mouse.move(0, 0)
    page.locator("h1").click()  # neither hovered nor focused
    saved_background = saved.evaluate("el => getComputedStyle(el).backgroundColor")
    assert saved_background != focused[0], (saved_background, focused[0])
    assert saved.evaluate("el => getComputedStyle(el).fontWeight") == "600"

    # Nothing jumps: the button keeps its row and the title keeps its place.
    box = saved.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"]


@pytest.mark.parametrize("size", SIZES)
def test_job_cards_show_avatars_that_never_make_the_card_jump(open_page, jobs, size):
    page = open_page(**size)
    page.goto("/jobs/")
    avatar = page.locator(".job-card .avatar").first
    expect(avatar).to_be_visible()
    box = avatar.bounding_box()
    assert 30 <= box["width"] == box["height"] <= 40
    # The title leads the card: larger than the facts under it.
    sizes = page.locator(".job-card").first.evaluate(
        """card => [card.querySelector('.job-card-title'), card.querySelector('.meta-list')]
            .map(el => parseFloat(getComputedStyle(el).fontSize))"""
    )
    assert sizes[0] > sizes[1]


def test_headings_in_a_job_ad_are_well_below_its_title(page, live_server):
    from board.tests.factories import JobFactory

    job = JobFactory(description="# Responsibilities\n\nBuild.\n\n## Skills\n\nPython.")
    page.goto(job.get_absolute_url())
    title = page.locator("h1.job-title").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    inside = page.locator(".job-description :is(h1, h2, h3)").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert inside and all(size <= title * 0.65 for size in inside), (title, inside)


@pytest.fixture
def site():
    """A seeker with an application and nothing saved; a company with a job and
    applicants; a company page; an employer with no job (the empty dashboard)."""
    from board.tests.factories import (
        ApplicationFactory,
        CompanyFactory,
        EmployerFactory,
        JobFactory,
        MembershipFactory,
        SeekerFactory,
    )

    company = CompanyFactory(name="Northwind Labs", slug="northwind-labs", verified=True)
    employer = MembershipFactory(company=company).user
    job = JobFactory(company=company, title="Senior Platform Engineer")
    seeker = SeekerFactory()
    ApplicationFactory(job=job, applicant=seeker)
    ApplicationFactory(job=job, status="interviewing")
    empty_job = JobFactory(company=company, title="Nobody Applied Yet")
    newcomer = MembershipFactory(company=CompanyFactory(name="Quiet Co")).user
    return {
        "seeker": seeker,
        "fresh_seeker": SeekerFactory(),
        "employer": employer,
        "newcomer": newcomer,
        "job": job,
        "empty_job": empty_job,
        "company": company,
        "other": EmployerFactory(),
    }


PAGES = [
    pytest.param("seeker", lambda s: "/me/", id="my-applications"),
    pytest.param("fresh_seeker", lambda s: "/me/saved/", id="no-saved-jobs"),
    pytest.param("fresh_seeker", lambda s: "/me/", id="no-applications"),
    pytest.param("employer", lambda s: "/employer/", id="dashboard"),
    pytest.param("newcomer", lambda s: "/employer/", id="empty-dashboard"),
    pytest.param("employer", lambda s: f"/employer/jobs/{s['job'].pk}/applicants/", id="pipeline"),
    pytest.param(
        "employer", lambda s: f"/employer/jobs/{s['empty_job'].pk}/applicants/", id="empty-pipeline"
    ),
    pytest.param(None, lambda s: s["company"].get_absolute_url(), id="company"),
]


@pytest.mark.parametrize(("role", "path"), PAGES)
@pytest.mark.parametrize(
    "theme", ["light", "dark", "system-dark"], ids=["light", "dark", "system-dark"]
)
def test_pages_have_no_serious_violations_in_every_theme(
    open_page, live_server, site, role, path, theme
):
    from board.tests.browser.test_accessibility import serious_violations

    page = open_page(color_scheme="dark" if theme == "system-dark" else "light")
    if theme != "system-dark":  # chosen with the switch: the cookie it sets
        page.context.add_cookies([{"name": "theme", "value": theme, "url": live_server.url}])
    if role:
        sign_in(page, site[role], live_server.url)
    response = page.goto(path(site))
    assert response.status == 200
    expected = DARK_BG if "dark" in theme else LIGHT_BG
    assert background(page) == expected

    assert not (report := serious_violations(page)), report


@pytest.mark.parametrize(
    ("role", "path", "action"),
    [
        ("fresh_seeker", "/me/saved/", "Find jobs"),
        ("fresh_seeker", "/me/", "Find jobs"),
        ("newcomer", "/employer/", "Post your first job"),
    ],
)
def test_empty_states_offer_the_next_step(open_page, live_server, site, role, path, action):
    page = open_page(**PHONE)
    sign_in(page, site[role], live_server.url)
    page.goto(path)
    empty = page.locator("[data-empty-state]")
    expect(empty).to_be_visible()
    expect(empty.get_by_role("link", name=action)).to_be_visible()
