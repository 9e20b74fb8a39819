# The site's browser fixtures: one Chromium per package, pages that fail the test on any
# console error or CSP violation. Kept in their own package so that Playwright's event loop
# (see board/tests/browser/conftest.py) is only running while these tests run.
from board.tests.browser.conftest import browser, open_page  # noqa: F401
