"""A few real places for the job-location tests (coordinates from GeoNames)."""

from board.places.models import Place, PlaceName
from board.places.names import normalise

City, Region, Country, Area = (
    Place.Kind.CITY,
    Place.Kind.REGION,
    Place.Kind.COUNTRY,
    Place.Kind.AREA,
)

PLACES = [
    # key, name, kind, country, region, lat, lon, population, aliases
    ("lisbon", "Lisbon", City, "PT", "", 38.71667, -9.13333, 517802, ["Lisboa"]),
    ("porto", "Porto", City, "PT", "", 41.14961, -8.61099, 249633, ["Oporto"]),
    ("sintra", "Sintra", City, "PT", "", 38.80097, -9.37826, 30000, []),  # 24 km from Lisbon
    ("leeds", "Leeds", City, "GB", "", 53.79648, -1.54785, 455123, []),
    ("berlin", "Berlin", City, "DE", "", 52.52437, 13.41053, 3426354, []),
    ("paris", "Paris", City, "FR", "", 48.85341, 2.3488, 2138551, []),
    ("austin", "Austin", City, "US", "Texas", 30.26715, -97.74306, 931830, []),
    ("texas", "Texas", Region, "US", "", 31.25044, -99.25061, 29145505, ["TX"]),
    ("pt", "Portugal", Country, "PT", "", 39.6945, -8.13057, 10305564, ["PT"]),
    ("gb", "United Kingdom", Country, "GB", "", 54.75844, -2.69531, 66488991, ["UK", "GB"]),
    ("de", "Germany", Country, "DE", "", 51.5, 10.5, 82927922, ["Deutschland"]),
    ("fr", "France", Country, "FR", "", 46.0, 2.0, 66987244, []),
    ("us", "United States", Country, "US", "", 39.76, -98.5, 327167434, ["USA", "US"]),
    ("eu", "European Union", Area, "", "", None, None, 0, ["EU"]),
]
EU = ["PT", "DE", "FR"]


def make_places():
    """The places above, by key, with their names and aliases (and the EU's countries)."""
    made = {}
    for key, name, kind, code, region, lat, lon, population, aliases in PLACES:
        place = Place.objects.create(
            key=f"test:{key}",
            name=name,
            search_name=normalise(name),
            kind=kind,
            country_code=code,
            region=region,
            latitude=lat,
            longitude=lon,
            population=population,
        )
        for spelling in {name, *aliases}:
            PlaceName.objects.create(place=place, name=spelling, search_name=normalise(spelling))
        made[key] = place
    made["eu"].countries.set([made[code.lower()] for code in EU])
    return made
