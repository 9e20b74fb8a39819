"""The privacy package in the admin.

Data exports for operators: which are pending, ready or failed, and when they go.
Read-only, and never the file: only its owner downloads it (board/web/privacy.py).

The user admin deletes accounts the one way: erase_account, never a bare DELETE
that would leave résumé files, sessions, tokens and outbox rows behind.
"""

from django.contrib import admin, messages

from board.accounts.admin import UserAdmin
from board.accounts.models import User
from board.privacy.erasure import ErasureRefused, erase_account
from board.privacy.models import DataExport


@admin.register(DataExport)
class DataExportAdmin(admin.ModelAdmin):
    list_display = ["id", "user_id", "status", "created", "finished_at", "expires", "size"]
    list_filter = ["status"]
    ordering = ["-created"]
    fields = ["user_id", "status", "created", "finished_at", "expires", "size"]
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting here would leave the ZIP in storage: the cleanup deletes both.
    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


@admin.register(User)
class ErasingUserAdmin(UserAdmin):
    actions = ["erase_accounts"]

    def has_delete_permission(self, request, obj=None):
        return False  # the action below deletes, with everything that goes with it

    @admin.action(description="Delete the selected accounts and their personal data")
    def erase_accounts(self, request, queryset):
        if not request.user.has_perm("board.delete_user"):
            self.message_user(request, "You may not delete accounts.", messages.ERROR)
            return
        deleted = 0
        for user in queryset.exclude(pk=request.user.pk):
            try:
                erase_account(user)
            except ErasureRefused as refused:
                self.message_user(request, f"Account {user.pk}: {refused}", messages.WARNING)
            else:
                deleted += 1
        self.message_user(request, f"{deleted} account(s) deleted.", messages.SUCCESS)
