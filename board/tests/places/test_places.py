"""Places: names, resolve(), autocomplete(), distances, and load_places."""

import math

import pytest
from django.core.management import call_command
from django.db import connection

from board.jobs.locations import resolve_locations, set_locations
from board.jobs.models import Job
from board.places import geo
from board.places.lookups import autocomplete, is_remote, resolve
from board.places.models import Place, PlaceName
from board.places.names import normalise
from board.tests.factories import JobFactory
from board.tests.places.factories import make_places, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return make_places()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("  SÃO   PAULO ", "sao paulo"),
        ("Zürich", "zurich"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("U.K.", "u k"),
        ("Москва", ""),
        ("\x00; DROP TABLE", "drop table"),
    ],
)
def test_names_are_compared_in_ascii(text, name):
    assert normalise(text) == name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Lisboa", "lisbon"),
        ("lisbon", "lisbon"),
        ("NYC", "nyc"),
        ("ny", "nyc"),
        ("UK", "GB"),
        ("usa", "US"),
        ("Paris", "paris"),  # the most populous Paris
        ("Paris, TX", "paris_tx"),
        ("Paris, Texas, United States", "paris_tx"),
        ("Paris, USA", "paris_tx"),
        ("Porto, Portugal", "porto"),
        ("Oporto", "porto"),
        ("EU", "EU"),
        ("Lisbon, EU", "lisbon"),
    ],
)
def test_resolve_finds_the_place_people_mean(places, text, key):
    assert resolve(text) == places[key]


@pytest.mark.parametrize("text", ["Remote", "remote (EU)", "Anywhere", "", "  ", "Atlantis"])
def test_resolve_finds_nothing_for_remote_blank_or_unknown(places, text):
    assert resolve(text) is None


def test_an_unknown_narrowing_part_is_ignored(places):
    assert resolve("Paris, Mars") == places["paris"]


@pytest.mark.parametrize("text", ["Remote", "REMOTE", "remote - EU", "Work from home", "anywhere"])
def test_remote_is_recognised(text):
    assert is_remote(text)


@pytest.mark.parametrize("text", ["Lisbon", "Remoteville", "", "Paris"])
def test_places_are_not_remote(text):
    assert not is_remote(text)


def test_autocomplete_by_prefix_most_populous_first(places):
    assert autocomplete("pa") == [places["paris"], places["paris_tx"]]
    assert autocomplete("LIS") == [places["lisbon"]]
    assert autocomplete("new y") == [places["nyc"]]
    assert autocomplete("p", limit=8) == []  # one letter: too many to be useful
    assert len(autocomplete("p", limit=1)) == 0
    assert autocomplete("zz") == []


def test_autocomplete_offers_an_alias_typed_in_full_but_not_as_a_prefix(places):
    # GeoNames' alternate names are many and odd: only a whole one counts.
    assert autocomplete("lisboa") == [places["lisbon"]]
    assert autocomplete("lisbo") == [places["lisbon"]]  # the prefix of its own name
    assert autocomplete("lissa") == []
    assert autocomplete("lissabon") == [places["lisbon"]]


def test_autocomplete_finds_a_place_by_a_later_word_but_resolve_wants_the_whole_name(places):
    york = place("York", country_code="GB", population=153_717)
    # People type the word they think of: "york" for New York, "paulo" for São Paulo.
    # A place of exactly that name comes first, as for any name typed in full.
    assert autocomplete("york") == [york, places["nyc"]]
    assert autocomplete("yo") == [places["nyc"], york]
    assert autocomplete("york ci") == [places["nyc"]]
    # An exact name is the whole one: "York" is the English city, "City" is nothing.
    assert resolve("York") == york
    assert resolve("York City") is None and resolve("City") is None
    assert resolve("York, United Kingdom") == york


def test_autocomplete_gives_each_place_once_and_obeys_the_limit(places):
    place("Newark", country_code="US", population=300_000, aliases=["New Ark"])
    found = autocomplete("new")
    assert found[0] == places["nyc"]
    assert len(found) == len(set(found)) == 2
    assert len(autocomplete("new", limit=1)) == 1


def test_labels(places):
    assert places["lisbon"].label == "Lisbon, Portugal"
    assert places["paris_tx"].label == "Paris, Texas, United States of America"
    assert places["TX"].label == "Texas, United States of America"
    assert places["EU"].label == "European Union"
    assert places["EU"].country_codes() == ["FR", "PT"]
    assert places["lisbon"].country_codes() == ["PT"]
    assert list(places["PT"].areas.all()) == [places["EU"]]


# Distances --------------------------------------------------------------------


def test_distance_km(places):
    assert geo.distance_km(places["lisbon"], places["porto"]) == pytest.approx(274, abs=2)
    assert geo.distance_km(places["paris"], places["london"]) == pytest.approx(344, abs=2)
    assert geo.distance_km((0, 179.9), (0, -179.9)) == pytest.approx(22.2, abs=0.1)
    assert geo.distance_km(places["nyc"], places["nyc"]) == 0


