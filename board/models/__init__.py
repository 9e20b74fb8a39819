from .alerts import JobAlert
from .applications import Application, SavedJob
from .companies import Company, Invitation, Membership
from .jobs import Category, InvalidTransition, Job, PendingJob
from .moderation import REPORTS_TO_HIDE, JobReport, ModerationLogEntry
from .notifications import Notification
from .pipeline import ApplicationEvent, ApplicationNote
from .profiles import SeekerProfile
from .users import User

__all__ = [
    "REPORTS_TO_HIDE",
    "Application",
    "ApplicationEvent",
    "ApplicationNote",
    "Category",
    "Company",
    "InvalidTransition",
    "Invitation",
    "Job",
    "JobAlert",
    "JobReport",
    "Membership",
    "ModerationLogEntry",
    "Notification",
    "PendingJob",
    "SavedJob",
    "SeekerProfile",
    "User",
]
