"""Ranked pages of keyword searches on PostgreSQL without ranking every match.

The matching itself is board/search/engine.py; board/listings/paging.py pages
with the functions here.
"""

import json

from django.db import connections
from django.db.models.expressions import RawSQL

# A word in a fifth of the jobs ("senior", "remote") matches tens of thousands
# of them, and SearchRank must read each match's document (compressed, often
# out of line: about 12 µs a row) to sort them: 150-330 ms at 100,000 open jobs,
# seconds at a million. Ranked pages (board/listings/paging.py) therefore rank
# only the newest `candidates` matches (rank_newest) and list the older ones
# after them, newest first. A search with no more matches than that is ranked
# exactly. The newest matches are found by walking the (status, published_at)
# index until enough match (a broad word: the same cost at any table size) or,
# for a word in a few per cent of the jobs, by reading its matches from the
# GIN index and keeping the newest: fetch_limit() and newest_matches() choose.
#
# The RUM extension's ordered index scan (`ORDER BY search_vector <=> query`)
# was measured and left out: it returns matches in rank order without reading
# rows, but sorts every match inside the index first, which grew from 26 ms
# at 100,000 jobs to 1 s at a million for "senior" (docs/search.md).


def ranks_by_search(jobs):
    """Whether `jobs` is a PostgreSQL keyword search ordered by "-rank" (see rank_newest)."""
    return (
        connections[jobs.db].vendor == "postgresql"
        and "search_query" in jobs.query.annotations
        and jobs.query.order_by[:1] == ("-rank",)
    )


def lists_newest_matches(jobs):
    """Whether `jobs` is a PostgreSQL keyword search ordered newest first."""
    return (
        connections[jobs.db].vendor == "postgresql"
        and "search_query" in jobs.query.annotations
        and tuple(jobs.query.order_by) == ("-published_at", "-id")
    )


def rank_newest(jobs, candidates, estimates=None):
    """The newest `candidates` of `jobs` (a search, see ranks_by_search), by rank."""
    newest_sql, params = newest_matches(jobs, 0, candidates, estimates=estimates)
    # The outer query reads only those rows, by primary key, and ranks them: it
    # must not repeat the search, or the planner may rank every match again.
    return (
        jobs.model._base_manager.filter(pk__in=RawSQL(newest_sql, params))  # noqa: S611
        .annotate(rank=jobs.query.annotations["rank"])
        .order_by(*jobs.query.order_by)
    )


# How much more reading one job while walking the newest jobs costs than
# fetching one match found in the GIN index: the walk tests each job's whole
# document (out of line, with the description), the fetch reads one row.
# Measured: about 1 at 100,000 open jobs (all cached), 1-4 at a million.
WALK_COST_RATIO = 4
# The planner's estimate of the matches can be this many times too low when the
# filter goes with the word ("senior" at level senior: 7,300 for 27,000).
ESTIMATE_ERROR = 3


def fetch_limit(stop, jobs_in_table):
    """Up to how many matches fetching them all from the GIN index to keep the
    newest `stop` costs less than walking the newest jobs until `stop` match.

    Of N jobs with M matches, the walk (the (status, published_at) index)
    reads about stop × N / M jobs, testing each one's whole document; the GIN
    index hands over the M matches, one row to read each. A broad word
    ("senior": M/N a quarter) is found within a few hundred newest jobs; a
    word in 1-5 % of jobs made the walk test 10,000-100,000 documents at a
    million jobs. The costs meet where M² = ratio × stop × N. PostgreSQL's
    planner makes this choice itself but counts testing a document as cheap
    as comparing two numbers, so it walks for words far too rare: the choice
    is made here and forced in the SQL (newest_matches).
    """
    return int((WALK_COST_RATIO * stop * jobs_in_table) ** 0.5)


def estimates(jobs):
    """The planner's estimates (matches, jobs in the table) for a search: one EXPLAIN."""
    matches_sql, matches_params = jobs.order_by().values("pk").query.sql_with_params()
    table_sql, table_params = jobs.model._base_manager.values("pk").query.sql_with_params()
    with connections[jobs.db].cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT * FROM ({matches_sql}) matches "  # noqa: S608
            f"UNION ALL SELECT * FROM ({table_sql}) jobs",
            [*matches_params, *table_params],
        )
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    matches, table = plan[0]["Plan"]["Plans"]
    return matches["Plan Rows"], table["Plan Rows"]


