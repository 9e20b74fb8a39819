"""Ratings: each member of the hiring company scores an application 1 to 5.

One rating per member and application (a database constraint), changed in place
when the member rates again. Like private notes, ratings are the employer's
record: the applicant never sees them, on the site, in REST or GraphQL, or in a
data export. The site's views, REST and GraphQL all call rate_application() and
list applications with ApplicationQuerySet.with_ratings() (part of
with_pipeline_data()), so the average means the same everywhere.
"""

import logging

from django import forms
from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from board.applications.models import ApplicationRating
from board.applications.workflow import APPLICATION_NOT_FOUND, NotFound

logger = logging.getLogger(__name__)

SCORES = range(1, 6)
SCORE_CHOICES = [
    (score, format_lazy(gettext_lazy("{score} out of 5"), score=score)) for score in SCORES
]
# Plain (the API says it in English); translated where the site shows it.
INVALID_SCORE = gettext_noop("A rating is a whole number from 1 to 5.")


class InvalidRating(ValueError):
    """A score outside 1..5: the forms and serializers say so first; this is the last word."""


def best_rated_first(applications):
    """Highest average first, unrated last; among equals, the newest."""
    return applications.order_by(F("rating_average").desc(nulls_last=True), "-created", "-id")


def rated_at_least(applications, minimum):
    """Applications whose average is `minimum` or more (unrated ones are left out)."""
    return applications.filter(rating_average__gte=minimum)


def ratings_of(application):
    """Who rated what, oldest first, with the raters' names in the same query."""
    return application.ratings.select_related("rater")


def rating_context(application, user, form=None):
    """What the detail page's ratings section shows: everyone's ratings and the
    member's own form, filled with their current rating if they have one."""
    all_ratings = list(ratings_of(application))
    mine = next((r for r in all_ratings if r.rater_id == user.pk), None)
    return {
        "application": application,
        "ratings": all_ratings,
        "my_rating": mine,
        "rating_form": form or RatingForm(instance=mine),
    }


def rate_application(application, rater, score, comment=""):
    """Record (or change) `rater`'s rating of the application: (rating, created).

    Only the hiring company's members rate; anyone else is answered as if the
    application did not exist. A withdrawn or decided application may still be
    rated: the rating is a record of the team's opinion, not a step of the pipeline.
    """
    if not application.job.company.has_member(rater):
        raise NotFound(APPLICATION_NOT_FOUND)
    if score not in SCORES:
        raise InvalidRating(gettext(INVALID_SCORE))
    # update_or_create retries its read if a parallel request inserted first;
    # the unique constraint keeps it to one row per member.
    rating, created = ApplicationRating.objects.update_or_create(
        application=application, rater=rater, defaults={"score": score, "comment": comment}
    )
    logger.info(
        "application %s rated by user %s (%s)",
        application.pk,
        rater.pk,
        "new" if created else "changed",
    )
    return rating, created


class RatingForm(forms.ModelForm):
    """A member's rating: the score as five radio buttons, and an optional comment."""

    score = forms.TypedChoiceField(
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": gettext_lazy(INVALID_SCORE),
            "required": gettext_lazy(INVALID_SCORE),
        },
    )

    class Meta:
        model = ApplicationRating
        fields = ["score", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        labels = {"score": gettext_lazy("Score"), "comment": gettext_lazy("Comment (optional)")}


class RatingFilterForm(forms.Form):
    """The applicants page's `?sort=` and `?min_rating=`; an unknown value is ignored."""

    sort = forms.ChoiceField(
        choices=[("", gettext_lazy("Newest first")), ("rating", gettext_lazy("Best rated first"))],
        required=False,
    )
    min_rating = forms.TypedChoiceField(
        label=gettext_lazy("Minimum rating"),
        choices=[("", gettext_lazy("Any rating")), *[(s, f"{s}+") for s in SCORES]],
        coerce=int,
        empty_value=None,
        required=False,
    )

    @property
    def narrows(self):
        """Whether a valid minimum rating leaves some applicants out."""
        return self.is_valid() and bool(self.cleaned_data["min_rating"])

    def apply(self, applications):
        """The applications sorted and narrowed as asked; as they were if nothing valid was."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("min_rating"):
            applications = rated_at_least(applications, data["min_rating"])
        if data.get("sort") == "rating":
            applications = best_rated_first(applications)
        return applications
