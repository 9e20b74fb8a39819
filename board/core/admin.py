from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    related = []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


class SiteLinkedFileInput(AdminFileWidget):
    """A file field whose "Currently:" link goes to the site's own download view
    (`url_of(instance)`: its permission check and headers), never to the storage's
    URL: a /media/ path nothing serves, or a signed URL of the S3 bucket that
    would hand out the raw file without them."""

    def __init__(self, url_of, attrs=None):
        super().__init__(attrs)
        self.url_of = url_of

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _Linked(str(value), self.url_of(value.instance))
        return context


class _Linked:
    def __init__(self, text, url):
        self.text, self.url = text, url

    def __str__(self):
        return self.text
