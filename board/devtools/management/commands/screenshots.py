"""Screenshots of the main pages for docs/design.md: `python manage.py screenshots`.

Light and dark, desktop (1280x800) and phone (390x844), of the home page, a search,
a job page, a company page, applying, the seeker's applications, the employer's
dashboard and a pipeline. It prepares the demo board (the `demo` command), adds what
the demo lacks for these pages (a few applications, a logo: DEMO ONLY, like `demo`),
serves it with `runserver` on a free port and drives Debian's Chromium with Playwright.
PNGs go to docs/design/, reduced to 256 colours so the set stays small.
"""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from board.accounts.models import User
from board.applications.models import Application
from board.companies.models import Membership
from board.devtools import demo_data
from board.jobs.models import Job

OUT = Path(settings.BASE_DIR) / "docs" / "design"
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
THEMES = ("light", "dark")
APPLICANTS = [("Amara", "Okafor"), ("Lin", "Chen"), ("Diego", "Santos"), ("Priya", "Nair")]
PIPELINE = ["submitted", "reviewing", "interviewing", "offered"]


class Command(BaseCommand):
    help = "Take the screenshots of docs/design.md (demo data, Playwright, Chromium)."

    def add_arguments(self, parser):
        parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium to drive.")
        parser.add_argument("--only", help="Only the pages whose name contains this.")

    def handle(self, *args, chromium, only, **options):
        if settings.PRODUCTION:
            raise CommandError("The screenshots command does not run with DJANGO_ENV=production.")
        from playwright.sync_api import sync_playwright  # a development dependency

        call_command("demo", no_serve=True, verbosity=0)
        pages, users = self.prepare()
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 -- our own manage.py, no outside input
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(f"{base}/healthz")
            sessions = {role: _session(user) for role, user in users.items()}
            OUT.mkdir(parents=True, exist_ok=True)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=["--no-sandbox"]
                )
                for name, (role, path) in pages.items():
                    if only and only not in name:
                        continue
                    for theme in THEMES:
                        for size, options in SIZES.items():
                            self.shoot(
                                browser, base, name, path, sessions.get(role), theme, size, options
                            )
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)

    def prepare(self):
        """The pages to take, {name: (role, path)}, and the users who see them."""
        seeker = User.objects.get(email=demo_data.SEEKER["email"])
        employer = User.objects.get(email=demo_data.EMPLOYER["email"])
        company = Membership.objects.get(user=employer).company
        jobs = list(Job.objects.visible().filter(company=company).order_by("-published_at")[:4])
        if len(jobs) < 2:
            raise CommandError("The demo company needs two open jobs.")
        if not company.logo:
            company.logo.save("demo-logo.webp", ContentFile(_logo(company.name)), save=True)
        # Demo rows straight into the tables, as the demo command's are: the pipeline
        # and "My applications" have nothing to show on a fresh demo.
        for status, job in zip(["interviewing", "submitted", "rejected"], jobs[1:], strict=False):
            Application.objects.get_or_create(
                job=job, applicant=seeker, defaults={"status": status}
            )
        for (first, last), status in zip(APPLICANTS, PIPELINE, strict=True):
            email = f"{first.lower()}@{demo_data.EMAIL_DOMAIN}"
            person, _ = User.objects.get_or_create(
                email=email,
                defaults={"first_name": first, "last_name": last, "role": User.Role.SEEKER},
            )
            Application.objects.get_or_create(
                job=jobs[1], applicant=person,
                defaults={"status": status, "cover_letter": "I would love to work with you."},
            )  # fmt: skip
        pages = {
            "home": (None, "/"),
            "search": (None, "/jobs/?q=engineer"),
            "job": (None, jobs[0].get_absolute_url()),
            "company": (None, company.get_absolute_url()),
            "apply": ("seeker", f"{jobs[0].get_absolute_url()}#apply-panel"),
            "my-applications": ("seeker", "/me/"),
            "dashboard": ("employer", "/employer/"),
            "pipeline": ("employer", f"/employer/jobs/{jobs[1].pk}/applicants/"),
        }
        return pages, {"seeker": seeker, "employer": employer}

    def shoot(self, browser, base, name, path, session, theme, size, options):
        context = browser.new_context(base_url=base, reduced_motion="reduce", **options)
        cookies = [{"name": "theme", "value": theme, "url": base}]
        if session:
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base})
        context.add_cookies(cookies)
        page = context.new_page()
        page.goto(path, wait_until="networkidle")
        target = OUT / f"{name}-{theme}-{size}.png"
        target.write_bytes(_small_png(page.screenshot()))
        context.close()
        self.stdout.write(f"{target.relative_to(settings.BASE_DIR)}")


def _small_png(png):
    """The screenshot in 256 colours: about a quarter of the bytes, text still crisp."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def _logo(name):
    """A plain demo logo: the company's initial on a teal square, as WebP."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), "#0b6e6e")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((48, 48, 208, 208), radius=36, fill="#ffffff")
    draw.text((128, 128), name[:1].upper(), fill="#0b6e6e", anchor="mm", font_size=120)
    out = io.BytesIO()
    image.save(out, "WEBP")
    return out.getvalue()


def _session(user):
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 -- our own local server
                return
        except OSError:
            if time.monotonic() > deadline:
                raise CommandError(f"The server did not answer at {url}.") from None
            time.sleep(0.5)
