"""The job search: one form and one rule behind /jobs/, its htmx fragments, its feed,
job alerts, the REST job list and GraphQL's `jobs`.

SearchForm says what a search accepts: its fields' names, validation, messages and
help texts. The REST parameters (board/api/views_public.py) and the GraphQL input
(board/graphql/schema.py) are derived from its fields. JobSearch says what a search
finds and in which order.

Invalid values (a negative salary, an unknown category) are reported on the form and
ignored, so a mistyped URL still shows jobs instead of an error page; REST and GraphQL
refuse them instead (is_valid()), since a program sent them.

A plain Django form, not a django-filter FilterSet: a FilterSet deep-copies all of its
filters for every search, which was two thirds of what issue 14's version cost more
than the one before (docs/benchmarks.md).
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from board.companies.models import Company
from board.currencies import rates as currencies
from board.jobs.models import SALARY_ORDERING, Job
from board.listings.caching import active_categories
from board.listings.paging import ranked_page
from board.places.lookups import is_remote, resolve
from board.places.models import Place
from board.search import snippets
from board.search.engine import MAX_QUERY_LENGTH, validate_searchable
from board.search.ranking import finds_any

POSTED_WITHIN = [
    ("1", gettext_lazy("Last 24 hours")),
    ("3", gettext_lazy("Last 3 days")),
    ("7", gettext_lazy("Last 7 days")),
    ("30", gettext_lazy("Last 30 days")),
]
SORTS = [
    ("relevance", gettext_lazy("Most relevant")),
    ("newest", gettext_lazy("Newest")),
    ("salary", gettext_lazy("Highest salary")),
]
RADII = [
    ("10", gettext_lazy("Within 10 km")),
    ("25", gettext_lazy("Within 25 km")),
    ("50", gettext_lazy("Within 50 km")),
    ("100", gettext_lazy("Within 100 km")),
]


class SearchForm(forms.Form):
    """What a search accepts. The markup, with its htmx hooks, is written out by hand in
    templates/includes/search_fields.html.

    The category and currency choices are loaded when first read (the select, the
    check of a chosen value, a chip), once per form: results that read none, as most
    htmx results, load none.
    """

    q = forms.CharField(
        label=gettext_lazy("Keywords"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=f"Words in the title, skills or company; at most {MAX_QUERY_LENGTH} characters.",
        # "+++" or "the": an error the page shows, never a search for every job.
        validators=[validate_searchable],
    )
    location = forms.CharField(
        label=gettext_lazy("Location"),
        required=False,
        max_length=100,
        help_text="A city, region, country or area (a name, an alias such as NYC or UK, or an "
        "ISO code); Remote for remote jobs.",
    )
    workplace = forms.MultipleChoiceField(
        label=gettext_lazy("Workplace"), required=False, choices=Job.Workplace.choices
    )
    employment_type = forms.MultipleChoiceField(
        label=gettext_lazy("Job type"), required=False, choices=Job.EmploymentType.choices
    )
    experience_level = forms.MultipleChoiceField(
        label=gettext_lazy("Experience"), required=False, choices=Job.ExperienceLevel.choices
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        help_text="A category's slug.",  # choices: set on each form, see __init__
    )
    salary_min = forms.DecimalField(
        label=gettext_lazy("Minimum salary"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        # Shown under the field (the other help texts document the REST and GraphQL API).
        help_text=gettext_lazy(
            "A year, at the top of each job's range; other periods and currencies are converted."
        ),
    )
    # The currency salary_min is in, and that job cards show converted pay in.
    currency = forms.ChoiceField(
        label=gettext_lazy("Currency"),
        required=False,
        help_text="The ISO 4217 code of salary_min, with an exchange rate; default USD.",
    )
    posted_within = forms.TypedChoiceField(
        label=gettext_lazy("Posted"),
        required=False,
        choices=[("", gettext_lazy("Any time")), *POSTED_WITHIN],
        coerce=int,  # days
        empty_value=None,
        help_text="Published in the last 1, 3, 7 or 30 days.",
    )
    visa = forms.BooleanField(
        label=gettext_lazy("Visa sponsorship"),
        required=False,  # a ticked box sends "on"
        help_text="Only jobs that sponsor work visas.",
    )
    # Around the location's city, when it is one (a country or area has no centre).
    radius = forms.TypedChoiceField(
        label=gettext_lazy("Distance"),
        required=False,
        choices=[("", gettext_lazy("Only this place")), *RADII],
        coerce=int,  # km
        empty_value=None,
        help_text="Kilometres around the location: 10, 25, 50 or 100.",
    )
    remote_from = forms.ChoiceField(
        label=gettext_lazy("Remote, workable from"),
        required=False,
        help_text="An ISO 3166 country code: remote jobs that people working from there may take.",
    )  # choices: set on each form, see __init__
    # Set by links from a company's page.
    company = forms.CharField(
        label="Company slug",
        required=False,
        max_length=140,
        widget=forms.HiddenInput,
        help_text="A company's slug.",
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=SORTS,
        help_text="relevance (the default with q), newest (the default without) or salary "
        "(yearly pay compared in one currency; jobs without pay or a rate last).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Callables: Django reads them when the choices are iterated, not before.
        self.fields["category"].choices = lambda: [
            ("", gettext_lazy("Any category")),
            *self.categories,
        ]
        self.fields["currency"].choices = lambda: [(code, code) for code in sorted(self.rates)]
        self.fields["remote_from"].choices = lambda: [("", gettext_lazy("Anywhere")), *countries]

    @cached_property
    def active_categories(self):
        """(slug, name, id) of the active categories, from the listing cache."""
        return active_categories()

    @cached_property
    def categories(self):
        """(slug, name) of the active categories: the category's choices."""
        return [(slug, name) for slug, name, _ in self.active_categories]

    def category_id(self, slug):
        """The id of the active category `slug` (a valid choice), from the same list."""
        return next(pk for known, _, pk in self.active_categories if known == slug)

    @cached_property
    def rates(self):
        """The exchange rates this search converts with (board/currencies/rates.py)."""
        return currencies.rates()


