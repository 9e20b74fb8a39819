"""Places (filled by `manage.py load_places`, not here) and search synonyms.

The synonyms a new board starts with are written here, once, like the
categories of 0002: every install has them without running a command, and
staff edits in the admin are never undone by a later load.
"""

import django.db.models.deletion
from django.db import migrations, models

# (short form, what it stands for). Searched both ways (board/search/synonyms.py).
INITIAL_SYNONYMS = [
    ("sre", "site reliability engineer"),
    ("sre", "site reliability engineering"),
    ("js", "javascript"),
    ("ts", "typescript"),
    ("ux", "user experience"),
    ("ui", "user interface"),
    ("hr", "human resources"),
    ("qa", "quality assurance"),
    ("pm", "product manager"),
    ("pm", "project manager"),
    ("ml", "machine learning"),
    ("ai", "artificial intelligence"),
    ("k8s", "kubernetes"),
    ("seo", "search engine optimization"),
    ("cto", "chief technology officer"),
    ("cfo", "chief financial officer"),
    ("ceo", "chief executive officer"),
    ("vp", "vice president"),
    ("swe", "software engineer"),
    ("bi", "business intelligence"),
    ("crm", "customer relationship management"),
    ("erp", "enterprise resource planning"),
    ("rn", "registered nurse"),
    ("cpa", "certified public accountant"),
]


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("board", "Synonym")
    Synonym.objects.bulk_create(
        [Synonym(term=term, expansion=expansion) for term, expansion in INITIAL_SYNONYMS],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("board", "0002_search_indexes_and_data")]

    operations = [
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("search_name", models.CharField(max_length=200)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("city", "City"),
                            ("region", "Region"),
                            ("country", "Country"),
                            ("area", "Area"),
                        ],
                        max_length=10,
                    ),
                ),
                ("country_code", models.CharField(blank=True, max_length=2)),
                ("region", models.CharField(blank=True, max_length=100)),
                ("latitude", models.FloatField(blank=True, null=True)),
                ("longitude", models.FloatField(blank=True, null=True)),
                ("population", models.BigIntegerField(default=0)),
                ("geonames_id", models.BigIntegerField(blank=True, null=True, unique=True)),
                ("key", models.CharField(max_length=50, unique=True)),
                (
                    "countries",
                    models.ManyToManyField(blank=True, related_name="areas", to="board.place"),
                ),
            ],
            options={
                "ordering": ["-population", "name"],
                "indexes": [
                    models.Index(fields=["latitude", "longitude"], name="place_lat_lon_idx"),
                    models.Index(fields=["kind", "country_code"], name="place_kind_country_idx"),
                ],
            },
        ),
        migrations.CreateModel(
            name="PlaceName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("search_name", models.CharField(db_index=True, max_length=200)),
                ("preferred", models.BooleanField(default=False)),
                ("population", models.BigIntegerField(default=0)),
                (
                    "place",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="names",
                        to="board.place",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("place", "search_name"), name="placename_unique"
                    ),
                ],
                "indexes": [
                    models.Index(
                        condition=models.Q(("preferred", True)),
                        fields=["search_name", "population", "place"],
                        name="placename_preferred_idx",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Synonym",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "term",
                    models.CharField(
                        help_text="The short form, e.g. “SRE”, “JS”, “PM”.", max_length=60
                    ),
                ),
                (
                    "expansion",
                    models.CharField(
                        help_text="What it stands for, e.g. “site reliability engineer”.",
                        max_length=200,
                    ),
                ),
                ("updated", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["term", "expansion"],
                "constraints": [
                    models.UniqueConstraint(fields=("term", "expansion"), name="synonym_unique")
                ],
            },
        ),
        migrations.RunPython(add_synonyms, migrations.RunPython.noop),
    ]
