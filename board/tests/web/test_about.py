"""The privacy page and the accessibility statement: what they say follows the settings,
they cost no query, and every page links to them."""

import pytest
from django.urls import reverse

from board.tests.factories import SeekerFactory

pytestmark = pytest.mark.django_db

PRIVACY, ACCESSIBILITY = reverse("privacy"), reverse("accessibility")


def _text(response):
    return " ".join(response.content.decode().split())


def test_the_privacy_page_states_the_configured_periods(client):
    text = _text(client.get(PRIVACY))
    assert "deleted <strong>6 months</strong> after the job" in text
    assert "for <strong>730 days</strong> is anonymised" in text
    assert "<strong>30 days</strong> before; signing in cancels it" in text
    assert "works for <strong>72 hours</strong>" in text


def test_the_privacy_page_follows_an_operators_changes(client, settings):
    settings.RETENTION_DOCUMENT_MONTHS = 1
    settings.RETENTION_INACTIVE_ACCOUNT_DAYS = 365
    settings.RETENTION_NOTICE_DAYS = 14
    settings.DATA_EXPORT_LINK_HOURS = 24
    text = _text(client.get(PRIVACY))
    assert "deleted <strong>1 month</strong> after the job" in text
    assert "for <strong>365 days</strong> is anonymised" in text
    assert "<strong>14 days</strong> before; signing in cancels it" in text
    assert "works for <strong>24 hours</strong>" in text
    assert "730 days" not in text and "72 hours" not in text


def test_the_privacy_page_says_what_is_collected_and_how_to_leave(client):
    text = _text(client.get(PRIVACY))
    for subject in ["Applications", "Sessions and devices", "Listing analytics", "Reports"]:
        assert f"<dt>{subject}</dt>" in text
    assert "IP address" in text and "no IP address" in text  # sessions keep it; analytics do not
    assert (
        "The ratings and private notes an employer keeps about an applicant are the "
        "employer's records, not part of a seeker's data export." in text
    )
    assert f'href="{reverse("account_data")}"' in text
    assert f'href="{reverse("delete_account")}"' in text
    assert f'href="{reverse("account_sessions")}"' in text


@pytest.mark.parametrize("path", [PRIVACY, ACCESSIBILITY])
def test_the_pages_cost_no_query_and_may_be_kept_by_the_browser(
    client, path, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=3600"}


@pytest.mark.parametrize("path", [PRIVACY, ACCESSIBILITY])
def test_the_pages_refuse_a_post(client, path):
    assert client.post(path).status_code == 405


def test_the_accessibility_statement(client):
    text = _text(client.get(ACCESSIBILITY))
    assert "WCAG) 2.2</a> at level AA" in text
    for heading in ["What we aim at", "How we test it", "Known issues", "Report a problem"]:
        assert heading in text


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_to_both_in_its_footer(client, signed_in):
    if signed_in:
        client.force_login(SeekerFactory())
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index("<footer") :]
    assert f'href="{PRIVACY}"' in footer and f'href="{ACCESSIBILITY}"' in footer
