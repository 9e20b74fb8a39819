"""The location box's suggestions (templates/includes/search_fields.html#location_box)."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from board.places.lookups import AUTOCOMPLETE_MIN_LENGTH, autocomplete, remote_form
from board.places.models import Place

MAX_TYPED_LENGTH = 100


@require_safe
@cache_control(public=True, max_age=3600)  # places change only when load_places runs
def place_suggestions(request):
    """Options for the location combobox: "Remote" when it fits what is typed, then places.

    `for=job` (the job form's "Add a location" box): only places a job can be in, so
    neither "Remote" nor areas such as "EU" (board/jobs/locations.py refuses both there).
    A fragment for htmx; any text is fine (too short, unknown: no options).
    """
    typed = request.GET.get("location", "")[:MAX_TYPED_LENGTH]
    name = remote_form(typed)
    # The page's word for it ("Télétravail", "عن بُعد"), which is_remote() knows too.
    remote = _("Remote")
    places = autocomplete(typed)
    for_job = request.GET.get("for") == "job"
    if for_job:
        places = [place for place in places if place.kind != Place.Kind.AREA]
    offer_remote = (
        not for_job
        and len(name) >= AUTOCOMPLETE_MIN_LENGTH
        and any(word.startswith(name) for word in ("remote", remote_form(remote)))
    )
    return TemplateResponse(
        request,
        "board/place_suggestions.html",
        {"places": places, "offer_remote": offer_remote, "remote": remote},
    )
