"""Where jobs are: several locations, remote eligibility, radius and place searches,
and how they show (card, page, JSON-LD, REST, GraphQL)."""

import importlib
import io
import json
import re

import pytest
from django.db import connection
from django.urls import reverse

from board.jobs import locations
from board.jobs.forms import JobForm
from board.jobs.models import Job, JobLocation
from board.listings.paging import ranked_page
from board.tests.factories import CategoryFactory, JobFactory, MembershipFactory
from board.tests.jobs.places import make_places

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "A role with a team that builds things, reviews code, and talks to users. " * 3
).strip()


@pytest.fixture
def places():
    return make_places()


def job_at(lines, workplace=Job.Workplace.ON_SITE, within=(), **fields):
    """A visible job with these locations, set as the workflow sets them."""
    job = JobFactory(workplace=workplace, city="", country="", **fields)
    located = locations.resolve_locations("\n".join(lines))
    locations.describe(job, located)
    job.save()
    locations.set_locations(job, located, within)
    return job


class TestResolve:
    def test_names_and_aliases_become_places_in_order(self, places):
        located = locations.resolve_locations("Lisboa\n Porto \n\nAustin, TX\nGermany")
        assert [where.place for where in located] == [
            places["lisbon"],
            places["porto"],
            places["austin"],
            places["de"],
        ]
        assert [where.text for where in located] == ["Lisboa", "Porto", "Austin, TX", "Germany"]
        assert located[2].region == "Texas" and located[2].country_code == "US"

    def test_a_town_we_do_not_know_is_kept_with_its_country(self, places):
        (where,) = locations.resolve_locations("Óbidos, Portugal")
        assert (where.place, where.text, where.country_code) == (None, "Óbidos, Portugal", "PT")

    def test_repeats_are_dropped(self, places):
        located = locations.resolve_locations("Lisbon\nLisboa\nLisbon")
        assert [where.place for where in located] == [places["lisbon"]]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("Atlantis", "We could not find “Atlantis”"),
            ("Atlantis, Narnia", "We could not find “Atlantis, Narnia”"),
            ("EU", "is an area"),
            ("Remote", "is not a place"),
            ("\n".join(["Porto"] * 11), "At most 10 locations"),
        ],
    )
    def test_refusals_say_why(self, places, text, message):
        with pytest.raises(locations.LocationError) as error:
            locations.resolve_locations(text)
        assert message in str(error.value)

    def test_remote_within_takes_countries_states_and_areas_only(self, places):
        assert locations.resolve_remote_within("EU, UK\nTexas") == [
            places["eu"],
            places["gb"],
            places["texas"],
        ]
        with pytest.raises(locations.LocationError, match="“Lisbon” is not a country"):
            locations.resolve_remote_within("EU, Lisbon")


