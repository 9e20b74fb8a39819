"""Distances on the globe, for "within 25 km of Lisbon" (no PostGIS: plain columns).

A radius search asks the database for the rows inside bounding_box() (two
indexed ranges), then keeps those whose distance_km() is within the radius.
"""

import math

from django.db.models import Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def _coordinates(point):
    if hasattr(point, "latitude"):
        return point.latitude, point.longitude
    return point


def distance_km(a, b):
    """Great-circle distance between two places or (latitude, longitude) pairs (haversine)."""
    lat1, lon1 = map(math.radians, _coordinates(a))
    lat2, lon2 = map(math.radians, _coordinates(b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(place, km):
    """(min_lat, max_lat, min_lon, max_lon) holding every point within `km` of `place`.

    One degree of latitude is ~111 km everywhere; a degree of longitude shrinks
    with cos(latitude), so the box widens towards the poles. Where the circle
    reaches a pole or crosses the antimeridian the box takes every longitude:
    a few more candidates, never a missed one.
    """
    lat, lon = _coordinates(place)
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    min_lat, max_lat = lat - dlat, lat + dlat
    if min_lat <= -90 or max_lat >= 90:
        return max(min_lat, -90.0), min(max_lat, 90.0), -180.0, 180.0
    # The widest longitude span of the circle, at the latitude of its tangent points.
    ratio = math.sin(km / EARTH_RADIUS_KM) / math.cos(math.radians(lat))
    dlon = math.degrees(math.asin(min(1.0, ratio)))
    min_lon, max_lon = lon - dlon, lon + dlon
    if min_lon < -180 or max_lon > 180:
        return min_lat, max_lat, -180.0, 180.0
    return min_lat, max_lat, min_lon, max_lon


def within_km(rows, place, km):
    """The `rows` (locations or places: latitude and longitude columns) within `km` of
    `place` (a Place or (latitude, longitude)): first the bounding box on their indexed
    coordinates, then the exact great-circle distance (haversine, in SQL functions both
    SQLite and PostgreSQL have) on those few."""
    lat, lon = _coordinates(place)
    if lat is None or lon is None:  # an area has no point to measure from
        return rows.none()
    min_lat, max_lat, min_lon, max_lon = bounding_box((lat, lon), km)
    return (
        rows.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
        .alias(distance_km=haversine_km(lat, lon))
        .filter(distance_km__lte=km)
    )


def haversine_km(lat, lon):
    """The distance in km from (lat, lon) to each row's latitude and longitude, in SQL."""
    lat1, lon1 = Value(math.radians(lat)), Value(math.radians(lon))
    lat2, lon2 = Radians("latitude"), Radians("longitude")
    h = Power(Sin((lat2 - lat1) / 2), 2) + Cos(lat1) * Cos(lat2) * Power(Sin((lon2 - lon1) / 2), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h))
