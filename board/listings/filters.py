"""The job search form: one FilterSet behind /jobs/, its htmx fragments and its feed.

Invalid values (a negative salary, an unknown category) are reported on the
form and ignored, so a mistyped URL still shows jobs instead of an error page.
"""

import copy
from datetime import timedelta

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
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


class ShallowCopied:
    """A filter that its FilterSet copies cheaply.

    A FilterSet deep-copies every filter, with its choices, for every search. A
    search changes nothing on a filter except what FilterSet.__init__ sets on the
    copy (`model`, `parent`) and the form field it may build, so a shallow copy
    does; only a method filter's FilterMethod must be bound to the copy.
    """

    def __deepcopy__(self, memo):
        clone = copy.copy(self)
        clone.method = self.method  # the setter binds a new FilterMethod to the clone
        return clone


class CharFilter(ShallowCopied, django_filters.CharFilter):
    pass


class ChoiceFilter(ShallowCopied, django_filters.ChoiceFilter):
    pass


class MultipleChoiceFilter(ShallowCopied, django_filters.MultipleChoiceFilter):
    pass


class NumberFilter(ShallowCopied, django_filters.NumberFilter):
    pass


class BooleanFilter(ShallowCopied, django_filters.BooleanFilter):
    pass


class JobFilter(django_filters.FilterSet):
    """The fields and how each filters; the form's markup, with its htmx hooks, is
    templates/includes/search_fields.html."""

    q = CharFilter(
        label="Keywords",
        method="filter_keywords",
        max_length=MAX_QUERY_LENGTH,
        # "+++" or "the": an error the page shows, never a search for every job.
        validators=[validate_searchable],
    )
    location = CharFilter(
        label="Location",
        method="filter_location",
        max_length=100,
    )
    # distinct=False: these filter the job row itself, so no join can repeat a
    # job, and DISTINCT would make every count and page query slower.
    workplace = MultipleChoiceFilter(
        choices=Job.Workplace.choices,
        distinct=False,
    )
    employment_type = MultipleChoiceFilter(
        label="Job type",
        choices=Job.EmploymentType.choices,
        distinct=False,
    )
    experience_level = MultipleChoiceFilter(
        label="Experience",
        choices=Job.ExperienceLevel.choices,
        distinct=False,
    )
    category = ChoiceFilter(
        field_name="category__slug",
        label="Category",
        empty_label="Any category",
        choices=[],  # filled in __init__, from the cache (board/listings/caching.py)
    )
    salary_min = NumberFilter(
        label="Minimum salary",
        method="filter_salary",
        min_value=0,
        max_value=100_000_000,
        help_text="A year, at the top of each job's range; other periods and currencies "
        "are converted.",
    )
    # The currency salary_min is in, and that job cards show converted pay in.
    currency = ChoiceFilter(
        label="Currency",
        choices=[],  # filled in __init__: the currencies with an exchange rate
        empty_label=None,
        method="filter_nothing",  # read by filter_salary
    )
    posted_within = ChoiceFilter(
        label="Posted",
        choices=POSTED_WITHIN,
        empty_label="Any time",
        method="filter_posted_within",
    )
    visa = BooleanFilter(
        label="Visa sponsorship",
        method="filter_visa",
        widget=forms.CheckboxInput,  # a ticked box sends "on"
    )
    # Set by links from a company's page; filtered by slug in the main query.
    company = CharFilter(field_name="company__slug", max_length=140, widget=forms.HiddenInput)
    sort = ChoiceFilter(
        label="Sort by",
        choices=SORTS,
        empty_label=None,
        method="filter_nothing",  # ordering happens last, in filter_queryset
    )

    class Meta:
        model = Job
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.typos = False  # True once the search allows for typos (see qs)

    def get_form_class(self):
        # django-filter builds a new form class, and new fields, for every search.
        # The fields are the same for every search, so the class is built once;
        # the only changing part, the category choices, is set on each form below.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            # Lazy: the choices are loaded only when something reads them (the select,
            # a chosen category's check and chip), so the htmx results of a search
            # without a category need no query for them.
            form = super().form
            form.fields["category"].choices = SimpleLazyObject(self.category_choices)
            form.fields["currency"].choices = SimpleLazyObject(self.currency_choices)
        return self._form

    def category_choices(self):
        """(slug, name) of the active categories, loaded at most once per search."""
        if not hasattr(self, "_category_choices"):
            self._category_choices = category_choices(including=self.data.get("category", ""))
        return self._category_choices

    def rates(self):
        """The exchange rates this search converts with, read once (board/currencies/rates.py)."""
        if not hasattr(self, "_rates"):
            self._rates = currencies.rates()
        return self._rates

    def currency_choices(self):
        return [(code, code) for code in sorted(self.rates())]

    def display_currency(self):
        """The currency pay is compared and shown in: the visitor's, else USD (else euros)."""
        chosen = self.valid_data().get("currency")
        if chosen:
            return chosen
        return currencies.default_display(self.rates())

    # What people type is rendered afresh for every search. The markup of the other
    # fields, a fifth of the page's time, is cached in each process under this key
    # (templates/board/job_list.html): searches with the same filters share it.
    TYPED_FIELDS = ("q", "location")

    def filter_fields_key(self):
        """Everything the markup of the other fields shows, as a string.

        That is the values submitted for them (what is ticked, selected or typed into
        the salary box, and so which errors show), the category and currency choices. Labels and
        the rest come from code, the same in every request of a process.
        """
        form = self.form
        submitted = [
            (name, form.data.getlist(name)) for name in form.fields if name not in self.TYPED_FIELDS
        ]
        choices = (self.category_choices(), self.currency_choices(), self.display_currency())
        return repr((form.is_bound, submitted, choices))

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

    def filter_nothing(self, queryset, name, value):
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
