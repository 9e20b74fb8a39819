from django.contrib import admin

from board.currencies.models import ExchangeRate
from board.jobs import salaries


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Rates the ECB does not publish (KES, NGN, EGP…) are entered here; a rate the
    periodic refresh publishes is replaced by it next time."""

    list_display = ["currency", "rate", "date", "source", "updated"]
    list_filter = ["source"]
    search_fields = ["currency"]
    readonly_fields = ["source", "updated"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Another code would leave the old currency's jobs converted at this rate.
        return [*fields, "currency"] if obj else fields

    def save_model(self, request, obj, form, change):
        obj.source = ExchangeRate.Source.ADMIN
        salaries.save_rate(obj)  # queues its jobs' conversion

    def delete_queryset(self, request, queryset):
        # One by one, so each currency's jobs are converted again (to "no rate").
        for rate in queryset:
            salaries.delete_rate(rate)

    def delete_model(self, request, obj):
        salaries.delete_rate(obj)
