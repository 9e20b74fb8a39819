from django.urls import path

from board.ops import views as ops_views
from board.web import (
    about,
    account_deletion,
    accounts,
    alerts,
    company_closing,
    employer,
    employer_analytics,
    employer_jobs,
    employer_reopen,
    exports,
    language,
    message_templates,
    pipeline,
    pipeline_bulk,
    pipeline_ratings,
    places,
    privacy,
    public,
    reports,
    screening,
    seeker,
    sitemaps,
    theme,
    two_factor,
)
from board.web.feeds import JobFeed

# Addresses in no language (site_config/urls.py): probes, metrics, feed, robots.txt,
# sitemaps and logos are the same bytes for everyone.
machine_urlpatterns = [
    path("healthz", public.healthz, name="healthz"),
    # Probes and Prometheus (board/ops/): what each service answers; metrics behind a token.
    path("readyz", ops_views.readyz, name="readyz"),
    path("metrics", ops_views.metrics_view, name="metrics"),
    path("jobs/feed/", JobFeed(), name="job_feed"),
    path("robots.txt", public.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.section_page, name="sitemap_section"),
    path("companies/<slug:slug>/logo/", public.company_logo, name="company_logo"),
]

# Pages, in every language (site_config/urls.py puts them under /fr/ and /ar/ too).
urlpatterns = [
    path("", public.home, name="home"),
    path("jobs/", public.job_list, name="job_list"),
    path("for-employers/", public.for_employers, name="for_employers"),
    path("places/suggest", places.place_suggestions, name="place_suggestions"),
    path("jobs/<int:pk>-<slug:slug>/", public.job_detail, name="job_detail"),
    path("jobs/<int:pk>/", public.job_detail, name="job_detail_short"),
    path("companies/<slug:slug>/", public.company_detail, name="company_detail"),
    # Beside allauth's own account pages (its password page has the button).
    path(
        "accounts/sign-out-everywhere/",
        accounts.sign_out_everywhere,
        name="account_sign_out_everywhere",
    ),
    path(
        "accounts/two-factor/dismiss-notice/",
        two_factor.dismiss_notice,
        name="dismiss_two_factor_notice",
    ),
    # Sessions and devices: the account's sessions and API tokens (issue 17).
    path("account/sessions/", accounts.sessions, name="account_sessions"),
    path("account/sessions/<int:pk>/end/", accounts.end_session, name="account_end_session"),
    path("account/tokens/<int:pk>/revoke/", accounts.revoke_token, name="account_revoke_token"),
    path("account/sign-out-all/", accounts.sign_out_all, name="account_sign_out_all"),
    # What we keep and why; how accessible the site is (footer links).
    path("privacy/", about.privacy, name="privacy"),
    path("accessibility/", about.accessibility, name="accessibility"),
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
    path(
        "me/applications/<int:pk>/withdraw/confirm/",
        seeker.confirm_withdraw_application,
        name="confirm_withdraw_application",
    ),
    path("me/saved/", seeker.saved_jobs, name="saved_jobs"),
    path("me/profile/", seeker.my_profile, name="my_profile"),
    path("me/resume/", seeker.profile_resume, name="profile_resume"),
    # Job alerts, and the links in alert and reminder e-mails (signed, no login).
    path("me/alerts/", alerts.alert_list, name="job_alerts"),
    path("me/alerts/new/", alerts.create_alert, name="create_alert"),
    path("me/alerts/<int:pk>/", alerts.update_alert, name="update_alert"),
    path("me/alerts/<int:pk>/delete/", alerts.delete_alert, name="delete_alert"),
    path("alerts/unsubscribe/<str:token>/", alerts.alert_unsubscribe, name="alert_unsubscribe"),
    path("jobs/renew/<str:token>/", alerts.renew_job_by_link, name="renew_job_by_link"),
    # The employer's applicant pipeline, and reports to the moderators.
    path("employer/jobs/<int:pk>/applicants/", pipeline.applicants, name="employer_applicants"),
    path(
        "employer/applications/<int:pk>/",
        pipeline.application_detail,
        name="employer_application",
    ),
    path(
        "employer/applications/<int:pk>/status/",
        pipeline.move_application,
        name="employer_move_application",
    ),
    path("employer/applications/<int:pk>/notes/", pipeline.add_note, name="employer_add_note"),
    # Ratings and CSV exports of applicants (board/web/pipeline_ratings.py, exports.py).
    path(
        "employer/applications/<int:pk>/rating/",
        pipeline_ratings.rate_application,
        name="employer_rate_application",
    ),
    path(
        "employer/jobs/<int:pk>/applicants.csv",
        exports.export_job_applicants,
        name="employer_export_job",
    ),
    path(
        "employer/applicants.csv", exports.export_company_applicants, name="employer_export_company"
    ),
    path("jobs/<int:pk>/report/", reports.report_job, name="report_job"),
    # The employer's company, team and jobs (board/views/employer*.py).
    path("employer/", employer_jobs.dashboard, name="employer_dashboard"),
    path("employer/company/new/", employer.company_create, name="employer_company_create"),
    path("employer/company/", employer.company_edit, name="employer_company"),
    path("employer/team/", employer.team, name="employer_team"),
    path("employer/close/", company_closing.close_company, name="employer_close_company"),
    path(
        "employer/team/members/<int:pk>/remove/",
        employer.remove_member,
        name="employer_remove_member",
    ),
    path(
        "employer/team/invitations/<int:pk>/revoke/",
        employer.revoke_invitation,
        name="employer_revoke_invitation",
    ),
    path("employer/invitations/<str:token>/", employer.accept_invitation, name="accept_invitation"),
    path("employer/jobs/new/", employer_jobs.job_create, name="employer_job_create"),
    path(
        "employer/jobs/preview-description/",
        employer_jobs.description_preview,
        name="employer_description_preview",
    ),
    path("employer/jobs/<int:pk>/edit/", employer_jobs.job_edit, name="employer_job_edit"),
    path("employer/jobs/<int:pk>/preview/", employer_jobs.job_preview, name="employer_job_preview"),
    path("employer/jobs/<int:pk>/submit/", employer_jobs.job_submit, name="employer_job_submit"),
    path("employer/jobs/<int:pk>/close/", employer_jobs.job_close, name="employer_job_close"),
    path(
        "employer/jobs/<int:pk>/close/confirm/",
        employer_jobs.job_close_confirm,
        name="employer_job_close_confirm",
    ),
    path("employer/jobs/<int:pk>/renew/", employer_jobs.job_renew, name="employer_job_renew"),
    path(
        "employer/jobs/<int:pk>/duplicate/",
        employer_jobs.job_duplicate,
        name="employer_job_duplicate",
    ),
    path("employer/jobs/<int:pk>/delete/", employer_jobs.job_delete, name="employer_job_delete"),
    path(
        "employer/jobs/<int:pk>/analytics/",
        employer_analytics.job_analytics,
        name="employer_job_analytics",
    ),
    path(
        "employer/jobs/<int:pk>/questions/",
        screening.job_questions,
        name="employer_job_questions",
    ),
    # Bulk actions on applicants, messages to applicants and their templates (issue 16).
    path(
        "employer/jobs/<int:pk>/applicants/bulk/",
        pipeline_bulk.bulk_action,
        name="employer_bulk_applicants",
    ),
    path(
        "employer/applications/<int:pk>/message/",
        pipeline_bulk.message_applicant,
        name="employer_message_applicant",
    ),
    path(
        "employer/message-templates/",
        message_templates.template_list,
        name="employer_message_templates",
    ),
    path(
        "employer/message-templates/new/",
        message_templates.template_create,
        name="employer_message_template_create",
    ),
    path(
        "employer/message-templates/suggested/",
        message_templates.add_suggested_templates,
        name="employer_message_templates_suggested",
    ),
    path(
        "employer/message-templates/<int:pk>/",
        message_templates.template_edit,
        name="employer_message_template_edit",
    ),
    path(
        "employer/message-templates/<int:pk>/delete/",
        message_templates.template_delete,
        name="employer_message_template_delete",
    ),
    path("employer/jobs/<int:pk>/reopen/", employer_reopen.job_reopen, name="employer_job_reopen"),
    # Issue 17: delete my account (board/privacy/erasure.py).
    path("accounts/delete/", account_deletion.delete_account, name="delete_account"),
]

# "Your data": export everything we hold about the person (board/web/privacy.py, issue 17).
urlpatterns += [
    path("accounts/data/", privacy.account_data, name="account_data"),
    path("accounts/data/export/", privacy.request_data_export, name="account_data_export"),
    path(
        "accounts/data/download/<str:token>/",
        privacy.download_data_export,
        name="account_data_download",
    ),
]

# Issue 19: the colour theme switch (light / dark / system), a cookie (board/web/theme.py),
# and the language switch (board/web/language.py).
urlpatterns += [
    path("theme/", theme.set_theme, name="set_theme"),
    path("language/", language.set_language, name="set_language"),
]