class TestQueries:
    def test_near_keeps_what_is_within_the_radius(self, places):
        lisbon = job_at(["Lisbon"])
        sintra = job_at(["Sintra"])  # 24 km from Lisbon
        porto = job_at(["Porto"])  # 274 km
        both = job_at(["Porto", "Lisbon"])
        job_at(["Óbidos, Portugal"])  # no coordinates: never near anything
        near = Job.objects.near(places["lisbon"], 10)
        assert set(near) == {lisbon, both}
        assert set(Job.objects.near(places["lisbon"], 25)) == {lisbon, sintra, both}
        assert set(Job.objects.near((41.15, -8.61), 5)) == {porto, both}
        assert not Job.objects.near(places["eu"], 100).exists()  # an area has no centre

    def test_near_is_the_exact_distance_not_the_box(self, places):
        # Sintra is inside the box of 23 km around Lisbon (its corners reach 32 km),
        # but 24 km away.
        job_at(["Sintra"])
        assert not Job.objects.near(places["lisbon"], 23).exists()

    def test_in_place_of_a_city_region_country_and_area(self, places):
        lisbon, porto = job_at(["Lisbon"]), job_at(["Porto"])
        obidos = job_at(["Óbidos, Portugal"])
        austin = job_at(["Austin"])
        berlin_and_paris = job_at(["Berlin", "Paris"])
        assert set(Job.objects.in_place(places["lisbon"])) == {lisbon}
        assert set(Job.objects.in_place(places["pt"])) == {lisbon, porto, obidos}
        assert set(Job.objects.in_place(places["texas"])) == {austin}
        assert set(Job.objects.in_place(places["fr"])) == {berlin_and_paris}
        assert list(Job.objects.in_place(places["eu"]).order_by("pk")) == [
            lisbon,
            porto,
            obidos,
            berlin_and_paris,
        ]

    def test_workable_from(self, places):
        Remote = Job.Workplace.REMOTE
        anywhere = job_at([], Remote)
        eu = job_at([], Remote, within=[places["eu"]])
        portugal = job_at(["Berlin"], Remote, within=[places["pt"]])
        us_only = job_at([], Remote, within=[places["us"]])
        # Two places: one holding the country is enough, the other does not exclude it.
        us_or_pt = job_at([], Remote, within=[places["us"], places["pt"]])
        job_at(["Lisbon"])  # on site, in Portugal: a place filter's business
        assert set(Job.objects.workable_from("pt")) == {anywhere, eu, portugal, us_or_pt}
        assert set(Job.objects.workable_from("US")) == {anywhere, us_only, us_or_pt}
        assert set(Job.objects.workable_from("DE")) == {anywhere, eu}
        # Counted and listed as the search counts and lists them.
        assert Job.objects.workable_from("US").order_by().count() == 3


def form_data(category, **changes):
    return {
        "title": "Backend Developer",
        "category": category.pk,
        "employment_type": "full_time",
        "experience_level": "senior",
        "workplace": "hybrid",
        "salary_currency": "EUR",
        "salary_period": "year",
        "description": DESCRIPTION,
        "locations": "Lisboa\r\nPorto\r\nÓbidos, Portugal",
        **changes,
    }


class TestSetLocations:
    def test_the_same_locations_keep_their_rows_and_any_change_replaces_them(self, places):
        job = job_at(["Lisbon", "Óbidos, Portugal"])
        rows = list(job.locations.order_by("position"))
        locations.set_locations(job, locations.resolve_locations("Lisboa\nÓbidos, Portugal"))
        # "Lisboa" is typed text of its own: the first row changes, and so all of them.
        assert not set(job.locations.values_list("pk", flat=True)) & {row.pk for row in rows}
        rows = list(job.locations.order_by("position"))
        locations.set_locations(job, locations.resolve_locations("Lisboa\nÓbidos, Portugal"))
        assert list(job.locations.order_by("position")) == rows
        # The same places in another order are other rows.
        locations.set_locations(job, locations.resolve_locations("Óbidos, Portugal\nLisboa"))
        assert [(row.position, row.text) for row in job.locations.all()] == [
            (0, "Óbidos, Portugal"),
            (1, "Lisboa"),
        ]
        locations.set_locations(job, [])
        assert not job.locations.exists()

    def test_a_place_that_moved_is_saved_with_its_new_coordinates(self, places):
        job = job_at(["Lisbon"])
        lisbon = places["lisbon"]
        lisbon.latitude, lisbon.longitude = 38.8, -9.2
        lisbon.save()
        locations.set_locations(job, locations.resolve_locations("Lisbon"))
        row = job.locations.get()
        assert (row.place, row.text, row.latitude, row.longitude) == (lisbon, "Lisbon", 38.8, -9.2)


