"""Every HTML e-mail, opened in Chromium at a phone's width in light and dark mode: axe finds
no serious problem, nothing scrolls sideways, the button is a big enough target, and the
message asks the network for nothing (no images, no tracking); in English, French and
Arabic (right to left). The e-mails are rendered by
the real builders from board/devtools/email_samples.py, as `manage.py preview_emails` does.
"""

import pytest

from board.devtools.email_samples import DORMANT, render_every_email
from board.tests.browser.test_accessibility import serious_violations

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def rendered_html(language=None):
    return {
        name: next(content for content, mimetype in message.alternatives if mimetype == "text/html")
        for name, message in render_every_email(language).items()
    }


# Arabic: right to left, longer words; light only (dark changes colours, not the layout).
@pytest.mark.parametrize(
    ("language", "scheme"), [("en", "light"), ("en", "dark"), ("fr", "light"), ("ar", "light")]
)
def test_every_html_email_reads_well_on_a_phone(open_page, language, scheme):
    emails = rendered_html(language)
    page = open_page(viewport=PHONE, color_scheme=scheme)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    problems = []
    for name, html in emails.items():
        page.set_content(html)
        if violations := serious_violations(page):
            problems.append(f"{name}:\n{violations}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{name}: {width}px wide, scrolls sideways")
        if name not in DORMANT:
            box = page.locator("td.email-button a").bounding_box()
            if box["height"] < 44 or box["width"] < 44:
                problems.append(f"{name}: the button is {box['width']}x{box['height']}px")
    assert not problems, "\n".join(problems)
    assert requests == []
