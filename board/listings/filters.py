"""The job search form: one FilterSet behind /jobs/, its htmx fragments and its feed.

Invalid values (a negative salary, an unknown category) are reported on the
form and ignored, so a mistyped URL still shows jobs instead of an error page.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django_countries import countries

from board.companies.models import Company
from board.currencies import rates as currencies
from board.jobs.models import SALARY_ORDERING, Job
from board.listings.caching import category_choices
from board.listings.paging import ranked_page
from board.search.engine import MAX_QUERY_LENGTH, validate_searchable

POSTED_WITHIN = [
    ("1", "Last 24 hours"),
    ("3", "Last 3 days"),
    ("7", "Last 7 days"),
    ("30", "Last 30 days"),
]
SORTS = [("relevance", "Most relevant"), ("newest", "Newest"), ("salary", "Highest salary")]


class SearchForm(forms.Form):
    """JobFilter's form (django-filter adds the fields). The category and currency
    choices are loaded when first read (the select, the check of a chosen value, a
    chip), once per search: results that read none, as most htmx results, load none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = SimpleLazyObject(lambda: self.categories)
        self.fields["currency"].choices = SimpleLazyObject(
            lambda: [(code, code) for code in sorted(self.rates)]
        )

    @cached_property
    def categories(self):
        """(slug, name) of the active categories, from the listing cache."""
        return category_choices()

    @cached_property
    def rates(self):
        return currencies.rates()


# JobFilter and its subclasses (the REST API's) -> their form class: see get_form_class.
FORM_CLASSES = {}


