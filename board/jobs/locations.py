"""Where a job is, and where its remote applicants may work from.

The employer types places, one a line ("Lisbon", "Porto, Portugal", "Austin, TX");
resolve_locations() turns each into a Located (the place it names, via the places
table), and set_locations() stores them as the job's JobLocation rows, the one
record of where the job is. The job's own city/region/country are a copy of the
first one's text (describe()), kept for what shows one place from the job row.

A line that names no known place is kept as text when its last part is a
country or region we know ("Óbidos, Portugal"): the job is then found in
Portugal, but not by distance. A line of which nothing is known is refused, with
a message saying how to write it, so that every job is at least in a country.

Remote jobs say where applicants may be: countries and areas ("EU", "Africa",
"US time zones"), resolve_remote_within(); none means anywhere.
"""

from typing import NamedTuple

from django.db import transaction
from django.db.models import F, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django_countries import countries

from board.jobs.models import JobLocation
from board.places.lookups import is_remote, resolve
from board.places.models import Place

MAX_LOCATIONS = 10
MAX_REMOTE_WITHIN = 30


class LocationError(ValueError):
    """Input that names no usable place; `messages` says why, one per problem."""

    def __init__(self, messages):
        super().__init__(" ".join(messages))
        self.messages = messages


class Located(NamedTuple):
    text: str  # as typed
    place: Place | None
    country_code: str
    region: str

    @property
    def label(self):
        return self.place.label if self.place else self.text


def split_lines(text):
    """The non-blank lines of `text` (a list of strings is taken as it is)."""
    lines = text if isinstance(text, list | tuple) else str(text or "").splitlines()
    return [" ".join(str(line).split()) for line in lines if str(line).strip()]


def resolve_locations(text, known=()):
    """The places `text` names, one a line, in order and without repeats; raises
    LocationError for more than MAX_LOCATIONS or for lines naming nothing known.

    `known`: the job's saved locations (located_of), which a line typed exactly as
    before keeps as they are, so an edit never refuses what was accepted once.
    """
    known = {where.text: where for where in known}
    lines = split_lines(text)
    if len(lines) > MAX_LOCATIONS:
        raise LocationError(
            [f"At most {MAX_LOCATIONS} locations, one a line (this has {len(lines)})."]
        )
    located, problems, seen = [], [], set()
    for line in lines:
        try:
            where = known.get(line) or _locate(line)
        except LocationError as error:
            problems.extend(error.messages)
            continue
        key = where.place.pk if where.place else where.text.casefold()
        if key not in seen:
            seen.add(key)
            located.append(where)
    if problems:
        raise LocationError(problems)
    return located


def _locate(line):
    if is_remote(line):
        raise LocationError(
            [
                f"“{line}” is not a place: choose Remote as the workplace, and say where "
                "applicants may work from under “Remote within”."
            ]
        )
    line = line[:200]
    place = resolve(line)
    if place is not None and place.kind == Place.Kind.AREA:
        raise LocationError(
            [
                f"“{line}” is an area, not a place a job is in: name a city, region or "
                "country (for a remote job, put areas under “Remote within”)."
            ]
        )
    if place is not None:
        return Located(line, place, place.country_code, _region_of(place))
    # Not known as a whole: keep the text if its last part is a country or region.
    head, comma, tail = line.rpartition(",")
    within = resolve(tail) if comma and head.strip() else None
    if within is not None and within.kind in (Place.Kind.COUNTRY, Place.Kind.REGION):
        return Located(line, None, within.country_code, _region_of(within))
    # A country by ISO code or name, even before the places are loaded ("DE", "Leeds, GB").
    if code := _country_code(line) or (_country_code(tail) if comma and head.strip() else ""):
        return Located(line, None, code, "")
    raise LocationError(
        [
            f"We could not find “{line}”. Pick a suggestion, or add its country after a "
            "comma (“Óbidos, Portugal”)."
        ]
    )


def _country_code(text):
    text = text.strip()
    if len(text) == 2 and text.upper() in countries:
        return text.upper()
    return countries.by_name(text) or ""


def _region_of(place):
    return place.name if place.kind == Place.Kind.REGION else place.region


def resolve_remote_within(text):
    """The countries, US states and areas of `text` (comma- or line-separated), for a
    remote job's applicants; raises LocationError naming what is not one."""
    names = [part for line in split_lines(text) for part in line.split(",") if part.strip()]
    if len(names) > MAX_REMOTE_WITHIN:
        raise LocationError([f"At most {MAX_REMOTE_WITHIN} countries or areas."])
    places, problems = [], []
    for name in (" ".join(name.split()) for name in names):
        place = resolve(name)
        if place is None or place.kind == Place.Kind.CITY:
            problems.append(f"“{name}” is not a country or an area such as EU or Africa.")
        elif place not in places:
            places.append(place)
    if problems:
        raise LocationError(problems)
    return places


def describe(job, located):
    """Copy the first location's text to the job's city/region/country (not saved)."""
    first = located[0] if located else None
    if first is None:
        job.city = job.region = job.country = ""
    elif first.place is not None:
        is_city = first.place.kind == Place.Kind.CITY
        job.city = first.place.name[:100] if is_city else ""
        job.region, job.country = first.region[:100], first.country_code
    else:
        job.city = locality(first.text)[:100]
        job.region, job.country = first.region[:100], first.country_code


