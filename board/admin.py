"""The Django admin, registered by each domain package's admin module.

Django's autodiscovery imports `board.admin`; the ModelAdmins live with their
domain (board/jobs/admin.py, board/moderation/admin_jobs.py, …).
"""

from board.accounts import admin as accounts_admin
from board.analytics import admin as analytics_admin
from board.applications import admin as applications_admin
from board.jobs import admin as jobs_admin
from board.jobs import admin_rates
from board.moderation import admin as moderation_admin
from board.moderation import admin_companies, admin_jobs
from board.notifications import admin as notifications_admin
from board.privacy import admin as privacy_admin
from board.search import admin as search_admin

__all__ = [
    "accounts_admin",
    "admin_companies",
    "admin_jobs",
    "admin_rates",
    "analytics_admin",
    "applications_admin",
    "jobs_admin",
    "moderation_admin",
    "notifications_admin",
    "privacy_admin",
    "search_admin",
]
