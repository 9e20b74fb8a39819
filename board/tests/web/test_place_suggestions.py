"""The location box: /places/suggest and the combobox markup on /jobs/."""

import pytest
from django.urls import reverse

from board.tests.places.factories import make_places, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return make_places()


def _suggest(client, text, **headers):
    return client.get(reverse("place_suggestions"), {"location": text}, **headers)


def test_suggests_places_most_populous_first(client, places):
    response = _suggest(client, "pa", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="option"') == 2
    assert html.index("Paris, France") < html.index("Paris, Texas, United States")
    assert 'data-value="Paris, France"' in html
    assert {"public", "max-age=3600"} == set(response["Cache-Control"].split(", "))


def test_an_alias_finds_its_place(client, places):
    assert "Lisbon, Portugal" in _suggest(client, "Lisboa").content.decode()
    assert "New York City" in _suggest(client, "nyc").content.decode()
    assert "United Kingdom" in _suggest(client, "UK").content.decode()


def test_remote_is_offered_when_it_fits_what_is_typed(client, places):
    html = _suggest(client, "rem").content.decode()
    assert 'data-value="Remote"' in html
    assert 'data-value="Remote"' not in _suggest(client, "lis").content.decode()


@pytest.mark.parametrize("text", ["", "p", "zzzz", "x" * 10_000, "\x00", "'; DROP TABLE x; --"])
def test_odd_text_gives_no_options_and_no_error(client, places, text):
    response = _suggest(client, text)
    assert response.status_code == 200
    assert 'role="option"' not in response.content.decode()


def test_escapes_place_names(client, places):
    place("Pa<script>alert(1)</script>", country_code="FR", population=1)
    html = _suggest(client, "pa").content.decode()
    assert "<script>" not in html
    assert "Pa&lt;script&gt;" in html


def test_post_is_refused(client):
    assert client.post(reverse("place_suggestions"), {"location": "pa"}).status_code == 405


def test_the_location_box_is_a_combobox(client):
    html = client.get(reverse("job_list")).content.decode()
    start = html.index('name="location"')
    box = html[html.rindex("<input", 0, start) : html.index(">", start)]
    for attribute in (
        'role="combobox"',
        'aria-autocomplete="list"',
        'aria-expanded="false"',
        'aria-controls="id_location_listbox"',
        'autocomplete="off"',
        f'hx-get="{reverse("place_suggestions")}"',
        'hx-target="#id_location_listbox"',
        'hx-push-url="false"',
    ):
        assert attribute in box
    assert '<ul id="id_location_listbox" role="listbox"' in html
    assert "js/place-combobox.js" in html


def test_for_a_job_only_places_a_job_can_be_in(client, places):
    # The job form refuses "Remote" and areas as a job's location (board/jobs/locations.py):
    # its suggestions do not offer them.
    for_search = client.get(reverse("place_suggestions"), {"location": "eu"}).content.decode()
    assert "European Union" in for_search
    for_job = client.get(reverse("place_suggestions"), {"location": "eu", "for": "job"})
    assert "European Union" not in for_job.content.decode()
    remote = client.get(reverse("place_suggestions"), {"location": "rem", "for": "job"})
    assert 'data-value="Remote"' not in remote.content.decode()
    lisbon = client.get(reverse("place_suggestions"), {"location": "Lisboa", "for": "job"})
    assert 'data-value="Lisbon, Portugal"' in lisbon.content.decode()


def test_the_job_form_offers_the_location_adder_outside_the_form(client, employer):
    client.force_login(employer)
    html = client.get(reverse("employer_job_create")).content.decode()
    # Hidden until the script shows it, and owned by no form: never posted with the job.
    assert 'data-combobox-adds-to="id_locations"' in html
    assert 'form="location-adder-only"' in html
    assert 'id="location-adder-only"' not in html
    assert "data-needs-js hidden" in html