def locality(text):
    """The town of a location known only by its country or region: "Óbidos" of
    "Óbidos, Portugal" (nothing for "Portugal")."""
    head, comma, _ = text.partition(",")
    return head.strip() if comma else ""


# What location_row() sets, as set_locations() compares saved rows with new ones.
ROW_FIELDS = ("position", "place_id", "text", "country_code", "region", "latitude", "longitude")


def location_row(job, position, where):
    """The JobLocation of a Located `where` at `position` (0 = first) of `job`, unsaved;
    the coordinates are copied from the place, for the radius search's index."""
    return JobLocation(
        job_id=job.pk,
        position=position,
        place=where.place,
        text=where.text,
        country_code=where.country_code,
        region=where.region[:100],
        latitude=where.place.latitude if where.place else None,
        longitude=where.place.longitude if where.place else None,
    )


@transaction.atomic
def set_locations(job, located, remote_within=()):
    """Make `located` the saved job's locations (describe() it first) and
    `remote_within` its remote eligibility (ignored unless the job is remote)."""
    rows = [location_row(job, position, where) for position, where in enumerate(located)]
    # Most edits leave the locations as they were. Rewriting them anyway is not free on
    # PostgreSQL: the triggers that keep the job row's place_ids (migration 0021) would
    # write the job's row, and its entry in the search index, once for the delete and
    # once more for the insert.
    if list(job.locations.order_by("position").values_list(*ROW_FIELDS)) != [
        tuple(getattr(row, name) for name in ROW_FIELDS) for row in rows
    ]:
        job.locations.all().delete()
        JobLocation.objects.bulk_create(rows)
    remote = job.workplace == job.Workplace.REMOTE
    job.remote_within.set(remote_within if remote else [])


def located_of(job):
    """The job's saved locations as Located, first to last."""
    return [
        Located(row.text, row.place, row.country_code, row.region)
        for row in job.locations.select_related("place")
    ]


def copy_locations(source, target):
    """Give `target` (a copy of `source`, saved) the same places."""
    set_locations(target, located_of(source), list(source.remote_within.all()))


def prefetch_places(jobs):
    """Load the jobs' locations (with their places), and the remote ones' remote_within."""
    rows = JobLocation.objects.select_related("place")
    prefetch_related_objects(jobs, Prefetch("locations", queryset=rows))
    remote = [job for job in jobs if job.workplace == job.Workplace.REMOTE]
    prefetch_related_objects(remote, "remote_within")


def follow_places():
    """Copy their places' coordinates again to the locations whose places have moved
    (load_places updates the places in place). The radius search without words
    measures from each location's copy (location_row), the one with words from the
    places themselves (JobQuerySet.near): this keeps them finding the same jobs.
    Returns how many locations changed. Run by `manage.py load_places`."""
    moved = JobLocation.objects.filter(
        place__latitude__isnull=False, place__longitude__isnull=False
    ).exclude(latitude=F("place__latitude"), longitude=F("place__longitude"))
    place = Place.objects.filter(pk=OuterRef("place_id"))
    # One statement: the place-id triggers (migration 0021) run once, not once a city.
    return moved.update(
        latitude=Subquery(place.values("latitude")),
        longitude=Subquery(place.values("longitude")),
    )


def locate_saved():
    """Resolve the saved locations that have no place yet (those migration 0004 made
    from the old city/region/country, or typed before a place was loaded): each
    distinct text once, kept only when the place is in the country the row names.
    Returns how many rows gained a place. Run by `manage.py locate_jobs`."""
    unresolved = JobLocation.objects.filter(place__isnull=True)
    pairs = unresolved.values_list("text", "country_code").distinct().order_by()
    located = 0
    for text, country_code in pairs.iterator():
        place = resolve(text)
        if place is None or place.kind == Place.Kind.AREA:
            continue
        if country_code and place.country_code != country_code:
            continue
        rows = unresolved.filter(text=text, country_code=country_code)
        # A job already in that place keeps its row as text (one row per place and job).
        located += rows.exclude(job__locations__place=place).update(
            place=place,
            latitude=place.latitude,
            longitude=place.longitude,
            country_code=place.country_code,
            region=_region_of(place)[:100],
        )
    return located


def locate_from_fields(jobs):
    """Give jobs made with only city/region/country (the demo's) their location rows,
    as migration 0004 does for older jobs, resolved where the places are loaded."""
    for job in jobs:
        code = job.country.code if job.country else ""
        if job.workplace == job.Workplace.REMOTE and not (job.city or job.region):
            # A remote job's bare country: where its applicants may be.
            country = Place.objects.filter(kind=Place.Kind.COUNTRY, country_code=code).first()
            set_locations(job, [], [country] if code and country else [])
            continue
        if not (job.city or job.region or code):
            continue
        text = job.location_display
        place = resolve(text)
        if place is None or (code and place.country_code != code):
            where = Located(text, None, code, job.region)
        else:
            where = Located(text, place, place.country_code, _region_of(place))
        set_locations(job, [where])