class TestEmployerForm:
    url = reverse("employer_job_create")

    def test_posting_stores_each_place_and_the_first_as_the_jobs_text(
        self, client, places, employer
    ):
        client.force_login(employer)
        response = client.post(self.url, form_data(CategoryFactory()))
        assert response.status_code == 302
        job = Job.objects.get()
        rows = list(job.locations.all())
        assert [(row.position, row.place, row.text) for row in rows] == [
            (0, places["lisbon"], "Lisboa"),
            (1, places["porto"], "Porto"),
            (2, None, "Óbidos, Portugal"),
        ]
        assert (rows[0].latitude, rows[0].longitude) == (38.71667, -9.13333)
        assert (job.city, job.region, job.country.code) == ("Lisbon", "", "PT")
        assert job.location_display == "Lisbon, Portugal"

    def test_remote_within_is_stored_for_remote_jobs(self, client, places, employer):
        client.force_login(employer)
        data = form_data(CategoryFactory(), workplace="remote", locations="", remote_within="EU,UK")
        assert client.post(self.url, data).status_code == 302
        job = Job.objects.get()
        assert set(job.remote_within.all()) == {places["eu"], places["gb"]}
        assert not job.locations.exists() and job.location_display == ""

    def test_errors_name_the_lines_at_fault(self, client, places, employer):
        client.force_login(employer)
        data = form_data(CategoryFactory(), locations="Lisbon\nAtlantis\nEU")
        response = client.post(self.url, data)
        errors = response.context["form"].errors["locations"]
        assert response.status_code == 200 and len(errors) == 2
        assert "could not find “Atlantis”" in errors[0] and "“EU” is an area" in errors[1]
        assert not Job.objects.exists()

    def test_the_edit_form_shows_the_places_and_an_unchanged_save_changes_nothing(
        self, client, places
    ):
        job = job_at(["Lisboa", "Óbidos, Portugal"], company__verified=False)
        employer = MembershipFactory(company=job.company).user
        client.force_login(employer)
        url = reverse("employer_job_edit", args=[job.pk])
        form = client.get(url).context["form"]
        assert form["locations"].value() == "Lisboa\nÓbidos, Portugal"
        data = {k: v for k, v in form.initial.items() if v is not None}
        data["locations"] = "Lisboa\r\nÓbidos, Portugal\r\n"  # as a browser posts it
        data["description"] = job.description = DESCRIPTION
        job.save()
        rows = list(job.locations.values_list("pk", flat=True))
        client.post(url, data)
        job.refresh_from_db()
        # A live job of an unverified company goes back to review on a change: not here.
        assert job.status == Job.Status.PUBLISHED
        assert [row.text for row in job.locations.all()] == ["Lisboa", "Óbidos, Portugal"]
        # The rows themselves are kept, not deleted and made again (set_locations).
        assert list(job.locations.values_list("pk", flat=True)) == rows

    def test_another_company_cannot_edit_the_places_and_anonymous_signs_in(
        self, client, places, other_employer
    ):
        job = job_at(["Lisbon"])
        url = reverse("employer_job_edit", args=[job.pk])
        data = form_data(job.category, locations="Porto")
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        client.force_login(other_employer)
        assert client.post(url, data).status_code == 404
        assert [row.place for row in job.locations.all()] == [places["lisbon"]]

    def test_duplicating_copies_the_places(self, places):
        job = job_at(["Porto", "Lisbon"], Job.Workplace.REMOTE, within=[places["eu"]])
        employer = MembershipFactory(company=job.company).user
        from board.jobs import workflow

        copy = workflow.duplicate_job(job, employer)
        assert [row.place for row in copy.locations.all()] == [places["porto"], places["lisbon"]]
        assert list(copy.remote_within.all()) == [places["eu"]]

    def test_form_refuses_remote_within_for_an_office_job(self, places):
        form = JobForm(form_data(CategoryFactory(), remote_within="EU"))
        assert not form.is_valid()
        assert "Only remote jobs" in form.errors["remote_within"][0]


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


