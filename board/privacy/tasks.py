from celery import shared_task


@shared_task(acks_late=True)
def build_data_export(export_id):
    """Build one person's export ZIP and e-mail the link (board/privacy/exports.py)."""
    from board.privacy.exports import build_export

    build_export(export_id)


@shared_task
def delete_expired_exports():
    """Hourly: expired exports, their files and rows, are deleted."""
    from board.privacy.exports import delete_expired

    return delete_expired()


@shared_task
def remove_old_documents():
    """Daily: résumés and cover letters RETENTION_DOCUMENT_MONTHS after the job closed."""
    from board.privacy.retention import remove_old_documents

    return remove_old_documents()


@shared_task
def retire_inactive_accounts():
    """Daily: notices to inactive accounts, then deletion of those still inactive."""
    from board.privacy.retention import erase_inactive_accounts, send_inactivity_notices

    return {"noticed": send_inactivity_notices(), "deleted": erase_inactive_accounts()}
