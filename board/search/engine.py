"""Keyword search over jobs: one API (`Job.objects.search`) on PostgreSQL and SQLite.

* PostgreSQL: each job has a weighted tsvector in a generated column (title A,
  company and category B, description C) with a GIN index, queried with prefix
  matching and ranked by SearchRank; with `typos=True`, a word no open job
  holds is first corrected to the most similar word some do
  (board/search/vocabulary.py), which the search (board/listings/search.py)
  asks for only when the words as typed find nothing. Ranked pages that need
  not rank every match of a broad word: board/search/ranking.py.
* SQLite: an FTS5 index, board_job_fts (migration 0002), kept by triggers on
  board_job, with Porter stemming (PostgreSQL's English configuration stems
  with Snowball, nearly the same) and ranked by bm25 with the same weights.
  No typo tolerance.

Both leave out PostgreSQL's English stop words and match words of three letters
or more as prefixes, so both databases find the same jobs.

Both databases index the text through board_search_text(), which spells out
terms that are mostly symbols ("C++" → "cplusplus"), and queries go through
normalise(), which does the same: otherwise both would read "C++", "C#" and
"C" as the same word "c". On SQLite board_search_text() is normalise(),
registered on each connection (BoardConfig.ready); on PostgreSQL it is an SQL
function that migration 0001 writes from SYMBOL_TERMS.

Changing SYMBOL_TERMS changes what is indexed: add a migration that runs
install_search_text_function() and then, on PostgreSQL, `UPDATE board_job SET
title = title` (an update recomputes the stored document), and on SQLite
rebuild_sqlite_index(). Otherwise old jobs keep the old spelling and, on
SQLite, their index rows cannot be deleted cleanly.
"""

import functools
import operator
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import F, Func, TextField, Value
from django.utils.translation import gettext as _

from board.search import synonyms, vocabulary

CONFIG = "english"
MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
# Shorter words match only whole words: as prefixes, "c" or "ai" would match
# nearly every job ("company", "aim").
PREFIX_MIN_LENGTH = 3

# Terms the tokenizers would cut down to a letter or split, spelled as one word.
# Longest first where one contains another ("asp.net" before ".net"); "ASP.NET"
# also counts as .NET.
SYMBOL_TERMS = {
    "asp.net": "aspnet dotnet",
    "vb.net": "vbnet dotnet",
    "node.js": "nodejs",
    "next.js": "nextjs",
    "vue.js": "vuejs",
    ".net": "dotnet",
    "c++": "cplusplus",
    "c#": "csharp",
    "f#": "fsharp",
}

# PostgreSQL's English stop words (tsearch_data/english.stop): it leaves them out
# of documents and queries, so a query of nothing else cannot be searched.
# Leaving them out on SQLite too gives both databases the same results.
STOP_WORDS = frozenset([
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for",
    "with", "about", "against", "between", "into", "through", "during", "before", "after",
    "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
    "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
    "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
    "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
    "should", "now",
])  # fmt: skip


def _pattern(term):
    # Not inside a longer word ("abc++", "example.net", ".network"); a term that
    # ends in a symbol may run on ("C++17"). Written for both Python's re and
    # PostgreSQL's regular expressions.
    end = r"(?!\w)" if term[-1].isalnum() else ""
    return r"(?<!\w)" + re.escape(term) + end


_SYMBOLS = re.compile("|".join(f"({_pattern(term)})" for term in SYMBOL_TERMS), re.IGNORECASE)
_REPLACEMENTS = [f" {words} " for words in SYMBOL_TERMS.values()]


def normalise(text):
    """`text` with its symbol terms spelled out: "C++ and C#" → " cplusplus  and  csharp "."""
    if not isinstance(text, str):
        return text
    return _SYMBOLS.sub(lambda match: _REPLACEMENTS[match.lastindex - 1], text)


def search_terms(text):
    """The words of free text that can be searched: letters and digits only, so
    nothing reaches SQL as syntax, without stop words."""
    words = re.findall(r"[^\W_]+", normalise((text or "")[:MAX_QUERY_LENGTH]).lower())
    return [word for word in words if word not in STOP_WORDS][:MAX_TERMS]