class TestShown:
    def test_card_shows_the_first_place_and_how_many_more(self, client, places):
        job_at(["Lisbon", "Porto", "Berlin"], title="Three Places Engineer")
        job_at(["Paris"], title="One Place Engineer")
        html = client.get(reverse("job_list")).content.decode()
        assert "Lisbon, Portugal and 2 more" in html
        assert "Paris, France and" not in html and "Paris, France" in html

    def test_job_page_lists_the_places_and_json_ld_has_one_place_each(self, client, places):
        job = job_at(["Lisbon", "Austin"])
        html = client.get(job.get_absolute_url()).content.decode()
        assert "<li>Lisbon, Portugal</li><li>Austin, Texas, United States of America</li>" in html
        data = json_ld(html)
        assert [place["address"] for place in data["jobLocation"]] == [
            {"@type": "PostalAddress", "addressLocality": "Lisbon", "addressCountry": "PT"},
            {
                "@type": "PostalAddress",
                "addressLocality": "Austin",
                "addressRegion": "Texas",
                "addressCountry": "US",
            },
        ]
        assert "jobLocationType" not in data

    def test_remote_json_ld_names_each_eligible_country_and_state(self, client, places):
        job = job_at([], Job.Workplace.REMOTE, within=[places["eu"], places["texas"]])
        html = client.get(job.get_absolute_url()).content.decode()
        assert "Remote from Texas, European Union." in html  # the places' order: populous first
        data = json_ld(html)
        assert data["jobLocationType"] == "TELECOMMUTE"
        assert data["applicantLocationRequirements"] == [
            {"@type": "State", "name": "Texas, US"},
            {"@type": "Country", "name": "DE"},
            {"@type": "Country", "name": "FR"},
            {"@type": "Country", "name": "PT"},
        ]
        assert "jobLocation" not in data

    def test_rest_job_detail_has_the_locations(self, client, places):
        job = job_at(["Lisbon", "Óbidos, Portugal"], Job.Workplace.REMOTE, within=[places["eu"]])
        body = client.get(f"/api/v1/jobs/{job.pk}/").json()
        assert body["locations"] == [
            {
                "text": "Lisbon",
                "label": "Lisbon, Portugal",
                "country": "PT",
                "region": "",
                "latitude": 38.71667,
                "longitude": -9.13333,
            },
            {
                "text": "Óbidos, Portugal",
                "label": "Óbidos, Portugal",
                "country": "PT",
                "region": "",
                "latitude": None,
                "longitude": None,
            },
        ]
        assert body["remote_within"] == [{"name": "European Union", "kind": "area", "country": ""}]
        assert body["city"] == "Lisbon"

    def test_graphql_job_has_the_locations(self, client, places):
        job = job_at(["Porto", "Berlin"], Job.Workplace.REMOTE, within=[places["pt"]])
        query = (
            "{ jobs(first: 5) { edges { node { location locations { text label country "
            "latitude } remoteWithin { name kind country } } } } }"
        )
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
        node = response.json()["data"]["jobs"]["edges"][0]["node"]
        assert node["location"] == "Porto, Portugal" == node["locations"][0]["label"]
        assert [loc["text"] for loc in node["locations"]] == ["Porto", "Berlin"]
        assert node["locations"][1] == {
            "text": "Berlin",
            "label": "Berlin, Germany",
            "country": "DE",
            "latitude": 52.52437,
        }
        assert node["remoteWithin"] == [{"name": "Portugal", "kind": "country", "country": "PT"}]
        assert job.locations.count() == 2


class TestRestWrites:
    def test_post_and_patch_take_locations_as_a_list_and_the_older_city(self, places):
        from rest_framework.test import APIClient

        employer = MembershipFactory(company__verified=True).user
        client = APIClient()
        client.force_authenticate(employer)
        body = {
            "title": "Data Engineer",
            "category": CategoryFactory().slug,
            "workplace": "hybrid",
            "description": DESCRIPTION,
            "locations": ["Lisboa", "Berlin"],
        }
        created = client.post("/api/v1/employer/jobs/", body, format="json")
        assert created.status_code == 201, created.content
        assert [loc["text"] for loc in created.json()["locations"]] == ["Lisboa", "Berlin"]
        job_id = created.json()["id"]
        # A PATCH without locations keeps them.
        patched = client.patch(f"/api/v1/employer/jobs/{job_id}/", {"title": "X"}, format="json")
        assert [loc["text"] for loc in patched.json()["locations"]] == ["Lisboa", "Berlin"]
        # The older shape: one place as city and country.
        body = {"city": "Porto", "country": "PT"}
        patched = client.patch(f"/api/v1/employer/jobs/{job_id}/", body, format="json")
        assert patched.json()["city"] == "Porto"
        assert [loc["label"] for loc in patched.json()["locations"]] == ["Porto, Portugal"]
        bad = {"locations": ["Atlantis"]}
        refused = client.patch(f"/api/v1/employer/jobs/{job_id}/", bad, format="json")
        assert refused.status_code == 400
        assert "could not find “Atlantis”" in refused.json()["locations"][0]
        assert JobLocation.objects.filter(job_id=job_id).count() == 1


