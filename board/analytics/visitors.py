"""Which job page views count: people, not robots, prefetches or the job's own employer.

Conservative on purpose: a missed bot inflates a number an employer reads, so a
user agent that looks automated is left out even if a person might be behind it.
Nothing about the visitor is kept: this only answers yes or no.
"""

import re

# Crawlers, link previewers, monitors, HTTP libraries and headless browsers.
AUTOMATED = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|preview|monitor|probe|check|scan|archiv|"
    r"headless|phantomjs|selenium|puppeteer|playwright|lighthouse|pagespeed|"
    r"curl|wget|python|httpx|aiohttp|java/|go-http|okhttp|axios|node-fetch|libwww|"
    r"facebookexternalhit|embedly|whatsapp|telegram|discord|slack|skype|bitly|"
    r"feed|rss|uptime|pingdom|datadog|newrelic|statuscake",
    re.IGNORECASE,
)


def is_automated(user_agent):
    """A missing or empty user agent counts as automated too: browsers always send one."""
    return not user_agent.strip() or bool(AUTOMATED.search(user_agent))


def is_prefetch(request):
    # Chrome's speculation rules send Sec-Purpose: prefetch (or "prefetch;prerender");
    # older browsers and Safari send Purpose: prefetch, Firefox X-Moz: prefetch.
    headers = request.headers
    return any(
        "prefetch" in headers.get(name, "").lower()
        for name in ("Sec-Purpose", "Purpose", "X-Moz", "X-Purpose")
    )


def counts_as_view(request, job):
    """Whether this request is a person looking at the job page."""
    if request.method != "GET":  # HEAD: monitors and link checkers
        return False
    if is_automated(request.headers.get("User-Agent", "")) or is_prefetch(request):
        return False
    user = request.user
    if user.is_authenticated:
        if user.is_staff:  # moderators at work
            return False
        # The job's own team reading their listing; one query, for employer accounts only.
        if user.is_employer and job.company.has_member(user):
            return False
    return True