def newest_matches(jobs, start, stop, way=None, estimates=None):
    """(sql, params) selecting the ids of jobs[start:stop] newest first, for a
    PostgreSQL search, the cheaper way (fetch_limit()).

    The planner's estimate of the matches (`estimates`: see estimates())
    decides whether to try the GIN index; it can be several times too low for
    a word its filter goes with ("senior" at level senior), so the index is
    tried only well below the limit, and the statement checks the number: it
    fetches no more than the limit, and walks if there were more. `way`
    ("walk" or "fetch", for tests) forces one.
    """
    walk_sql, walk_params = (
        jobs.order_by("-published_at", "-id").values("pk", "published_at")[start:stop]
    ).query.sql_with_params()
    walk = f"SELECT pk FROM ({walk_sql}) walked (pk, published_at)"  # noqa: S608
    if way == "walk":
        return walk, walk_params
    matches, jobs_in_table = estimates or globals()["estimates"](jobs)
    limit = fetch_limit(stop, jobs_in_table)
    if way is None and matches * ESTIMATE_ERROR > limit:
        return walk, walk_params
    # The matches: an unordered sub-select behind OFFSET 0, which PostgreSQL
    # plans on its own (the GIN index), at most `limit` + 1 of them; the newest
    # by a top-N sort. A one-time filter on their number runs one branch.
    sql, params = jobs.order_by().values("pk", "published_at").query.sql_with_params()
    fetched = "(SELECT COUNT(*) FROM matches)"
    return (
        f"WITH matches AS MATERIALIZED (SELECT * FROM ({sql} OFFSET 0) found "  # noqa: S608
        f"(pk, published_at) LIMIT %s) "
        f"SELECT pk FROM (SELECT * FROM (SELECT * FROM matches WHERE {fetched} <= %s "
        "ORDER BY published_at DESC, pk DESC LIMIT %s OFFSET %s) fetched "
        f"UNION ALL SELECT * FROM ({walk_sql}) walked (pk, published_at) WHERE {fetched} > %s"
        ") newest ORDER BY published_at DESC, pk DESC",
        (*params, limit + 1, limit, stop - start, start, *walk_params, limit),
    )


def _within_cap(jobs, start, stop, cap, columns, order):
    """(ids of jobs[start:stop], the matches counted up to cap + 1) in one
    statement; the page is read only when there are no more than `cap` (a
    one-time filter on the count), else a row of NULLs carries the count.
    `columns` are the fields `order` (SQL) sorts the page by."""
    count_sql, count_params = jobs.order_by().values("pk")[: cap + 1].query.sql_with_params()
    page_sql, page_params = jobs.values_list(*columns)[start:stop].query.sql_with_params()
    n = "(SELECT n FROM counted)"
    nulls = ", ".join(["NULL"] * len(columns))
    sql = (
        f"WITH counted AS MATERIALIZED (SELECT COUNT(*) AS n FROM ({count_sql}) capped) "  # noqa: S608
        f"SELECT * FROM (SELECT page.*, {n} FROM ({page_sql}) page ({', '.join(columns)}) "
        f"WHERE {n} <= %s "
        f"UNION ALL SELECT {nulls}, {n} WHERE {n} > %s) found ORDER BY {order}"
    )
    with connections[jobs.db].cursor() as cursor:
        cursor.execute(sql, [*count_params, *page_params, cap, cap])
        found = cursor.fetchall()
    total = found[0][-1] if found else 0
    return ([] if total > cap else [row[0] for row in found]), total


def newest_slice(jobs, start, stop, cap):
    """(ids of jobs[start:stop], the matches counted up to cap + 1) for a
    PostgreSQL search ordered newest first.

    No more than `cap` matches: one statement, planned by PostgreSQL (few
    rows to read). More: one EXPLAIN (estimates()), then newest_matches().
    """
    order = "published_at DESC, pk DESC"
    ids, total = _within_cap(jobs, start, stop, cap, ("pk", "published_at"), order)
    if total <= cap:
        return ids, total
    return _run(jobs, *newest_matches(jobs, start, stop)), total


def _run(jobs, sql, params):
    with connections[jobs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk, *_) in cursor.fetchall()]


def ranked_slice(jobs, start, stop, cap, candidates):
    """(ids of jobs[start:stop], the matches counted up to cap + 1) for a search
    ranked by rank (ranks_by_search).

    With no more than `cap` matches, all are ranked, exactly as `jobs` orders
    them, in the statement that counts them: few rows to read. With more, the
    newest `candidates` are ranked (rank_newest, after one EXPLAIN: see
    newest_matches) and the rest follow newest first (one more query when the
    slice reaches past them).
    """
    order = "rank DESC, published_at DESC, pk DESC"
    ids, total = _within_cap(jobs, start, stop, cap, ("pk", "rank", "published_at"), order)
    if total <= cap:
        return ids, total
    guesses = estimates(jobs)
    head = rank_newest(jobs, candidates, guesses).values_list("pk", flat=True)
    ranked = list(head)
    ids = ranked[start:stop]
    if stop > len(ranked):
        tail = newest_matches(jobs, max(start, len(ranked)), stop, estimates=guesses)
        ids += _run(jobs, *tail)
    return ids, total
