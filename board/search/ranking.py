"""Ranked pages of keyword searches on PostgreSQL without ranking every match.

The matching itself is board/search/engine.py; board/listings/paging.py pages
with the functions here.
"""

import json
from typing import NamedTuple

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Subquery
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


def is_search(jobs):
    """Whether `jobs` is a PostgreSQL keyword search (board/search/engine.py)."""
    return connections[jobs.db].vendor == "postgresql" and "search_query" in jobs.query.annotations


def ranks_by_search(jobs):
    """Whether `jobs` is a PostgreSQL keyword search ordered by "-rank" (see rank_newest)."""
    return is_search(jobs) and jobs.query.order_by[:1] == ("-rank",)


def lists_newest_matches(jobs):
    """Whether `jobs` is a PostgreSQL keyword search ordered newest first."""
    return is_search(jobs) and tuple(jobs.query.order_by) == ("-published_at", "-id")


def rank_newest(jobs, candidates, guesses=None, way=None):
    """The newest `candidates` of `jobs` (a search, see ranks_by_search), by rank."""
    newest_sql, params = newest_matches(jobs, 0, candidates, way, guesses)
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


class Estimates(NamedTuple):
    """The planner's estimates for a search (estimates())."""

    matches: float  # the search's matches
    open_jobs: float
    word_matches: float  # the open jobs with its words, without its other conditions
    # The most jobs reading the search's matches can take (bitmap_bound()); None: unknown.
    read_at_most: float | None = None


