"""Message builders for each notification kind, registered with board.notifications.

Imported once at start-up (BoardConfig.ready) so every kind has its builder.
"""

from . import accounts, applications, jobs, moderation, reminders, team  # noqa: F401
