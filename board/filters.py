"""The job search form: one FilterSet behind /jobs/, its htmx fragments and its feed.

Invalid values (a negative salary, an unknown category) are reported on the
form and ignored, so a mistyped URL still shows jobs instead of an error page.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django_countries import countries

from board.caching import category_choices
from board.models import Company, Job
from board.search import MAX_QUERY_LENGTH

POSTED_WITHIN = [
    ("1", "Last 24 hours"),
    ("3", "Last 3 days"),
    ("7", "Last 7 days"),
    ("30", "Last 30 days"),
]
SORTS = [("relevance", "Most relevant"), ("newest", "Newest"), ("salary", "Highest salary")]

# htmx hooks for the search form (see templates/board/job_list.html): controls
# marked data-autosubmit search on change, data-live ones as the user types.
AUTOSUBMIT = {"data-autosubmit": ""}
LIVE = {"data-live": ""}


class JobFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Keywords",
        method="filter_keywords",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={**LIVE, "type": "search", "placeholder": "Job title, skill or company"}
        ),
    )
    location = django_filters.CharFilter(
        label="Location",
        method="filter_location",
        max_length=100,
        widget=forms.TextInput(attrs={**LIVE, "type": "search", "placeholder": "City or country"}),
    )
    # distinct=False: these filter the job row itself, so no join can repeat a
    # job, and DISTINCT would make every count and page query slower.
    workplace = django_filters.MultipleChoiceFilter(
        choices=Job.Workplace.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple(attrs=AUTOSUBMIT),
    )
    employment_type = django_filters.MultipleChoiceFilter(
        label="Job type",
        choices=Job.EmploymentType.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple(attrs=AUTOSUBMIT),
    )
    experience_level = django_filters.MultipleChoiceFilter(
        label="Experience",
        choices=Job.ExperienceLevel.choices,
        distinct=False,
        widget=forms.CheckboxSelectMultiple(attrs=AUTOSUBMIT),
    )
    category = django_filters.ChoiceFilter(
        field_name="category__slug",
        empty_label="Any category",
        choices=[],  # filled in __init__, from the cache (board/caching.py)
        widget=forms.Select(attrs=AUTOSUBMIT),
    )
    salary_min = django_filters.NumberFilter(
        label="Minimum salary",
        method="filter_salary",
        min_value=0,
        max_value=100_000_000,
        help_text="Per year; hourly and monthly pay is converted.",
        widget=forms.NumberInput(attrs={**LIVE, "step": 1000, "min": 0, "inputmode": "numeric"}),
    )
    posted_within = django_filters.ChoiceFilter(
        label="Posted",
        choices=POSTED_WITHIN,
        empty_label="Any time",
        method="filter_posted_within",
        widget=forms.Select(attrs=AUTOSUBMIT),
    )
    visa = django_filters.BooleanFilter(
        label="Visa sponsorship",
        method="filter_visa",
        widget=forms.CheckboxInput(attrs=AUTOSUBMIT),
    )
    # Set by links from a company's page; filtered by slug in the main query.
    company = django_filters.CharFilter(
        field_name="company__slug", max_length=140, widget=forms.HiddenInput
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORTS,
        empty_label=None,
        method="filter_nothing",  # ordering happens last, in filter_queryset
        widget=forms.Select(attrs=AUTOSUBMIT),
    )

    class Meta:
        model = Job
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = category_choices()

    def filter_keywords(self, queryset, name, value):
        return queryset.search(value)

    def filter_location(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q(city__icontains=value) | Q(region__icontains=value)
        code = countries.by_name(value) or (value.upper() if value.upper() in countries else "")
        if code:
            match |= Q(country=code)
        return queryset.filter(match)

    def filter_salary(self, queryset, name, value):
        # Jobs without a salary drop out only when this filter is used.
        return queryset.filter(salary_annual__gte=value)

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(published_at__gte=timezone.now() - timedelta(days=int(value)))

    def filter_visa(self, queryset, name, value):
        return queryset.filter(visa_sponsorship=True) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*self.ordering())

    def ordering(self):
        data = (
            self.form.cleaned_data if self.is_bound and hasattr(self.form, "cleaned_data") else {}
        )
        sort = data.get("sort") or ("relevance" if data.get("q") else "newest")
        if sort == "relevance" and data.get("q"):
            return ["-rank", "-published_at", "-id"]
        if sort == "salary":
            return [F("salary_annual").desc(nulls_last=True), "-published_at", "-id"]
        return ["-published_at", "-id"]

    def active_filters(self):
        """(label, query string without it) for each filter in use: the removable chips."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        chips = []
        for name, value in self.form.cleaned_data.items():
            if name in ("sort",) or value in (None, "", [], False):
                continue
            field = self.form.fields[name]
            if isinstance(value, list):
                labels = dict(field.choices)
                for item in value:
                    chips.append((labels[item], self._without(name, item)))
            elif name == "posted_within":
                chips.append((dict(POSTED_WITHIN)[value], self._without(name)))
            elif name == "salary_min":
                chips.append((f"At least {int(value):,} a year", self._without(name)))
            elif name == "visa":
                chips.append(("Visa sponsorship", self._without(name)))
            elif name == "q":
                chips.append((f"“{value}”", self._without(name)))
            elif name == "category":
                chips.append((dict(field.choices)[value], self._without(name)))
            elif name == "company":
                company = Company.objects.filter(slug=value).first()
                chips.append((company.name if company else value, self._without(name)))
            else:
                chips.append((str(value), self._without(name)))
        return chips

    def _without(self, name, item=None):
        data = self.data.copy()
        data.pop("page", None)
        if item is None:
            data.pop(name, None)
        else:
            data.setlist(name, [v for v in data.getlist(name) if v != item])
        return data.urlencode()
