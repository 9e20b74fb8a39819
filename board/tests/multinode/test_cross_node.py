"""Two gunicorn nodes behind nginx share what a user's visit needs: files (S3), sessions and
CSRF tokens (the database, one SECRET_KEY), rate limits and cached listings (Redis), and
e-mail through one Celery worker. `where` is "a" or "b" (straight to a node) or "lb"
(through nginx). See conftest.py for the processes."""

import re

import pytest

from board.accounts.models import User
from board.applications.models import Application, SavedJob
from board.jobs.models import Job
from board.tests import resume_files
from board.tests.factories import CompanyFactory, JobFactory
from board.tests.multinode.helpers import PASSWORD, employer_of, seeker, wait_for_mail
from board.tests.multinode.visitor import Visitor, errors_of

pytestmark = [pytest.mark.multinode, pytest.mark.django_db(transaction=True)]


def test_an_upload_through_node_a_is_downloaded_through_node_b(cluster):
    company = CompanyFactory(verified=True)
    job = JobFactory(company=company, title="Site Reliability Engineer")
    employer = employer_of(company)

    # A new seeker signs up on node A; the worker mails the confirmation link.
    visitor = Visitor(cluster)
    email = "new.seeker@example.com"
    fields = visitor.form("a", "/accounts/signup/")
    fields.update(email=email, password1=PASSWORD, password2=PASSWORD, role=User.Role.SEEKER)
    response = visitor.post("a", "/accounts/signup/", fields)
    assert response.status_code == 302, errors_of(response.text)
    mail = wait_for_mail(cluster, email, "/accounts/confirm-email/")
    confirm = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", mail).group(1)

    # The confirmation form comes from node A, its POST goes to node B: same CSRF secret
    # (cookie), same session (database), same signing key.
    fields = visitor.form("a", confirm)
    response = visitor.post("b", confirm, fields)
    assert response.status_code == 302, errors_of(response.text)
    assert visitor.get("b", "/me/").status_code == 200  # signed in, by the session from A

    # The application, with its résumé, through node A.
    pdf = resume_files.pdf_bytes(pages=2)
    fields = visitor.form("a", job.get_absolute_url(), action=f"/jobs/{job.pk}/apply/")
    fields.pop("resume_source", None)
    response = visitor.post(
        "a",
        f"/jobs/{job.pk}/apply/",
        fields,
        files={"resume": ("cv.pdf", pdf, "application/pdf")},
        page=job.get_absolute_url(),
    )
    assert response.status_code == 302, errors_of(response.text)
    application = Application.objects.get(job=job, applicant__email=email)

    # Stored in the bucket, and on no node's own disk.
    stored = cluster.s3.get_object(Bucket=cluster.bucket, Key=application.resume.name)
    assert stored["Body"].read() == pdf
    assert not any(path.is_file() for path in cluster.media["a"].rglob("*"))

    # The employer, signed in on node B, downloads it from node B.
    company_side = Visitor(cluster)
    company_side.sign_in("b", employer.email, PASSWORD)
    download = company_side.get("b", f"/applications/{application.pk}/resume/")
    assert download.status_code == 200
    assert download.content == pdf
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert "no-store" in download.headers["Cache-Control"]
    # And through nginx, to whichever node it picks.
    assert company_side.get("lb", f"/applications/{application.pk}/resume/").content == pdf

    # The worker (one for both nodes) told the company, after the commit.
    wait_for_mail(cluster, employer.email, "Site Reliability Engineer")


def test_a_csrf_token_and_a_session_from_node_a_are_good_on_node_b(cluster):
    job = JobFactory(title="Platform Engineer")
    user = seeker()
    visitor = Visitor(cluster)
    visitor.sign_in("a", user.email, PASSWORD)
    session_id = visitor.cookie("sessionid")

    # Without a token node B refuses the POST, so the token below is what it checks.
    bare = visitor.post("b", f"/jobs/{job.pk}/save/", {}, page=job.get_absolute_url())
    assert bare.status_code == 403
    fields = visitor.form("a", job.get_absolute_url(), action=f"/jobs/{job.pk}/save/")
    response = visitor.post("b", f"/jobs/{job.pk}/save/", fields, page=job.get_absolute_url())
    assert response.status_code == 302
    assert SavedJob.objects.filter(user=user, job=job).count() == 1

    # The session node A opened is the one node B and nginx know.
    for where in ("b", "lb"):
        saved = visitor.get(where, "/me/saved/")
        assert saved.status_code == 200
        assert "Platform Engineer" in saved.text
    assert visitor.cookie("sessionid") == session_id


