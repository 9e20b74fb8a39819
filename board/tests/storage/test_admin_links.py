"""The admin's "Currently:" links of stored files go to the site's own download
views, never to the bucket: a signed URL there would hand the raw file out
without our permission check and headers."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from board.tests.factories import ApplicationFactory, CompanyFactory, StaffFactory
from board.tests.storage.test_s3_flows import signed_in

pytestmark = pytest.mark.django_db


def test_an_applications_resume_links_to_the_permission_checked_view(bucket):
    application = ApplicationFactory()
    assert bucket.keys() == [application.resume.name]  # the factory's file, in the bucket
    page = signed_in(StaffFactory()).get(
        reverse("admin:board_application_change", args=[application.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{reverse("application_resume", args=[application.pk])}"' in html
    assert "X-Amz-" not in html and bucket.name not in html


def test_a_companys_logo_links_to_the_logo_view(bucket):
    company = CompanyFactory()
    company.logo.save("a1b2.webp", ContentFile(b"RIFF0000WEBP"), save=True)
    page = signed_in(StaffFactory()).get(reverse("admin:board_company_change", args=[company.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{reverse("company_logo", args=[company.slug])}"' in html
    assert "X-Amz-" not in html and bucket.name not in html
