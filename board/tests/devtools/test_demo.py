import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from board.accounts.models import User
from board.companies.models import Company
from board.jobs.models import Job

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (User, Company, Job, EmailAddress)]


def test_demo_creates_a_realistic_board_once(capsys):
    call_command("demo", "--no-serve", verbosity=0)
    first = _counts()
    call_command("demo", "--no-serve", verbosity=0)
    assert _counts() == first  # idempotent

    assert 140 <= Job.objects.count() <= 160
    assert Job.objects.visible().count() >= 100
    assert set(Job.objects.values_list("status", flat=True)) == set(Job.Status.values)
    assert set(Job.objects.values_list("workplace", flat=True)) == set(Job.Workplace.values)
    assert Job.objects.visible().values("category").distinct().count() >= 15
    assert Company.objects.filter(verified=True).exists()
    assert Company.objects.filter(verified=False).exists()

    output = capsys.readouterr().out
    assert "DEMO ONLY" in output
    # The places are loaded by the first run only: a restart does not spend ~10 s again.
    assert output.count("Places already loaded") == 1
    for email in ("seeker@", "employer@", "admin@"):
        assert email in output


def test_demo_logins_work_and_have_the_right_roles(client):
    call_command("demo", "--no-serve", verbosity=0)
    for email, role, staff in [
        ("seeker@demo.nexusjobs.test", "seeker", False),
        ("employer@demo.nexusjobs.test", "employer", False),
        ("admin@demo.nexusjobs.test", "seeker", True),
    ]:
        user = User.objects.get(email=email)
        assert (user.role, user.is_staff) == (role, staff)
        assert user.check_password("demo-pass-2026")
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.get(email="employer@demo.nexusjobs.test").memberships.get().role == "owner"


def test_demo_pages_render(client):
    call_command("demo", "--no-serve", verbosity=0)
    job = Job.objects.visible().first()
    for url in ["/", "/jobs/", job.get_absolute_url(), job.company.get_absolute_url()]:
        assert client.get(url).status_code == 200


def test_demo_refuses_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo", "--no-serve", verbosity=0)


def test_demo_links_follow_the_port_it_serves_on(client, settings, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    settings.SITE_URL = "http://127.0.0.1:8000"  # restored after the test

    call_command("demo", "--no-serve", "--port", "8080", verbosity=0)

    feed = client.get("/jobs/feed/").content.decode()
    assert "http://127.0.0.1:8080/jobs/" in feed
    assert "127.0.0.1:8000" not in feed


def test_demo_keeps_a_site_url_set_by_the_environment(settings, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://jobs.example.com")
    settings.SITE_URL = "https://jobs.example.com"

    call_command("demo", "--no-serve", "--port", "8080", verbosity=0)

    assert settings.SITE_URL == "https://jobs.example.com"
