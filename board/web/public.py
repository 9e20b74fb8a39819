"""Pages anyone may see: home, the job list, a job, a company."""

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from board.analytics.counters import record_view
from board.applications.applying import ApplyState
from board.companies.models import Company
from board.core.stored_files import open_stream
from board.jobs.lookups import viewable_job_or_404
from board.jobs.models import Job
from board.listings import caching
from board.listings.cards import card_settings, for_cards
from board.listings.paging import ranked_page
from board.listings.search import JobSearch
from board.web.job_page import job_page_context

JOBS_PER_PAGE = 20


@require_safe
def healthz(request):
    # For load balancers: no session, no database, no template.
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Personal and account pages are not for search engines.
        "Disallow: /me/",
        "Disallow: /employer/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /applications/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def home(request):
    latest = for_cards(Job.objects.visible(), request.user).order_by("-published_at", "-id")[:10]
    context = {
        "jobs": latest,  # lazy: not queried when the cached fragment is used
        "categories": caching.category_tiles(),
        "latest_cache_key": caching.home_latest_key(request),
        "cache_seconds": caching.LISTING_TTL,
    }
    return TemplateResponse(request, "board/home.html", context)


@require_safe
def for_employers(request):
    """What posting takes, for visitors who are not employers yet ("Post a job")."""
    return TemplateResponse(request, "board/for_employers.html")


@require_safe
@vary_on_headers("HX-Request", "HX-Target")
def job_list(request):
    # A search URL carries only the fields that are set: it is what people share and
    # bookmark, and an empty form submits every field (?q=&location=&category=&…).
    clean_query = _set_fields_only(request.GET)
    if clean_query != request.GET.urlencode() and not request.htmx:
        return redirect(f"{request.path}?{clean_query}" if clean_query else request.path)
    jobs = Job.objects.visible()
    search = JobSearch(request.GET, queryset=jobs, rows=for_cards(jobs, request.user))
    template = "board/job_list.html"
    # htmx asks for a fragment; a history restore (Back after the cache
    # expired) must get the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#search_area" if request.htmx.target == "search-area" else "#results"
    context = {
        "filter": search,
        "cards": _card_settings(request, search),
        **_search_results(request, search),
    }
    response = TemplateResponse(request, template, context)
    if request.htmx and not request.htmx.history_restore_request:
        # htmx pushes this instead of the URL it requested, empty fields and all.
        response["HX-Push-Url"] = f"{request.path}?{clean_query}" if clean_query else request.path
    return response


def _set_fields_only(query):
    """The query string without empty (or blank) values, in the order they came."""
    return urlencode([(k, v) for k, values in query.lists() for v in values if v.strip()])


def _card_settings(request, search):
    # The cards show pay in the search's currency; lazy, as a cached page shows no card.
    return SimpleLazyObject(
        lambda: card_settings(request, search.display_currency(), search.rates())
    )


def _search_results(request, search):
    """The page of results and its count; for anonymous visitors the results are
    rendered once and cached (board/listings/caching.py), so a hit queries nothing."""
    entry = caching.cached_search(request, search)
    cached = cache.get(entry.key) if entry else None
    if cached is None:
        canonical = entry.canonical() if entry else None
        if canonical is None:
            page = search.page(request.GET.get("page"), JOBS_PER_PAGE)
            return {"page": page, **_count(page)}
        # Rendered from the search's own values, not from this visitor's query
        # string, so the entry shows nothing its key lacks (see cached_search).
        clean_search, clean_request = canonical
        page = clean_search.page(entry.page, JOBS_PER_PAGE)
        context = {
            "filter": clean_search,
            "cards": _card_settings(clean_request, clean_search),
            "page": page,
            **_count(page),
        }
        html = render_to_string("board/job_list.html#results", context, clean_request)
        cached = {**_count(page), "html": str(html)}
        cache.set(entry.key, cached, caching.LISTING_TTL)
    # HTML we rendered (and escaped) ourselves, above or in an earlier request.
    count = {"count": cached["count"], "count_exact": cached["count_exact"]}
    return {**count, "results_html": mark_safe(cached["html"])}  # noqa: S308


def _count(page):
    """The total announced to screen readers, counted up to a cap ("1,000+")."""
    return {"count": page.paginator.count, "count_exact": page.count_exact}


@require_safe
def job_detail(request, pk, slug=None):
    job = viewable_job_or_404(request.user, pk)
    if slug != job.slug:
        return redirect(job, permanent=True)
    context = job_page_context(request, job)
    # Counted in Redis or a per-process buffer, never a database write here.
    record_view(request, job, apply_start=context["apply_state"] == ApplyState.OPEN)
    return TemplateResponse(request, "board/job_detail.html", context)


@require_safe
def company_detail(request, slug):
    company = get_object_or_404(Company.objects.visible_to(request.user), slug=slug)
    jobs = Job.objects.visible().for_company(company)
    # As search results: counted up to the cap ("1,000+") and no deeper pages than
    # it, so a company with 50,000 open jobs costs what one with 50 does.
    page = ranked_page(
        jobs.order_by("-published_at", "-id"),
        request.GET.get("page"),
        JOBS_PER_PAGE,
        rows=for_cards(jobs, request.user),
    )
    return TemplateResponse(
        request, "board/company_detail.html", {"company": company, "page": page}
    )


@require_safe
@cache_control(public=True, max_age=86400)
def company_logo(request, slug):
    # Logos are re-encoded WebP files (see images.py), so the type is known.
    company = get_object_or_404(Company.objects.exclude(logo=""), slug=slug)
    if not company.shows_logo:
        raise Http404  # in quarantine: shown once the virus scan finds it clean
    try:
        # Streamed from the disk or the bucket alike: a logo is public, no signed URL.
        readable, size = open_stream(company.logo.storage, company.logo.name)
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(readable, content_type="image/webp")
    response["Content-Length"] = size
    return response
