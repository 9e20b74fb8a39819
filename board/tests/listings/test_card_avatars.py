"""Company avatars (templatetags/look_tags.py) on job cards, job pages and company pages:
the logo when it may be shown, else the initial on a colour of the name; on cards, at no
query of their own and never stale in the card cache (board/listings/cards.py)."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.scanning.uploads import ScanStatus
from board.templatetags.look_tags import avatar_colour, initial
from board.tests.factories import CompanyFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

JOBS = reverse("job_list")
CARD = re.compile(r'<article class="card job-card.*?</article>', re.S)
LOGO_IMG = re.compile(r'<img class="avatar avatar-(\w+)" src="([^"]+)"[^>]*>')
INITIAL = re.compile(
    r'<span class="avatar avatar-\w+ avatar-initial (avatar-c\d)" aria-hidden="true">(.)</span>'
)


@pytest.fixture(autouse=True)
def _process_memory_cache(settings):
    settings.PRODUCTION, settings.REDIS_URL = True, ""  # no listing cache: cards render
    caches["fragments"].clear()


def card_html(client):
    found = CARD.findall(client.get(JOBS).text)
    assert len(found) == 1, found
    return found[0]


def test_a_company_without_a_logo_has_its_initial(client):
    JobFactory(company__name="élan vital")
    card = card_html(client)
    assert not LOGO_IMG.search(card)
    colour, letter = INITIAL.search(card).groups()
    assert letter == "É" and colour == avatar_colour("élan vital")


def test_a_logo_is_a_fixed_size_lazy_image_whose_url_changes_with_it(client):
    JobFactory(company=CompanyFactory(slug="acme", logo="logos/0af1.webp"))
    card = card_html(client)
    img = LOGO_IMG.search(card)
    assert img.groups() == ("sm", "/companies/acme/logo/?v=0af1")
    tag = img.group(0)
    assert 'width="40" height="40"' in tag and 'loading="lazy"' in tag and 'alt=""' in tag
    assert not INITIAL.search(card)


@pytest.mark.parametrize("status", [ScanStatus.QUARANTINED, ScanStatus.INFECTED])
def test_a_logo_that_may_not_be_shown_is_an_initial(client, status):
    JobFactory(company=CompanyFactory(slug="acme", logo="logos/0af1.webp", logo_scan=status))
    card = card_html(client)
    assert not LOGO_IMG.search(card) and INITIAL.search(card)


def test_a_new_logo_or_none_reaches_the_cached_card_at_once(client):
    company = CompanyFactory(slug="acme", logo="logos/first.webp")
    JobFactory(company=company)
    assert "?v=first" in card_html(client)
    # As the company form saves a new logo (a bulk update would not bump anything either).
    type(company).objects.filter(pk=company.pk).update(logo="logos/second.webp")
    assert "?v=second" in card_html(client)
    type(company).objects.filter(pk=company.pk).update(logo="")
    assert INITIAL.search(card_html(client))
    type(company).objects.filter(pk=company.pk).update(
        logo="logos/third.webp", logo_scan=ScanStatus.QUARANTINED
    )
    assert not LOGO_IMG.search(card_html(client))


def _companies_with_jobs(count):
    for n in range(count):
        logo = f"logos/l{n}.webp" if n % 2 else ""
        JobFactory(company=CompanyFactory(logo=logo))


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "seeker"])
@pytest.mark.parametrize("path", ["/", JOBS], ids=["home", "search"])
def test_avatars_cost_no_query_per_card(client, django_assert_num_queries, signed_in, path):
    if signed_in:
        client.force_login(SeekerFactory())
    _companies_with_jobs(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    caches["fragments"].clear()
    _companies_with_jobs(10)
    with django_assert_num_queries(len(few)):
        body = client.get(path).text
    # Every card has one: half logos, half initials.
    assert len(LOGO_IMG.findall(body)) == len(INITIAL.findall(body)) >= 5


def test_job_and_company_pages_show_the_avatar(client):
    company = CompanyFactory(slug="acme", name="Acme", logo="logos/abc.webp")
    job = JobFactory(company=company)
    page = client.get(job.get_absolute_url()).text
    assert LOGO_IMG.findall(page)[:1] == [("md", "/companies/acme/logo/?v=abc")]
    assert 'loading="lazy"' not in LOGO_IMG.search(page).group(0)  # at the top: load at once
    plain = CompanyFactory(slug="plain", name="plain co")
    JobFactory(company=plain)
    header = client.get(plain.get_absolute_url()).text
    assert re.search(r'avatar-lg avatar-initial avatar-c\d" aria-hidden="true">P<', header)


def test_initial_and_colour():
    assert initial("  42 Labs") == "4" and initial("") == "?" and initial("—") == "?"
    assert avatar_colour("Acme") == avatar_colour("Acme")
    # The colours are spread: eight names, more than one colour.
    assert len({avatar_colour(f"Company {n}") for n in range(8)}) > 3
