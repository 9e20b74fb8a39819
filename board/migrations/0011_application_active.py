# One *active* application per seeker and job: withdrawn applications no longer
# count, so a seeker who withdrew may apply again (a new row).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("board", "0010_search_gin_with_filters")]

    operations = [
        # The new guard first: the table is never without one.
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "withdrawn"), _negated=True),
                fields=("job", "applicant"),
                name="application_one_active_per_job",
            ),
        ),
        migrations.RemoveConstraint(model_name="application", name="application_one_per_job"),
    ]
