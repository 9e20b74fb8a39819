# Job locations and remote eligibility (board/jobs/locations.py).
#
# Each job's city/region/country becomes its one JobLocation (as text, with its
# country: the places table is loaded by `manage.py load_places`, not by a migration,
# so there is nothing to resolve against yet; `manage.py locate_jobs` resolves them
# later). A remote job's bare country meant "applicants in that country" (its
# JSON-LD said so): it becomes its remote eligibility when that country's place is
# already loaded, and stays a location otherwise.

import django.db.models.deletion
import django_countries.fields
from django.db import migrations, models
from django_countries import countries

BATCH = 10_000


def jobs_to_locations(apps, schema_editor):
    Job = apps.get_model("board", "Job")
    JobLocation = apps.get_model("board", "JobLocation")
    Place = apps.get_model("board", "Place")
    Eligibility = Job.remote_within.through
    country_places = dict(
        Place.objects.filter(kind="country").values_list("country_code", "pk").order_by("-pk")
    )
    jobs = Job.objects.exclude(city="", region="", country="").order_by("pk")
    last = 0
    while True:
        batch = list(
            jobs.filter(pk__gt=last).values_list("pk", "city", "region", "country", "workplace")[
                :BATCH
            ]
        )
        if not batch:
            return
        last = batch[-1][0]
        rows, eligible = [], []
        for pk, city, region, country, workplace in batch:
            if workplace == "remote" and not (city or region) and country in country_places:
                eligible.append(Eligibility(job_id=pk, place_id=country_places[country]))
                continue
            parts = [city, region, countries.name(country) if country else ""]
            text = ", ".join(part for part in parts if part)[:200]
            rows.append(JobLocation(job_id=pk, text=text, country_code=country, region=region))
        JobLocation.objects.bulk_create(rows)
        Eligibility.objects.bulk_create(eligible)


def coordinate_statistics(apps, schema_editor):
    """PostgreSQL only: latitude and longitude together, for the planner. Jobs sit in
    a few thousand cities, so the two columns are far from independent: without
    this, a bounding box around Boston with 37,656 of 1M locations was estimated at
    507 rows and the radius search probed every match (1.2 s) instead of reading
    the newest jobs first (27 ms). See docs/search.md."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE STATISTICS IF NOT EXISTS joblocation_coords_stats (mcv) "
            "ON latitude, longitude FROM board_joblocation"
        )


def drop_coordinate_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS joblocation_coords_stats")


class Migration(migrations.Migration):
    dependencies = [("board", "0003_places_and_synonyms")]

    operations = [
        migrations.AddField(
            model_name="job",
            name="remote_within",
            field=models.ManyToManyField(blank=True, related_name="+", to="board.place"),
        ),
        # Not editable: a copy of the first location's text (no change in the database).
        migrations.AlterField(
            model_name="job",
            name="city",
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.AlterField(
            model_name="job",
            name="country",
            field=django_countries.fields.CountryField(blank=True, editable=False, max_length=2),
        ),
        migrations.AlterField(
            model_name="job",
            name="region",
            field=models.CharField(blank=True, editable=False, max_length=100),
        ),
        migrations.CreateModel(
            name="JobLocation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(default=0)),
                ("text", models.CharField(max_length=200)),
                ("country_code", models.CharField(blank=True, max_length=2)),
                ("region", models.CharField(blank=True, max_length=100)),
                ("latitude", models.FloatField(blank=True, null=True)),
                ("longitude", models.FloatField(blank=True, null=True)),
                (
                    "job",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="locations",
                        to="board.job",
                    ),
                ),
                (
                    "place",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="board.place",
                    ),
                ),
            ],
            options={
                "ordering": ["job", "position"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("latitude__isnull", False)),
                        fields=["latitude", "longitude", "job"],
                        name="joblocation_coords_idx",
                    ),
                    models.Index(
                        fields=["country_code", "region", "job"], name="joblocation_country_idx"
                    ),
                    models.Index(
                        condition=models.Q(("place__isnull", False)),
                        fields=["place", "job"],
                        name="joblocation_place_idx",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("job", "position"), name="joblocation_job_position"
                    ),
                    models.UniqueConstraint(fields=("job", "place"), name="joblocation_job_place"),
                ],
            },
        ),
        migrations.RunPython(coordinate_statistics, drop_coordinate_statistics),
        migrations.RunPython(jobs_to_locations, migrations.RunPython.noop, elidable=True),
    ]