def test_failed_sign_ins_are_counted_across_nodes(cluster):
    # allauth's "5 failed sign-ins per account in 5 minutes" (ACCOUNT_RATE_LIMITS), counted
    # in Redis: with a cache per process each of the 4 gunicorn workers would allow 5.
    # allauth's key holds the site's host name, so every request names nginx's, as nginx
    # forwards them (a different Host would be a budget of its own: see the docs).
    user = seeker()
    visitor = Visitor(cluster, as_site=True)
    form = visitor.form("a", "/accounts/login/", action="/accounts/login/")
    for where in ("a", "b", "lb", "a", "b"):
        fields = {**form, "login": user.email, "password": "wrong-password"}
        response = visitor.post(where, "/accounts/login/", fields)
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.text
    for where in ("a", "b", "lb"):
        fields = {**form, "login": user.email, "password": PASSWORD}  # even the right one
        response = visitor.post(where, "/accounts/login/", fields)
        assert response.status_code == 200
        assert "Too many failed login attempts" in response.text


def test_behind_nginx_the_per_address_limit_counts_each_client_address(cluster):
    # allauth's "10 failed sign-ins a minute per address". Behind nginx every request
    # reaches a node from nginx's own address; TRUSTED_PROXY_COUNT=1 has the nodes read the
    # client's from the X-Forwarded-For nginx appends to. Two clients on two loopback
    # addresses: one is stopped, the other is not; a forged header changes nothing.
    accounts = [seeker().email for _ in range(3)]  # 5 tries each stay under their own limit
    attacker = Visitor(cluster, address="127.0.0.2")
    bystander = Visitor(cluster, address="127.0.0.3")

    forms = {attacker: attacker.form("lb", "/accounts/login/", action="/accounts/login/")}
    forms[bystander] = bystander.form("lb", "/accounts/login/", action="/accounts/login/")

    def fail_sign_in(visitor, account, n):
        # One form for all tries: a failed sign-in keeps the CSRF token.
        fields = {**forms[visitor], "login": account, "password": "wrong-password"}
        forged = {"X-Forwarded-For": f"10.0.0.{n}"}  # a fresh address each time, it hopes
        response = visitor.post("lb", "/accounts/login/", fields, headers=forged)
        assert response.status_code == 200
        return "Too many failed login attempts" in response.text

    assert not any(fail_sign_in(attacker, accounts[n // 5], n) for n in range(10))
    assert fail_sign_in(attacker, accounts[2], 10)
    assert not fail_sign_in(bystander, accounts[2], 11)


def test_a_cached_listing_is_shared_and_invalidated_across_nodes(cluster):
    company = CompanyFactory(verified=True)
    # Long enough for the edit form's rules (150 characters at least).
    job = JobFactory(company=company, title="Data Engineer", description="We hire. " * 20)
    employer = employer_of(company)
    anonymous = Visitor(cluster)

    assert "Data Engineer" in anonymous.get("a", "/jobs/").text  # node A fills the cache
    assert any(b"job-results" in key for key in cluster.redis.scan_iter("*"))
    # A change no save() announces (so no new cache version): node B still serves what
    # node A cached, which a cache of its own could not have.
    Job.objects.filter(pk=job.pk).update(title="Unannounced Title")
    listing = anonymous.get("b", "/jobs/").text
    assert "Data Engineer" in listing
    assert "Unannounced Title" not in listing

    # The employer renames the job on node B; node A's visitors see the new name at once.
    company_side = Visitor(cluster)
    company_side.sign_in("b", employer.email, PASSWORD)
    edit = f"/employer/jobs/{job.pk}/edit/"
    fields = company_side.form("b", edit, action=edit)
    fields["title"] = "Senior Data Engineer"
    response = company_side.post("b", edit, fields)
    assert response.status_code == 302, errors_of(response.text)
    job.refresh_from_db()
    assert (job.title, job.status) == ("Senior Data Engineer", Job.Status.PUBLISHED)
    for where in ("a", "lb"):
        listing = anonymous.get(where, "/jobs/").text
        assert "Senior Data Engineer" in listing
        assert "Unannounced Title" not in listing
