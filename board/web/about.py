"""The privacy page and the accessibility statement (linked in the footer).

They read the retention settings, so what they promise is what the periodic tasks do
when an operator changes a number. No query is needed for them: a browser may keep
them for an hour (private: the header names a signed-in person and the page carries
a CSRF token).
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

PAGE_MAX_AGE = 3600  # seconds


@require_safe
@cache_control(private=True, max_age=PAGE_MAX_AGE)
def privacy(request):
    refresh_lifetime = settings.SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"]
    context = {
        "document_months": settings.RETENTION_DOCUMENT_MONTHS,
        "inactive_days": settings.RETENTION_INACTIVE_ACCOUNT_DAYS,
        "notice_days": settings.RETENTION_NOTICE_DAYS,
        "export_link_hours": settings.DATA_EXPORT_LINK_HOURS,
        "stale_days": settings.STALE_APPLICATION_DAYS,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "token_days": refresh_lifetime.days,
    }
    return TemplateResponse(request, "board/privacy.html", context)


@require_safe
@cache_control(private=True, max_age=PAGE_MAX_AGE)
def accessibility(request):
    return TemplateResponse(request, "board/accessibility.html")