def validate_searchable(text):
    """A search form's check: words that would all be dropped are an error, not
    a search for every job."""
    if text.strip() and not search_terms(text):
        raise ValidationError(
            _(
                "“%(value)s” could not be searched: it has only symbols or common words "
                "such as “the”. Try a job title, a skill or a company."
            ),
            code="unsearchable",
            params={"value": text.strip()},
        )


def search_jobs(queryset, text, typos=False):
    """Filter `queryset` to jobs matching `text`, annotated with `rank` (higher is better).

    Blank text filters nothing; text with no searchable words finds nothing.
    `typos=True` corrects the words no open job holds to similar ones that some
    do ("mechancal" → "mechanical"), on PostgreSQL.
    """
    terms = search_terms(text)
    if not terms:
        queryset = queryset if not (text or "").strip() else queryset.none()
        return queryset.annotate(rank=Value(0.0))
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset, terms, typos)
    return _search_sqlite(queryset, terms)


def _search_postgresql(queryset, terms, typos):
    if typos:
        terms = vocabulary.corrected(terms, queryset.db)
    query = _tsquery(synonyms.expand(terms, search_terms), queryset.db)
    # search_query marks the search for ranks_by_search(); an alias is never
    # computed unless a query uses it.
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .alias(search_query=query)
    )


def _tsquery(groups, using):
    """The search's query: every word must match, longer ones as prefixes ("dev"
    finds "developer"), or one of its synonyms ("sre" | "site <-> reliability <->
    engineer:*").

    A word alone in its group whose beginning many jobs hold is written out as the
    counted words that begin so (vocabulary.spelled_out(): the index then skips
    through their lists instead of gathering all their jobs first), in the
    "simple" configuration: they are stems already, not to be stemmed again.
    """

    def alone(group):
        return group[0][0] if len(group) == 1 and len(group[0]) == 1 else None

    beginnings = [word for group in groups if len(word := alone(group) or "") >= PREFIX_MIN_LENGTH]
    spelled = vocabulary.spelled_out(beginnings, using) if beginnings else {}
    rest = [group for group in groups if alone(group) not in spelled]
    parts = [
        SearchQuery(" | ".join(words), config="simple", search_type="raw")
        for words in spelled.values()
    ]
    if rest:
        text = synonyms.tsquery(rest, PREFIX_MIN_LENGTH)
        parts.insert(0, SearchQuery(text, config=CONFIG, search_type="raw"))
    return functools.reduce(operator.and_, parts)


def _search_sqlite(queryset, terms):
    # Each word a quoted FTS5 string, so nothing in it is query syntax (AND, NEAR,
    # "title:", ^); space-separated strings must all match, each or one of its
    # synonyms: ("sre" OR "site reliability engineer"*).
    match = synonyms.fts5_match(synonyms.expand(terms, search_terms), PREFIX_MIN_LENGTH)
    # FTS5's rank column: weighted bm25() (see SQLITE_INDEX), lower for better matches.
    return queryset.filter(search_entry__document=match).annotate(rank=-F("search_entry__rank"))


# The search document -------------------------------------------------------


class SearchText(Func):
    """Text as the search indexes it: board_search_text() (see normalise())."""

    function = "board_search_text"
    output_field = TextField()


class NormalisedPart(SearchVector):
    """A weighted part of the document, its symbol terms spelled out."""

    def __init__(self, *fields, config=None, weight=None):
        super().__init__(*(SearchText(field) for field in fields), config=config, weight=weight)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite searches board_job_fts; the column stays empty there.
        return "NULL", []


def search_document():
    return (
        NormalisedPart("title", config=CONFIG, weight="A")
        + NormalisedPart("company_name", "category_name", config=CONFIG, weight="B")
        + NormalisedPart("description", config=CONFIG, weight="C")
    )


# Database objects (migration 0002) -------------------------------------------


