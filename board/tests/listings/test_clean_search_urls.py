"""Shared and bookmarked search URLs carry only the fields that are set."""

import pytest
from django.urls import reverse

from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

URL = reverse("job_list")


def test_an_empty_form_submit_lands_on_the_clean_url(client):
    response = client.get(
        URL + "?q=python&location=&category=&workplace=remote&workplace=hybrid&salary_min=&page=2"
    )
    assert response.status_code == 302
    assert response["Location"] == URL + "?q=python&workplace=remote&workplace=hybrid&page=2"


def test_nothing_set_is_the_bare_list(client):
    response = client.get(URL + "?q=&location=+&sort=")
    assert (response.status_code, response["Location"]) == (302, URL)


def test_a_clean_url_is_served_as_it_is(client):
    JobFactory(title="Python developer")
    response = client.get(URL + "?q=python&workplace=remote")
    assert response.status_code == 200
    assert client.get(URL).status_code == 200


def test_htmx_pushes_the_clean_url(client):
    JobFactory(title="Python developer")
    response = client.get(
        URL + "?q=python&location=&category=",
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == URL + "?q=python"
    response = client.get(URL + "?q=&location=", headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == URL


def test_a_history_restore_gets_the_page_without_a_push(client):
    response = client.get(
        URL + "?q=python", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert response.status_code == 200
    assert "HX-Push-Url" not in response
