"""Files accepted into quarantine while clamd was down, scanned once it answers.

With CLAMD_UNAVAILABLE=quarantine an upload the scanner could not look at is
stored as QUARANTINED and not served (board/scanning/uploads.py). This run,
every five minutes on Celery beat and as `manage.py scan_quarantine` for cron,
scans them: a clean file is released (CLEAN, served from then on); an infected
one is deleted, its row marked INFECTED, and its owner told by e-mail.

Safe to run twice at once: each row is taken under a lock that another run
skips (PostgreSQL), and only while it is still QUARANTINED.
"""

import logging

from django.db import transaction

from board.accounts.models import SeekerProfile
from board.applications.models import Application
from board.companies.models import Company
from board.core.stored_files import delete_after_commit
from board.notifications.models import Notification
from board.notifications.outbox import notify
from board.scanning.clamd import ScannerUnavailable
from board.scanning.uploads import ScanStatus, scan_stored, scanning_enabled

logger = logging.getLogger(__name__)

BATCH = 200  # rows of each kind per run; the next run takes the rest

# (model, file field, its status field, the e-mail to its owner when infected)
HELD = [
    (SeekerProfile, "resume", "resume_scan", Notification.Kind.INFECTED_RESUME),
    (Application, "resume", "resume_scan", Notification.Kind.INFECTED_APPLICATION),
    (Company, "logo", "logo_scan", Notification.Kind.INFECTED_LOGO),
]


def run(batch=BATCH):
    """Scan what waits in quarantine: {"released": n, "deleted": n, "waiting": n}."""
    done = {"released": 0, "deleted": 0, "waiting": 0}
    if not scanning_enabled():
        return done
    for model, file_field, status_field, kind in HELD:
        held = model.objects.filter(**{status_field: ScanStatus.QUARANTINED}).order_by("pk")
        for pk in held.values_list("pk", flat=True)[:batch]:
            try:
                outcome = _scan_one(model, pk, file_field, status_field, kind)
            except ScannerUnavailable as exc:
                # Still down: everything stays held; the next run tries again.
                logger.warning("quarantine scan stopped: %s", exc)
                done["waiting"] = _waiting()
                return done
            if outcome:
                done[outcome] += 1
    done["waiting"] = _waiting()
    return done


def _scan_one(model, pk, file_field, status_field, kind):
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, **{status_field: ScanStatus.QUARANTINED})
            .first()
        )
        if row is None:
            return None  # another run has it, or it was replaced or released since
        stored = getattr(row, file_field)
        try:
            found = scan_stored(stored.storage, stored.name)  # streamed: disk or bucket
        except FileNotFoundError:
            # Nothing to serve or to scan: the row stops waiting; downloads say 404.
            logger.warning("quarantined %s %s has no file", model.__name__, pk)
            found = None
        if not found:
            setattr(row, status_field, ScanStatus.CLEAN)
            row.save(update_fields=[status_field])
            logger.info("quarantined %s %s released: clean", model.__name__, pk)
            return "released"
        name = stored.name
        setattr(row, file_field, "")
        setattr(row, status_field, ScanStatus.INFECTED)
        row.save(update_fields=[file_field, status_field])
        notify(kind, pk)
        # Once the row no longer points to it (a rollback would keep both).
        delete_after_commit([name], stored.storage)
    logger.warning("quarantined %s %s deleted: virus %s found", model.__name__, pk, found)
    return "deleted"


def _waiting():
    return sum(
        model.objects.filter(**{status_field: ScanStatus.QUARANTINED}).count()
        for model, _, status_field, _ in HELD
    )
