"""The container's health check: GET a path of the app on this machine; exit 0 on 200.

    python /app/site_config/healthcheck.py            # /healthz: is the process alive?
    python /app/site_config/healthcheck.py /readyz    # can it serve (database, cache...)?

The Dockerfile's HEALTHCHECK runs it for /healthz (liveness: a database outage must not
mark every web container unhealthy at once), compose.yaml's web service for /readyz
(readiness). Python because the slim image has no curl; standard library only, and run as a
file rather than a module so it imports neither Django nor site_config (it runs every 30 s).
"""

import os
import sys
import urllib.error
import urllib.request


def probe_host(allowed_hosts):
    """A Host header Django accepts: it answers 400 to any host outside ALLOWED_HOSTS, so
    127.0.0.1 (where the probe connects) would fail in production."""
    for host in allowed_hosts.split(","):
        host = host.strip()
        if host and host != "*":
            return host.lstrip(".")  # ".example.com" also allows example.com itself
    return "localhost"


def main(argv):
    path = argv[1] if len(argv) > 1 else "/healthz"
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}{path}"
    request = urllib.request.Request(
        url,
        headers={
            "Host": probe_host(os.environ.get("ALLOWED_HOSTS", "")),
            # As the TLS-terminating proxy says it: production would redirect plain HTTP.
            "X-Forwarded-Proto": "https",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"{path}: HTTP {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
