"""The keyword search, on whichever database the suite runs on.

The same tests run on SQLite (`pytest board/tests/test_search.py`) and on
PostgreSQL (the same with DATABASE_URL=postgres://…): SQLite searches its FTS5
index, PostgreSQL its tsvector column, and both must give the same answers.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.jobs.models import Job
from board.listings import search as listing_search
from board.search import ranking, vocabulary
from board.search.engine import SYMBOL_TERMS, normalise, search_terms
from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="typo tolerance needs PostgreSQL"
)


def _titles(queryset):
    return {job.title for job in queryset}


def _indexed_ids(words):
    """Ids of the jobs the database's own index finds `words` in, not joined to board_job:
    on SQLite, rows of board_job_fts that no job has any more would show here."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT rowid FROM board_job_fts WHERE board_job_fts MATCH %s", [words])
        else:
            cursor.execute(
                "SELECT id FROM board_job WHERE search_vector @@ plainto_tsquery('english', %s)",
                [words],
            )
        return {row[0] for row in cursor.fetchall()}


# The words of a query ---------------------------------------------------------


def test_terms_keep_only_words():
    assert search_terms("  C++ & 'Rust'; DROP TABLE--") == ["cplusplus", "rust", "drop", "table"]
    assert search_terms("\x00") == []
    assert search_terms("snake_case") == ["snake", "case"]
    assert len(search_terms("word " * 5000)) == 8


def test_terms_leave_out_stop_words():
    assert search_terms("The head of IT") == ["head"]
    assert search_terms("the AND or") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("C++ developer", "cplusplus developer"),
        ("C++17, C#12", "cplusplus 17 csharp 12"),
        ("c/c++ (embedded)", "c cplusplus embedded"),
        ("ASP.NET Core", "aspnet dotnet core"),
        (".NET and VB.NET", "dotnet and vbnet dotnet"),
        ("Node.js, Vue.js, Next.js", "nodejs vuejs nextjs"),
        ("F# or C#.", "fsharp or csharp"),
        # Not inside longer words: a domain, "network", "abc++".
        (
            "careers.netflix.com example.net .network abc++",
            "careers netflix com example net network abc",
        ),
    ],
)
def test_normalise_spells_out_symbol_terms(text, words):
    assert " ".join(re.findall(r"[^\W_]+", normalise(text).lower())) == words


@pytest.mark.parametrize("text", ["C++17 and C#", "ASP.NET, .NET", "node.js / NEXT.JS", "x.net"])
def test_the_database_indexes_text_as_queries_are_read(text):
    # board_search_text() is what the index is fed: Python's normalise() on
    # SQLite, an SQL function written from the same table on PostgreSQL.
    with connection.cursor() as cursor:
        cursor.execute("SELECT board_search_text(%s)", [text])
        assert cursor.fetchone()[0] == normalise(text)


# What is found ----------------------------------------------------------------


def test_matches_title_company_category_and_description():
    company = CompanyFactory(name="Zanzibar Analytics")
    category = CategoryFactory(name="Oceanography")
    JobFactory(title="Kotlin Developer")
    JobFactory(title="Office Manager", company=company)
    JobFactory(title="Field Researcher", category=category)
    JobFactory(title="Accountant", description="You will use Xylophone daily.")
    JobFactory(title="Unrelated")
    visible = Job.objects.visible()
    assert _titles(visible.search("kotlin")) == {"Kotlin Developer"}
    assert _titles(visible.search("zanzibar")) == {"Office Manager"}
    assert _titles(visible.search("oceanography")) == {"Field Researcher"}
    assert _titles(visible.search("xylophone")) == {"Accountant"}


def test_every_word_must_match_whatever_the_case():
    JobFactory(title="Senior Python Developer")
    JobFactory(title="Senior Java Developer")
    assert _titles(Job.objects.search("PYTHON senior")) == {"Senior Python Developer"}


def test_partial_words_match():
    JobFactory(title="Software Developer")
    assert _titles(Job.objects.search("develop")) == {"Software Developer"}


