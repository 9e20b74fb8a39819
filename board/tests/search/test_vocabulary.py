"""The open jobs' words, which a misspelt search is corrected against (vocabulary.py)."""

import pytest
from django.core.management import call_command
from django.db import connection

from board.jobs.models import Job
from board.search import vocabulary
from board.search.models import SearchWord
from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vocabulary has a trigram index on PostgreSQL"
)


def _words():
    return dict(SearchWord.objects.values_list("word", "jobs"))


@postgresql_only
def test_the_words_of_published_jobs_are_counted_as_the_search_stems_them():
    JobFactory(title="Senior Developer", description="Welding.")
    JobFactory(title="Developer", description="Welding.")
    JobFactory(title="Zookeeper", description="Welding.", draft=True)
    assert vocabulary.refresh() == len(_words())
    words = _words()
    assert words["develop"] == 2 and words["senior"] == 1 and words["weld"] == 2
    assert "zookeep" not in words  # a draft: no search finds it
    assert not [word for word in words if len(word) < 3]


@postgresql_only
def test_a_refresh_replaces_the_words():
    job = JobFactory(title="Zookeeper", description="Animals.")
    vocabulary.refresh()
    assert "zookeep" in _words()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.CLOSED)
    JobFactory(title="Barista", description="Coffee.")
    vocabulary.refresh()
    assert "zookeep" not in _words() and _words()["barista"] == 1


@postgresql_only
def test_a_word_no_job_holds_is_corrected_to_the_most_similar_that_some_do():
    JobFactory(title="Senior Developer", description="Welding.")
    JobFactory(title="Mechanical Engineer", description="Welding.")
    JobFactory(title="Barista", description="Coffee.")
    JobFactory(title="Plus One", description="Coffee.")
    vocabulary.refresh()
    assert vocabulary.corrected(["devloper"]) == ["develop"]  # a letter left out
    assert vocabulary.corrected(["mechancal", "enginer"]) == ["mechan", "enginer"]
    assert vocabulary.corrected(["baritsa"]) == ["barista"]  # two letters swapped
    # Words some job holds, as typed or as a word's beginning, are kept.
    assert vocabulary.corrected(["senior", "dev", "coffees"]) == ["senior", "dev", "coffees"]
    # Nothing similar enough: kept as typed.
    assert vocabulary.corrected(["zzzzqqq"]) == ["zzzzqqq"]
    # Many shared trigrams, but no typo: "C++" is searched as "cplusplus".
    assert vocabulary.corrected(["cplusplus"]) == ["cplusplus"]


@postgresql_only
def test_two_neighbouring_letters_swapped_are_corrected_however_few_trigrams_remain():
    JobFactory(title="Python Developer", description="Welding.")
    JobFactory(title="Engineer", description="Welding.")
    JobFactory(title="Form Filler", description="Welding.")
    vocabulary.refresh()
    # "pyhton" shares a quarter of its trigrams with "python" (under SIMILARITY).
    assert vocabulary.corrected(["pyhton", "enigneer"]) == ["python", "engin"]
    assert vocabulary.corrected(["wledign"]) == ["wledign"]  # two swaps: not one
    assert vocabulary.corrected(["ofrm", "from"]) == ["form", "from"]  # "from": a stop word
    assert vocabulary._swapped("abba") == ["baba", "abab"]  # no swap twice, nor the word
    assert vocabulary._swapped("c++") == [] and vocabulary._swapped("ab") == []


@postgresql_only
def test_among_equally_similar_words_the_one_more_jobs_hold_wins():
    JobFactory(title="Cart Attendant", description="Shifts.")
    JobFactory(title="Cart Driver", description="Shifts.")
    JobFactory(title="Card Dealer", description="Shifts.")
    vocabulary.refresh()
    # "carx" shares as many trigrams with "cart" as with "card".
    assert vocabulary.corrected(["carx"]) == ["cart"]


@postgresql_only
@pytest.mark.parametrize("text", ["%", "_", "\\", "50%_\\", "'; DROP TABLE board_job; --"])
def test_wildcards_and_quotes_are_plain_characters(text):
    JobFactory(title="Developer")
    vocabulary.refresh()
    assert vocabulary.corrected([text]) == [text]
    assert SearchWord.objects.filter(word="develop").exists()


