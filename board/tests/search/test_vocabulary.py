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
