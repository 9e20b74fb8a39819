"""The "Your data" page, asking for an export, and the signed download."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from board.privacy import exports
from board.privacy.models import DataExport
from board.tests.factories import EmployerFactory, MembershipFactory, SeekerFactory
from board.tests.privacy.people import seeker_with_everything

pytestmark = pytest.mark.django_db

PAGE = reverse("account_data")
REQUEST = reverse("account_data_export")


def ready_export(user, capture):
    with capture(execute=True):
        export = exports.request_export(user)
    export.refresh_from_db()
    return export


def zip_of(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


class TestPage:
    def test_anonymous_is_sent_to_sign_in(self, client):
        for response in (client.get(PAGE), client.post(REQUEST)):
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))
        assert not DataExport.objects.exists()

    def test_the_account_page_links_to_it(self, client):
        client.force_login(SeekerFactory())
        assert PAGE in client.get(reverse("account_email")).content.decode()

    def test_an_empty_page_offers_the_button(self, client):
        client.force_login(SeekerFactory())
        response = client.get(PAGE)
        assert response.status_code == 200
        assert 'data-export-status="none"' in response.content.decode()
        assert REQUEST in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    def test_requesting_is_post_only(self, client):
        client.force_login(SeekerFactory())
        assert client.get(REQUEST).status_code == 405
        assert not DataExport.objects.exists()

    @pytest.mark.parametrize("factory", [SeekerFactory, EmployerFactory])
    def test_a_request_builds_it_and_the_page_shows_the_link(
        self, client, factory, django_capture_on_commit_callbacks, mailoutbox
    ):
        user = factory()
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(REQUEST, follow=True)
        assert "preparing your export" in response.content.decode()
        export = DataExport.objects.get(user=user)
        page = client.get(PAGE).content.decode()
        assert 'data-export-status="ready"' in page
        assert exports.download_link(export) in page
        assert REQUEST in page  # a new one may be asked for (after the hour)
        assert len(mailoutbox) == 1

    def test_a_second_click_while_pending_says_so(self, client):
        user = SeekerFactory()
        client.force_login(user)
        client.post(REQUEST)  # no commit callbacks run: it stays pending
        response = client.post(REQUEST, follow=True)
        assert "Your export is being prepared" in response.content.decode()
        assert DataExport.objects.filter(user=user).count() == 1
        assert 'data-export-status="pending"' in client.get(PAGE).content.decode()

    def test_a_second_request_within_the_hour_says_when(
        self, client, django_capture_on_commit_callbacks
    ):
        user = SeekerFactory()
        ready_export(user, django_capture_on_commit_callbacks)
        client.force_login(user)
        response = client.post(REQUEST, follow=True)
        assert "less than an hour ago" in response.content.decode()
        assert DataExport.objects.filter(user=user).count() == 1


class TestDownload:
    def test_the_owner_downloads_a_private_zip(self, client, django_capture_on_commit_callbacks):
        seeker, _ = seeker_with_everything("ada")
        export = ready_export(seeker, django_capture_on_commit_callbacks)
        client.force_login(seeker)
        response = client.get(exports.download_link(export))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert "data.json" in zip_of(response).namelist()

    def test_anonymous_is_sent_to_sign_in(self, client, django_capture_on_commit_callbacks):
        export = ready_export(SeekerFactory(), django_capture_on_commit_callbacks)
        response = client.get(exports.download_link(export))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    @pytest.mark.parametrize(
        "thief",
        [
            SeekerFactory,
            EmployerFactory,
            lambda: MembershipFactory().user,
            lambda: SeekerFactory(is_staff=True, is_superuser=True),
        ],
    )
    def test_a_stolen_link_is_no_use_to_anyone_else(
        self, client, thief, django_capture_on_commit_callbacks
    ):
        export = ready_export(SeekerFactory(), django_capture_on_commit_callbacks)
        client.force_login(thief())
        assert client.get(exports.download_link(export)).status_code == 404
        assert client.head(exports.download_link(export)).status_code == 404

    def test_a_forged_or_altered_link_is_404(self, client, django_capture_on_commit_callbacks):
        owner = SeekerFactory()
        export = ready_export(owner, django_capture_on_commit_callbacks)
        client.force_login(owner)
        link = exports.download_link(export)
        assert client.get(link.replace("/download/", "/download/x")).status_code == 404
        assert client.get(reverse("account_data_download", args=["nonsense"])).status_code == 404

    def test_post_is_refused(self, client, django_capture_on_commit_callbacks):
        owner = SeekerFactory()
        export = ready_export(owner, django_capture_on_commit_callbacks)
        client.force_login(owner)
        assert client.post(exports.download_link(export)).status_code == 405

    def test_after_expiry_the_link_is_refused_and_the_page_says_so(
        self, client, django_capture_on_commit_callbacks
    ):
        owner = SeekerFactory()
        export = ready_export(owner, django_capture_on_commit_callbacks)
        link = exports.download_link(export)
        DataExport.objects.update(expires=timezone.now() - timedelta(seconds=1))
        client.force_login(owner)
        response = client.get(link, follow=True)
        assert response.redirect_chain[-1][0] == PAGE
        assert "That download link has expired" in response.content.decode()
        assert 'data-export-status="none"' in response.content.decode()
        exports.delete_expired()
        assert client.get(link).status_code == 302  # gone: still "expired", never a 500

    def test_a_link_older_than_its_lifetime_is_refused_even_if_the_row_lives(
        self, client, settings, django_capture_on_commit_callbacks
    ):
        owner = SeekerFactory()
        export = ready_export(owner, django_capture_on_commit_callbacks)
        link = exports.download_link(export)
        settings.DATA_EXPORT_LINK_HOURS = -2  # every signature is now too old
        client.force_login(owner)
        assert client.get(link).status_code == 302


def test_staff_see_exports_in_the_admin_but_not_the_file(
    admin_client, django_capture_on_commit_callbacks
):
    export = ready_export(SeekerFactory(), django_capture_on_commit_callbacks)
    listing = admin_client.get(reverse("admin:board_dataexport_changelist"))
    assert listing.status_code == 200
    page = admin_client.get(reverse("admin:board_dataexport_change", args=[export.pk]))
    assert page.status_code == 200
    assert export.archive.name not in page.content.decode()
    assert export.user.email not in page.content.decode()
