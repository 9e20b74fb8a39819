"""How place names are compared: "São Paulo", "sao paulo" and "SAO-PAULO" are one name."""

import re
import unicodedata

MAX_NAME_LENGTH = 200

# Letters that do not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})


def normalise(text):
    """Lower-case ASCII letters and digits, single spaces: "Saint-Étienne" → "saint etienne".

    Letters with no ASCII form (Cyrillic, CJK…) are dropped, so a name written
    only in them normalises to "" and is not stored as an alias.
    """
    text = unicodedata.normalize("NFKD", (text or "")[:MAX_NAME_LENGTH].lower().translate(_LETTERS))
    ascii_text = text.encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


def prefix_range(prefix):
    """(low, high) such that every string starting with `prefix` lies in [low, high).

    A range on the indexed column is what both databases can answer from a
    plain btree (SQLite's LIKE is case-insensitive and cannot use one).
    """
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)
