"""The words open jobs hold, to correct a misspelt search word against (PostgreSQL).

When a search's words find no open job at all, the search allows for typos
(board/listings/search.py): each word no job holds is replaced by the most
similar word that some do ("devloper" → "developer", "managr" → "manager"),
and the corrected words are searched as any others, through the search index.

The words are those of the search documents (board/search/engine.py: title,
company, category, description), as PostgreSQL's English configuration stems
them ("developer" is "develop"), with the number of open jobs holding each, in
the SearchWord table; a trigram index finds the similar ones. The table is
refreshed from the open jobs every hour (refresh(), a periodic task and the
`refresh_search_words` command) rather than kept in step with each job: a word
new since the last refresh is found as typed, only not yet as a correction.

Before this, a typo searched the titles for similar words (trigram word
similarity): at a million jobs that rechecked tens of thousands of titles (1.3-2.4 s
a page) and missed a letter left out of a common word ("devloper": similarity 0.58
with "Senior Developer", under the 0.6 threshold).

The same table spells out the beginnings many jobs hold (spelled_out()): a
typed word is searched as a beginning ("senior" also finds "seniority"), which
the search index reads as one bitmap of every job holding any word that begins
so, however few jobs the other words and filters leave. Written out as the
counted words ("senior | seniorit"), the index skips through their lists to the
jobs the rarer conditions hold.

SQLite has no trigram index: its search does not allow for typos.
"""

from django.apps import apps
from django.db import connections, transaction

from board.search.models import SearchWord

# Trigram similarity below which a word is not taken for a misspelling of another
# (pg_trgm's own default): "managr"/"manager" 0.5, "baritsa"/"barista" 0.33,
# "zzzzqqq" finds nothing.
SIMILARITY = 0.3
# A misspelling adds or leaves out a letter or two: "cplusplus" (C++) is no typo of
# "plus", however many trigrams they share.
LENGTH_CHANGE = 2
# Words shorter than this have too few trigrams to compare, and longer ones are
# mostly addresses and identifiers.
WORD_LENGTHS = (3, 40)


# A beginning held by at least this many jobs is searched as its words written out.
# "senior python" at a million jobs: the "senior:*" bitmap (271,000 jobs) took 137 ms
# to count 1,001 matches, "senior & python" 7.9 ms; "software:*" among remote jobs
# 85-105 → 16-48 ms (docs/benchmarks.md, ninth pass). Below it the bitmap is small,
# and the price of writing words out weighs more: a word new since the last refresh
# (hourly) that begins so is found through the beginning only after it.
BROAD_PREFIX_JOBS = 5_000
# More words than this begin so ("dev": develop, devic, devot…): the beginning stays
# one condition of the query.
MAX_SPELLED_WORDS = 20


def refresh(using="default"):
    """Replace the table with the words of the published jobs' documents; the
    number of words."""
    if connections[using].vendor != "postgresql":
        return 0
    words = SearchWord._meta.db_table
    # Named, not imported: the search engine sits below the jobs package.
    jobs = apps.get_model("board", "Job")._meta.db_table
    documents = f"SELECT search_vector FROM {jobs} WHERE status = 'published'"  # noqa: S608
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        # One transaction: searches read the old words until it commits.
        cursor.execute(f"DELETE FROM {words}")  # noqa: S608
        # ts_stat() takes its query as text, and reads the stored documents.
        cursor.execute(
            f"INSERT INTO {words} (word, jobs) SELECT word, ndoc FROM ts_stat(%s) "  # noqa: S608
            "WHERE length(word) BETWEEN %s AND %s",
            [documents, *WORD_LENGTHS],
        )
        return cursor.rowcount


