from django.contrib import admin


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