def test_short_words_match_only_whole_words():
    # As a prefix, "c" would find "Customer" and "ai" "Aircraft".
    JobFactory(title="C Programmer")
    JobFactory(title="AI Researcher")
    JobFactory(title="Customer Success Lead", description="Aircraft parts.")
    assert _titles(Job.objects.search("c")) == {"C Programmer"}
    assert _titles(Job.objects.search("AI")) == {"AI Researcher"}


def test_word_forms_match_as_the_database_stems_them():
    JobFactory(title="Senior Engineer")
    JobFactory(title="Engineering Lead")
    JobFactory(title="Office Manager")
    JobFactory(title="Managing Editor")
    JobFactory(title="Barista")
    engineers = {"Senior Engineer", "Engineering Lead"}
    assert _titles(Job.objects.search("engineers")) == engineers
    assert _titles(Job.objects.search("engineer")) == engineers
    managers = {"Office Manager", "Managing Editor"}
    assert _titles(Job.objects.search("managing")) == managers
    assert _titles(Job.objects.search("managers")) == managers


SYMBOL_TITLES = [
    "C++ Developer", "C# Developer", "F# Developer", ".NET Developer", "ASP.NET Developer",
    "VB.NET Developer", "Node.js Developer", "Vue.js Developer", "Next.js Developer",
    "C Developer", "Go Developer",
]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("C++", {"C++ Developer"}),
        ("c++ developer", {"C++ Developer"}),
        ("C#", {"C# Developer"}),
        ("f#", {"F# Developer"}),
        (".NET", {".NET Developer", "ASP.NET Developer", "VB.NET Developer"}),
        ("asp.net", {"ASP.NET Developer"}),
        ("Node.js", {"Node.js Developer"}),
        ("nodejs", {"Node.js Developer"}),
        ("vue.js", {"Vue.js Developer"}),
        ("next.js", {"Next.js Developer"}),
        ("C", {"C Developer"}),
    ],
)
def test_symbol_terms_find_their_jobs_and_only_theirs(query, expected):
    for title in SYMBOL_TITLES:
        JobFactory(title=title)
    assert _titles(Job.objects.search(query)) == expected


def test_every_symbol_term_is_searchable_in_a_description():
    for term in SYMBOL_TERMS:
        JobFactory(title=f"Role {term}", description=f"Our stack: {term.upper()}, and more.")
    for term in SYMBOL_TERMS:
        expected = {f"Role {term}"} | ({"Role asp.net", "Role vb.net"} if term == ".net" else set())
        assert _titles(Job.objects.search(term)) == expected, term


def test_title_match_ranks_above_description_only_match():
    JobFactory(title="Accountant", description="Work alongside our robotics team.")
    JobFactory(title="Robotics Engineer", description="Build robots.")
    ranked = list(Job.objects.search("robotics").order_by("-rank"))
    assert [job.title for job in ranked] == ["Robotics Engineer", "Accountant"]


def test_quotes_do_not_make_a_phrase():
    # No phrase search: quoted words are words like the others.
    JobFactory(title="Engineer, Senior")
    assert _titles(Job.objects.search('"senior engineer"')) == {"Engineer, Senior"}


# Input that full-text query languages would read as syntax ---------------------