class TestOlderJobs:
    def test_migration_makes_each_jobs_place_its_location_and_locate_jobs_resolves_it(self, places):
        from django.apps import apps
        from django.core.management import call_command

        migration = importlib.import_module("board.migrations.0004_job_locations")
        leeds = JobFactory(city="Leeds", region="West Yorkshire", country="GB")
        remote_pt = JobFactory(workplace=Job.Workplace.REMOTE, city="", country="PT")
        remote_nowhere = JobFactory(workplace=Job.Workplace.REMOTE, city="", country="")
        nowhere_known = JobFactory(city="Atlantis", country="PT")
        JobLocation.objects.all().delete()  # as before the migration

        migration.jobs_to_locations(apps, None)
        (row,) = leeds.locations.all()
        assert (row.text, row.country_code, row.place) == (
            "Leeds, West Yorkshire, United Kingdom",
            "GB",
            None,
        )
        # A remote job's country meant where its applicants may be.
        assert not remote_pt.locations.exists()
        assert list(remote_pt.remote_within.all()) == [places["pt"]]
        assert not remote_nowhere.locations.exists()

        call_command("locate_jobs", stdout=io.StringIO())
        row.refresh_from_db()
        assert (row.place, row.latitude) == (places["leeds"], places["leeds"].latitude)
        assert nowhere_known.locations.get().place is None
        assert set(Job.objects.near(places["leeds"], 5)) == {leeds}

    def test_jobs_made_from_fields_get_their_rows(self, places):
        lisbon = JobFactory(city="Lisbon", country="PT")
        remote = JobFactory(workplace=Job.Workplace.REMOTE, city="", country="DE")
        JobLocation.objects.all().delete()  # as the demo makes them
        locations.locate_from_fields([lisbon, remote])
        assert [row.place for row in lisbon.locations.all()] == [places["lisbon"]]
        assert list(remote.remote_within.all()) == [places["de"]]
        assert set(Job.objects.near(places["sintra"], 30)) == {lisbon}
        assert set(Job.objects.workable_from("DE")) == {remote}


