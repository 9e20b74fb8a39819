from django.contrib import admin, messages

from board.core.admin import ReadOnlyMixin, plural
from board.notifications import outbox
from board.notifications.models import Notification


class SentFilter(admin.SimpleListFilter):
    title = "delivery"
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("pending", "Pending"), ("sent", "Sent")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        return queryset


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The outbox, for operators: what is waiting, what failed and why. Never the content:
    an account e-mail's stored message (`payload`) holds secret links, so the fields shown
    are listed here rather than left to the model."""

    list_display = ["created", "kind", "object_id", "sent_at", "attempts", "last_error"]
    fields = list_display
    readonly_fields = fields
    list_filter = [SentFilter, "kind"]
    date_hierarchy = "created"
    actions = ["send_now"]
    list_per_page = 100

    @admin.action(description="Send the selected pending notifications now")
    def send_now(self, request, queryset):
        sent = failed = 0
        for notification_id in queryset.pending().values_list("pk", flat=True):
            try:
                sent += outbox.deliver(notification_id)
            except OSError:
                failed += 1
        self.message_user(request, f"{plural(sent, 'notification')} sent.", messages.SUCCESS)
        if failed:
            self.message_user(
                request,
                f"{plural(failed, 'notification')} failed again: see their last error.",
                messages.WARNING,
            )