@postgresql_only
def test_the_command_refreshes_the_words(capsys):
    JobFactory(title="Barista", description="Coffee.")
    call_command("refresh_search_words")
    assert _words()["barista"] == 1
    assert f"{len(_words())} words of open jobs counted." in capsys.readouterr().out


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's search")
def test_sqlite_keeps_no_words():
    JobFactory(title="Barista")
    assert vocabulary.refresh() == 0
    assert not SearchWord.objects.exists()


@postgresql_only
def test_a_beginning_many_jobs_hold_is_spelled_out_as_its_words(monkeypatch):
    monkeypatch.setattr(vocabulary, "BROAD_PREFIX_JOBS", 2)
    for title in ("Data Analyst", "Database Administrator", "Python Developer", "Barista"):
        JobFactory(title=title, description="Shifts.")
    vocabulary.refresh()
    # "data" (1 job) and "databas" (1): 2 jobs begin so; "python": 1, "zzz": none. As
    # the search stems the typed word: "developers" begins as "develop" does (1 job).
    spelled = vocabulary.spelled_out(["data", "python", "zzz", "shifts"])
    assert spelled == {"data": ["data", "databas"], "shifts": ["shift"]}
    assert vocabulary.spelled_out(["developers"]) == {}


@postgresql_only
def test_a_beginning_of_too_many_words_or_of_few_jobs_stays_a_beginning(monkeypatch):
    monkeypatch.setattr(vocabulary, "BROAD_PREFIX_JOBS", 2)
    monkeypatch.setattr(vocabulary, "MAX_SPELLED_WORDS", 2)
    for title in ("Welder", "Welding Lead", "Wellness Coach", "Wellbeing Officer", "Barista"):
        JobFactory(title=title, description="Shifts.")
    vocabulary.refresh()
    assert vocabulary.spelled_out(["wel"]) == {}  # weld, welder, well, wellb: too many
    assert vocabulary.spelled_out(["barista"]) == {}  # one job
    assert vocabulary.spelled_out(["%", "_", "50%_\\"]) == {}


@postgresql_only
def test_a_beginning_written_out_finds_what_the_prefix_found(monkeypatch):
    monkeypatch.setattr(vocabulary, "BROAD_PREFIX_JOBS", 2)
    titles = ("Data Analyst", "Database Administrator", "Python Developer", "Senior Developer")
    for title in (*titles, "Barista"):
        JobFactory(title=title, description="Welding.")
    vocabulary.refresh()
    searches = ["data", "data analyst", "dev", "developer python", "weld barista", "dat"]
    written_out = {text: _titles(text) for text in searches}
    assert "simple" in str(Job.objects.search("data").query)  # written out
    monkeypatch.setattr(vocabulary, "BROAD_PREFIX_JOBS", 10**9)
    assert "simple" not in str(Job.objects.search("data").query)  # a beginning
    assert {text: _titles(text) for text in searches} == written_out
    assert written_out["data"] == {"Data Analyst", "Database Administrator"}
    assert written_out["dev"] == {"Python Developer", "Senior Developer"}


@postgresql_only
def test_a_new_word_is_found_through_a_broad_beginning_only_after_the_refresh(monkeypatch):
    # The price of writing beginnings out (BROAD_PREFIX_JOBS): documented in vocabulary.py.
    monkeypatch.setattr(vocabulary, "BROAD_PREFIX_JOBS", 2)
    JobFactory(title="Data Analyst", description="Welding.")
    JobFactory(title="Data Engineer", description="Welding.")
    vocabulary.refresh()
    JobFactory(title="Databricks Lead", description="Cooking.")
    assert _titles("data") == {"Data Analyst", "Data Engineer"}
    assert _titles("databricks") == {"Databricks Lead"}  # a beginning no job held
    vocabulary.refresh()
    assert _titles("data") == {"Data Analyst", "Data Engineer", "Databricks Lead"}


def _titles(text):
    return set(Job.objects.search(text).values_list("title", flat=True))
