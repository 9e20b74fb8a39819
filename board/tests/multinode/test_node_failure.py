"""One node dies (SIGKILL to its gunicorn master and workers) in the middle of a load of GETs,
HEADs and applications through nginx.

- GET and HEAD: zero errors. A request the dead node never answered is sent again to the
  other node (proxy_next_upstream error timeout http_502 http_503).
- POST (an application with its résumé): nginx re-sends a POST only if it never reached
  the dead node (a refused connection); one in the dead node's hands is answered 502,
  because the node may have acted on it. So each application either completed (one row,
  with its file in S3) or failed cleanly (502), and the seeker's second try is safe: at
  most one application per seeker and job (a database constraint). Never a row without
  its file.
"""

import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from board.applications.models import Application
from board.tests import resume_files
from board.tests.factories import CompanyFactory, JobFactory
from board.tests.multinode.helpers import PASSWORD, seeker
from board.tests.multinode.visitor import Visitor, errors_of

pytestmark = [pytest.mark.multinode, pytest.mark.django_db(transaction=True)]

READS = 300  # GET and HEAD requests through nginx
READERS = 8  # threads sending them
SEEKERS, JOBS = 4, 8  # each seeker applies to each job: 32 POSTs, one thread per seeker
KILL_AFTER_READS = 120  # node A dies once this many reads are done (POSTs keep pace)


