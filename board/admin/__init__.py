from . import accounts, currencies, jobs, moderation  # noqa: F401 -- registers the ModelAdmins
