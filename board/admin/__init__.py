from . import accounts, jobs  # noqa: F401 -- registers the ModelAdmins
