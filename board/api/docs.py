"""Swagger UI under the site's Content Security Policy.

drf-spectacular's split view already serves its init script as a file; its
page template still has an inline <style> block, which our `style-src 'self'`
refuses. The page here is the same without it: every script and style is a
file from drf-spectacular-sidecar, served from our own static files.
"""

from django.http import HttpResponse
from django.template import engines
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView

PAGE = engines["django"].from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="icon" href="{{ favicon_href }}">
<link rel="stylesheet" href="{{ swagger_ui_css }}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{{ swagger_ui_bundle }}"></script>
<script src="{{ swagger_ui_standalone }}"></script>
<script src="{{ script_url }}"></script>
</body>
</html>
"""
)


class SwaggerDocs(SpectacularSwaggerSplitView):
    title = "Nexus Jobs API"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is not None:
            return response
        return HttpResponse(PAGE.render(response.data, request))
