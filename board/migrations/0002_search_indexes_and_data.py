"""What the models cannot declare: the search indexes, and the data a new board starts with.

Indexes (Job.Meta points here):
* PostgreSQL: one GIN index for the keyword search, holding the search document
  and the filters searched with it (btree_gin), for published jobs only, so a
  keyword plus "remote, full time" is one index scan; a trigram index on titles
  for typo-tolerant search; and the "highest salary" order, DESC NULLS LAST,
  which Meta.indexes cannot say. Django's GinIndex would be attempted on SQLite too.
* SQLite: an FTS5 index with Porter stemming, board_job_fts (read through the
  unmanaged JobSearchEntry model), kept in step with board_job by triggers that
  call board_search_text() (registered on each connection by BoardConfig.ready).

Data: the standard categories, and the dated reference exchange rates shipped in
board/data/ (the periodic refresh replaces them).
"""

from django.contrib.postgres.operations import BtreeGinExtension, TrigramExtension
from django.db import migrations
from django.utils.text import slugify

import board.currencies.rates
import board.search.engine

POSTGRESQL_INDEXES = [
    (
        """CREATE INDEX job_search_gin ON board_job
        USING gin (search_vector, workplace, employment_type, experience_level)
        WHERE status = 'published'""",
        "DROP INDEX IF EXISTS job_search_gin",
    ),
    (
        "CREATE INDEX job_title_trgm_gin ON board_job USING gin (title gin_trgm_ops)",
        "DROP INDEX IF EXISTS job_title_trgm_gin",
    ),
]
# "Highest salary" sorts DESC NULLS LAST over published jobs. PostgreSQL reads a
# plain index backwards as DESC NULLS FIRST, so it gets the order itself; SQLite
# sorts NULLs first, so DESC puts them last, and it refuses NULLS LAST in an index.
SALARY_INDEX = {
    "postgresql": "(salary_yearly_eur DESC NULLS LAST) WHERE status = 'published'",
    "sqlite": "(salary_yearly_eur DESC) WHERE status = 'published'",
}

# The standard list of industries a new board starts with; admins can add,
# rename or deactivate categories afterwards.
INDUSTRIES = [
    "Accounting & Finance",
    "Administration & Office",
    "Construction & Trades",
    "Customer Service",
    "Data & Analytics",
    "Design & Creative",
    "Education & Training",
    "Engineering",
    "Healthcare",
    "Hospitality & Tourism",
    "Human Resources",
    "IT & Operations",
    "Legal",
    "Logistics & Supply Chain",
    "Manufacturing",
    "Marketing & Communications",
    "Retail",
    "Sales & Business Development",
    "Science & Research",
    "Software Development",
]


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for create, _ in POSTGRESQL_INDEXES:
            schema_editor.execute(create)
    if vendor == "sqlite":
        for statement in board.search.engine.SQLITE_INDEX:
            schema_editor.execute(statement)
    if vendor in SALARY_INDEX:
        schema_editor.execute(
            f"CREATE INDEX job_salary_yearly_eur_idx ON board_job {SALARY_INDEX[vendor]}"
        )


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute("DROP INDEX IF EXISTS job_salary_yearly_eur_idx")
    if vendor == "postgresql":
        for _, drop in POSTGRESQL_INDEXES:
            schema_editor.execute(drop)
    if vendor == "sqlite":
        for trigger in board.search.engine.SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS board_job_fts")


def seed_categories(apps, schema_editor):
    Category = apps.get_model("board", "Category")
    for name in INDUSTRIES:
        Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def unseed_categories(apps, schema_editor):
    Category = apps.get_model("board", "Category")
    Category.objects.filter(slug__in=[slugify(n) for n in INDUSTRIES], jobs__isnull=True).delete()


def load_reference_rates(apps, schema_editor):
    """The same as `manage.py exchange_rates --reference`, with historical models."""
    ExchangeRate = apps.get_model("board", "ExchangeRate")
    day, rates = board.currencies.rates.reference_rates()
    for code, rate in rates.items():
        ExchangeRate.objects.update_or_create(
            currency=code, defaults={"rate": rate, "date": day, "source": "reference"}
        )


class Migration(migrations.Migration):
    dependencies = [("board", "0001_initial")]

    operations = [
        # Both are no-ops on SQLite; trusted extensions the database owner may create.
        TrigramExtension(),
        BtreeGinExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(seed_categories, unseed_categories),
        migrations.RunPython(load_reference_rates, migrations.RunPython.noop),
    ]
