"""Looking for what is left of a person: every table, stored file, cache and the
outbox. Generic on purpose: a table another feature adds is searched too."""

import base64
import io
import json
import pickle
import zipfile

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection


def _text(value):
    if value is None or isinstance(value, bool | int | float):
        return ""
    if isinstance(value, memoryview | bytes):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _jwt_user_ids(text):
    """The user_id claims of JSON web tokens inside a text: their payload is base64."""
    ids = []
    for word in text.replace('"', " ").split():
        parts = word.split(".")
        if len(parts) == 3 and parts[0].startswith("eyJ"):
            payload = parts[1] + "=" * (-len(parts[1]) % 4)
            try:
                ids.append(json.loads(base64.urlsafe_b64decode(payload)).get("user_id"))
            except ValueError:
                continue
    return [str(each) for each in ids if each is not None]


def database_hits(needles, old_ids):
    """(table, column, needle) for every value of every table containing a needle
    (case-insensitive), a token of an old id, or a foreign key to the user table
    holding an old id."""
    needles = [needle.lower() for needle in needles]
    old_ids = {str(each) for each in old_ids}
    user_table = "board_user"
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (our own table names)
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text(value)
                    lower = text.lower()
                    hits += [(table, column, needle) for needle in needles if needle in lower]
                    hits += [
                        (table, column, "jwt") for uid in _jwt_user_ids(text) if uid in old_ids
                    ]
            relations = connection.introspection.get_relations(cursor, table)
            for column, (_, target, *_) in relations.items():
                if target != user_table:
                    continue
                for old_id in old_ids:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quoted} WHERE {connection.ops.quote_name(column)} = %s",  # noqa: S608, E501
                        [int(old_id)],
                    )
                    if cursor.fetchone()[0]:
                        hits.append((table, column, f"id {old_id}"))
    # Database sessions keep the user id in their encoded data.
    for session in Session.objects.all():
        if str(session.get_decoded().get("_auth_user_id")) in old_ids:
            hits.append(("django_session", "session_data", "user id"))
    return hits


def file_hits(needles, names):
    """Stored files still there among `names`, and files whose content has a needle.

    Read through the storage API, so the same search covers the local disk and an
    S3 bucket (board/tests/storage/ runs it on one)."""
    files = list(_stored_names(default_storage))
    stored = set(files)
    hits = [("still stored", name) for name in names if name in stored]
    for name in files:
        with default_storage.open(name, "rb") as handle:
            content = _readable(handle.read()).decode("utf-8", "replace").lower()
        hits += [(name, needle) for needle in needles if needle.lower() in content]
    return hits


def _stored_names(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet: no MEDIA_ROOT folder
        return
    for name in files:
        yield f"{folder}{name}"
    for sub in folders:
        yield from _stored_names(storage, f"{folder}{sub}/")


def _readable(data):
    """A file's bytes; a ZIP's (a data export's) are its members', uncompressed."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


def cache_hits(needles):
    """Keys and values of every configured cache containing a needle."""
    hits = []
    for alias in settings.CACHES:
        backend = caches[alias]
        for key, value in _entries(backend):
            text = f"{key} {value}".lower()
            hits += [(alias, key, needle) for needle in needles if needle.lower() in text]
    return hits


def _entries(backend):
    if hasattr(backend, "_cache") and isinstance(backend._cache, dict):  # locmem
        for key, pickled in list(backend._cache.items()):
            try:
                yield key, repr(pickle.loads(pickled))  # noqa: S301 (our own cache)
            except Exception:
                yield key, repr(pickled)
        return
    import redis  # the Redis cache, when REDIS_URL is set

    client = redis.Redis.from_url(backend._servers[0])
    for key in client.scan_iter():
        value = client.get(key) if client.type(key) == b"string" else b""
        try:
            value = repr(pickle.loads(value))  # noqa: S301
        except Exception:
            value = repr(value)
        yield key.decode("utf-8", "replace"), value
