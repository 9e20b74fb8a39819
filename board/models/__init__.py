from .applications import Application, SavedJob
from .companies import Company, Membership
from .jobs import Category, InvalidTransition, Job, PendingJob
from .notifications import Notification
from .profiles import SeekerProfile
from .users import User

__all__ = [
    "Application",
    "Category",
    "Company",
    "InvalidTransition",
    "Job",
    "Membership",
    "Notification",
    "PendingJob",
    "SavedJob",
    "SeekerProfile",
    "User",
]