HOSTILE = [
    '"', '""', '"python', "python\"'", "title:python", "description : python", "{title}: x",
    "python AND java", "python OR java", "NOT python", "NEAR(python java)", "NEAR/2",
    "python*", "*", "^python", "-python", "+python", "(python", "python)", "a:*", "!(x)",
    "x & y | z", "<->", "'; DROP TABLE board_job; --", "%_%", "\\", "\x00", "\ufeff",
    "ǅungla ﬁnance", "naïve café", "数据工程师", "🙂 engineer", "x" * 300, "c++ " * 100,
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_searched_as_plain_words(text, client):
    JobFactory(title="Python Developer", description="Django.")
    list(Job.objects.search(text))
    list(Job.objects.search(text, typos=True))
    response = client.get("/jobs/", {"q": text})
    assert response.status_code == 200


def test_query_syntax_has_no_effect():
    JobFactory(title="Python Developer", description="Django.")
    JobFactory(title="Java Developer", description="Spring.")
    JobFactory(title="Title Insurance Clerk", description="Some Python scripting.")
    # Column filter, OR, NOT, NEAR, ^ (start of column): all just words.
    assert _titles(Job.objects.search("title:python")) == {"Title Insurance Clerk"}
    assert _titles(Job.objects.search("python OR java")) == set()
    assert _titles(Job.objects.search("NOT java")) == {"Java Developer"}
    assert _titles(Job.objects.search("NEAR(python java)")) == set()
    assert _titles(Job.objects.search("^java")) == {"Java Developer"}


# Queries with nothing to search for -------------------------------------------


def test_empty_query_returns_everything():
    JobFactory.create_batch(2)
    assert Job.objects.search("  ").count() == 2


@pytest.mark.parametrize("text", ["+++", "the", "and or not", "#", "&&"])
def test_query_of_only_symbols_or_stop_words_finds_nothing(text):
    JobFactory.create_batch(2)
    assert not Job.objects.search(text).exists()


@pytest.mark.parametrize("text", ["+++", "the"])
def test_the_page_says_the_words_could_not_be_searched(client, text):
    JobFactory(title="Barista")
    page = client.get("/jobs/", {"q": text})
    assert f"“{text}” jobs" not in page.text
    assert "<title>Jobs" in page.text
    assert f"“{text}” could not be searched" in page.text
    assert "These are all the jobs." in page.text
    # The results alone, as htmx asks for them while someone types.
    fragment = client.get(
        "/jobs/", {"q": text}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert f"“{text}” could not be searched" in fragment.text
    assert "Barista" in fragment.text


def test_the_page_titles_a_symbol_search_and_finds_its_jobs(client):
    JobFactory(title="C++ Developer")
    JobFactory(title="Customer Advisor")
    page = client.get("/jobs/", {"q": "C++"})
    assert "<title>“C++” jobs" in page.text
    assert [job.title for job in page.context["page"]] == ["C++ Developer"]
    assert "could not be searched" not in page.text


# The index stays in step with the jobs ----------------------------------------


def test_a_new_job_is_searchable_at_once():
    job = JobFactory(title="Quokka Keeper")
    assert _titles(Job.objects.search("quokka")) == {"Quokka Keeper"}
    assert _indexed_ids("quokka") == {job.pk}


def test_an_edited_job_is_found_by_its_new_words_only():
    job = JobFactory(title="Quokka Keeper", description="Feed the quokkas.")
    job.title = "Wombat Keeper"
    job.description = "Feed the wombats."
    job.save()
    assert not Job.objects.search("quokka").exists()
    assert _indexed_ids("quokka") == set()
    assert _titles(Job.objects.search("wombat")) == {"Wombat Keeper"}


def test_a_queryset_update_and_a_bulk_insert_are_indexed():
    # seed_jobs inserts in bulk, and renames copy names with update(): no save().
    job = JobFactory(title="Quokka Keeper")
    Job.objects.filter(pk=job.pk).update(title="Numbat Keeper")
    [bulk] = Job.objects.bulk_create([Job(**_fields_of(job), title="Bilby Keeper")])
    assert _titles(Job.objects.search("numbat")) == {"Numbat Keeper"}
    assert not Job.objects.search("quokka").exists()
    assert _titles(Job.objects.search("bilby")) == {"Bilby Keeper"}
    assert _indexed_ids("bilby") == {bulk.pk}


def _fields_of(job):
    names = ["company", "category", "description", "status", "published_at", "expires_at"]
    return {name: getattr(job, name) for name in names}


def test_a_closed_job_leaves_the_public_search():
    job = JobFactory(title="Quokka Keeper")
    job.close()
    assert not Job.objects.visible().search("quokka").exists()
    # Still in the index, for when search covers more than open jobs.
    assert _titles(Job.objects.search("quokka")) == {"Quokka Keeper"}


def test_a_deleted_job_leaves_the_index():
    job = JobFactory(title="Quokka Keeper")
    other = JobFactory(title="Quokka Handler")
    job.delete()
    assert _titles(Job.objects.search("quokka")) == {"Quokka Handler"}
    assert _indexed_ids("quokka") == {other.pk}
    other.company.delete()  # deletes its jobs in bulk
    assert _indexed_ids("quokka") == set()


def test_company_rename_is_searchable_at_once():
    company = CompanyFactory(name="Old Name")
    JobFactory(company=company, title="Clerk")
    company.name = "Quetzal Systems"
    company.save()
    assert _titles(Job.objects.search("quetzal")) == {"Clerk"}
    assert not Job.objects.search("old").exists()


def test_category_rename_is_searchable_at_once():
    category = CategoryFactory(name="Zoology")
    JobFactory(category=category, title="Clerk")
    category.name = "Herpetology"
    category.save()
    assert _titles(Job.objects.search("herpetology")) == {"Clerk"}
    assert not Job.objects.search("zoology").exists()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index")
def test_the_sqlite_index_has_its_triggers():
    # A migration that rebuilds board_job on SQLite (most field changes do) drops
    # them silently: this test then says so.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'board_job'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert {"board_job_fts_insert", "board_job_fts_delete", "board_job_fts_update"} <= names


def test_whether_a_search_finds_anything(monkeypatch):
    JobFactory(title="Mechanical Engineer")
    JobFactory(title="Payroll Clerk")
    assert ranking.finds_any(Job.objects.visible().search("engineer"))
    assert not ranking.finds_any(Job.objects.visible().search("zzzzqqq"))
    assert not ranking.finds_any(Job.objects.visible().search("engineer payroll"))
    on_site = Job.objects.visible().search("engineer").exclude(workplace=Job.Workplace.ON_SITE)
    assert not ranking.finds_any(on_site)
    monkeypatch.setattr(ranking, "FIRST_LOOK", 1)  # the newest job only: the clerk
    assert ranking.finds_any(Job.objects.visible().search("engineer"))


def _bitmap_statements(queries):
    return [q["sql"] for q in queries.captured_queries if "enable_seqscan = off" in q["sql"]]


@postgres_only
def test_a_word_no_job_has_is_looked_for_among_the_newest_jobs_then_in_the_index(monkeypatch):
    monkeypatch.setattr(ranking, "FIRST_LOOK", 2)
    jobs = [JobFactory(title=title) for title in ("Mechanical Engineer", "Nurse", "Nurse")]
    Job.objects.filter(pk=jobs[0].pk).update(published_at=jobs[0].published_at.replace(year=2001))
    with CaptureQueriesContext(connection) as queries:
        assert ranking.finds_any(Job.objects.visible().search("nurse"))
    # Among the two newest jobs: the index is not asked (a common word's bitmap is
    # every match of it: 80 ms for "senior" at a million jobs).
    assert not _bitmap_statements(queries)
    with CaptureQueriesContext(connection) as queries:
        assert ranking.finds_any(Job.objects.visible().search("engineer"))  # the oldest
        assert not ranking.finds_any(Job.objects.visible().search("zzzzqqq"))
    # Asked with LIMIT 1, as exists() asks, PostgreSQL read every job for a word no
    # job has (1.3 s at a million jobs).
    assert len(_bitmap_statements(queries)) == 2


def test_a_page_that_found_none_of_its_words_among_all_open_jobs_is_not_asked_again(
    client, monkeypatch
):
    JobFactory(title="Mechanical Engineer", workplace="on_site")
    vocabulary.refresh()
    asked = []
    finds_any = ranking.finds_any
    monkeypatch.setattr(
        listing_search, "finds_any", lambda jobs: asked.append(jobs) or finds_any(jobs)
    )

    typo = client.get("/jobs/", {"q": "mechancal"})
    # Counted empty with no filter, the words' own search has answered: they find nothing.
    assert asked == [] and typo.context["filter"].typos
    if connection.vendor == "postgresql":
        assert [job.title for job in typo.context["page"]] == ["Mechanical Engineer"]

    # With a filter, an empty page says nothing of the words alone.
    filtered = client.get("/jobs/", {"q": "engineer", "workplace": "remote"})
    assert len(asked) == 1 and not filtered.context["filter"].typos


@postgres_only
@pytest.mark.parametrize("path", ["/jobs/", "/jobs/feed/", "/api/v1/jobs/"])
def test_a_word_no_job_has_is_never_asked_of_every_job_on_any_interface(client, path):
    JobFactory(title="Mechanical Engineer")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, {"q": "zzzzqqq"}).status_code == 200
    # Not as Django's exists() asks (see the test above).
    asked = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT 1 AS "a"')]
    assert not [sql for sql in asked if "zzzzqqq" in sql]
    assert _bitmap_statements(queries)


# PostgreSQL only ----------------------------------------------------------------


@postgres_only
def test_typos_find_the_job_when_asked_to():
    JobFactory(title="Mechanical Engineer", description="Welding.")
    JobFactory(title="Barista", description="Coffee.")
    JobFactory(title="Senior Developer", description="Python.")
    vocabulary.refresh()
    assert not Job.objects.search("mechancal").exists()
    assert _titles(Job.objects.search("mechancal", typos=True)) == {"Mechanical Engineer"}
    # A letter left out of a word of the title: word_similarity("devloper", "Senior
    # Developer") is 0.58, and the title search this replaced found nothing.
    assert _titles(Job.objects.search("devloper", typos=True)) == {"Senior Developer"}
    assert _titles(Job.objects.search("senior devloper", typos=True)) == {"Senior Developer"}
    assert _titles(Job.objects.search("devloper barista", typos=True)) == set()
    # Two letters swapped: "pyhton" and "python" share too few trigrams to be similar.
    assert _titles(Job.objects.search("senior pyhton", typos=True)) == {"Senior Developer"}


@postgres_only
def test_search_document_has_a_gin_index_of_published_jobs_with_their_filters_and_places():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'job_search_gin'")
        definition = cursor.fetchone()[0]
    assert (
        "USING gin (search_vector, workplace, employment_type, experience_level, place_ids)"
        in definition
    )
    assert "WHERE ((status)::text = 'published'::text)" in definition


@postgres_only
def test_the_search_page_allows_for_typos_only_when_the_words_find_nothing(client):
    JobFactory(title="Mechanical Engineer")
    JobFactory(title="Barista")
    vocabulary.refresh()

    exact = client.get("/jobs/", {"q": "engineer"})
    assert [job.title for job in exact.context["page"]] == ["Mechanical Engineer"]
    assert not exact.context["filter"].typos
    assert "similar words" not in exact.text

    typo = client.get("/jobs/", {"q": "mechancal"})
    assert [job.title for job in typo.context["page"]] == ["Mechanical Engineer"]
    assert typo.context["filter"].typos
    assert "No jobs contain “mechancal” as typed" in typo.text

    nothing = client.get("/jobs/", {"q": "zzzzqqq"})
    assert list(nothing.context["page"]) == []
    assert "No jobs match this search." in nothing.text


@postgres_only
def test_a_real_word_the_filters_rule_out_is_not_searched_as_a_typo(client):
    # "engineer" is in an open job, just not a remote one: it is no typo, and no
    # similar word is searched for instead.
    JobFactory(title="Mechanical Engineer", workplace="on_site")
    JobFactory(title="Remote Barista", workplace="remote")
    vocabulary.refresh()

    response = client.get("/jobs/", {"q": "engineer", "workplace": "remote"})
    assert list(response.context["page"]) == []
    assert not response.context["filter"].typos
    assert "No jobs match this search." in response.text

    misspelt = client.get("/jobs/", {"q": "baritsa", "workplace": "remote"})
    assert misspelt.context["filter"].typos
    assert [job.title for job in misspelt.context["page"]] == ["Remote Barista"]
