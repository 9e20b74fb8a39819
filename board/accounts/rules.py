"""What an account may do, asked the same way by the site, REST, GraphQL and the workflows.

"Verified" means the person proved an address through allauth's confirmation
link (an EmailAddress row with verified=True); nothing that costs the board
something (applying, posting, reporting, joining a team, an API token) is open
to an account that has not. Which side of the board an account is on is its
role: `User.is_employer` / `User.is_seeker` (board/accounts/models.py).
"""

from allauth.account.models import EmailAddress

# Why an account may not act as an employer (see employer_refusal).
NOT_EMPLOYER = "role"
UNVERIFIED = "unverified"
EMPLOYERS_ONLY = "Only employer accounts with a verified e-mail address can do this."


def has_verified_email(user, address=None):
    """Whether the user has a verified e-mail address; with `address`, that one
    (any case), so a link sent to an address proves that address only."""
    if not user.is_authenticated:
        return False
    addresses = EmailAddress.objects.filter(user=user, verified=True)
    if address is not None:
        addresses = addresses.filter(email__iexact=address)
    return addresses.exists()


def employer_refusal(user):
    """Why the user may not act for a company (post jobs, manage a team, read
    applicants): NOT_EMPLOYER, UNVERIFIED, or None when they may."""
    if not user.is_authenticated or not user.is_employer:
        return NOT_EMPLOYER
    if not has_verified_email(user):
        return UNVERIFIED
    return None


def is_verified_employer(user):
    return employer_refusal(user) is None
