# Pay compared across currencies: exchange rates, and each job's yearly pay in euros.
from decimal import Decimal

import django.core.validators
import django.utils.timezone
from django.db import migrations, models

import board.currencies


def load_reference_rates(apps, schema_editor):
    """The dated rates shipped in board/data/, and every job's euro figure at them
    (the same as `manage.py exchange_rates --reference`, with historical models)."""
    ExchangeRate = apps.get_model("board", "ExchangeRate")
    Job = apps.get_model("board", "Job")
    day, rates = board.currencies.reference_rates()
    for code, rate in rates.items():
        ExchangeRate.objects.update_or_create(
            currency=code, defaults={"rate": rate, "date": day, "source": "reference"}
        )
    rates[board.currencies.BASE] = Decimal(1)
    for code, rate in rates.items():
        Job.objects.filter(salary_currency=code).update(
            salary_yearly_eur=board.currencies.yearly_in_base(rate)
        )


# "Highest salary" sorts DESC NULLS LAST over published jobs; PostgreSQL reads a plain
# index backwards as DESC NULLS FIRST, so it gets the order itself. SQLite sorts NULLs
# first, so DESC puts them last, and it refuses NULLS LAST in an index. Not in the
# model's Meta, which cannot say either.
INDEX = {
    "postgresql": "(salary_yearly_eur DESC NULLS LAST) WHERE status = 'published'",
    "sqlite": "(salary_yearly_eur DESC) WHERE status = 'published'",
}


def create_salary_index(apps, schema_editor):
    columns = INDEX.get(schema_editor.connection.vendor)
    if columns:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS job_salary_yearly_eur_idx ON board_job {columns}"
        )


def drop_salary_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS job_salary_yearly_eur_idx")


class Migration(migrations.Migration):
    dependencies = [("board", "0014_user_security_stamp")]

    operations = [
        migrations.CreateModel(
            name="ExchangeRate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=board.currencies.currency_choices,
                        max_length=3,
                        unique=True,
                        validators=[board.currencies.validate_currency],
                    ),
                ),
                (
                    "rate",
                    models.DecimalField(
                        decimal_places=6,
                        help_text="Units of this currency for one euro, e.g. 1.15 for USD.",
                        max_digits=18,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.000001"))],
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        default=django.utils.timezone.localdate,
                        help_text="The day the rate is for.",
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("reference", "Shipped reference rates"),
                            ("ecb", "Periodic refresh (ECB format)"),
                            ("admin", "Entered by staff"),
                        ],
                        default="admin",
                        max_length=10,
                    ),
                ),
                ("updated", models.DateTimeField(auto_now=True)),
            ],
            options={"ordering": ["currency"]},
        ),
        migrations.RemoveIndex(model_name="job", name="job_salary_annual_idx"),
        migrations.AddField(
            model_name="job",
            name="salary_yearly_eur",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="job",
            name="salary_currency",
            field=models.CharField(
                choices=board.currencies.currency_choices,
                default="USD",
                max_length=3,
                validators=[board.currencies.validate_currency],
            ),
        ),
        migrations.RunPython(create_salary_index, drop_salary_index),
        migrations.RunPython(load_reference_rates, migrations.RunPython.noop),
    ]
