"""Creating and editing the company, and when its public page exists."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from board.companies.models import Company, Membership
from board.jobs.models import Job
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SavedJobFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def png(size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def company_data(**overrides):
    data = {
        "name": "Acme Health",
        "website": "https://acme.example",
        "about": "We build tools for hospitals.",
        "headquarters": "Leeds",
        "size": "11-50",
    }
    return {**data, **overrides}


class TestCreate:
    url = reverse("employer_company_create")

    def test_creates_the_company_and_makes_the_user_its_owner(self, client):
        user = EmployerFactory()
        client.force_login(user)
        response = client.post(self.url, company_data(logo=png()))
        assert response.status_code == 302
        assert response["Location"] == reverse("employer_dashboard")
        company = Company.objects.get()
        assert (company.name, company.slug, company.verified) == (
            "Acme Health",
            "acme-health",
            False,
        )
        membership = Membership.objects.get(user=user)
        assert (membership.company, membership.role) == (company, Membership.Role.OWNER)

    def test_logo_is_reencoded_with_a_random_name(self, client):
        client.force_login(EmployerFactory())
        client.post(self.url, company_data(logo=png()))
        logo = Company.objects.get().logo
        assert logo.name.startswith("logos/") and logo.name.endswith(".webp")
        assert "logo" not in logo.name.removeprefix("logos/")
        with logo.open("rb") as stored, Image.open(stored) as image:
            assert image.format == "WEBP"

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            SimpleUploadedFile("x.png", b"not an image at all"),
            SimpleUploadedFile("x.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ],
    )
    def test_refuses_what_is_not_a_png_jpeg_or_webp(self, client, upload):
        client.force_login(EmployerFactory())
        response = client.post(self.url, company_data(logo=upload))
        assert response.status_code == 200
        assert response.context["form"].errors["logo"]
        assert not Company.objects.exists()

    def test_website_must_be_http(self, client):
        client.force_login(EmployerFactory())
        response = client.post(self.url, company_data(website="javascript:alert(1)"))
        assert "website" in response.context["form"].errors
        assert not Company.objects.exists()

    def test_slugs_are_unique(self, client):
        CompanyFactory(name="Acme Health", slug="acme-health")
        CompanyFactory(name="Acme Health 2", slug="acme-health-2")
        client.force_login(EmployerFactory())
        client.post(self.url, company_data())
        assert Company.objects.filter(slug="acme-health-3").exists()

    def test_a_name_without_letters_still_gets_a_slug(self, client):
        client.force_login(EmployerFactory())
        client.post(self.url, company_data(name="!!!"))
        assert Company.objects.get().slug == "company"

    def test_mass_assignment_changes_nothing(self, client):
        client.force_login(EmployerFactory())
        client.post(self.url, company_data(verified="on", slug="chosen", members="1"))
        company = Company.objects.get()
        assert not company.verified
        assert company.slug == "acme-health"

    def test_a_member_of_a_company_cannot_create_another(self, client, employer):
        client.force_login(employer)
        response = client.post(self.url, company_data(name="Second"))
        assert response.status_code == 302
        assert not Company.objects.filter(name="Second").exists()


class TestEdit:
    url = reverse("employer_company")

    def test_owner_edits(self, client, employer, company):
        client.force_login(employer)
        response = client.post(self.url, company_data(name="Renamed"))
        assert response.status_code == 302
        company.refresh_from_db()
        assert company.name == "Renamed"
        assert company.slug != "renamed"  # links keep working

    def test_renaming_updates_the_jobs_search_copy(self, client, employer, company):
        job = JobFactory(company=company)
        client.force_login(employer)
        client.post(self.url, company_data(name="Renamed"))
        job.refresh_from_db()
        assert job.company_name == "Renamed"

    def test_replacing_and_removing_the_logo_deletes_the_old_file(
        self, client, employer, company, django_capture_on_commit_callbacks
    ):
        client.force_login(employer)
        client.post(self.url, company_data(logo=png()))
        company.refresh_from_db()
        first = company.logo.name
        with django_capture_on_commit_callbacks(execute=True):  # the old file goes on commit
            client.post(self.url, company_data(logo=png((20, 20))))
        company.refresh_from_db()
        assert company.logo.name != first
        assert not company.logo.storage.exists(first)
        second = company.logo.name
        with django_capture_on_commit_callbacks(execute=True):
            client.post(self.url, company_data(remove_logo="on"))
        company.refresh_from_db()
        assert not company.logo
        assert not company.logo.storage.exists(second)

    def test_recruiters_can_view_but_not_edit(self, client, company):
        recruiter = MembershipFactory(company=company, role=Membership.Role.RECRUITER).user
        client.force_login(recruiter)
        html = client.get(self.url).content.decode()
        assert company.name in html
        assert "Only the company’s owner can change" in html
        assert 'name="name"' not in html
        assert client.post(self.url, company_data(name="Hijacked")).status_code == 403
        company.refresh_from_db()
        assert company.name != "Hijacked"

    def test_xss_in_company_text_is_inert(self, client, employer, company):
        company.name, company.about, company.headquarters = XSS, XSS, XSS
        company.save()
        recruiter = MembershipFactory(company=company, role=Membership.Role.RECRUITER).user
        for user in (employer, recruiter):
            client.force_login(user)
            for url in (self.url, reverse("employer_dashboard"), reverse("employer_team")):
                html = client.get(url).content.decode()
                assert "<script>alert(1)" not in html
                assert "<img src=x" not in html


class TestPublicCompanyPage:
    def _get(self, client, company):
        return client.get(reverse("company_detail", args=[company.slug]))

    @pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
    def test_hidden_until_a_job_has_been_public(self, client, company, status):
        JobFactory(company=company, status=status, published_at=None, expires_at=None)
        assert self._get(client, company).status_code == 404
        client.force_login(SeekerFactory())
        assert self._get(client, company).status_code == 404
        client.force_login(MembershipFactory().user)  # another company's member
        assert self._get(client, company).status_code == 404

    def test_hidden_page_is_shown_to_members_and_staff(self, client, company, employer):
        client.force_login(employer)
        assert self._get(client, company).status_code == 200
        client.force_login(StaffFactory())
        assert self._get(client, company).status_code == 200

    @pytest.mark.parametrize("status", ["published", "closed", "expired"])
    def test_public_once_a_job_was_published(self, client, company, status):
        JobFactory(company=company, status=status)
        assert self._get(client, company).status_code == 200

    def test_hidden_company_is_404_like_a_missing_one(self, client, company):
        hidden = self._get(client, company)
        missing = client.get(reverse("company_detail", args=["no-such-company"]))
        assert hidden.status_code == missing.status_code == 404

    def test_job_list_knows_what_the_user_saved(self, client, company):
        saved, other = JobFactory(company=company), JobFactory(company=company)
        seeker = SeekerFactory()
        SavedJobFactory(user=seeker, job=saved)
        client.force_login(seeker)
        jobs = {job.pk: job.is_saved for job in self._get(client, company).context["page"]}
        assert jobs == {saved.pk: True, other.pk: False}
        assert Job.objects.visible().count() == 2
