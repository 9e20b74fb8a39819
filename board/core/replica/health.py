"""Is the replica up, and not too far behind? Asked at most every few seconds per process.

Lag is `now() - pg_last_xact_replay_timestamp()` on the replica, except when it has
replayed everything the primary had written when we asked (its replay position has
reached the primary's `pg_current_wal_lsn()`): an idle primary writes no transactions,
so the last replayed one grows old while the replica is perfectly current.

A replica that refuses the connection, times out (connect_timeout in settings) or lags
more than REPLICA_MAX_LAG_SECONDS is skipped for a while: requests read the primary,
and one warning is logged when that starts and one line when the replica is back.
"""

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger(__name__)

# How long a verdict holds in this process: a usable replica is re-measured this often,
# an unusable one retried after RETRY_SECONDS (a replica that times out costs one request
# per process its connect_timeout, not every request).
CHECK_SECONDS = 2.0
RETRY_SECONDS = 5.0


@dataclass(slots=True)
class _Verdict:
    usable: bool = True
    until: float = 0.0  # monotonic time until which the verdict holds


_verdict = _Verdict()


def usable(primary, replica):
    """Is the replica fit for public reads now? Measured once per CHECK_SECONDS."""
    now = time.monotonic()
    if now < _verdict.until:
        return _verdict.usable
    try:
        lag = lag_seconds(primary, replica)
    except DatabaseError as error:
        mark_down(error)
        return False
    if lag > settings.REPLICA_MAX_LAG_SECONDS:
        _set(False, f"it is {_describe(lag)} behind the primary", RETRY_SECONDS)
    else:
        _set(True, None, CHECK_SECONDS)
    return _verdict.usable


def mark_down(error):
    """The replica failed to answer: read the primary for RETRY_SECONDS."""
    # The error's class and first line: a host and port, never a query's parameters.
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    _set(False, f"{type(error).__name__}: {first_line}", RETRY_SECONDS)


def lag_seconds(primary, replica):
    """How far behind the replica is, in seconds (0 when it has everything)."""
    if primary.vendor != "postgresql" or replica.vendor != "postgresql":
        return 0.0  # a test's second name for one SQLite database
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        primary_position = cursor.fetchone()[0]
    with replica.cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn, "
            "EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())",
            [primary_position],
        )
        in_recovery, caught_up, behind = cursor.fetchone()
    if not in_recovery or caught_up:
        # Not a standby (the URL names the primary itself, or a promoted replica), or
        # it has replayed everything the primary had written a moment ago.
        return 0.0
    return math.inf if behind is None else max(float(behind), 0.0)


def reset():
    """Forget the verdict (tests; a process that wants to re-measure at once)."""
    _verdict.usable, _verdict.until = True, 0.0


def _set(is_usable, reason, seconds):
    if is_usable != _verdict.usable:
        if is_usable:
            logger.info("Read replica usable again: public reads go to it.")
        else:
            logger.warning("Read replica skipped, reading from the primary: %s.", reason)
    _verdict.usable = is_usable
    _verdict.until = time.monotonic() + seconds


def _describe(lag):
    return "too far" if math.isinf(lag) else f"{lag:.1f} s"
