"""Keyword search over jobs, one code path for PostgreSQL and SQLite.

Each job stores a search document in a database-generated column:

* on PostgreSQL, a weighted tsvector (title A, company and category B,
  description C) with a GIN index, queried with prefix matching and ranked by
  SearchRank; with `typos=True`, also trigram similarity on the title. That is
  the slower query (a second index to scan, a similarity to compute for every
  match), so JobFilter asks for it only when the exact words find nothing;
* on SQLite, which has no full-text type, the lowercased text of the same
  fields, matched word by word with LIKE.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

CONFIG = "english"
MAX_TERMS = 8
MAX_QUERY_LENGTH = 200


class DocumentPart(SearchVector):
    """A weighted part of the document; on SQLite, its lowercased text."""

    def as_sqlite(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, part_params = compiler.compile(Coalesce(expression, Value("")))
            parts.append(f"lower({sql})")
            params.extend(part_params)
        return "(" + " || ' ' || ".join(parts) + " || ' ')", params


def search_document():
    return (
        DocumentPart("title", config=CONFIG, weight="A")
        + DocumentPart("company_name", "category_name", config=CONFIG, weight="B")
        + DocumentPart("description", config=CONFIG, weight="C")
    )


def search_terms(text):
    """Words from free text: letters and digits only, so nothing reaches SQL as syntax."""
    return re.findall(r"\w+", (text or "")[:MAX_QUERY_LENGTH].lower())[:MAX_TERMS]


def search_jobs(queryset, text, typos=False):
    """Filter `queryset` to jobs matching `text`, annotated with `rank` (higher is better).

    `typos=True` also finds titles with words like the ones typed ("mechancal").
    """
    terms = search_terms(text)
    if not terms:
        return queryset.annotate(rank=Value(0.0))
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset, terms, typos)
    for term in terms:
        queryset = queryset.filter(search_vector__contains=term)
    return queryset.annotate(rank=Value(0.0))


def _search_postgresql(queryset, terms, typos):
    # Every word must match, each as a prefix ("dev" finds "developer").
    query = SearchQuery(" & ".join(f"{term}:*" for term in terms), config=CONFIG, search_type="raw")
    if not typos:
        return queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
    phrase = " ".join(terms)
    return queryset.filter(Q(search_vector=query) | Q(title__trigram_word_similar=phrase)).annotate(
        rank=SearchRank(F("search_vector"), query) + TrigramWordSimilarity(phrase, "title") * 0.5
    )
