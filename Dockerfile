# syntax=docker/dockerfile:1

# Nexus Jobs production image: the web server by default, the Celery worker and beat with
# another command (compose.yaml, docs/operations.md "Deploying").
#
#   docker build -t nexus-jobs .
#   docker run --read-only --tmpfs /tmp --tmpfs /run/prometheus -p 8000:8000 \
#     -e SECRET_KEY=... -e ALLOWED_HOSTS=... -e DATABASE_URL=... nexus-jobs
#
# Migrations are not run on start (several containers would race): run
# `python manage.py migrate --noinput` once per release, as compose.yaml's `migrate`
# service and the Procfile's `release` entry do.
#
# Runs as a non-root user on a read-only root filesystem: the only places it writes are
# /tmp (uploads over 2.5 MB on their way, beat's schedule file, gunicorn's control socket)
# and PROMETHEUS_MULTIPROC_DIR, both meant to be tmpfs mounts; uploads themselves go to the
# object store (S3_BUCKET) or a volume at MEDIA_ROOT.

ARG PYTHON_VERSION=3.13

# ---------------------------------------------------------------------------
# Builder: install the runtime requirements into a self-contained venv, so the
# runtime stage gets the packages without pip's caches or build leftovers.
# ---------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:${PATH}"

WORKDIR /build
# Only the requirements file, so this layer stays cached until it changes.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# ---------------------------------------------------------------------------
# Runtime: the venv, the app, the collected static files, a non-root user.
# ---------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim AS runtime

# PORT: gunicorn binds 0.0.0.0:$PORT by itself when PORT is set (no --bind needed).
# XDG_RUNTIME_DIR: where gunicorn puts its control socket; its fallback, the home
# directory, is read-only here.
# PROMETHEUS_MULTIPROC_DIR: the metrics files every gunicorn worker writes (a tmpfs,
# emptied with each container; the image's own copy serves a writable root filesystem).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:${PATH}" \
    DJANGO_ENV=production \
    MEDIA_ROOT=/app/media \
    PORT=8000 \
    XDG_RUNTIME_DIR=/tmp \
    PROMETHEUS_MULTIPROC_DIR=/run/prometheus

# Fixed ids so a mounted volume's ownership is predictable.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin app

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# The code stays owned by root, read-only for the app user.
COPY . .

# collectstatic needs settings to load, and production settings insist on a
# SECRET_KEY. There is no real one at build time, and collectstatic neither
# signs nor stores anything with it, so a throwaway value is used for this one
# command only (it is not kept in the image's environment).
# compileall: with a read-only filesystem Python could not cache bytecode, and every
# process would compile the whole app again at start.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && python -m compileall -q /app \
    && mkdir -p "${MEDIA_ROOT}" "${PROMETHEUS_MULTIPROC_DIR}" \
    && chown app:app "${MEDIA_ROOT}" "${PROMETHEUS_MULTIPROC_DIR}"

# Uploaded files (logos, résumés) when no object store is configured. Mount a volume here
# to keep them; with S3_BUCKET set nothing is written here.
VOLUME ["/app/media"]

# Numeric, so runtimes that check runAsNonRoot can verify it.
USER 10001:10001

EXPOSE 8000

# Liveness only (/healthz touches no database): compose's web service checks readiness
# (/readyz) with the same script.
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s --retries=3 \
    CMD ["python", "/app/site_config/healthcheck.py", "/healthz"]

# Exec form: gunicorn is PID 1 and gets the stop signal itself. Everything else (workers
# from WEB_CONCURRENCY, timeouts, logs, graceful shutdown) is in gunicorn.conf.py at the
# root, which gunicorn reads from the working directory by itself.
CMD ["gunicorn", "site_config.wsgi:application"]
