from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from board.graphql.views import graphql_view

# The admin's own login form has no rate limit and no verification check;
# send it through allauth's login instead.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Nexus Jobs administration"
admin.site.site_title = "Nexus Jobs admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    # allauth's own sessions page: ours lists the API tokens too (board/web/accounts.py).
    path(
        "accounts/sessions/",
        RedirectView.as_view(pattern_name="account_sessions"),
        name="allauth_sessions_redirect",
    ),
    path("accounts/", include("allauth.urls")),
    path("api/", include("board.api.urls")),
    path("graphql/", graphql_view, name="graphql"),
    path("", include("board.web.urls")),
]