class JobFilter(django_filters.FilterSet):
    """The fields and how each filters; the form's markup, with its htmx hooks, is
    templates/includes/search_fields.html."""

    q = django_filters.CharFilter(
        label="Keywords",
        method="filter_keywords",
        max_length=MAX_QUERY_LENGTH,
        help_text=f"Words in the title, skills or company; at most {MAX_QUERY_LENGTH} characters.",
        # "+++" or "the": an error the page shows, never a search for every job.
        validators=[validate_searchable],
    )
    location = django_filters.CharFilter(
        label="Location",
        method="filter_location",
        max_length=100,
        help_text="A city, region or country (name or ISO code).",
    )
    # distinct=False: these filter the job row itself, so no join can repeat a
    # job, and DISTINCT would make every count and page query slower.
    workplace = django_filters.MultipleChoiceFilter(
        choices=Job.Workplace.choices,
        distinct=False,
    )
    employment_type = django_filters.MultipleChoiceFilter(
        label="Job type",
        choices=Job.EmploymentType.choices,
        distinct=False,
    )
    experience_level = django_filters.MultipleChoiceFilter(
        label="Experience",
        choices=Job.ExperienceLevel.choices,
        distinct=False,
    )
    category = django_filters.ChoiceFilter(
        field_name="category__slug",
        label="Category",
        empty_label="Any category",
        help_text="A category's slug.",
        choices=[],  # SearchForm's
    )
    salary_min = django_filters.NumberFilter(
        label="Minimum salary",
        method="filter_salary",
        min_value=0,
        max_value=100_000_000,
        help_text="A year, at the top of each job's range; other periods and currencies "
        "are converted.",
    )
    # The currency salary_min is in, and that job cards show converted pay in.
    currency = django_filters.ChoiceFilter(
        label="Currency",
        choices=[],  # SearchForm's: the currencies with an exchange rate
        empty_label=None,
        help_text="The ISO 4217 code of salary_min, with an exchange rate; default USD.",
        method="filter_nothing",  # read by filter_salary
    )
    posted_within = django_filters.ChoiceFilter(
        label="Posted",
        choices=POSTED_WITHIN,
        empty_label="Any time",
        help_text="Published in the last 1, 3, 7 or 30 days.",
        method="filter_posted_within",
    )
    visa = django_filters.BooleanFilter(
        label="Visa sponsorship",
        help_text="Only jobs that sponsor work visas.",
        method="filter_visa",
        widget=forms.CheckboxInput,  # a ticked box sends "on"
    )
    # Set by links from a company's page; filtered by slug in the main query.
    company = django_filters.CharFilter(
        field_name="company__slug",
        max_length=140,
        widget=forms.HiddenInput,
        help_text="A company's slug.",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORTS,
        empty_label=None,
        help_text="relevance (the default with q), newest (the default without) or salary "
        "(yearly pay compared in one currency; jobs without pay or a rate last).",
        method="filter_nothing",  # ordering happens last, in filter_queryset
    )

    class Meta:
        model = Job
        fields = []
        form = SearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.typos = False  # True once the search allows for typos (see qs)

    def get_form_class(self):
        """The form class, built once per FilterSet class instead of once per search.

        django-filter builds a new class from the filters for every search (form
        fields, then a metaclass), about a tenth of a search's work here. Its
        fields depend only on the declared filters, never on the search: what does
        vary (the category and currency choices) is set on each form (SearchForm).
        django-filter documents this method as the one to override.
        """
        cls = type(self)
        if cls not in FORM_CLASSES:
            FORM_CLASSES[cls] = super().get_form_class()
        return FORM_CLASSES[cls]

    @property
    def categories(self):
        return self.form.categories

    def rates(self):
        """The exchange rates this search converts with (board/currencies/rates.py)."""
        return self.form.rates

    def display_currency(self):
        """The currency pay is compared and shown in: the visitor's, else USD (else euros)."""
        chosen = self.valid_data().get("currency")
        if chosen:
            return chosen
        return currencies.default_display(self.rates())

    # What people type is rendered afresh for every search. The markup of the other
    # fields is cached (templates/board/job_list.html) under this key: searches with
    # the same filters share it.
    TYPED_FIELDS = ("q", "location")

    def filter_fields_key(self):
        """What the markup of the fields other than TYPED_FIELDS shows, as a string:
        the values submitted for them (what is ticked, selected or typed, and so
        which errors show), the category and currency choices. Labels and the rest
        come from code."""
        submitted = [
            (name, self.data.getlist(name))
            for name in self.filters
            if name not in self.TYPED_FIELDS
        ]
        choices = (self.categories, sorted(self.rates()), self.display_currency())
        return repr((self.is_bound, submitted, choices))

    # Keywords are first searched as typed. Only if they find nothing does the
    # search allow for typos ("mechancal"): that query is slower, and exact matches
    # are what people want when there are some.

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            jobs = super().qs
            if self.keywords() and not jobs.exists():
                self._allow_typos()
        return self._qs

    def page(self, number, per_page):
        """The page of results the list shows, as Paginator.get_page() would give it.

        A ranked search pages with ranked_page() (board/listings/paging.py); its count tells
        whether the words were found, so no separate exists() query is needed.
        """
        page = self._page(super().qs, number, per_page)
        if not page.paginator.count and self.keywords() and not self.typos:
            self._allow_typos()
            page = self._page(self._qs, number, per_page)
        return page

    def _page(self, jobs, number, per_page):
        if self.ranks_by_relevance():
            # The page's jobs are fetched by id from the unfiltered queryset: the
            # ranking query has applied the filters, and rank is not shown.
            return ranked_page(jobs, number, per_page, rows=self.queryset)
        return Paginator(jobs, per_page).get_page(number)

    def _allow_typos(self):
        self.typos = True
        del self._qs  # so that django-filter filters again, now with typos
        self._qs = super().qs

    def keywords(self):
        return self.valid_data().get("q") or ""

    def ranks_by_relevance(self):
        return self.ordering()[0] == "-rank"

    def filter_keywords(self, queryset, name, value):
        return queryset.search(value, typos=self.typos)

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
        # Jobs without a salary (or an exchange rate) drop out only when this filter is used.
        return queryset.paying_at_least(value, self.display_currency(), self.rates())

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(published_at__gte=timezone.now() - timedelta(days=int(value)))

    def filter_visa(self, queryset, name, value):
        return queryset.filter(visa_sponsorship=True) if value else queryset

    def filter_nothing(self, queryset, name, value: str):  # the hint: its OpenAPI type
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*self.ordering())

    def valid_data(self):
        """The form's valid fields: invalid ones are reported on the form and ignored."""
        if not self.is_bound:
            return {}
        self.form.is_valid()  # validates once; cleaned_data keeps the valid fields
        return self.form.cleaned_data

    def ordering(self):
        data = self.valid_data()
        sort = data.get("sort") or ("relevance" if data.get("q") else "newest")
        if sort == "relevance" and data.get("q"):
            return ["-rank", "-published_at", "-id"]
        if sort == "salary":
            return list(SALARY_ORDERING)
        return ["-published_at", "-id"]

    def active_filters(self):
        """(label, query string without it) for each filter in use: the removable chips."""
        chips = []
        for name, value in self.valid_data().items():
            if name in ("sort", "currency") or value in (None, "", [], False):
                continue
            field = self.form.fields[name]
            if isinstance(value, list):
                labels = dict(field.choices)
                for item in value:
                    chips.append((labels[item], self._without(name, item)))
            elif name == "posted_within":
                chips.append((dict(POSTED_WITHIN)[value], self._without(name)))
            elif name == "salary_min":
                amount = currencies.format_money(int(value), self.display_currency())
                chips.append((f"At least {amount} a year", self._without(name)))
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
