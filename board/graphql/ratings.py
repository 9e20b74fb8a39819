"""Ratings in GraphQL: the `Rating` type on `Applicant`, and the `rateApplication`
mutation. The REST API's rules (board/api/views_ratings.py) and the site's domain
function (board/applications/ratings.py): only the hiring company's members; an
application of another company is NOT_FOUND like a missing one. Seekers' types
(`Application`) have no rating field at all.
"""

import strawberry
import strawberry_django
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.applications import ratings
from board.applications.models import Application
from board.applications.workflow import APPLICATION_NOT_FOUND

from .employer import employer_company
from .errors import ClientError
from .ids import applicant_pk
from .types import RatingType


def rate_application(
    info: Info, application_id: strawberry.ID, score: int, comment: str = ""
) -> RatingType:
    """Rate one of the company's applications 1 to 5 (again: changes your rating)."""
    user = info.context.request.user
    company = employer_company(info)
    pk = applicant_pk(str(application_id))
    application = Application.objects.for_company(company).filter(pk=pk or 0).first()
    if application is None:
        raise ClientError(APPLICATION_NOT_FOUND, code="NOT_FOUND")
    if len(comment) > 1000:
        raise ClientError(
            "A comment has at most 1,000 characters.", fields={"comment": ["Too long."]}
        )
    try:
        return ratings.rate_application(application, user, score, comment)[0]
    except ratings.InvalidRating as refused:
        raise ClientError(str(refused), fields={"score": [str(refused)]}) from None


RATE_APPLICATION = strawberry_django.mutation(
    resolver=rate_application,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="Rate an application of your company 1 to 5, with an optional comment "
    "(REST: POST /api/v1/employer/applications/{id}/ratings/).",
)
