"""Celery instrumentation: the request id travels with each task, failures are counted.

Signals here, not in a domain flow: they only observe. Connected in board/apps.py, so the
web processes (which publish) and the workers (which run) both have them.

- before_task_publish: the id of the request enqueuing the task goes in a message header;
- task_prerun / task_postrun: the worker runs the task with that id as its current request
  id, so the task's log lines carry it (an eager task runs inside the request and has it);
- task_failure: nexus_celery_task_failures_total{task}.
"""

from celery import signals

from board.ops import metrics, request_ids

HEADER = "nexus_request_id"
_tokens = {}  # task id -> the context token to reset after the task


@signals.before_task_publish.connect
def add_request_id(headers=None, **kwargs):
    request_id = request_ids.current.get()
    if request_id and headers is not None:
        headers[HEADER] = request_id


@signals.task_prerun.connect
def adopt_request_id(task_id=None, task=None, **kwargs):
    request_id = getattr(task.request, HEADER, None)
    if request_id and request_ids.WELL_FORMED.fullmatch(str(request_id)):
        _tokens[task_id] = request_ids.current.set(request_id)


@signals.task_postrun.connect
def drop_request_id(task_id=None, **kwargs):
    token = _tokens.pop(task_id, None)
    if token is not None:
        request_ids.current.reset(token)


@signals.task_failure.connect
def count_failure(sender=None, **kwargs):
    metrics.task_failures_total.labels(getattr(sender, "name", "unknown")).inc()
