"""The location box's suggestions (templates/includes/search_fields.html#location_box)."""

from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from board.places.lookups import AUTOCOMPLETE_MIN_LENGTH, autocomplete
from board.places.names import normalise

MAX_TYPED_LENGTH = 100


@require_safe
@cache_control(public=True, max_age=3600)  # places change only when load_places runs
def place_suggestions(request):
    """Options for the location combobox: "Remote" when it fits what is typed, then places.

    A fragment for htmx; any text is fine (too short, unknown: no options).
    """
    typed = request.GET.get("location", "")[:MAX_TYPED_LENGTH]
    name = normalise(typed)
    offer_remote = len(name) >= AUTOCOMPLETE_MIN_LENGTH and "remote".startswith(name)
    return TemplateResponse(
        request,
        "board/place_suggestions.html",
        {"places": autocomplete(typed), "offer_remote": offer_remote},
    )
