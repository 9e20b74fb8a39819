"""Pages that cost what they show at a million jobs (issue 15).

Broad searches became cheap in code (board/listings/paging.py, board/search/
engine.py: a capped count, ranking only the newest matches), with the indexes
migration 0002 made. The RUM extension's ordered index was measured and left
out (docs/search.md): its scans sort every match of the words inside the
index, so they slowed down with the table (26 ms at 100,000 jobs, 1 s at a
million for "senior").

A company's page lists its open jobs newest first: the index on (company,
status) alone made page 50 of a large company read and sort all its jobs.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("board", "0004_job_locations")]

    operations = [
        migrations.RemoveIndex(model_name="job", name="job_company_status_idx"),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(
                fields=["company", "status", "-published_at", "-id"],
                name="job_company_newest_idx",
            ),
        ),
    ]
