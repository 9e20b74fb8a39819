from django.http import Http404

from board.companies.models import Membership


def membership_or_404(user):
    """The user's membership (with its company); 404 for an employer without a company."""
    membership = Membership.objects.of_user(user)
    if membership is None:
        raise Http404("No company yet")
    return membership
