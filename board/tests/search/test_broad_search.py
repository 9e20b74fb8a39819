"""Broad words (issue 15): counted up to a cap, ranked without ranking every match."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.jobs.models import SALARY_ORDERING, Job
from board.listings.paging import counted_rows, ranked_page
from board.search import ranking
from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="RUM and the bounded ranking are PostgreSQL's"
)


def _search(text):
    return Job.objects.visible().search(text).order_by("-rank", "-published_at", "-id")


def _jobs(count, **fields):
    now = timezone.now()
    return [
        JobFactory(published_at=now - timedelta(hours=index), **fields) for index in range(count)
    ]


@override_settings(SEARCH_COUNT_CAP=5)
def test_a_broad_search_is_counted_up_to_the_cap():
    _jobs(12, title="Senior Engineer")
    page = ranked_page(_search("senior"), 1, 2)
    assert page.paginator.count == 5 and page.count_exact is False
    assert page.paginator.num_pages == 3 and len(page) == 2


@override_settings(SEARCH_COUNT_CAP=5)
def test_a_narrow_search_is_counted_exactly():
    _jobs(4, title="Payroll Specialist")
    page = ranked_page(_search("payroll"), 1, 2)
    assert page.paginator.count == 4 and page.count_exact is True


@override_settings(SEARCH_COUNT_CAP=5)
def test_pages_go_no_deeper_than_the_cap():
    _jobs(12, title="Senior Engineer")
    everything = list(_search("senior").values_list("pk", flat=True))
    page = ranked_page(_search("senior"), 6, 2)  # would be results 11-12
    assert page.number == 3  # the last page within the cap, as get_page() answers
    assert len(page) == 2 and all(job.pk in everything for job in page)


@override_settings(SEARCH_COUNT_CAP=3)
def test_the_page_says_there_are_more_than_it_counted(client):
    _jobs(5, title="Senior Engineer")
    response = client.get("/jobs/", {"q": "senior"})
    assert 'tabindex="-1">3+ jobs</h2>' in response.content.decode()


@override_settings(SEARCH_COUNT_CAP=3)
def test_an_exact_count_has_no_plus(client):
    _jobs(2, title="Senior Engineer")
    response = client.get("/jobs/", {"q": "senior"})
    assert 'tabindex="-1">2 jobs</h2>' in response.content.decode()


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_broad_search_ranks_its_newest_matches_then_lists_older_ones_newest_first():
    jobs = _jobs(6, description="Figma every day.")
    jobs[1].title = "Figma Designer"  # the best match among the newest three
    jobs[1].save()
    jobs[4].title = "Figma Lead"  # a title match, but older than the three ranked
    jobs[4].save()
    first = ranked_page(_search("figma"), 1, 2)
    second = ranked_page(_search("figma"), 2, 2)
    assert next(job.pk for job in first) == jobs[1].pk
    assert {job.pk for job in first} | {second[0].pk} == {jobs[0].pk, jobs[1].pk, jobs[2].pk}
    # Past the ranked three: the rest, newest first, whatever their rank.
    assert second[1].pk == jobs[3].pk
    assert first.paginator.count == 4 and first.count_exact is False


@postgresql_only
@override_settings(SEARCH_RANKED_CANDIDATES=2)
def test_a_search_within_the_cap_is_ranked_exactly():
    jobs = _jobs(4, description="Figma every day.")
    jobs[3].title = "Figma Designer"  # the oldest, but the only title match
    jobs[3].save()
    page = ranked_page(_search("figma"), 1, 20)
    assert next(job.pk for job in page) == jobs[3].pk and len(page) == 4


@postgresql_only
@override_settings(SEARCH_RANKED_CANDIDATES=3)
def test_ranking_the_newest_matches_reads_no_others():
    _jobs(8, description="Figma every day.")
    search = _search("figma")
    query = str(ranking.rank_newest(search, 3).query)
    # The ranking query ranks rows picked by id from the newest three matches.
    assert "LIMIT 3" in query and query.count("ts_rank") == 1
    assert len(ranking.rank_newest(search, 3)) == 3


@postgresql_only
def test_postgresql_compiles_no_queries():
    # JIT compiled every broad search's statement (a plan branch that never runs
    # counts towards jit_above_cost): ~50 ms, more than running it.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@postgresql_only
def test_pages_are_not_planned_in_parallel():
    # A parallel plan of "the newest 20 that match" waits for every worker's first match
    # (site_config/settings.py): a radius page at a million jobs, 375 ms against 33 ms.
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def _mixed_jobs():
    """Jobs, some matching "figma", several published at the same moment."""
    now = timezone.now()
    jobs = []
    for index in range(30):
        title = "Figma Designer" if index % 3 == 0 else "Payroll Clerk"
        workplace = "remote" if index % 2 else "on_site"
        published = now - timedelta(hours=index // 12)  # ties: the id decides
        jobs.append(JobFactory(title=title, workplace=workplace, published_at=published))
    return jobs


@postgresql_only
@pytest.mark.parametrize("start,stop", [(0, 3), (2, 7), (8, 40)])
def test_the_newest_matches_are_the_same_from_the_index_as_by_walking(start, stop):
    _mixed_jobs()
    search = Job.objects.visible().search("figma").filter(workplace="remote")
    expected = list(search.order_by("-published_at", "-id").values_list("pk", flat=True))
    found = {}
    for way in ("walk", "fetch"):
        sql, params = ranking.newest_matches(search, start, stop, way=way)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found[way] = [pk for (pk,) in cursor.fetchall()]
    assert found["walk"] == found["fetch"] == expected[start:stop]


@postgresql_only
def test_fetching_more_matches_than_the_limit_walks_instead(monkeypatch):
    _mixed_jobs()
    search = Job.objects.visible().search("figma")
    expected = list(search.order_by("-published_at", "-id").values_list("pk", flat=True))
    monkeypatch.setattr(
        ranking, "fetch_limit", lambda stop, jobs_in_table: 2
    )  # 10 matches: too many
    sql, params = ranking.newest_matches(search, 1, 4, way="fetch")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert [pk for (pk,) in cursor.fetchall()] == expected[1:4]


@postgresql_only
def test_a_mid_frequency_word_takes_its_newest_matches_from_the_index():
    # At a million jobs, walking the newest jobs for a word in 1 % of them
    # tested 10,000 documents to find 100 matches (0.3-1 s).
    for index in range(200):
        JobFactory(title="Senior Figma Designer" if index % 50 == 0 else "Senior Clerk")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE board_job")
    rare = ranking.newest_matches(_search("figma"), 0, 3)[0]
    broad = ranking.newest_matches(_search("senior"), 0, 3)[0]
    assert "OFFSET 0" in rare and 'published_at" DESC' not in rare.split("UNION ALL")[0]
    assert "OFFSET 0" not in broad  # a word in every job: the newest jobs match


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_ranked_page_is_the_same_whichever_way_it_finds_the_newest(monkeypatch):
    _mixed_jobs()
    pages = {}
    for ratio in (0, 10**9):  # never / always worth fetching from the index
        monkeypatch.setattr(ranking, "WALK_COST_RATIO", ratio)
        pages[ratio] = [
            [job.pk for job in ranked_page(_search("figma"), number, 2)] for number in (1, 2, 3)
        ]
    assert pages[0] == pages[10**9] and len(pages[0][2]) == 2


def _plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


@postgresql_only
def test_a_search_is_counted_from_its_index_never_by_reading_jobs_in_turn():
    # With a LIMIT, PostgreSQL preferred reading jobs in turn and testing each one's
    # document, as cheap in its model as comparing numbers: "senior" 36 ms, not 9.
    _mixed_jobs()
    search = Job.objects.visible().search("figma").filter(workplace="remote")
    sql, params = search.order_by().values("pk")[:1001].query.sql_with_params()
    (plan,) = ranking.fetch_by_bitmaps("default", f"EXPLAIN (FORMAT JSON) {sql}", params)
    scans = {
        node["Node Type"]
        for node in _plan_nodes(plan[0]["Plan"])
        if node.get("Relation Name") == "board_job"
    }
    assert scans == {"Bitmap Heap Scan"}
    # The test's transaction goes on with the planner's usual choices.
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone()[0] == "on"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_bitmap_plans_end_with_their_own():
    assert not connection.in_atomic_block
    assert ranking.fetch_by_bitmaps("default", "SELECT current_setting('enable_seqscan')", []) == (
        "off",
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=8)
@pytest.mark.parametrize(
    "order",
    [("-rank", "-published_at", "-id"), ("-published_at", "-id"), SALARY_ORDERING],
    ids=["relevance", "newest", "salary"],
)
def test_a_page_within_the_cap_is_sorted_from_the_matches_as_the_query_orders_them(order):
    jobs = _mixed_jobs()
    for index, job in enumerate(jobs):
        Job.objects.filter(pk=job.pk).update(salary_yearly_eur=1000 * (index % 7) or None)
    search = Job.objects.visible().search("figma").filter(workplace="remote").order_by(*order)
    expected = list(search.values_list("pk", flat=True))
    assert len(expected) == 5  # within the cap of 8
    assert ranking.within_cap(search, 1, 4, 8) == (expected[1:4], 5)
    assert ranking.within_cap(search, 0, 3, 4) == ([], 5)  # over a cap of 4: counted only


@postgresql_only
def test_counted_rows_narrows_a_search_with_few_matches_to_them():
    _mixed_jobs()
    search = Job.objects.visible().search("figma").order_by("-published_at", "-id")
    expected = list(search.values_list("pk", flat=True))
    rows, counted = counted_rows(search, cap=10)
    assert counted == (10, True) and list(rows.values_list("pk", flat=True)) == expected
    assert '"board_job"."id" IN (' in str(rows.query)
    rows, counted = counted_rows(search, cap=9)  # more than the cap: as it was, counted to it
    assert counted == (9, False) and str(rows.query) == str(search.query)


def test_counted_rows_counts_other_lists_as_capped_count_does():
    _jobs(3)
    rows, counted = counted_rows(Job.objects.visible().order_by("-published_at"), cap=2)
    assert counted == (2, False) and rows.count() == 3


@postgresql_only
def test_the_search_document_stays_in_the_row():
    # Out of line, every job tested or ranked one by one cost three buffer reads
    # instead of one (migration 0006).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute "
            "WHERE attrelid = 'board_job'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == "m"


# The planner's estimates on a table of a few dozen rows are no guide: these tests
# give the ones a large board would have (matches, open jobs).


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_broad_search_is_sampled_among_the_newest_jobs_not_counted(monkeypatch):
    # Two jobs in three match: the newest three matches lie among the newest
    # eight jobs (3 × 30 jobs / (BROAD × cap)), so there are more than the cap.
    _senior_welders(monkeypatch)
    search = Job.objects.visible().search("senior").order_by("-published_at", "-id")
    newest = list(search.values_list("pk", flat=True))
    assert ranking.broad_sample(search, 4, 3, ranking.Estimates(20, 30, 20)) == newest[:3]
    guessed_few = ranking.Estimates(3, 30, 20)
    assert ranking.broad_sample(search, 4, 3, guessed_few) is None  # not worth a walk
    pages = [ranked_page(search, number, 2) for number in (1, 2)]
    assert [[job.pk for job in page] for page in pages] == [newest[:2], newest[2:4]]
    assert pages[0].paginator.count == 4 and not pages[0].count_exact
    rows, counted = counted_rows(search, cap=4)
    assert counted == (4, False) and str(rows.query) == str(search.query)
    with connection.cursor() as cursor:  # the walk's planner settings end with it
        cursor.execute("SHOW enable_bitmapscan")
        assert cursor.fetchone()[0] == "on"


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=20, SEARCH_RANKED_CANDIDATES=3)
def test_matches_only_among_older_jobs_are_counted_however_many_the_planner_guesses(
    monkeypatch,
):
    jobs = _jobs(60)
    for job in jobs[30:]:  # the 30 oldest
        Job.objects.filter(pk=job.pk).update(title="Senior Welder")
    monkeypatch.setattr(ranking, "estimates", lambda jobs: ranking.Estimates(60, 60, 60))
    search = Job.objects.visible().search("senior").order_by("-published_at", "-id")
    guessed_many = ranking.Estimates(60, 60, 60)
    assert ranking.broad_sample(search, 20, 3, guessed_many) is None  # the newest 3 jobs: none
    page = ranked_page(search, 1, 5)
    assert page.paginator.count == 20 and not page.count_exact  # 30: more than the cap
    assert [job.pk for job in page] == [job.pk for job in jobs[30:35]]


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_broad_search_ranks_its_sampled_newest_matches(monkeypatch):
    jobs = _jobs(30)
    for index, job in enumerate(jobs):
        title = "Senior Senior Welder" if index == 2 else "Senior Welder" if index % 3 else None
        if title:
            Job.objects.filter(pk=job.pk).update(title=title, description="Welding.")
    monkeypatch.setattr(ranking, "estimates", lambda jobs: ranking.Estimates(20, 30, 20))
    page = ranked_page(_search("senior"), 1, 3)
    # The newest three matches (jobs 1, 2 and 4), the best ranked first.
    assert [job.pk for job in page] == [jobs[2].pk, jobs[1].pk, jobs[4].pk]
    assert not page.count_exact


@postgresql_only
def test_a_search_over_the_cap_is_counted_as_its_newest_matches_are_fetched():
    _mixed_jobs()  # 10 match "figma"
    search = Job.objects.visible().search("figma").order_by("-published_at", "-id")
    newest = list(search.values_list("pk", flat=True))
    # Within the cap: the page, as within_cap() gives it, and nothing kept.
    assert ranking.count_and_newest(search, 1, 3, 10, 4, 20) == (newest[1:3], 10, None)
    # Over the cap, within the limit: counted as far as they go, the newest four kept.
    assert ranking.count_and_newest(search, 1, 3, 5, 4, 20) == ([], 10, newest[:4])
    # Over the limit: counted to limit + 1, nothing kept (they are walked instead).
    assert ranking.count_and_newest(search, 1, 3, 5, 4, 8) == ([], 9, None)
    with pytest.raises(ValueError):
        ranking.count_and_newest(search, 0, 3, 5, 4, 4)  # it counts at least to the cap


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_search_counted_with_its_newest_reads_its_matches_once(monkeypatch):
    _mixed_jobs()
    monkeypatch.setattr(ranking, "WALK_COST_RATIO", 10**9)  # always worth fetching
    with CaptureQueriesContext(connection) as queries:
        page = ranked_page(_search("figma"), 1, 2)
    # One statement looks for matches (the planner's estimates aside): the count, which
    # keeps the newest. They are then ranked, and the page read, by id.
    by_ids = re.compile(r'"board_job"\."id" IN \(\d')
    searches = [
        q["sql"]
        for q in queries.captured_queries
        if "@@" in q["sql"] and not q["sql"].startswith("EXPLAIN") and not by_ids.search(q["sql"])
    ]
    assert len(searches) == 1 and "WITH matches" in searches[0]
    assert len(page) == 2 and not page.count_exact


def test_the_most_a_bitmap_can_read_is_its_smallest_input_when_anded():
    def index(rows):
        return {"Node Type": "Bitmap Index Scan", "Plan Rows": rows}

    def node(kind, *children, rows=1):
        return {"Node Type": kind, "Plan Rows": rows, "Plans": list(children)}

    # A word (41,542 jobs) ANDed with a category (49,903), guessed 2,074 together.
    anded = node("Bitmap Heap Scan", node("BitmapAnd", index(49903), index(41542)), rows=2074)
    assert ranking.bitmap_bound(node("Subquery Scan", anded)) == 41542
    ored = node("Bitmap Heap Scan", node("BitmapOr", index(10), index(5)))
    assert ranking.bitmap_bound(ored) == 15
    assert ranking.bitmap_bound(node("Seq Scan", rows=500)) is None


@postgresql_only
def test_the_planners_estimates_bound_what_a_search_with_a_category_can_read():
    for index in range(40):
        JobFactory(title="Python Developer" if index % 2 else "Payroll Clerk")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE board_job")
        # Planned through bitmaps, as on a large board (40 jobs are read in turn).
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    category = Job.objects.first().category_id
    search = Job.objects.visible().search("python").filter(category_id=category)
    guesses = ranking.estimates(search)
    assert guesses.matches <= guesses.read_at_most <= guesses.word_matches


def _correlated_jobs(matching):
    """30 jobs, newest first, of which those whose index `matching` accepts are
    "Farrier" jobs."""
    jobs = _jobs(30)
    for index, job in enumerate(jobs):
        if matching(index):
            Job.objects.filter(pk=job.pk).update(title="Farrier")
    return jobs


def _counts_matches(queries):
    return any("WITH matches" in query["sql"] for query in queries.captured_queries)


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_search_denser_than_guessed_walks_the_newest_jobs_instead_of_counting(monkeypatch):
    # Two jobs in three match; the planner guessed 3 matches but reading them
    # can take 20 jobs, more than the fetch's limit (18 of 30 jobs for 3).
    jobs = _correlated_jobs(lambda index: index % 3)
    guesses = ranking.Estimates(3, 30, 20, read_at_most=20)
    monkeypatch.setattr(ranking, "estimates", lambda jobs: guesses)
    search = Job.objects.visible().search("farrier").order_by("-published_at", "-id")
    newest = [job.pk for index, job in enumerate(jobs) if index % 3]
    assert ranking.denser_than_guessed(search, 3, 18, guesses) == newest[:3]
    assert ranking.denser_than_guessed(search, 3, 20, guesses) is None  # reads no more
    with CaptureQueriesContext(connection) as queries:
        page = ranked_page(search, 1, 2)
    assert [job.pk for job in page] == newest[:2] and not page.count_exact
    assert not _counts_matches(queries)
    ranked = ranked_page(_search("farrier"), 1, 3)  # ranked: the newest three, by rank
    assert {job.pk for job in ranked} == set(newest[:3]) and not ranked.count_exact


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_a_search_as_sparse_as_guessed_among_the_newest_jobs_is_counted(monkeypatch):
    jobs = _correlated_jobs(lambda index: index >= 20)  # only the ten oldest match
    monkeypatch.setattr(
        ranking, "estimates", lambda jobs: ranking.Estimates(3, 30, 20, read_at_most=20)
    )
    search = Job.objects.visible().search("farrier").order_by("-published_at", "-id")
    with CaptureQueriesContext(connection) as queries:
        page = ranked_page(search, 1, 2)
    assert [job.pk for job in page] == [jobs[20].pk, jobs[21].pk] and not page.count_exact
    assert _counts_matches(queries)  # the walk found too few: counted as before


@override_settings(SEARCH_COUNT_CAP=20)
def test_past_the_last_page_a_counted_search_is_not_counted_again():
    _mixed_jobs()  # 10 match "figma"
    search = _search("figma")
    with CaptureQueriesContext(connection) as queries:
        page = ranked_page(search, 9, 4)  # past the last page: the third, of two jobs
    newest_by_rank = list(search.values_list("pk", flat=True))
    assert page.number == 3 and [job.pk for job in page] == newest_by_rank[8:10]
    assert page.paginator.count == 10 and page.count_exact
    # On PostgreSQL the total came with the first page's query: no count of its own
    # (Django's COUNT over the search, planned as the planner likes). SQLite's page
    # query has no total when the page is empty: one count, of the ids.
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == (0 if connection.vendor == "postgresql" else 1)
    assert not [sql for sql in counts if "rank" in sql.split("FROM")[1]]


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=3)
def test_past_a_broad_searchs_sample_a_deeper_page_walks_on(monkeypatch):
    _senior_welders(monkeypatch)
    # A walk is worth it for the sample (3), fetching from the index for the page's
    # end (4), had the sample not shown the matches dense among the newest jobs.
    monkeypatch.setattr(ranking, "fetch_limit", lambda stop, jobs: 10 if stop == 3 else 1000)
    newest = list(
        Job.objects.visible()
        .search("senior")
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)
    )
    with CaptureQueriesContext(connection) as queries:
        # Ranked (all alike): jobs 3 and 4, past the three sampled and ranked.
        page = ranked_page(_search("senior"), 2, 2)
    assert [job.pk for job in page] == newest[2:4]
    assert not _counts_matches(queries)  # neither counted nor fetched from the index


@postgresql_only
@override_settings(SEARCH_COUNT_CAP=4, SEARCH_RANKED_CANDIDATES=6)
def test_a_broad_search_listed_newest_first_samples_only_as_far_as_its_page(monkeypatch):
    _senior_welders(monkeypatch)
    sampled = []
    sample = ranking.broad_sample
    monkeypatch.setattr(
        ranking, "broad_sample", lambda *args: sampled.append(args[2]) or sample(*args)
    )
    search = Job.objects.visible().search("senior").order_by("-published_at", "-id")
    newest = list(search.values_list("pk", flat=True))
    page = ranked_page(search, 1, 2)
    assert [job.pk for job in page] == newest[:2] and not page.count_exact
    assert sampled == [2]  # the page's end, not the six candidates a ranking needs
    ranked_page(_search("senior"), 1, 2)
    assert sampled == [2, 6]


def _senior_welders(monkeypatch):
    """30 jobs, two in three of them (not the newest) Senior Welders, with the
    estimates a large board would have for "senior" (20 of 30, a broad word)."""
    jobs = _jobs(30)
    for index, job in enumerate(jobs):
        if index % 3:
            Job.objects.filter(pk=job.pk).update(title="Senior Welder")
    monkeypatch.setattr(ranking, "estimates", lambda jobs: ranking.Estimates(20, 30, 20))
