"""Every model of the app, gathered for Django.

Nexus Jobs is one Django app, `board`, whose models live in its domain packages
(board/jobs/models.py, board/companies/models.py, …). Django loads an app's models
from `<app>.models`, so this module imports them all; code imports a model from
its own package, never from here (docs/architecture.md).
"""

from board.accounts.device_models import KnownDevice
from board.accounts.models import SeekerProfile, User
from board.alerts.models import JobAlert
from board.analytics.models import JobDailyStats
from board.applications.message_models import ApplicationMessage, MessageTemplate
from board.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationRating,
    ExportLogEntry,
    SavedJob,
)
from board.applications.screening import ScreeningAnswer
from board.companies.models import Company, Invitation, Membership
from board.currencies.models import ExchangeRate
from board.jobs.models import Category, Job, JobLocation, ModerationLogEntry, PendingJob
from board.jobs.screening import ScreeningQuestion
from board.moderation.models import JobReport
from board.notifications.models import Notification
from board.payinsight.models import PayDistribution
from board.places.models import Place, PlaceName
from board.privacy.models import DataExport
from board.search.models import JobSearchEntry, SearchWord, Synonym

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationMessage",
    "ApplicationNote",
    "ApplicationRating",
    "Category",
    "Company",
    "DataExport",
    "ExchangeRate",
    "ExportLogEntry",
    "Invitation",
    "Job",
    "JobAlert",
    "JobDailyStats",
    "JobLocation",
    "JobReport",
    "JobSearchEntry",
    "KnownDevice",
    "Membership",
    "MessageTemplate",
    "ModerationLogEntry",
    "Notification",
    "PayDistribution",
    "PendingJob",
    "Place",
    "PlaceName",
    "SavedJob",
    "ScreeningAnswer",
    "ScreeningQuestion",
    "SearchWord",
    "SeekerProfile",
    "Synonym",
    "User",
]
