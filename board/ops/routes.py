"""Which route served a request, as a label for logs and metrics.

The URL pattern ("jobs/<int:pk>-<slug:slug>/"), never the path itself: a path holds ids,
slugs and sometimes tokens (a password-reset key, a signed link), and as a metric label
every id would make a new time series.
"""

UNRESOLVED = "<unresolved>"  # answered before URL routing: static files, redirects, 404s


def route_of(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNRESOLVED
    return "/" + match.route if match.route else match.view_name
