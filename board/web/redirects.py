"""Where a view sends the browser back to after a POST."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback):
    """The `next` (POSTed, or in the query string of a GET) if it points to this site,
    else `fallback`: a link someone else made never sends a user off the site."""
    source = request.POST if request.method == "POST" else request.GET
    target = source.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