def test_killing_a_node_mid_load_loses_no_read_and_half_writes_nothing(cluster):
    company = CompanyFactory(verified=True)
    jobs = [JobFactory(company=company, title=f"Load Engineer {n}") for n in range(JOBS)]
    seekers = [seeker() for _ in range(SEEKERS)]
    applicants = []
    for user in seekers:
        visitor = Visitor(cluster)
        visitor.sign_in("lb", user.email, PASSWORD)
        action = f"/jobs/{jobs[0].pk}/apply/"
        token = visitor.form("lb", jobs[0].get_absolute_url(), action=action)
        applicants.append((user, visitor, token["csrfmiddlewaretoken"]))
    home = requests.get(cluster.lb + "/", timeout=10).text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home).group(1)
    paths = ["/healthz", "/", "/jobs/", jobs[0].get_absolute_url(), stylesheet, "/jobs/feed/"]
    reads = [("HEAD" if n % 5 == 4 else "GET", paths[n % len(paths)]) for n in range(READS)]
    pdf = resume_files.pdf_bytes()
    earlier_files = bucket_keys(cluster)  # other tests' (their rows are gone, not their files)

    progress = {"reads": 0, "posts": 0, "killed_at": None}
    lock = threading.Lock()
    local = threading.local()

    def read(method_path):
        method, path = method_path
        if not hasattr(local, "http"):
            local.http = requests.Session()
        started = time.monotonic()
        try:
            outcome = local.http.request(method, cluster.lb + path, timeout=20).status_code
        except requests.RequestException as exc:
            outcome = type(exc).__name__
        with lock:
            progress["reads"] += 1
        return method, path, outcome, time.monotonic() - started

    def apply_all(applicant):
        user, visitor, token = applicant
        outcomes = []
        for job in jobs:
            # Paced with the reads, so that applications are in flight when the node dies.
            while True:
                with lock:
                    if progress["posts"] * READS <= progress["reads"] * SEEKERS * JOBS:
                        break
                time.sleep(0.01)
            try:
                response = visitor.post(
                    "lb",
                    f"/jobs/{job.pk}/apply/",
                    {"csrfmiddlewaretoken": token, "cover_letter": "Hello"},
                    files={"resume": ("cv.pdf", pdf, "application/pdf")},
                    page=job.get_absolute_url(),
                )
                outcome = response.status_code
                if outcome not in (302, 502):
                    outcome = f"{outcome} {errors_of(response.text)}"
            except requests.RequestException as exc:
                outcome = type(exc).__name__
            outcomes.append((user.pk, job.pk, outcome))
            with lock:
                progress["posts"] += 1
        return outcomes

    def kill_node_a():
        while True:
            with lock:
                if progress["reads"] >= KILL_AFTER_READS:
                    break
            time.sleep(0.01)
        cluster.processes["a"].kill()
        progress["killed_at"] = dict(progress, killed_at=time.monotonic() - started)

    started = time.monotonic()
    with ThreadPoolExecutor(READERS + SEEKERS + 1) as pool:
        killer = pool.submit(kill_node_a)
        posting = [pool.submit(apply_all, applicant) for applicant in applicants]
        read_results = list(pool.map(read, reads))
        post_results = [outcome for future in posting for outcome in future.result()]
        killer.result(timeout=30)
    elapsed = time.monotonic() - started

    try:
        # Reads: every one answered 200, the node's death notwithstanding: nginx sends a
        # read the dead node did not answer to the other one. Except a response the node
        # was in the middle of writing: nginx has passed its header on and cannot start
        # again, so the client sees the body cut short (no load balancer can do better).
        # At most one per worker of the dead node, never a wrong status.
        cut = [result for result in read_results if result[2] == "ChunkedEncodingError"]
        failed_reads = [result for result in read_results if result[2] != 200 and result not in cut]
        assert failed_reads == []
        assert len(cut) <= 2  # node A's two workers

        # Writes: completed (302 to the job page) or refused cleanly (502), nothing else.
        assert {outcome for *_, outcome in post_results} <= {302, 502, "ConnectionError"}
        done = {(user, job) for user, job, outcome in post_results if outcome == 302}
        failed = {(user, job) for user, job, outcome in post_results if outcome != 302}
        rows = list(Application.objects.filter(job__in=jobs).values_list(
            "applicant_id", "job_id", "resume"
        ))  # fmt: skip
        pairs = [(user, job) for user, job, _ in rows]
        assert len(pairs) == len(set(pairs))  # never twice
        assert done <= set(pairs)  # every success is a row
        in_doubt = set(pairs) & failed  # done by the dead node, its answer lost with it
        for _, _, key in rows:  # no row without its file
            assert cluster.s3.head_object(Bucket=cluster.bucket, Key=key)["ContentLength"] == len(
                pdf
            )

        # The seeker tries again: on the living node, each ends with exactly one application.
        for user, visitor, token in applicants:
            for job in jobs:
                if (user.pk, job.pk) in failed:
                    response = visitor.post(
                        "lb",
                        f"/jobs/{job.pk}/apply/",
                        {"csrfmiddlewaretoken": token},
                        files={"resume": ("cv.pdf", pdf, "application/pdf")},
                        page=job.get_absolute_url(),
                    )
                    assert response.status_code == 302, errors_of(response.text)
        final = Application.objects.filter(job__in=jobs)
        assert final.count() == SEEKERS * JOBS
        referenced = set(final.values_list("resume", flat=True))
        stored = bucket_keys(cluster) - earlier_files
        assert referenced <= stored

        upstreams = cluster.nginx_log.read_text().splitlines()
        measured = {
            "reads": len(read_results),
            "read_errors": len(failed_reads),
            "reads_cut_mid_response": len(cut),
            "slowest_read_s": round(max(result[3] for result in read_results), 2),
            "posts": len(post_results),
            "posts_completed": len(done),
            "posts_failed_cleanly": len(failed),
            "posts_failed_but_stored": len(in_doubt),
            "orphan_files_in_s3": len(stored - referenced),
            "retried_by_nginx": sum(", " in line for line in upstreams),
            "load_seconds": round(elapsed, 1),
            "kill": progress["killed_at"],
            "cluster_start_s": round(cluster.started_in, 1),
            **cluster.notes,
        }
        print("multinode measurements:", json.dumps(measured))
    finally:
        # Node A comes back for whatever runs after this test (which waits for it).
        if not cluster.processes["a"].alive():
            cluster.processes["a"].restart()


def bucket_keys(cluster):
    pages = cluster.s3.get_paginator("list_objects_v2").paginate(Bucket=cluster.bucket)
    return {item["Key"] for page in pages for item in page.get("Contents", [])}
