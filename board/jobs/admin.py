from django.contrib import admin

from board.jobs.models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    list_editable = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


# The actions, like the change form's buttons (job_workflow.py), go through
# board.moderation: it records who acted and when, and e-mails the poster.
