from django.urls import path

from board.views import public

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", public.healthz, name="healthz"),
    path("jobs/", public.job_list, name="job_list"),
    path("jobs/<int:pk>-<slug:slug>/", public.job_detail, name="job_detail"),
    path("jobs/<int:pk>/", public.job_detail, name="job_detail_short"),
    path("companies/<slug:slug>/", public.company_detail, name="company_detail"),
    path("companies/<slug:slug>/logo/", public.company_logo, name="company_logo"),
]
