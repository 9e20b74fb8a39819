"""The admin's review-queue badge (templates/admin/base_site.html)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from board.moderation.review import waiting_count

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue_badge(context):
    """ "3 jobs to review", linking to the queue, on every admin page of a moderator;
    nothing when the queue is empty or the user may not change jobs (one COUNT
    on the status index)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("board.change_job"):
        return ""
    waiting = waiting_count()
    if not waiting:
        return ""
    # The admin's own button style: the site's CSP allows no inline style.
    return format_html(
        '<a id="review-queue-badge" class="button" href="{}">{} job{} to review</a>',
        reverse("admin:board_pendingjob_changelist"),
        waiting,
        "" if waiting == 1 else "s",
    )
