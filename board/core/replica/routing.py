"""Which database a query goes to, decided from the request that runs it.

The primary ("default") serves everything unless the request's middleware said this
request only reads public data (ReplicaReadsMiddleware): then reads go to the replica,
as long as the replica is healthy (health.py). Outside a request (Celery tasks, commands,
the shell, migrations) there is no context, so everything stays on the primary.

Deciding from the request, not from the model: the same Job is public on the search page
and private on the employer's dashboard, a moment after an edit.
"""

from contextvars import ContextVar
from dataclasses import dataclass

from django.db import DatabaseError, connections

from board.core.replica import health

PRIMARY = "default"
REPLICA = "replica"


@dataclass(slots=True)
class ReadContext:
    # Set by the middleware once it knows the view and the visitor (process_view).
    public: bool = False
    # The alias this request reads from, chosen at its first public read and kept, so a
    # page never mixes two snapshots.
    alias: str | None = None
    # The request wrote (or asked for rows to write): its later reads go to the primary,
    # and the middleware makes the user's next requests stick to the primary.
    wrote: bool = False


_context = ContextVar("replica_read_context", default=None)


def begin():
    """A new request: nothing public until the middleware says so. Returns the token."""
    return _context.set(ReadContext())


def end(token):
    context = _context.get()
    _context.reset(token)
    return context


def current():
    return _context.get()


def read_alias():
    """Where a read goes now."""
    context = _context.get()
    if context is None or not context.public or context.wrote:
        return PRIMARY
    if connections[PRIMARY].in_atomic_block:
        return PRIMARY  # a read inside a transaction belongs to that transaction
    if context.alias is None:
        context.alias = REPLICA if _replica_answers() else PRIMARY
    return context.alias


def _replica_answers():
    if not health.usable(connections[PRIMARY], connections[REPLICA]):
        return False
    replica = connections[REPLICA]
    try:
        # What Django does before a request's first query anyway (CONN_HEALTH_CHECKS):
        # done here, a replica stopped since the last check falls back instead of failing.
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        health.mark_down(error)
        return False
    return True


class ReplicaRouter:
    """DATABASE_ROUTERS entry, installed only when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        context = _context.get()
        if context is not None:
            # Read-then-write in one request: from here on it reads what it wrote.
            context.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica copies the primary's schema