def corrected(terms, using="default"):
    """`terms` (the search's words, board/search/engine.py search_terms()) with
    each one that no open job holds, as a word or a word's beginning, replaced
    by a word that some do: one that is the typed word with two neighbouring
    letters swapped ("pyhton" → "python"), else the most similar one (the one
    most jobs hold among equals); kept as typed where none is similar enough.
    Two queries."""
    swaps = [_swapped(term) for term in terms]
    # Every stem in one query: the terms', then their swaps' in order.
    stemmed = iter(_stems([*terms, *(swap for found in swaps for swap in found)], using))
    typed = [next(stemmed) for _ in terms]
    swapped = []
    for found in swaps:
        stems_of_swaps = [next(stemmed) for _ in found]
        swapped.append(sorted({stem for stem in stems_of_swaps if stem}))
    # A term with no stem (no word in it) or too short for trigrams stays as typed.
    stems = {
        index: stem for index, stem in enumerate(typed) if stem and len(stem) >= WORD_LENGTHS[0]
    }
    if not stems:
        return list(terms)
    # One branch a word, each with its stem written in: a pattern or a word the
    # planner does not know (one computed in the same query) is no use to the
    # trigram index, and 200,000 words read in turn took 40 ms. Swapped letters
    # are looked up as whole words (the primary key): trigrams hardly see them
    # ("pyhton" and "python" share a quarter of theirs, under SIMILARITY).
    table = SearchWord._meta.db_table
    branch = f"""
        SELECT %s, CASE WHEN NOT EXISTS (SELECT 1 FROM {table} WHERE word LIKE %s) THEN COALESCE(
            (SELECT word FROM {table} WHERE word = ANY(%s::text[])
             ORDER BY jobs DESC, word LIMIT 1),
            (SELECT word FROM {table}
             WHERE word %% %s AND similarity(word, %s) >= %s AND abs(length(word) - %s) <= %s
             ORDER BY similarity(word, %s) DESC, jobs DESC, word
             LIMIT 1)
        ) END
    """  # noqa: S608
    params = []
    for index, stem in stems.items():
        params += [index, _beginning(stem), swapped[index], stem, stem, SIMILARITY, len(stem)]
        params += [LENGTH_CHANGE, stem]
    with connections[using].cursor() as cursor:
        cursor.execute(" UNION ALL ".join([branch] * len(stems)), params)
        found = dict(cursor.fetchall())
    return [found.get(index) or term for index, term in enumerate(terms)]


def spelled_out(terms, using="default"):
    """{term: [words]} for each of `terms` (typed words, each searched as a
    beginning) whose beginning, as the search stems it, the counted words of at
    least BROAD_PREFIX_JOBS jobs begin with: those words, at most
    MAX_SPELLED_WORDS of them. One query."""
    table = SearchWord._meta.db_table
    # The stem is computed in the query and read by the trigram index at run time
    # (a nested loop): 1.3 ms for three words among 200,000 (docs/benchmarks.md).
    sql = f"""
        SELECT typed.term, found.word, found.jobs
        FROM unnest(%s::text[]) typed (term)
        CROSS JOIN LATERAL (
            SELECT min(lexeme) AS stem FROM unnest(to_tsvector('english', typed.term))
        ) stemmed
        CROSS JOIN LATERAL (
            SELECT word, jobs FROM {table}
            WHERE word LIKE replace(replace(replace(stemmed.stem, '\\', '\\\\'),
                '%%', '\\%%'), '_', '\\_') || '%%'
            LIMIT %s
        ) found
    """  # noqa: S608
    found = {}
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [list(terms), MAX_SPELLED_WORDS + 1])
        for term, word, jobs in cursor.fetchall():
            found.setdefault(term, []).append((word, jobs))
    return {
        term: sorted(word for word, _ in words)
        for term, words in found.items()
        if len(words) <= MAX_SPELLED_WORDS
        and sum(jobs for _, jobs in words) >= BROAD_PREFIX_JOBS
        # Written out in the "simple" configuration: only plain words read back as one word.
        and all(word.isalnum() for word, _ in words)
    }


def _beginning(stem):
    """A LIKE pattern of the words that begin with `stem`, its wildcards plain."""
    return stem.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _swapped(term):
    """The term with each pair of neighbouring letters swapped, for words of
    WORD_LENGTHS letters ("pyhton": "yphton", "phyton", "python"…)."""
    if not WORD_LENGTHS[0] <= len(term) <= WORD_LENGTHS[1] or not term.isalpha():
        return []
    swaps = (term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1))
    return [swap for swap in dict.fromkeys(swaps) if swap != term]


def _stems(terms, using):
    """Each term as the search's English configuration stems it ("devloper" is
    "devlop"), or None if it holds no word."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT min(lexeme) FROM unnest(to_tsvector('english', term))) "
            "FROM unnest(%s::text[]) WITH ORDINALITY typed (term, position) ORDER BY position",
            [list(terms)],
        )
        return [stem for (stem,) in cursor.fetchall()]
