"""Swagger UI in a real Chromium under the site's CSP: it renders, with no violation.

The browser fixtures are the site's (board/tests/browser/conftest.py): any console
error or CSP violation fails the test at teardown.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_every_operation(open_page):
    docs = open_page()
    docs.goto("/api/docs/")
    docs.wait_for_selector(".opblock", timeout=15_000)
    # 29; issue 16: ratings (2), stats, bulk move, messages (2), reopen, CSV exports (2);
    # issue 17: data export (2), delete account.
    assert docs.locator(".opblock").count() == 41
    assert "Nexus Jobs API" in docs.locator(".info .title").inner_text()
