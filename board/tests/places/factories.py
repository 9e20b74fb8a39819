"""A handful of real places, for tests that need places but not the 30,000 of load_places."""

from board.places.loading import later_words
from board.places.models import Place, PlaceName
from board.places.names import normalise


def place(name, kind=Place.Kind.CITY, aliases=(), alternates=(), **fields):
    fields.setdefault("key", f"test:{kind}:{normalise(name)}:{fields.get('country_code', '')}")
    created = Place.objects.create(name=name, search_name=normalise(name), kind=kind, **fields)
    for alias in (name, *aliases):
        PlaceName.objects.get_or_create(
            place=created,
            search_name=normalise(alias),
            defaults={"name": alias, "preferred": True, "population": created.population},
        )
    for alias in alternates:
        PlaceName.objects.get_or_create(
            place=created,
            search_name=normalise(alias),
            defaults={"name": alias, "population": created.population},
        )
    for part in later_words(created.search_name):  # as load_places stores them
        PlaceName.objects.get_or_create(
            place=created,
            search_name=part,
            defaults={
                "name": name,
                "preferred": True,
                "partial": True,
                "population": created.population,
            },
        )
    return created


def make_places():
    """Lisbon, Porto, New York City, Paris (France and Texas), their countries, Texas, the EU."""
    country, region, area = Place.Kind.COUNTRY, Place.Kind.REGION, Place.Kind.AREA
    found = {
        "PT": place("Portugal", country, ["PT", "PRT"], country_code="PT", population=10_300_000),
        "FR": place("France", country, ["FR", "FRA"], country_code="FR", population=66_900_000),
        "US": place("United States", country, ["US", "USA"], country_code="US", population=327e6),
        "GB": place("United Kingdom", country, ["GB", "UK"], country_code="GB", population=66.5e6),
        "TX": place("Texas", region, ["TX"], country_code="US", region="Texas"),
        "EU": place("European Union", area, ["EU"], key="area:eu", population=446_000_000),
    }
    cities = [
        ("lisbon", "Lisbon", "PT", "", 38.71667, -9.13333, 517_802, ["Lisboa", "Lissabon"], []),
        ("porto", "Porto", "PT", "", 41.14961, -8.61099, 249_633, ["Oporto"], []),
        ("nyc", "New York City", "US", "New York", 40.71427, -74.00597, 8.8e6, [], ["NYC", "NY"]),
        ("paris", "Paris", "FR", "", 48.85341, 2.3488, 2_138_551, [], []),
        ("paris_tx", "Paris", "US", "Texas", 33.66094, -95.55551, 24_782, [], []),
        ("london", "London", "GB", "", 51.50853, -0.12574, 8_961_989, [], []),
    ]  # fmt: skip
    for key, name, code, state, latitude, longitude, population, alternates, aliases in cities:
        found[key] = place(
            name,
            aliases=aliases,
            alternates=alternates,
            key=f"test:{key}",
            country_code=code,
            region=state,
            latitude=latitude,
            longitude=longitude,
            population=population,
        )
    found["EU"].countries.set([found["PT"], found["FR"]])
    return found
