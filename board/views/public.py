"""Pages anyone may see: home, the job list, a job, a company."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from board.models import Company, Job

JOBS_PER_PAGE = 20


@require_safe
def healthz(request):
    # For load balancers: no session, no database, no template.
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def home(request):
    latest = Job.objects.visible().with_card_data().order_by("-published_at")[:10]
    return TemplateResponse(request, "board/home.html", {"jobs": latest})


@require_safe
def job_list(request):
    jobs = Job.objects.visible().with_card_data().order_by("-published_at", "-id")
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "board/job_list.html", {"page": page})


def _viewable_job(request, pk):
    """The job if this user may see it; otherwise 404, as if it did not exist.

    Published jobs, even closed or expired ones, keep their page. Drafts and
    jobs in review are for their company's members and staff only.
    """
    job = get_object_or_404(Job.objects.with_card_data(), pk=pk)
    public_statuses = (Job.Status.PUBLISHED, Job.Status.CLOSED, Job.Status.EXPIRED)
    if job.status in public_statuses:
        return job
    user = request.user
    if user.is_authenticated and (
        user.is_staff or job.company.memberships.filter(user=user).exists()
    ):
        return job
    raise Http404


@require_safe
def job_detail(request, pk, slug=None):
    job = _viewable_job(request, pk)
    if slug != job.slug:
        return redirect(job, permanent=True)
    return TemplateResponse(request, "board/job_detail.html", {"job": job})


@require_safe
def company_detail(request, slug):
    company = get_object_or_404(Company, slug=slug)
    jobs = Job.objects.visible().for_company(company).with_card_data().order_by("-published_at")
    return TemplateResponse(
        request, "board/company_detail.html", {"company": company, "jobs": jobs}
    )


@require_safe
@cache_control(public=True, max_age=86400)
def company_logo(request, slug):
    # Logos are re-encoded WebP files (see images.py), so the type is known.
    company = get_object_or_404(Company.objects.exclude(logo=""), slug=slug)
    try:
        return FileResponse(company.logo.open("rb"), content_type="image/webp")
    except FileNotFoundError:
        raise Http404 from None
