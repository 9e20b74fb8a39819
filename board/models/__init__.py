from .alerts import JobAlert
from .applications import Application, SavedJob
from .companies import Company, Invitation, Membership
from .currencies import ExchangeRate
from .jobs import Category, InvalidTransition, Job, PendingJob
from .moderation import REPORTS_TO_HIDE, JobReport, ModerationLogEntry
from .notifications import Notification
from .pipeline import ApplicationEvent, ApplicationNote
from .profiles import SeekerProfile
from .search import JobSearchEntry
from .users import User

__all__ = [
    "REPORTS_TO_HIDE",
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "Category",
    "Company",
    "ExchangeRate",
    "InvalidTransition",
    "Invitation",
    "Job",
    "JobAlert",
    "JobReport",
    "JobSearchEntry",
    "Membership",
    "ModerationLogEntry",
    "Notification",
    "PendingJob",
    "SavedJob",
    "SeekerProfile",
    "User",
]
