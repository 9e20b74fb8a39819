from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from board.feeds import JobFeed
from board.sitemaps import SITEMAPS
from board.views import public, seeker

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    path("jobs/", public.job_list, name="job_list"),
    path("jobs/feed/", JobFeed(), name="job_feed"),
    path("robots.txt", public.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("jobs/<int:pk>-<slug:slug>/", public.job_detail, name="job_detail"),
    path("jobs/<int:pk>/", public.job_detail, name="job_detail_short"),
    path("companies/<slug:slug>/", public.company_detail, name="company_detail"),
    path("companies/<slug:slug>/logo/", public.company_logo, name="company_logo"),
    # The seeker's journey: save, apply, résumés, /me/.
    path("jobs/<int:pk>/save/", seeker.save_job, name="save_job"),
    path("jobs/<int:pk>/unsave/", seeker.unsave_job, name="unsave_job"),
    path("jobs/<int:pk>/apply/", seeker.apply_to_job, name="apply_to_job"),
    path("applications/<int:pk>/resume/", seeker.application_resume, name="application_resume"),
    path("me/", seeker.my_applications, name="my_applications"),
    path("me/applications/<int:pk>/", seeker.my_application, name="my_application"),
    path(
        "me/applications/<int:pk>/withdraw/",
        seeker.withdraw_application,
        name="withdraw_application",
    ),
    path("me/saved/", seeker.saved_jobs, name="saved_jobs"),
    path("me/profile/", seeker.my_profile, name="my_profile"),
    path("me/resume/", seeker.profile_resume, name="profile_resume"),
]
