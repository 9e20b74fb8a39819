from . import accounts, jobs, moderation  # noqa: F401 -- registers the ModelAdmins
