import pytest
from django.db import connection

from board.models import Job
from board.search import search_terms
from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking and typo tolerance need PostgreSQL"
)


def _titles(queryset):
    return {job.title for job in queryset}


def test_terms_keep_only_words():
    assert search_terms("  C++ & 'Rust'; DROP TABLE--") == ["c", "rust", "drop", "table"]
    assert search_terms("\x00") == []
    assert len(search_terms("word " * 5000)) == 8


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


def test_company_rename_is_searchable_at_once():
    company = CompanyFactory(name="Old Name")
    JobFactory(company=company, title="Clerk")
    company.name = "Quetzal Systems"
    company.save()
    assert _titles(Job.objects.search("quetzal")) == {"Clerk"}
    assert not Job.objects.search("old").exists()


def test_empty_query_returns_everything():
    JobFactory.create_batch(2)
    assert Job.objects.search("  ").count() == 2


@postgres_only
def test_title_match_ranks_above_description_only_match():
    JobFactory(title="Accountant", description="Work alongside our robotics team.")
    JobFactory(title="Robotics Engineer", description="Build robots.")
    ranked = list(Job.objects.search("robotics").order_by("-rank"))
    assert [job.title for job in ranked] == ["Robotics Engineer", "Accountant"]


@postgres_only
def test_typos_find_the_job_when_asked_to():
    JobFactory(title="Mechanical Engineer")
    JobFactory(title="Barista")
    assert not Job.objects.search("mechancal").exists()
    assert _titles(Job.objects.search("mechancal", typos=True)) == {"Mechanical Engineer"}


@postgres_only
def test_search_document_has_a_gin_index_of_published_jobs_with_their_filters():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'job_search_gin'")
        definition = cursor.fetchone()[0]
    assert "USING gin (search_vector, workplace, employment_type, experience_level)" in definition
    assert "WHERE ((status)::text = 'published'::text)" in definition


@postgres_only
def test_the_search_page_allows_for_typos_only_when_the_words_find_nothing(client):
    JobFactory(title="Mechanical Engineer")
    JobFactory(title="Barista")

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
