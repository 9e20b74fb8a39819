"""E-mail builders: see board/notifications.py."""
