from django.db import models


class JobSearchEntry(models.Model):
    """A job's row in SQLite's full-text index, board_job_fts (board/search/engine.py).

    Not a table Django manages: migration 0002 creates it, on SQLite only, and
    triggers on board_job fill it. It is a model so that a search can join it.
    """

    # The index's unindexed `id` column, not its rowid: see SQLITE_INDEX.
    # Named, not imported: the search engine sits below the jobs package.
    job = models.OneToOneField(
        "board.Job",
        primary_key=True,
        db_column="id",
        db_constraint=False,
        on_delete=models.DO_NOTHING,  # the triggers delete the row
        related_name="search_entry",
    )
    # FTS5 names a hidden column after its table: `board_job_fts = 'words'` runs
    # a full-text query, as MATCH does.
    document = models.TextField(db_column="board_job_fts")
    # The matched row's weighted bm25(): lower is better.
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "board_job_fts"

    def __str__(self):
        return f"search entry of job {self.job_id}"


class Synonym(models.Model):
    """Two ways of writing one thing, searched as either: "SRE" and "site
    reliability engineer", "JS" and "JavaScript" (board/search/synonyms.py).

    Edited by staff in the admin; a word with several meanings gets a row per
    meaning ("PM": product manager, project manager).
    """

    term = models.CharField(max_length=60, help_text="The short form, e.g. “SRE”, “JS”, “PM”.")
    expansion = models.CharField(
        max_length=200, help_text="What it stands for, e.g. “site reliability engineer”."
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term", "expansion"]
        constraints = [
            models.UniqueConstraint(fields=["term", "expansion"], name="synonym_unique"),
        ]

    def __str__(self):
        return f"{self.term} ↔ {self.expansion}"


class SearchWord(models.Model):
    """A word of the open jobs' search documents, as the search stems it, and how
    many open jobs hold it: what a misspelt word is corrected to
    (board/search/vocabulary.py, which refreshes the table; PostgreSQL only)."""

    word = models.CharField(max_length=40, primary_key=True)
    jobs = models.PositiveIntegerField()

    def __str__(self):
        return self.word
