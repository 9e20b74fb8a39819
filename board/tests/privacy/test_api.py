"""Export my data through REST and GraphQL: the same domain function as the site."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from board.privacy.models import DataExport
from board.tests.api.conftest import bearer
from board.tests.factories import EmployerFactory, SeekerFactory
from board.tests.privacy.people import resume_bytes, seeker_with_everything

pytestmark = pytest.mark.django_db


URL = "/api/v1/me/data-export/"


def ask(client, capture):
    with capture(execute=True):
        response = client.post(URL)
    assert response.status_code == 202, response.content
    return response.json()


class TestRest:
    def test_anonymous_gets_401(self):
        client = APIClient()
        assert client.get(URL).status_code == 401
        assert client.post(URL).status_code == 401
        assert not DataExport.objects.exists()

    def test_ask_poll_and_download_with_the_same_token(self, django_capture_on_commit_callbacks):
        seeker, _ = seeker_with_everything("ada")
        client = bearer(seeker)
        assert client.get(URL).json() == []
        created = ask(client, django_capture_on_commit_callbacks)
        assert created["status"] == "pending" and created["download_url"] is None
        [export] = client.get(URL).json()
        assert export["status"] == "ready" and export["size"] > 0
        assert export["id"] == created["id"]
        path = export["download_url"].split("://", 1)[1].split("/", 1)[1]
        response = client.get("/" + path)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "no-store" in response["Cache-Control"]
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        assert resume_bytes("ada-profile") in [archive.read(n) for n in archive.namelist()]

    def test_another_account_cannot_use_the_link(self, django_capture_on_commit_callbacks):
        seeker = SeekerFactory()
        export = ask(bearer(seeker), django_capture_on_commit_callbacks)
        link = bearer(seeker).get(URL).json()[0]["download_url"]
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]
        assert export["id"]
        for thief in (SeekerFactory(), EmployerFactory()):
            assert bearer(thief).get(path).status_code == 404
            assert bearer(thief).get(URL).json() == []  # nor see the export
        assert APIClient().get(path).status_code == 401

    def test_refusals_are_409_with_the_sites_words(self):
        client = bearer(SeekerFactory())
        assert client.post(URL).status_code == 202  # no commit: stays pending
        refused = client.post(URL)
        assert refused.status_code == 409
        assert "being prepared" in refused.json()["detail"]

    def test_an_expired_link_is_410(self, django_capture_on_commit_callbacks):
        seeker = SeekerFactory()
        client = bearer(seeker)
        ask(client, django_capture_on_commit_callbacks)
        link = client.get(URL).json()[0]["download_url"]
        DataExport.objects.update(expires=timezone.now() - timedelta(seconds=1))
        assert client.get(URL).json() == []
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]
        assert client.get(path).status_code == 410


MY_EXPORTS = "{ myDataExports { id status created expires size downloadUrl } }"
REQUEST = "mutation { requestDataExport { id status downloadUrl } }"


class TestGraphql:
    def test_anonymous_is_refused(self, gql):
        for query, field in ((MY_EXPORTS, "myDataExports"), (REQUEST, "requestDataExport")):
            answer = gql(query)
            assert answer["errors"][0]["message"] == "User is not authenticated."
            assert answer["data"] is None or answer["data"][field] is None
        assert not DataExport.objects.exists()

    def test_request_poll_and_download(self, gql, client, django_capture_on_commit_callbacks):
        seeker, _ = seeker_with_everything("ada")
        client.force_login(seeker)
        with django_capture_on_commit_callbacks(execute=True):
            answer = gql(REQUEST)
        assert "errors" not in answer, answer
        assert answer["data"]["requestDataExport"]["status"] == "PENDING"
        [export] = gql(MY_EXPORTS)["data"]["myDataExports"]
        assert export["status"] == "READY" and export["size"] > 0
        path = "/" + export["downloadUrl"].split("://", 1)[1].split("/", 1)[1]
        response = client.get(path)  # the same signed-in session
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
        assert "data.json" in archive.namelist()
        # Another account sees nothing and cannot use the link.
        client.force_login(SeekerFactory())
        assert gql(MY_EXPORTS)["data"]["myDataExports"] == []
        assert client.get(path).status_code == 404

    def test_a_second_request_while_pending_is_refused_in_the_sites_words(self, gql, client):
        client.force_login(EmployerFactory())
        assert "errors" not in gql(REQUEST)
        answer = gql(REQUEST)
        assert "being prepared" in answer["errors"][0]["message"]
        assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert DataExport.objects.count() == 1