@pytest.mark.parametrize("km", [1, 10, 25, 50, 100, 500])
@pytest.mark.parametrize("latitude", [0, 38.7, -45, 70, 89])
def test_bounding_box_holds_the_whole_circle(latitude, km):
    center = (latitude, 10.0)
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(center, km)
    for bearing in range(0, 360, 5):
        # The point `km` away on this bearing (spherical destination formula).
        lat1, lon1, d = math.radians(latitude), math.radians(10.0), km / geo.EARTH_RADIUS_KM
        b = math.radians(bearing)
        lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(b))
        lon2 = lon1 + math.atan2(
            math.sin(b) * math.sin(d) * math.cos(lat1),
            math.cos(d) - math.sin(lat1) * math.sin(lat2),
        )
        point = (math.degrees(lat2), (math.degrees(lon2) + 180) % 360 - 180)
        assert geo.distance_km(center, point) == pytest.approx(km, rel=1e-6)
        assert min_lat - 1e-9 <= point[0] <= max_lat + 1e-9
        assert min_lon - 1e-9 <= point[1] <= max_lon + 1e-9


def test_bounding_box_is_tight_away_from_the_poles():
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box((38.7, -9.1), 25)
    assert max_lat - min_lat == pytest.approx(2 * 25 / 111.2, rel=0.01)
    assert max_lon - min_lon == pytest.approx(
        2 * 25 / (111.2 * math.cos(math.radians(38.7))), rel=0.01
    )


def test_bounding_box_across_the_antimeridian_takes_every_longitude():
    assert geo.bounding_box((0, 179.9), 50)[2:] == (-180.0, 180.0)


# Loading ----------------------------------------------------------------------


def test_load_places_loads_real_data_and_loads_again_in_place(capsys):
    call_command("load_places", "--min-population", "500000")
    output = capsys.readouterr().out
    assert "places" in output and "new names" in output
    places, names = Place.objects.count(), PlaceName.objects.count()
    assert places > 1000 and names > 5000
    lisbon = resolve("Lisboa")
    assert (lisbon.name, lisbon.country_code, lisbon.kind) == ("Lisbon", "PT", "city")
    assert resolve("NYC").name == "New York City"
    assert resolve("UK").country_code == "GB"
    assert resolve("Deutschland").name == "Germany"
    assert resolve("Paris").country_code == "FR"
    assert resolve("Houston, TX").region == "Texas"
    assert resolve("Remote") is None
    assert sorted(resolve("DACH").country_codes()) == ["AT", "CH", "DE"]
    assert "PT" in resolve("EU").country_codes() and "GB" not in resolve("EU").country_codes()
    assert len(resolve("Africa").country_codes()) > 50
    assert "US" in resolve("US time zones").country_codes()
    assert resolve("LATAM").name == "Latin America"
    assert autocomplete("lisb")[0] == lisbon
    assert "New York City" in [found.name for found in autocomplete("york")]
    assert autocomplete("paulo")[0].name == "São Paulo"
    assert resolve("Paulo") is None  # a later word alone names nothing
    # Airport codes and names in other scripts are not kept.
    assert not PlaceName.objects.filter(search_name="").exists()
    assert resolve("MUN") is None or resolve("MUN").name != "Maturín"

    # A job posted in Lisbon while its data put it elsewhere (an older data set).
    where = (lisbon.latitude, lisbon.longitude)
    lisbon.name, lisbon.latitude, lisbon.longitude = "Changed", 40.0, -8.0
    lisbon.save()
    job = JobFactory(city="", country="")
    set_locations(job, resolve_locations("Lisboa"))
    assert not Job.objects.near(where, 10).exists()
    call_command("load_places", "--min-population", "500000")
    assert ", 1 job locations moved with their places" in capsys.readouterr().out
    assert (Place.objects.count(), PlaceName.objects.count()) == (places, names)
    lisbon.refresh_from_db()
    assert lisbon.name == "Lisbon"  # updated in place: same row, same id
    assert (lisbon.latitude, lisbon.longitude) == where
    # The job's location moved with its place: both radius searches find it there.
    assert set(Job.objects.near(lisbon, 10)) == {job}
    assert set(Job.objects.search("python").near(lisbon, 10)) == {job}
    call_command("load_places", "--min-population", "500000")
    assert ", 0 job locations moved" in capsys.readouterr().out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_load_places_tells_the_planner_how_many_names_there_are():
    # Taken for nearly empty, the names were read once per place to look one up:
    # minutes for "Munich, Bavaria, Germany" right after a load.
    call_command("load_places", "--min-population", "500000")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'board_placename'")
        assert cursor.fetchone()[0] > 1000