def register_search_text(sender, connection, **kwargs):
    """On each new SQLite connection, board_search_text() for the FTS triggers.

    Outside Django (the sqlite3 shell) the function is missing, and a change to
    a job fails loudly there rather than leaving the index out of step.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function("board_search_text", 1, normalise, deterministic=True)


def install_search_text_function(schema_editor):
    """PostgreSQL's board_search_text(): the same replacements as normalise()."""
    if schema_editor.connection.vendor != "postgresql":
        return
    text = "$1"
    for term, replacement in zip(SYMBOL_TERMS, _REPLACEMENTS, strict=True):
        text = f"regexp_replace({text}, {_literal(_pattern(term))}, {_literal(replacement)}, 'gi')"
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION board_search_text(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {text} $$"
    )


def _literal(value):
    return "'" + value.replace("'", "''") + "'"


# External content (board_job): the index keeps only the words, keyed by the
# job's id; triggers feed it board_search_text() of each column. Deleting a
# row's words takes the text that was indexed, which the triggers compute again
# from the old row. FTS5's own 'rebuild' and 'integrity-check' would read
# board_job's raw text: use rebuild_sqlite_index().
#
# Searches join on the unindexed `id` column, not on rowid: a join on rowid
# lets SQLite run the full-text query once per job (minutes at 100,000 jobs);
# this way it runs it once and looks each match up by primary key.
#
# The rank column is bm25() weighted per column as PostgreSQL weighs A, B, C:
# title 1, company and category 0.4, description 0.2 (id: not indexed).
SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE board_job_fts USING fts5(
        id UNINDEXED, title, company_name, category_name, description,
        content='board_job', content_rowid='id', tokenize='porter unicode61')""",
    """INSERT INTO board_job_fts(board_job_fts, rank)
        VALUES ('rank', 'bm25(0, 1.0, 0.4, 0.4, 0.2)')""",
    """CREATE TRIGGER board_job_fts_insert AFTER INSERT ON board_job BEGIN
        INSERT INTO board_job_fts(rowid, id, title, company_name, category_name, description)
        VALUES (new.id, new.id, board_search_text(new.title),
            board_search_text(new.company_name), board_search_text(new.category_name),
            board_search_text(new.description));
    END""",
    """CREATE TRIGGER board_job_fts_delete AFTER DELETE ON board_job BEGIN
        INSERT INTO board_job_fts(
            board_job_fts, rowid, id, title, company_name, category_name, description)
        VALUES ('delete', old.id, old.id, board_search_text(old.title),
            board_search_text(old.company_name), board_search_text(old.category_name),
            board_search_text(old.description));
    END""",
    """CREATE TRIGGER board_job_fts_update
    AFTER UPDATE OF title, company_name, category_name, description ON board_job BEGIN
        INSERT INTO board_job_fts(
            board_job_fts, rowid, id, title, company_name, category_name, description)
        VALUES ('delete', old.id, old.id, board_search_text(old.title),
            board_search_text(old.company_name), board_search_text(old.category_name),
            board_search_text(old.description));
        INSERT INTO board_job_fts(rowid, id, title, company_name, category_name, description)
        VALUES (new.id, new.id, board_search_text(new.title),
            board_search_text(new.company_name), board_search_text(new.category_name),
            board_search_text(new.description));
    END""",
]
SQLITE_TRIGGERS = ["board_job_fts_insert", "board_job_fts_delete", "board_job_fts_update"]


def restore_sqlite_triggers(schema_editor):
    """Create the FTS triggers again if they are gone (SQLite only).

    SQLite cannot add a NOT NULL column in place: Django rebuilds board_job for it and
    the rebuilt table has no triggers. A migration that does so calls this after it."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {name for (name,) in cursor.fetchall()}
    for name, statement in zip(SQLITE_TRIGGERS, SQLITE_INDEX[2:], strict=True):
        if name not in present:
            schema_editor.execute(statement)


def rebuild_sqlite_index(schema_editor):
    """Index every job afresh (SQLite only)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("INSERT INTO board_job_fts(board_job_fts) VALUES ('delete-all')")
    schema_editor.execute(
        """INSERT INTO board_job_fts(rowid, id, title, company_name, category_name, description)
        SELECT id, id, board_search_text(title), board_search_text(company_name),
            board_search_text(category_name), board_search_text(description)
        FROM board_job"""
    )
