"""Log records as one JSON object a line, for production log collectors.

Our own formatter (a dozen lines) rather than python-json-logger: we need only the fixed
fields, the `extra=` values that are plain data, and one rule of ours, that Django's
request loggers name the route and not the path.
"""

import json
import logging
from datetime import UTC, datetime

from board.ops.routes import route_of

# The attributes every LogRecord has; anything else on a record came from `extra=`.
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
PLAIN = (str, int, float, bool, type(None))


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", None) or "-",
            "message": _message(record),
        }
        for name, value in vars(record).items():
            # Only plain values: Django's loggers attach the whole request as `request`.
            if name not in STANDARD and isinstance(value, PLAIN):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _message(record):
    request = getattr(record, "request", None)
    if request is not None and isinstance(record.args, tuple):
        # "Not Found: /accounts/password/reset/key/…": a path can carry a token or an
        # id; say which route it was instead.
        path = getattr(request, "path", None)
        args = tuple(route_of(request) if arg == path else arg for arg in record.args)
        return str(record.msg) % args
    return record.getMessage()
