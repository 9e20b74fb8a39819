"""Keeps each signed-in session's row (allauth's UserSession: IP address, browser, last
activity) current, at most once every ACTIVITY_INTERVAL per session.

allauth's own UserSessionsMiddleware (USERSESSIONS_TRACK_ACTIVITY) reads and writes
the row on every signed-in request: a SELECT, an UPDATE and a savepoint, on every
page. Here a cache entry that lives ACTIVITY_INTERVAL says the row was written
recently, so a page costs no query in between, and "last active" on the sessions page
is right to within a few minutes. The session itself is not touched (writing it would
push its expiry back at every write). Sessions signed in before this existed, or by a
test's force_login, are not tracked until their owner opens the sessions page.
"""

from board.accounts import signins


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view, and only if it read the session (every page does, for the
        # header): a response that never touched it (healthz, static files) must not
        # gain "Vary: Cookie". The user is the one after the view (signed out: nothing).
        due = request.session.accessed and signins.activity_due(request)
        if due and request.user.is_authenticated:
            signins.record_activity(request)
        return response