class JobSearch:
    """A search of `queryset` (jobs) for `data` (a QueryDict: the query string, or what
    REST and GraphQL received, written as one).

    `qs` is every match in the order asked for; `page()` one page of them, as the list
    shows it. The rest is what the page shows about the search: its chips
    (active_filters), the currency pay is shown in, the key of the form's cached markup.
    """

    def __init__(self, data, queryset, rows=None):
        self.data = data
        self.queryset = queryset
        # What page() reads the page's jobs from, by id (default: `queryset`): a list's
        # cards join what they show there (board/listings/cards.py for_cards), and the
        # search's own queries, which count and sort the matches, go without.
        self.rows = queryset if rows is None else rows
        self.form = SearchForm(data)
        self.typos = False  # True once the search allows for typos (see qs)
        self._matches = None

    def is_valid(self):
        return self.form.is_valid()

    @property
    def errors(self):
        return self.form.errors

    def valid_data(self):
        """The form's valid fields: invalid ones are reported on the form and ignored."""
        if not self.form.is_bound:
            return {}
        self.form.is_valid()  # validates once; cleaned_data keeps the valid fields
        return self.form.cleaned_data

    # Keywords are first searched as typed. Only if they find nothing does the
    # search allow for typos ("mechancal"): that query is slower, and exact matches
    # are what people want when there are some. And only if the words match no open
    # job at all, filters aside: "data" among nursing jobs is no typo, and the
    # fuzzy query would read every job of the filters to say so.

    @property
    def qs(self):
        if self._matches is None:
            self._matches = self._filtered()
            # Words that match no open job find nothing with any filter either: no
            # need to ask whether the filtered search found something (see finds_any:
            # asked with exists(), PostgreSQL may read every job).
            if self.keywords() and self._may_be_misspelt():
                self._allow_typos()
        return self._matches

    def page(self, number, per_page):
        """The page of results the list shows, as Paginator.get_page() would give it
        (with a capped count: board/listings/paging.py).

        A ranked search pages with ranked_page() (board/listings/paging.py); its count
        tells whether the words were found, so no separate exists() query is needed.
        """
        if self._matches is None:
            self._matches = self._filtered()
        page = self._page(self._matches, number, per_page)
        if (
            not page.paginator.count
            and self.keywords()
            and not self.typos
            and self._may_be_misspelt(found_none=self._matches)
        ):
            self._allow_typos()
            page = self._page(self._matches, number, per_page)
        if self.keywords():
            # Where the words matched, for this page's jobs only (one query).
            snippets.attach(page.object_list, self.keywords())
        return page

    def _page(self, jobs, number, per_page):
        # Every order pages with ranked_page: a count capped at SEARCH_COUNT_CAP
        # ("1,000+ jobs") and no deeper pages, so a broad search never counts or
        # sorts every match. The page's jobs are fetched by id from the unfiltered
        # queryset: the first query has applied the filters, and rank is not shown.
        return ranked_page(jobs, number, per_page, rows=self.rows)

    def _may_be_misspelt(self, found_none=None):
        """Whether the keywords match no open job at all (see qs).

        `found_none`: a search just counted and found empty. If it is the words'
        own search of every open job (no filter), it has answered: asking again
        cost a second pass over the words' bitmaps ("senior devloper": 90 ms at a
        million jobs).
        """
        words = Job.objects.visible().search(self.keywords())
        if found_none is not None and _same_query(found_none, words):
            return True
        return not finds_any(words)

    def _allow_typos(self):
        self.typos = True
        self._matches = self._filtered()

    def _filtered(self):
        """The jobs matching every valid field, in the order asked for. A blank or
        invalid field filters nothing."""
        data = self.valid_data()
        jobs = self.queryset.all()
        if data.get("q"):
            jobs = jobs.search(data["q"], typos=self.typos)
        jobs = self._located(jobs, data)
        for name in ("workplace", "employment_type", "experience_level"):
            jobs = _one_of(jobs, name, data.get(name), self.form.fields[name].choices)
        if data.get("category"):
            # By id, not by a join on the slug: the planner then estimates the matches
            # from category_id's statistics. Through the join it took "engineer" in
            # Software Development for 905 of a million jobs (37,899: a word goes with
            # its category), counted them rather than sampling (board/search/ranking.py),
            # and spent 0.5 s.
            jobs = jobs.filter(category_id=self.form.category_id(data["category"]))
        if data.get("salary_min") is not None:
            # Jobs without a salary (or an exchange rate) drop out only when this is used.
            jobs = jobs.paying_at_least(data["salary_min"], self.display_currency(), self.rates())
        if data.get("posted_within"):
            jobs = jobs.filter(
                published_at__gte=timezone.now() - timedelta(days=data["posted_within"])
            )
        if data.get("visa"):
            jobs = jobs.filter(visa_sponsorship=True)
        if data.get("company"):
            jobs = jobs.filter(company__slug=data["company"])
        return jobs.order_by(*self.ordering())

    def _located(self, jobs, data):
        """Jobs in the location's place (or within the radius of it), remote jobs for
        "Remote", then remote jobs open to people working from remote_from."""
        text = (data.get("location") or "").strip()
        if text and is_remote(text):
            jobs = jobs.filter(workplace=Job.Workplace.REMOTE)
        elif text and self.place is None:
            jobs = jobs.filter(_as_typed(text))  # not a known place: the words as typed
        elif text and data.get("radius") and self._has_centre():
            jobs = jobs.near(self.place, data["radius"])
        elif text:
            jobs = jobs.in_place(self.place)
        if data.get("remote_from"):
            jobs = jobs.workable_from(data["remote_from"])
        return jobs

    def _has_centre(self):
        # A radius is around a city: a country's or region's centre is no place to measure from.
        return self.place.kind == Place.Kind.CITY and self.place.latitude is not None

    @cached_property
    def place(self):
        """The Place the location names (board/places), or None."""
        text = (self.valid_data().get("location") or "").strip()
        return resolve(text) if text else None

    def keywords(self):
        return self.valid_data().get("q") or ""

    def ordering(self):
        data = self.valid_data()
        sort = data.get("sort") or ("relevance" if data.get("q") else "newest")
        if sort == "relevance" and data.get("q"):
            return ["-rank", "-published_at", "-id"]
        if sort == "salary":
            return list(SALARY_ORDERING)
        return ["-published_at", "-id"]

    def ranks_by_relevance(self):
        return self.ordering()[0] == "-rank"

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
        which errors show), the category and currency choices, and the language of
        the labels, which come from code."""
        submitted = [
            (name, self.data.getlist(name))
            for name in self.form.fields
            if name not in self.TYPED_FIELDS
        ]
        choices = (self.categories, sorted(self.rates()), self.display_currency())
        # The labels are in the page's language (docs/i18n.md).
        return repr((get_language(), self.form.is_bound, submitted, choices))

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
                chips.append((dict(POSTED_WITHIN)[str(value)], self._without(name)))
            elif name == "salary_min":
                amount = currencies.format_money(int(value), self.display_currency())
                chips.append(
                    (_("At least %(amount)s a year") % {"amount": amount}, self._without(name))
                )
            elif name == "visa":
                chips.append((_("Visa sponsorship"), self._without(name)))
            elif name == "q":
                chips.append((_("“%(words)s”") % {"words": value}, self._without(name)))
            elif name == "category":
                chips.append((dict(field.choices)[value], self._without(name)))
            elif name == "radius":
                if self.place is not None and self._has_centre():  # only around a city
                    chips.append((dict(RADII)[str(value)], self._without(name)))
            elif name == "remote_from":
                chips.append(
                    (
                        _("Remote from %(country)s") % {"country": countries.name(value)},
                        self._without(name),
                    )
                )
            elif name == "company":
                company = Company.objects.filter(slug=value).first()
                chips.append((company.name if company else value, self._without(name)))
            else:
                chips.append((str(value), self._without(name)))
        # Lazy choice labels made text now, in the language of this request.
        return [(str(label), query) for label, query in chips]

    def _without(self, name, item=None):
        data = self.data.copy()
        data.pop("page", None)
        if item is None:
            data.pop(name, None)
        else:
            data.setlist(name, [v for v in data.getlist(name) if v != item])
        return data.urlencode()


def _as_typed(text):
    """Jobs whose (first) city, region or country is named `text`, for a place the places
    table does not know (a country also by ISO code)."""
    match = Q(city__icontains=text) | Q(region__icontains=text)
    code = countries.by_name(text) or (text.upper() if text.upper() in countries else "")
    if code:
        match |= Q(country=code)
    return match


def _same_query(one, other):
    """Whether two querysets are the same query, order aside, but for their
    parameters' values (each reads "now" for what is open): for two searches of
    the same words, whether one has any filter the other has not."""
    try:
        return (
            one.order_by().query.sql_with_params()[0] == other.order_by().query.sql_with_params()[0]
        )
    except EmptyResultSet:  # a query that can match nothing has no SQL
        return False


def _one_of(jobs, name, chosen, choices):
    """Jobs whose `name` is one of the `chosen` values: all of them or none, no condition."""
    chosen = set(chosen or ())
    if not chosen or len(chosen) == len(choices):
        return jobs
    match = Q()
    for value in sorted(chosen):
        match |= Q(**{name: value})
    return jobs.filter(match)
