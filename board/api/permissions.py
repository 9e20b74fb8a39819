"""Who may call what. Wrong role: 403. Someone else's object: 404 (in the views)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from board.accounts.rules import EMPLOYERS_ONLY, is_verified_employer


class IsSeeker(BasePermission):
    message = "Only job seeker accounts can do this."

    def has_permission(self, request, view):
        user = request.user
        return bool(user.is_authenticated and user.is_seeker and not user.is_staff)


class IsVerifiedEmployer(BasePermission):
    """An employer account with a verified address, like the site's employer_required."""

    message = EMPLOYERS_ONLY

    def has_permission(self, request, view):
        return is_verified_employer(request.user)


class IsStaffOrReadOnly(BasePermission):
    message = "Only staff can change categories."

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user.is_authenticated and request.user.is_staff)
