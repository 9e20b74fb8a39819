"""Result snippets: a short excerpt of each listed job's description where the
search's words matched, the words in <mark>.

Only for the jobs on the page (one query for their ids), never for every match:
PostgreSQL's ts_headline() parses and stems the text it reads, so it costs per
job shown (and reads only the start of each description: POSTGRESQL_SCAN_CHARS).
The excerpt is found with the query the search used (engine.py,
synonyms included), so it highlights what made the job match:

* PostgreSQL: ts_headline() with the search's tsquery (stemming, prefixes,
  synonyms and phrases as the search reads them), given only a window of the
  text around the first place the words occur as typed (a regular expression,
  tens of times cheaper per byte than parsing). When the window holds no match
  (a word found only in another form, "companies" for "company"), the start of
  the description is parsed as a whole, as before.
* SQLite: FTS5's snippet() over board_job_fts's description column with the
  search's MATCH text.

Descriptions are Markdown typed by employers, so nothing in them is trusted:
the database marks the matches with markers made for this search (a private-use
character and a random token, which a description cannot forge), the excerpt is
stripped of Markdown and tag syntax, escaped, and only then are the markers
turned into <mark>. A job whose description holds none of the words (only the
title matched) gets no snippet.

Text indexed in another spelling (engine.normalise(): "C++" as "cplusplus") is
not highlighted in the description as typed; such a job gets no snippet.
"""

import re
import secrets

from django.db import connections
from django.utils.html import escape
from django.utils.safestring import mark_safe

from board.search import synonyms
from board.search.engine import CONFIG, PREFIX_MIN_LENGTH, search_terms

# Private use: characters with no meaning of their own, around a token.
START, STOP = "\ue000", "\ue001"
MAX_WORDS = 25
MIN_WORDS = 10
# ts_headline() parses and stems all the text it is given, about 0.2 µs a byte:
# a page of 20-kB descriptions (the form's limit) would cost 80 ms. It reads
# only the start of each; a job whose words come later gets no snippet there.
POSTGRESQL_SCAN_CHARS = 2000
# The window around the first word found as typed, from 100 characters before it:
# an excerpt of MAX_WORDS words (about 170 characters) around the word fits in it.
# At the length employers write (2-4 kB), parsing it instead of the first 2,000
# characters took a page's snippets from about 6 to 3 ms (docs/benchmarks.md).
WINDOW_BEFORE, WINDOW_CHARS = 100, 320
ELLIPSIS = "…"
# Words that can go into the window's regular expression as they are: letters and
# digits, as search_terms() cuts them.
_PLAIN_WORD = re.compile(r"[^\W_]+")

# Markdown and tag syntax of an excerpt (which may cut a link or tag in half):
# tags, link targets "](…)", and the marks * _ ` # > [ ] ~ | that are not words.
_SYNTAX = re.compile(r"</?[a-zA-Z!][^<>]*>?|\]\([^)\s]*\)?|[\[\]*_`#>~|]+")
_STRAY = re.compile(f"[{START}{STOP}]")


def snippets(jobs, text):
    """{job id: excerpt as a SafeString} for the `jobs` whose descriptions contain
    the words of `text`; {} without searchable words. One query."""
    ids = [job.pk for job in jobs]
    terms = search_terms(text)
    if not ids or not terms:
        return {}
    groups = synonyms.expand(terms, search_terms)
    connection = connections[jobs[0]._state.db or "default"]
    token = secrets.token_hex(4)
    marks = (f"{START}{token}", f"{STOP}{token}")
    if connection.vendor == "postgresql":
        query = synonyms.tsquery(groups, PREFIX_MIN_LENGTH)
        found = _postgresql(connection, ids, query, _first_word(groups), marks)
    else:
        found = _sqlite(connection, ids, synonyms.fts5_match(groups, PREFIX_MIN_LENGTH), marks)
    return {pk: html for pk, excerpt in found if (html := to_html(excerpt, marks))}


def attach(jobs, text):
    """Set each job's `snippet` (an excerpt, or "") for the cards and the API."""
    found = snippets(jobs, text)
    for job in jobs:
        job.snippet = found.get(job.pk, "")


def to_html(excerpt, marks):
    """The database's excerpt, its matches between `marks`, as safe HTML; "" when
    nothing in it is marked."""
    start, stop = marks
    if not excerpt or start not in excerpt:
        return ""
    plain = escape(" ".join(_SYNTAX.sub(" ", excerpt).split()))
    html = _STRAY.sub("", plain.replace(start, "<mark>").replace(stop, "</mark>"))
    if html.count("<mark>") != html.count("</mark>") or "<mark>" not in html:
        return ""  # syntax stripping cut a match in half
    return mark_safe(html)  # noqa: S308 (escaped above; the only tags are our marks)


# The window's excerpt when it holds a match, else the start's. OFFSET 0 keeps
# `around` computed once (inlined, PostgreSQL would compute it for each use).
_POSTGRESQL_SQL = """
SELECT id, CASE WHEN strpos(around, %(start)s) > 0 THEN around ELSE ts_headline(
    %(config)s::regconfig, left(description, %(scan)s),
    to_tsquery(%(config)s::regconfig, %(query)s), %(options)s) END
FROM (
    SELECT id, description, CASE WHEN at > 0 THEN ts_headline(
        %(config)s::regconfig, substr(description, greatest(at - %(before)s, 1), %(window)s),
        to_tsquery(%(config)s::regconfig, %(query)s), %(options)s) END AS around
    FROM (
        SELECT id, description,
               regexp_instr(left(description, %(scan)s), %(first_word)s, 1, 1, 0, 'i') AS at
        FROM board_job WHERE id = ANY(%(ids)s)
    ) found OFFSET 0
) windows
"""


def _first_word(groups):
    """A regular expression (PostgreSQL's) for where any of the query's words
    starts, as typed ("engineer" also finds "engineering"). A word spelled out
    by engine.normalise() ("cplusplus") is not in the text as typed: the window
    is then not found, and the start is parsed."""
    words = sorted({word for group in groups for words in group for word in words})
    if not words or not all(_PLAIN_WORD.fullmatch(word) for word in words):
        return None
    return r"\m(?:" + "|".join(words) + ")"


def _postgresql(connection, ids, tsquery, first_word, marks):
    options = (
        f"MaxFragments=1, MaxWords={MAX_WORDS}, MinWords={MIN_WORDS}, "
        f'StartSel="{marks[0]}", StopSel="{marks[1]}", FragmentDelimiter="{ELLIPSIS}"'
    )
    params = {
        "config": CONFIG,
        "query": tsquery,
        "options": options,
        "start": marks[0],
        "scan": POSTGRESQL_SCAN_CHARS,
        "before": WINDOW_BEFORE,
        "window": WINDOW_CHARS,
        "first_word": first_word,
        "ids": ids,
    }
    with connection.cursor() as cursor:
        cursor.execute(_POSTGRESQL_SQL, params)
        return cursor.fetchall()


def _sqlite(connection, ids, match, marks):
    # snippet() of column 4 (description; 0 is the unindexed id). The MATCH runs
    # once; rowid IN (…) keeps only the page's jobs.
    placeholders = ", ".join("%s" for _ in ids)
    sql = (
        f"SELECT id, snippet(board_job_fts, 4, %s, %s, %s, {MAX_WORDS}) FROM board_job_fts "  # noqa: S608
        f"WHERE board_job_fts MATCH %s AND rowid IN ({placeholders})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*marks, ELLIPSIS, match, *ids])
        return cursor.fetchall()
