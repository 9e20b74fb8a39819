# syntax=docker/dockerfile:1

# Nexus Jobs production image.
#
#   docker build -t nexus-jobs .
#   docker run -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=... nexus-jobs
#
# Migrations are not run on start: run `python manage.py migrate --noinput`
# as a release step (see Procfile) or a one-off container.

ARG PYTHON_VERSION=3.13

# ---------------------------------------------------------------------------
# Builder: install the runtime requirements into a self-contained venv.
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

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:${PATH}" \
    DJANGO_ENV=production \
    MEDIA_ROOT=/app/media \
    PORT=8000

# Fixed ids so a mounted volume's ownership is predictable. The home dir is
# where gunicorn puts its control socket (~/.gunicorn/gunicorn.ctl).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home \
       --home-dir /home/app --shell /usr/sbin/nologin app

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# The code stays owned by root, read-only for the app user.
COPY . .

# collectstatic needs settings to load, and production settings insist on a
# SECRET_KEY. There is no real one at build time, and collectstatic neither
# signs nor stores anything with it, so a throwaway value is used for this one
# command only (it is not kept in the image's environment).
RUN DJANGO_ENV=production SECRET_KEY=build-only-not-secret \
    python manage.py collectstatic --noinput \
    && mkdir -p "${MEDIA_ROOT}" \
    && chown app:app "${MEDIA_ROOT}"

# Uploaded files (logos, CVs...). Mount a volume here to keep them.
VOLUME ["/app/media"]

# Numeric, so runtimes that check runAsNonRoot can verify it.
USER 10001:10001

EXPOSE 8000

# sh -c so that $PORT expands at run time; exec so gunicorn is PID 1 and gets
# the stop signal. gunicorn reads WEB_CONCURRENCY itself for its worker count.
# /dev/shm keeps worker heartbeat files off the container's overlay disk.
CMD ["sh", "-c", "exec gunicorn site_config.wsgi:application --bind \"0.0.0.0:${PORT:-8000}\" --worker-tmp-dir /dev/shm --access-logfile -"]