def place_ids(job):
    """The place ids PostgreSQL keeps in the job's row (migration 0021)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT place_ids FROM board_job WHERE id = %s", [job.pk])
        return sorted(cursor.fetchone()[0])


def rows_written():
    """Rows this transaction has written (updated, inserted or deleted) in board_job
    and in board_joblocation."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_upd + n_tup_ins + n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE relname IN ('board_job', 'board_joblocation')"
        )
        written = dict(cursor.fetchall())
    return written["board_job"], written["board_joblocation"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's column")
class TestPlaceIdsInTheJobRow:
    """A city filter reads the job row's place_ids, which triggers on board_joblocation
    keep: every way locations are written must reach it."""

    def test_set_locations_replaces_the_ids_and_text_only_places_add_none(self, places):
        job = job_at(["Lisbon", "Porto", "Óbidos, Portugal"])
        assert place_ids(job) == sorted([places["lisbon"].pk, places["porto"].pk])
        locations.set_locations(job, locations.resolve_locations("Berlin"))
        assert place_ids(job) == [places["berlin"].pk]
        locations.set_locations(job, [])
        assert place_ids(job) == []

    def test_saving_the_same_locations_writes_neither_table(self, places):
        job = job_at(["Lisbon", "Porto"])
        before = rows_written()
        locations.set_locations(job, locations.resolve_locations("Lisbon\nPorto"))
        assert rows_written() == before
        # Without the comparison, the delete and the insert each made the triggers
        # write the job's row once more.
        locations.set_locations(job, locations.resolve_locations("Porto\nLisbon"))
        job_rows, location_rows = (
            after - was for after, was in zip(rows_written(), before, strict=True)
        )
        assert (job_rows, location_rows) == (2, 4)
        assert place_ids(job) == sorted([places["lisbon"].pk, places["porto"].pk])

    def test_a_save_of_a_job_loaded_before_does_not_put_old_ids_back(self, places):
        job = job_at(["Lisbon"])
        stale = Job.objects.get(pk=job.pk)
        locations.set_locations(job, locations.resolve_locations("Porto"))
        stale.visa_sponsorship = True
        stale.save()
        assert place_ids(job) == [places["porto"].pk]
        searched = Job.objects.search("python")
        assert set(searched.in_place(places["porto"])) == {job}
        assert not searched.in_place(places["lisbon"]).exists()

    def test_updates_and_deletes_of_rows_reach_their_jobs(self, places):
        first, second = job_at(["Óbidos, Portugal"]), job_at(["Lisbon", "Porto"])
        JobLocation.objects.filter(job=first).update(place=places["porto"])
        assert place_ids(first) == [places["porto"].pk]
        places["lisbon"].delete()  # SET NULL on its locations: an update
        assert place_ids(second) == [places["porto"].pk]
        JobLocation.objects.filter(job=second).delete()
        assert place_ids(second) == []
        assert set(Job.objects.search("python").in_place(places["porto"])) == {first}

    def test_a_city_of_a_keyword_search_is_filtered_on_the_row_in_sub_selects_too(self, places):
        job_at(["Porto"])
        lisbon = job_at(["Porto", "Lisbon"])
        in_lisbon = Job.objects.visible().search("python").in_place(places["lisbon"])
        assert "place_ids @>" in str(in_lisbon.query)
        assert set(in_lisbon) == {lisbon}
        # Under the alias Django gives a sub-select's table (U0): the outer table's
        # column there would find the same jobs, so the SQL is what tells.
        outer = Job.objects.filter(pk__in=in_lisbon.values("pk")[:5])
        assert '"U0".place_ids' in str(outer.query)
        assert set(outer) == {lisbon}
        # Without words, the locations table's index reads a city's jobs.
        browse = Job.objects.visible().in_place(places["lisbon"])
        assert "place_ids" not in str(browse.query) and set(browse) == {lisbon}

    def test_a_radius_of_a_keyword_search_is_the_cities_within_it(self, places):
        lisbon = job_at(["Lisbon"])
        sintra = job_at(["Sintra"])  # 24 km from Lisbon
        porto = job_at(["Porto"])  # 274 km
        both = job_at(["Porto", "Lisbon"])
        job_at(["Óbidos, Portugal"])  # no place, no coordinates: never near anything
        searched = Job.objects.visible().search("python")
        near = searched.near(places["lisbon"], 25)
        assert "place_ids &&" in str(near.query)
        assert set(near) == {lisbon, sintra, both}
        # The exact distance, not the box; a point as well as a place; an area has no centre.
        assert set(searched.near(places["lisbon"], 23)) == {lisbon, both}
        assert set(searched.near((41.15, -8.61), 5)) == {porto, both}
        assert not searched.near(places["eu"], 100).exists()
        # No city within it: none, and the search's page is empty.
        assert not searched.near((0.0, 0.0), 10).exists()
        page = ranked_page(searched.near((0.0, 0.0), 10), 1, 20)
        assert page.paginator.count == 0 and not page.object_list
        # The same jobs as the locations' coordinates give, for every radius.
        for km in (10, 25, 50, 100, 300):
            by_locations = Job.objects.visible().near(places["lisbon"], km)
            assert set(searched.near(places["lisbon"], km)) == set(by_locations)
