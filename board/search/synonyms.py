"""Synonyms and abbreviations, searched both ways: "SRE" also finds "Site
Reliability Engineer", and "site reliability engineer" also finds "SRE".

The pairs are data (the Synonym model, edited in the admin). At query time,
expand() turns the query's words into groups of alternatives: each word, or run
of words, that has synonyms becomes "this OR that". tsquery() and fts5_match()
write the groups in each database's query language; a query without synonyms
comes out exactly as it was (every word required, the longer ones as prefixes).

The table is read from the database at most once per process every
MEMO_SECONDS (one small query): an edit in the admin reaches every worker within
that time, with or without a shared cache. The admin's save and delete call
forget(), so the process that saved sees the change at once.
"""

import time

from board.search.models import Synonym

# How long a process trusts its own copy of the table.
MEMO_SECONDS = 30
# The longest run of words looked up as one phrase.
MAX_PHRASE_WORDS = 5

_memo = {"table": None, "until": 0.0}


def forget():
    """Drop this process's copy of the table (after a change in the admin)."""
    _memo.update(table=None, until=0.0)


def table(split):
    """{words: [alternative words, …]} in both directions, words as `split` cuts them."""
    if _memo["table"] is not None and time.monotonic() < _memo["until"]:
        return _memo["table"]
    pairs = Synonym.objects.values_list("term", "expansion")
    found = {}
    for term, expansion in pairs:
        one, other = tuple(split(term)), tuple(split(expansion))
        if one and other and one != other and len(one) <= MAX_PHRASE_WORDS >= len(other):
            found.setdefault(one, []).append(other)
            found.setdefault(other, []).append(one)
    _memo.update(table=found, until=time.monotonic() + MEMO_SECONDS)
    return found


def expand(terms, split):
    """The query's words as groups of alternatives, each a tuple of words:
    ["sre", "remote"] → [[("sre",), ("site", "reliability", "engineer")], [("remote",)]].

    `split` is the engine's search_terms(), so synonyms are cut into words
    (stop words out, "C#" spelled out) exactly as queries are. Longest phrase first.
    """
    known = table(split)
    groups, start = [], 0
    while start < len(terms):
        for size in range(min(MAX_PHRASE_WORDS, len(terms) - start), 0, -1):
            words = tuple(terms[start : start + size])
            if size == 1 or words in known:
                break
        groups.append([words, *known.get(words, [])])
        start += size
    return groups


def tsquery(groups, prefix_min_length):
    """PostgreSQL's raw to_tsquery() text: groups joined by &, alternatives by |,
    the words of a phrase by <-> (next to each other)."""

    def word(term, last):
        # Like FTS5's phrase prefix: only the last word of a phrase is a prefix.
        return f"{term}:*" if last and len(term) >= prefix_min_length else term

    def alternative(words):
        text = " <-> ".join(word(term, i == len(words) - 1) for i, term in enumerate(words))
        return f"({text})" if len(words) > 1 else text

    return " & ".join(
        "(" + " | ".join(map(alternative, group)) + ")" if len(group) > 1 else alternative(group[0])
        for group in groups
    )


def fts5_match(groups, prefix_min_length):
    """SQLite FTS5's MATCH text: each alternative a quoted phrase (so nothing in it
    is query syntax), OR between alternatives, AND between groups (FTS5 reads
    "a" "b" as AND, but not next to a parenthesis)."""

    def alternative(words):
        phrase = '"' + " ".join(words) + '"'
        return f"{phrase}*" if len(words[-1]) >= prefix_min_length else phrase

    return " AND ".join(
        "(" + " OR ".join(map(alternative, group)) + ")"
        if len(group) > 1
        else alternative(group[0])
        for group in groups
    )
