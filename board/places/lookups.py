"""From what a person types to a Place: resolve(), autocomplete(), is_remote()."""

import re
import unicodedata

from board.places.models import Place, PlaceName
from board.places.names import normalise, prefix_range

# What people type in a location box to mean "no place: remote".
REMOTE_WORDS = frozenset([
    "remote", "anywhere", "worldwide", "work from home", "wfh", "home based", "home office",
    "fully remote", "100 remote", "remote only", "remote first", "distributed", "telecommute",
    # What the French and Arabic pages call it (the "Remote" suggestion's label there):
    # "Télétravail", "à distance", "عن بُعد" (Arabic is compared by remote_form()).
    "teletravail", "en teletravail", "a distance", "full teletravail", "100 teletravail",
    "عن بعد", "العمل عن بعد",
])  # fmt: skip

# Arabic short vowels and the tatweel: "عن بُعد" and "عن بعد" are the same words.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")

AUTOCOMPLETE_MIN_LENGTH = 2


def remote_form(text):
    """`text` as REMOTE_WORDS holds it: normalise()'s ASCII form, or for words with no
    ASCII letters (Arabic) the words without their vowel marks, in single spaces."""
    name = normalise(text)
    if name:
        return name
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", (text or "")[:200]))
    return " ".join(re.findall(r"[^\W_]+", text))


def is_remote(text):
    """True for "Remote", "remote (EU)", "Anywhere", "Work from home", "Télétravail"…"""
    name = remote_form(text)
    return name in REMOTE_WORDS or name.startswith("remote ")


def resolve(text):
    """The place `text` names, or None (blank, unknown, or remote: see is_remote()).

    An exact name or alias, the most populous first: "Paris" is the French one,
    "Lisboa" is Lisbon, "UK" the United Kingdom. After a comma, a country,
    region or US state code narrows it: "Paris, TX", "Cambridge, USA".
    """
    name = normalise(text)
    if not name or is_remote(text):
        return None
    place = _most_populous(name)
    if place is None and "," in text:
        head, _, rest = text.partition(",")
        # The next part narrows: "Paris, Texas, United States" (autocomplete()'s labels).
        place = _narrowed(normalise(head), normalise(rest.partition(",")[0]))
    return place


def autocomplete(prefix, limit=8):
    """Up to `limit` places for a location box, most populous first.

    First the places with any name equal to what was typed ("Lisboa", "NYC"),
    then those whose own name, code or curated alias starts with it, or a later
    word of it ("york": New York City first). GeoNames' other alternate names
    count only in full: as prefixes they crowd the list ("sa" would offer
    Shanghai for "Sanghay").
    """
    name = normalise(prefix)
    if len(name) < AUTOCOMPLETE_MIN_LENGTH:
        return []
    low, high = prefix_range(name)
    # A range, not LIKE, so both databases read it from placename_preferred_idx,
    # which also holds the population: the top matches come from the index alone.
    starting = (
        PlaceName.objects.filter(preferred=True, search_name__gte=low, search_name__lt=high)
        .order_by("-population", "place_id")
        .values_list("place_id", flat=True)
    )
    exact = _named(name)
    found = {place.pk: place for place in exact[:limit]}
    # A place can match by several names ("lisbon", "lisboa"): take a few more.
    ids = [pk for pk in dict.fromkeys(starting[: limit * 3]) if pk not in found]
    others = Place.objects.in_bulk(ids[: limit - len(found)])
    return [*found.values(), *(others[pk] for pk in ids if pk in others)][:limit]


def _named(name):
    """The places with a whole name equal to `name`, the most populous first."""
    # One filter() call: both conditions on the same name row.
    places = Place.objects.filter(names__search_name=name, names__partial=False)
    return places.order_by("-population", "id")


def _most_populous(name):
    return _named(name).first()


def _narrowed(name, within_name):
    """The most populous `name` inside a place called `within_name` ("MA" is both
    Morocco and Massachusetts: the first that holds a `name` wins)."""
    if not name:
        return None
    places = _named(name)
    for within in _named(within_name)[:5]:
        if within.kind == Place.Kind.AREA:
            inside = places.filter(country_code__in=within.country_codes())
        elif within.kind == Place.Kind.REGION:
            inside = places.filter(country_code=within.country_code, region=within.name)
        else:
            inside = places.filter(country_code=within.country_code)
        if place := inside.exclude(pk=within.pk).first():
            return place
    return places.first()
