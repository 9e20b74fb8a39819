"""Ratings through REST: a member reads an application's ratings and rates it.

The site's lookups and domain function (board/applications/ratings.py): another
company's application is 404 like a missing one; one rating per member, changed
by posting again.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import examples, schema
from board.api.serializers_ratings import RatingSerializer
from board.api.views_employer import EMPLOYER, EMPLOYERS_ONLY, EMPLOYERS_ONLY_WRITE, NO_COMPANY
from board.applications import ratings
from board.applications.lookups import company_application_or_404

NOT_OUR_APPLICATION = schema.not_found(schema.NO_APPLICATION, NO_COMPANY)


class ApplicationRatings(APIView):
    permission_classes = EMPLOYER

    @extend_schema(
        tags=["employer"],
        summary="An application's ratings",
        description="Who of the company rated it what. Only the hiring company's members "
        "see ratings; the applicant never does.",
        responses={
            200: schema.ok(RatingSerializer(many=True), examples.RATING),
            403: EMPLOYERS_ONLY,
            404: NOT_OUR_APPLICATION,
            **schema.SIGNED_IN,
        },
    )
    def get(self, request, pk):
        application = company_application_or_404(request.user, pk)
        found = ratings.ratings_of(application)
        return Response(RatingSerializer(found, many=True, context={"request": request}).data)

    @extend_schema(
        tags=["employer"],
        summary="Rate an application",
        description="Your rating, 1 to 5 with an optional comment: 201 the first time, "
        "200 when it changes your earlier one.",
        request=RatingSerializer,
        responses={
            200: schema.ok(RatingSerializer, examples.RATING),
            201: schema.ok(RatingSerializer, examples.RATING),
            400: schema.field_errors(examples.INVALID_RATING),
            403: EMPLOYERS_ONLY_WRITE,
            404: NOT_OUR_APPLICATION,
            **schema.SIGNED_IN,
        },
        examples=schema.body("A rating", examples.NEW_RATING),
    )
    def post(self, request, pk):
        application = company_application_or_404(request.user, pk)
        body = RatingSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        score, comment = body.validated_data["score"], body.validated_data["comment"]
        rating, created = ratings.rate_application(application, request.user, score, comment)
        answer = RatingSerializer(rating, context={"request": request}).data
        return Response(answer, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