def estimates(jobs):
    """The planner's Estimates for a search: one EXPLAIN."""
    visible = jobs.model.objects.visible()
    words = visible.filter(search_vector=jobs.query.annotations["search_query"])
    branches = (jobs.order_by(), visible, words)
    compiled = [rows.values("pk").query.sql_with_params() for rows in branches]
    branches = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) rows_{i}"  # noqa: S608
        for i, (sql, _) in enumerate(compiled)
    )
    params = [param for _, branch_params in compiled for param in branch_params]
    with connections[jobs.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {branches}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    search, *others = plan[0]["Plan"]["Plans"]
    rows = [branch["Plan Rows"] for branch in (search, *others)]
    return Estimates(*rows, read_at_most=bitmap_bound(search))


def bitmap_bound(plan):
    """The most rows the first bitmap heap scan in `plan` (EXPLAIN's JSON) can
    read, from its indexes' estimates, or None without one.

    A condition in the search's GIN index (the words, a workplace, a level, a
    place) narrows the bitmap in the index; one on a column outside it is
    either tested on each row the bitmap yields (a date: all the words'
    matches are read) or ANDed from its own index (a category), where the
    planner guesses the overlap as if the words and the category were
    independent, and the overlap can be as large as the smaller of the two.
    """
    kind = plan["Node Type"]
    if kind == "Bitmap Index Scan":
        return plan["Plan Rows"]
    bounds = [bitmap_bound(child) for child in plan.get("Plans", ())]
    bounds = [bound for bound in bounds if bound is not None]
    if not bounds:
        return None
    if kind == "BitmapAnd":
        return min(bounds)
    if kind == "BitmapOr":
        return sum(bounds)
    return bounds[0]


def newest_matches(jobs, start, stop, way=None, guesses=None):
    """(sql, params) selecting the ids of jobs[start:stop] newest first, for a
    PostgreSQL search, the cheaper way (fetch_limit()).

    The planner's estimate of the matches (`guesses`: see estimates())
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
    guesses = guesses or estimates(jobs)
    limit = fetch_limit(stop, guesses.open_jobs)
    if way is None and guesses.matches * ESTIMATE_ERROR > limit:
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


def within_cap(jobs, start, stop, cap):
    """(ids of jobs[start:stop], the matches counted up to cap + 1) in one
    PostgreSQL statement; the page is read only when there are no more than
    `cap` matches, else its ids are [].

    The matches (at most cap + 1 ids) are found first, unordered, so the
    planner reads them from the indexes of the conditions (the GIN index for
    words); the page is then sorted from those rows. Letting the planner find
    the page itself, it walked an index in the page's order (newest, salary)
    when it guessed the matches to be many and they were few: it guesses the
    conditions independent, and "junior" at level senior, thought to be 2,000
    of 100,000 jobs and in fact none, read every job (0.6 s instead of 3 ms).

    A keyword search's matches are read through bitmaps of indexes only
    (fetch_by_bitmaps): see there why.
    """
    ids, total, _ = _counted(jobs, start, stop, cap)
    return ids, total


def count_and_newest(jobs, start, stop, cap, keep, limit):
    """As within_cap(), for a search whose newest matches would then be fetched
    from the GIN index (newest_matches()): (the page's ids when no more than `cap`
    match, the matches counted up to limit + 1, the ids of the newest `keep`
    matches, newest first, when more than `cap` and no more than `limit` match,
    else None), in one statement.

    Counting up to the cap and then fetching the matches read the same rows
    twice: "manager" in London at a million jobs, 2,013 of London's 22,771
    jobs, was 79 ms counting and 93 ms fetching.
    """
    if limit < cap:
        raise ValueError("count_and_newest() counts at least up to the cap")
    return _counted(jobs, start, stop, cap, keep, limit)


def _counted(jobs, start, stop, cap, keep=0, limit=None):
    limit = cap if limit is None else limit
    fields = ("pk", "published_at") if keep else ("pk",)
    counted = jobs.order_by().values(*fields)[: limit + 1]
    count_sql, count_params = counted.query.sql_with_params()
    page = jobs.filter(pk__in=RawSQL("SELECT pk FROM matches", ()))
    page_sql, page_params = page.values("pk")[start:stop].query.sql_with_params()
    # ARRAY(…) keeps the order; a CASE runs the sub-select only when needed.
    newest, newest_params = "NULL", []
    if keep:
        newest = (
            "CASE WHEN n > %s AND n <= %s THEN ARRAY(SELECT pk FROM matches "
            "ORDER BY published_at DESC, pk DESC LIMIT %s) END"
        )
        newest_params = [cap, limit, keep]
    sql = (
        f"WITH matches AS MATERIALIZED (SELECT * FROM ({count_sql}) capped ({', '.join(fields)})) "  # noqa: S608
        f"SELECT n, CASE WHEN n <= %s THEN ARRAY(SELECT pk FROM ({page_sql}) page) END, {newest} "
        "FROM (SELECT COUNT(*) AS n FROM matches) counted"
    )
    params = [*count_params, cap, *page_params, *newest_params]
    if is_search(jobs):
        total, ids, newest_ids = fetch_by_bitmaps(jobs.db, sql, params)
    else:
        with connections[jobs.db].cursor() as cursor:
            cursor.execute(sql, params)
            total, ids, newest_ids = cursor.fetchone()
    return (ids or []), total, newest_ids


def capped_matches(jobs, cap):
    """(the matches of a search (is_search) counted up to cap + 1, their ids
    when there are no more than `cap`, else None), in one statement.

    For lists paged by something else than ranked_page(): narrowed to those
    ids, their pages are read from them, not by walking an index in the
    list's order past jobs that do not match (see within_cap).
    """
    sql, params = jobs.order_by().values("pk")[: cap + 1].query.sql_with_params()
    total, ids = fetch_by_bitmaps(
        jobs.db,
        "SELECT COUNT(*), CASE WHEN COUNT(*) <= %s THEN array_agg(pk) END "  # noqa: S608
        f"FROM ({sql}) capped (pk)",
        [cap, *params],
    )
    return total, (ids or [] if total <= cap else None)


# How many of the newest jobs finds_any() reads before asking the index: a
# word in more than a few tenths of a per cent of the jobs is found among them.
FIRST_LOOK = 1000


def finds_any(jobs):
    """Whether `jobs` has a row; for a PostgreSQL search (is_search), looked
    for among the newest FIRST_LOOK jobs, then asked of its indexes.

    Asked as Django asks exists() (`LIMIT 1`), the planner reads jobs in turn
    testing each document, expecting a match soon: for a word no job has (a
    typo, "zzzzqqq", "senior devloper") it read every job, 1.3 s at a million
    jobs. Asked of the indexes (fetch_by_bitmaps), such a word takes a few ms,
    but a common word's bitmap holds every match ("senior:*": 80 ms at a
    million) where exists() needs a handful of rows. The newest jobs hold a
    common word's match; a word not among them is rare, and so is its bitmap.
    """
    if not is_search(jobs):
        return jobs.exists()
    if _newest_within(jobs, 1, FIRST_LOOK):
        return True
    sql, params = jobs.order_by().values("pk")[:1].query.sql_with_params()
    return fetch_by_bitmaps(jobs.db, f"SELECT EXISTS ({sql})", params)[0]


def fetch_by_bitmaps(using, sql, params):
    """The first row of `sql`, planned to read tables through bitmaps of their
    indexes only (no sequential or plain index scans).

    To find the first 1,001 matches of a word, PostgreSQL prefers reading the
    jobs one by one (all of them, or in an index's order) and testing each
    document, as the first thousand are soon found. It counts a test as cheap
    as comparing two numbers; in fact each cost about 10 µs with the document
    out of line, and 2-3 µs in the row (migration 0006). Reading the word's
    matches from the GIN index, as a bitmap, then only those jobs: "senior"
    36 → 9 ms, "manager" with a job type 38 → 9 ms at 100,000 open jobs. Only
    these statements are planned so: walks of the newest jobs
    (newest_matches, broad_sample) need index scans.
    """
    return _planned(using, sql, params, ("enable_seqscan", "enable_indexscan"))[0]


def _planned(using, sql, params, disabled):
    """The rows of `sql`, planned with the `disabled` kinds of scan switched off
    (SET LOCAL, which lasts until the transaction ends: this one, unless one
    was open, when they are set back)."""
    connection = connections[using]
    outer = connection.in_atomic_block
    off = "; ".join(f"SET LOCAL {name} = off" for name in disabled)
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        cursor.execute(f"{off}; {sql}", params)
        rows = cursor.fetchall()
        if outer:
            cursor.execute("; ".join(f"SET LOCAL {name} TO DEFAULT" for name in disabled))
    return rows


def search_slice(jobs, start, stop, cap, candidates):
    """(ids of jobs[start:stop], the matches counted up to cap + 1 or more) for
    a PostgreSQL search (is_search) in any order.

    A broad search (broad_sample: its newest `candidates` matches, or as many
    as the page needs when listed newest first, are found among few enough of
    the newest jobs) is not counted: there are more than `cap`. Otherwise its
    matches are counted up to cap + 1, and with no more than `cap`, the page is
    sorted from them (within_cap); a search whose newest matches would be
    fetched from the GIN index is counted as they are fetched, in the same
    statement (count_and_newest), unless counting could read more jobs than
    that fetch's limit (a filter outside the GIN index) and the newest jobs
    hold many of its matches (denser_than_guessed). A deeper page of a search
    whose newest matches a walk found walks on. Past the cap:

    * ranked by rank (ranks_by_search): the newest `candidates` matches are
      ranked, and the rest follow newest first;
    * newest first: the newest matches (newest_matches);
    * another order (salary): as PostgreSQL plans it, finding many matches.
    """
    guesses = estimates(jobs)
    ranks, newest_first = ranks_by_search(jobs), lists_newest_matches(jobs)
    keep = max(candidates, stop) if ranks else stop if newest_first else 0
    limit = fetch_limit(keep, guesses.open_jobs)
    # Guessed few enough for its newest matches to be fetched from the GIN index.
    fetchable = keep and guesses.matches * ESTIMATE_ERROR <= limit
    # Listed newest first, the page needs its own end only: sampling `candidates`
    # (the ranked ones) walked five times as far for a first page of 20.
    newest = broad_sample(jobs, cap, stop if newest_first else candidates, guesses)
    if newest is None and fetchable:
        newest = denser_than_guessed(jobs, keep, limit, guesses)
    # Found by a walk, the newest matches are dense among the newest jobs: a deeper
    # page walks on rather than fetching every match to keep the newest ("graduate"
    # posted within 7 days, page 50 at a million jobs: 370 ms fetching).
    way = None if newest is None else "walk"
    if newest is None:
        if fetchable:
            limit = max(limit, cap)  # counted at least as far as within_cap counts
            ids, total, newest = count_and_newest(jobs, start, stop, cap, keep, limit)
            way = "walk" if total > limit else None  # more than guessed: not fetched again
        else:
            ids, total = within_cap(jobs, start, stop, cap)
        if total <= cap:
            return ids, total
    else:
        total = cap + 1
    if ranks:
        head = (
            rank_newest(jobs, candidates, guesses, way)
            if newest is None
            else _ranked(jobs, newest[:candidates])
        )
        ranked = list(head.values_list("pk", flat=True))
        ids = ranked[start:stop]
        if stop > len(ranked):
            older = max(start, len(ranked))
            if newest is not None and stop <= len(newest):
                ids += newest[older:stop]
            else:
                ids += _run(jobs, *newest_matches(jobs, older, stop, way, guesses))
    elif newest_first:
        if newest is not None and stop <= len(newest):
            ids = newest[start:stop]
        else:
            ids = _run(jobs, *newest_matches(jobs, start, stop, way, guesses))
    else:
        ids = list(jobs.values_list("pk", flat=True)[start:stop])
    return ids, total


# A search is broad when its matches are at least BROAD times the count cap.
BROAD = 3


def broad_sample(jobs, cap, size, guesses):
    """The ids of the newest `size` matches of a PostgreSQL search, newest
    first, when they show it broad; else None.

    Counting up to the cap reads the word's matches from the GIN index, all of
    them ("engineer" among remote jobs: 5,600 matches, 7 ms at 100,000 open
    jobs; 56,000 and 92 ms at a million). A broad word is found soon among the
    newest jobs instead, at any size of the board. So when the planner's
    estimate (`guesses`: estimates()) is high enough for a walk to cost less
    than counting, the newest jobs are walked until `size` matches are found,
    at most as many as would hold them if the search had half the matches
    guessed (and at least BROAD × cap): found within that window, the matches
    are at least that dense among the newest jobs, and counted no further.
    The window bounds the walk when the estimate is wrong (a filter that goes
    against the word: "junior" at senior level, guessed 2 %, in fact none).
    """
    matches, open_jobs = guesses.matches, guesses.open_jobs
    # The walk reads about size × open_jobs / matches jobs; a count reads the
    # matches of the words from the index (other conditions, such as a
    # category or a place, are not in it). Sample when the walk reads less,
    # counting a job walked as WALK_COST_RATIO matches read (fetch_limit()).
    if matches * guesses.word_matches < fetch_limit(size, open_jobs) ** 2 or matches < BROAD * cap:
        return None
    # The window holds `size` matches if the search has half the matches
    # guessed (and at least BROAD × cap): a walk that finds fewer stops there.
    window = -(-size * open_jobs // max(BROAD * cap, matches // 2))
    if window >= open_jobs:  # a small board: counting is cheap
        return None
    found = _newest_within(jobs, size, window)
    return found if len(found) == size else None


def denser_than_guessed(jobs, size, limit, guesses):
    """The ids of the newest `size` matches of a PostgreSQL search, newest
    first, when they are at least as dense among the newest jobs as `limit`
    matches would be, and counting could read more than `limit` jobs
    (guesses.read_at_most: a filter outside the search's GIN index); else None.

    Guessed few, a search's matches are counted towards fetching its newest
    (count_and_newest, up to `limit`: fetch_limit()). With a filter outside
    the GIN index, the count reads more than its matches, or more than
    guessed: a date is tested on every match of the words ("linux" posted
    within 7 days: 21,000 jobs read for 5,900 matches, 118 ms at a million);
    a category is ANDed from its own index, guessed as if independent of the
    words, and a word goes with its category ("python" in Software
    Development: guessed 2,100, in fact 37,000; 20,001 read, 120 ms, before
    walking after all). So such a search first walks the newest jobs, no
    further than would hold `size` matches if the search had `limit` (and at
    least BROAD × cap): 14 and 24 ms for those two; when the walk finds too
    few ("nurse" in Software Development), about 4-12 ms at a million are lost
    and the count follows. Filters in the GIN index (a workplace, a level, a
    place) are not walked for: the count reads only their matches.
    """
    open_jobs, read = guesses.open_jobs, guesses.read_at_most
    if read is None or read <= limit:  # counting reads no more than the fetch would
        return None
    cap = settings.SEARCH_COUNT_CAP
    window = -(-size * open_jobs // max(limit, BROAD * cap))
    if window >= open_jobs:  # a small board: counting is cheap
        return None
    found = _newest_within(jobs, size, window)
    return found if len(found) == size else None


def _newest_within(jobs, size, window):
    """The ids of the newest `size` matches of `jobs` among the newest `window`
    open jobs, newest first (fewer if there are not so many)."""
    # The window's edge, read from the (status, published_at) index alone.
    published = jobs.model._base_manager.filter(status=jobs.model.Status.PUBLISHED)
    newest_first = published.order_by("-published_at").values("published_at")
    edge = Subquery(newest_first[window - 1 : window])
    walk = jobs.filter(published_at__gte=edge).order_by("-published_at", "-id")
    sql, params = walk.values_list("pk")[:size].query.sql_with_params()
    # Walked in the order of an index on published_at (the newest jobs', or a
    # category's): a bitmap of every match, which PostgreSQL may prefer, is what
    # this avoids.
    return [pk for (pk,) in _planned(jobs.db, sql, params, ("enable_bitmapscan",))]


def _ranked(jobs, ids):
    """The jobs `ids` ranked as `jobs` orders them, read by primary key."""
    return (
        jobs.model._base_manager.filter(pk__in=ids)
        .annotate(rank=jobs.query.annotations["rank"])
        .order_by(*jobs.query.order_by)
    )


def _run(jobs, sql, params):
    with connections[jobs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk, *_) in cursor.fetchall()]
