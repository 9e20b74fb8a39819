"""/readyz for load balancers and orchestrators; /metrics for Prometheus, not public."""

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from board.ops import metrics, readiness


@require_safe
@never_cache
def readyz(request):
    # No session, no template: the names of the checks and "ok", "fail" or "timeout".
    results = readiness.run_checks()
    ready = all(outcome == "ok" for outcome in results.values())
    body = {"status": "ok" if ready else "fail", "checks": results}
    return JsonResponse(body, status=200 if ready else 503)


@require_safe
@never_cache
def metrics_view(request):
    # Not public: the same 404 as any unknown page unless the scraper shows METRICS_TOKEN.
    # Counts of requests and queues say a lot about a business and cost a query to serve.
    if not _authorized(request):
        raise Http404
    return HttpResponse(metrics.exposition(), content_type=metrics.CONTENT_TYPE)


def _authorized(request):
    token = settings.METRICS_TOKEN
    if not token:
        return False
    offered = request.headers.get("Authorization", "")
    # Constant time, so the token cannot be guessed a character at a time.
    return hmac.compare_digest(offered.encode(), f"Bearer {token}".encode())
