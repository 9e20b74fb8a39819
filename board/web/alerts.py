"""Job alerts (/me/alerts/), their unsubscribe links, and one-click renewal links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from board.alerts import subscriptions
from board.alerts.digests import alert_from_token, describe
from board.alerts.models import JobAlert
from board.jobs.maintenance import job_from_renew_token
from board.jobs.workflow import JobRefused, renew_job_from_link


@require_POST
@login_required
def create_alert(request):
    """'Email me jobs like these' on /jobs/: save the search the page shows."""
    search = QueryDict(request.POST.get("query", ""))
    try:
        alert = subscriptions.create_alert(request.user, search, request.POST.get("frequency"))
    except subscriptions.AlreadySubscribed as refusal:
        messages.info(request, str(refusal))
        query = refusal.query
    except subscriptions.AlertRefusal as refusal:
        messages.error(request, str(refusal))
        return redirect("job_list")
    else:
        query = alert.query
        # An unfiltered search has no name to quote ("for All new jobs" reads wrong).
        if query:
            saved = _("Alert saved: we'll e-mail you new jobs for %(search)s.")
            messages.success(request, saved % {"search": describe(alert)})
        else:
            messages.success(request, _("Alert saved: we'll e-mail you every new job."))
    return redirect(f"{redirect('job_list').url}?{query}" if query else "job_list")


@require_safe
@never_cache
@login_required
def alert_list(request):
    alerts = JobAlert.objects.filter(user=request.user).order_by("-created")
    rows = [(alert, describe(alert)) for alert in alerts]
    return TemplateResponse(request, "board/me/alerts.html", {"rows": rows})


@require_POST
@login_required
def update_alert(request, pk):
    alert = get_object_or_404(JobAlert, pk=pk, user=request.user)
    if request.POST.get("frequency") in JobAlert.Frequency.values:
        alert.frequency = request.POST["frequency"]
    if "active" in request.POST:
        resumed = request.POST["active"] == "1" and not alert.is_active
        alert.is_active = request.POST["active"] == "1"
        if resumed:
            # Paused means paused: no digest of everything missed meanwhile.
            alert.high_water = timezone.now()
    alert.save(update_fields=["frequency", "is_active", "high_water"])
    messages.success(request, _("Alert updated."))
    return redirect("job_alerts")


@require_POST
@login_required
def delete_alert(request, pk):
    get_object_or_404(JobAlert, pk=pk, user=request.user).delete()
    messages.success(request, _("Alert deleted."))
    return redirect("job_alerts")


# Exempt from CSRF: mail clients POST here for one-click unsubscribe (RFC 8058),
# and the signed token is what authorises the request, not a session.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def alert_unsubscribe(request, token):
    alert = alert_from_token(token)
    if alert is None:
        raise Http404
    if request.method == "POST":
        subscriptions.unsubscribe(alert)
    context = {"alert": alert, "name": describe(alert), "done": request.method == "POST"}
    return TemplateResponse(request, "board/alert_unsubscribe.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def renew_job_by_link(request, token):
    """The renew link in an expiry reminder: a confirm page, then one POST."""
    job = job_from_renew_token(token)
    if job is None:
        raise Http404
    renewed = False
    if request.method == "POST":
        try:
            renew_job_from_link(job)
            renewed = True
        except JobRefused as refusal:
            messages.error(request, str(refusal))
    context = {"job": job, "renewed": renewed}
    return TemplateResponse(request, "board/renew_job.html", context)
