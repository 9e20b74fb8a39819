from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import conditional_page
from drf_spectacular.views import SpectacularAPIView

from board.api import (
    views_account_deletion,
    views_analytics,
    views_auth,
    views_employer,
    views_exports,
    views_messages,
    views_pipeline,
    views_privacy,
    views_public,
    views_ratings,
    views_resume,
    views_seeker,
)
from board.api.docs import SwaggerDocs

v1 = [
    path("jobs/", views_public.JobList.as_view(), name="api_jobs"),
    path("jobs/<int:pk>/", views_public.JobDetail.as_view(), name="api_job"),
    path("jobs/<int:pk>/apply/", views_seeker.ApplyToJob.as_view(), name="api_apply"),
    path("companies/", views_public.CompanyList.as_view(), name="api_companies"),
    path("companies/<slug:slug>/", views_public.CompanyDetail.as_view(), name="api_company"),
    path("categories/", views_public.CategoryList.as_view(), name="api_categories"),
    path("categories/<int:pk>/", views_public.CategoryDetail.as_view(), name="api_category"),
    path("auth/token/", views_auth.TokenObtain.as_view(), name="api_token"),
    path("auth/token/refresh/", views_auth.TokenRefresh.as_view(), name="api_token_refresh"),
    path("auth/logout/", views_auth.Logout.as_view(), name="api_logout"),
    path(
        "auth/sign-out-everywhere/",
        views_auth.SignOutEverywhere.as_view(),
        name="api_sign_out_everywhere",
    ),
    path("me/applications/", views_seeker.MyApplicationList.as_view(), name="api_my_applications"),
    path(
        "me/applications/<int:pk>/withdraw/",
        views_seeker.WithdrawApplication.as_view(),
        name="api_withdraw",
    ),
    path("me/saved/", views_seeker.SavedJobList.as_view(), name="api_saved"),
    path("me/saved/<int:job_id>/", views_seeker.UnsaveJob.as_view(), name="api_unsave"),
    path("employer/jobs/", views_employer.EmployerJobList.as_view(), name="api_employer_jobs"),
    path(
        "employer/jobs/<int:pk>/",
        views_employer.EmployerJobDetail.as_view(),
        name="api_employer_job",
    ),
    path("employer/jobs/<int:pk>/submit/", views_employer.JobSubmit.as_view(), name="api_submit"),
    path("employer/jobs/<int:pk>/close/", views_employer.JobClose.as_view(), name="api_close"),
    path("employer/jobs/<int:pk>/renew/", views_employer.JobRenew.as_view(), name="api_renew"),
    path("employer/jobs/<int:pk>/reopen/", views_employer.JobReopen.as_view(), name="api_reopen"),
    path(
        "employer/jobs/<int:pk>/applicants/",
        views_pipeline.JobApplicants.as_view(),
        name="api_applicants",
    ),
    path(
        "employer/applications/<int:pk>/status/",
        views_pipeline.MoveApplication.as_view(),
        name="api_move",
    ),
    path(
        "employer/applications/<int:pk>/notes/",
        views_pipeline.ApplicationNotes.as_view(),
        name="api_notes",
    ),
    path(
        "employer/applications/<int:pk>/ratings/",
        views_ratings.ApplicationRatings.as_view(),
        name="api_ratings",
    ),
    path("resumes/<str:token>/", views_resume.resume_download, name="api_resume"),
    path("employer/jobs/<int:pk>/stats/", views_analytics.JobStats.as_view(), name="api_job_stats"),
    # Bulk moves and messages to applicants (issue 16).
    path("employer/applications/bulk/", views_messages.BulkMove.as_view(), name="api_bulk_move"),
    path(
        "employer/applications/<int:pk>/messages/",
        views_messages.ApplicationMessages.as_view(),
        name="api_messages",
    ),
    path(
        "employer/jobs/<int:pk>/applicants.csv",
        views_exports.JobApplicantsCsv.as_view(),
        name="api_job_applicants_csv",
    ),
    path(
        "employer/applicants.csv",
        views_exports.CompanyApplicantsCsv.as_view(),
        name="api_company_applicants_csv",
    ),
]

# Issue 17: export my data (ask, see the status, download by the signed link) and delete
# my account.
v1 += [
    path("me/data-export/", views_privacy.DataExportView.as_view(), name="api_data_export"),
    path(
        "me/data-export/download/<str:token>/",
        views_privacy.DataExportDownload.as_view(),
        name="api_data_export_download",
    ),
    # board/privacy/erasure.py
    path(
        "me/account/delete/",
        views_account_deletion.DeleteAccount.as_view(),
        name="api_delete_account",
    ),
]

# Tokens, applications, applicants and notes are personal: never stored by a cache.
PRIVATE = ("api_apply", "api_token", "api_token_refresh", "api_logout", "api_sign_out_everywhere")
# Public reads answer a conditional GET: an ETag of the body (and the job's Last-Modified),
# 304 Not Modified when the client's copy is current.
PUBLIC_READS = (
    "api_jobs",
    "api_job",
    "api_companies",
    "api_company",
    "api_categories",
    "api_category",
)


def _wrapped(p):
    if p.name in PRIVATE or str(p.pattern).startswith(("me/", "employer/")):
        return path(str(p.pattern), never_cache(p.callback), name=p.name)
    if p.name in PUBLIC_READS:
        return path(str(p.pattern), conditional_page(p.callback), name=p.name)
    return p


v1 = [_wrapped(p) for p in v1]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SwaggerDocs.as_view(url_name="api_schema"), name="api_docs"),
    path("v1/", include(v1)),
    # Anything else under /api/ (a negative id, a typo) is a JSON 404 too, not the site's page.
    re_path(r"^", views_public.api_not_found),
]
