"""What operators see: readiness, Prometheus metrics, request ids and structured logs.

An interface like `web` or `api`, for the machines that watch the site (load balancers,
Prometheus, log collectors) rather than for people: it may read any package, nothing
imports it. The settings name its middleware and log formatter, `board/apps.py` connects
its Celery signal handlers, and the repository's `gunicorn.conf.py` uses `metrics.py`.
"""
