"""The API's answers to a refusal of the workflow, as `{"detail": message}`.

The message is the workflow's own (board/*/workflow.py, the models'
transitions), so the API says what the site says.
"""

from rest_framework import status
from rest_framework.response import Response


def conflict(refusal):
    """409: the workflow refuses this in the object's current state. `refusal` is
    the message, or the workflow's exception (InvalidTransition), whose text it is."""
    return Response({"detail": str(refusal)}, status=status.HTTP_409_CONFLICT)


def not_found(message):
    """404: missing, or not this user's: the same answer for both."""
    return Response({"detail": message}, status=status.HTTP_404_NOT_FOUND)
