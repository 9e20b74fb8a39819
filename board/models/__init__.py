from .applications import Application, SavedJob
from .companies import Company, Membership
from .jobs import Category, InvalidTransition, Job, PendingJob
from .users import User

__all__ = [
    "Application",
    "Category",
    "Company",
    "InvalidTransition",
    "Job",
    "Membership",
    "PendingJob",
    "SavedJob",
    "User",
]
