from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from board.graphql.views import graphql_view
from board.web.urls import machine_urlpatterns

# The admin's own login form has no rate limit and no verification check;
# send it through allauth's login instead.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Nexus Jobs administration"
admin.site.site_title = "Nexus Jobs admin"

# Addresses for machines and staff: one address each, in no language (the admin, the API and
# GraphQL speak English; probes, feeds, sitemaps and logos are the same in every language).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("board.api.urls")),
    path("graphql/", graphql_view, name="graphql"),
    *machine_urlpatterns,
]

# Pages people read: English at /jobs/, French at /fr/jobs/, Arabic at /ar/jobs/
# (docs/i18n.md). Sign-up, sign-in and the account pages are pages too.
urlpatterns += i18n_patterns(
    # allauth's own sessions page: ours lists the API tokens too (board/web/accounts.py).
    path(
        "accounts/sessions/",
        RedirectView.as_view(pattern_name="account_sessions"),
        name="allauth_sessions_redirect",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("board.web.urls")),
    prefix_default_language=False,
)
