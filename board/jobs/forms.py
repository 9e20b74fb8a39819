from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from board.jobs import locations
from board.jobs.models import LISTING_DAYS, Category, Job, max_listing_days

DESCRIPTION_MIN_CHARS = 150
DESCRIPTION_MAX_CHARS = 20_000
PAY_HELP = gettext_lazy(
    "Strongly encouraged: many places require a pay range in job ads, and listings with "
    "pay get more applicants. Leave the maximum empty for “from …”."
)


ENDS_ON_INVALID = gettext_lazy("Enter the closing date as a date, like 2031-03-31.")


def limit_ends_on(field):
    """The date picker offers today to the last day allowed; check_ends_on checks."""
    today, longest = timezone.localdate(), max_listing_days()
    field.widget.attrs.update(
        min=today.isoformat(), max=(today + timedelta(days=longest)).isoformat()
    )
    # Lazy: the form is built once per request, but its help is read in the page's language.
    field.help_text = format_lazy(
        gettext_lazy(
            "Optional: the last day the job takes applications; it closes itself after "
            "that day. Empty: {listing_days} days after it is published. At most "
            "{longest} days ahead."
        ),
        listing_days=LISTING_DAYS,
        longest=longest,
    )


def check_ends_on(day):
    """A closing date: today or later, and within the longest listing period."""
    today, longest = timezone.localdate(), max_listing_days()
    if day < today:
        raise forms.ValidationError(_("The closing date cannot be in the past."))
    last = today + timedelta(days=longest)
    if day > last:
        raise forms.ValidationError(
            _("A listing runs for at most %(longest)s days: choose %(last)s or earlier.")
            % {"longest": longest, "last": date_format(last, "j F Y")}
        )
    return day


class LinesField(forms.CharField):
    """Text whose lines are what counts: "Lisbon\r\nPorto " is "Lisbon\nPorto", so an
    unchanged textarea posted back is unchanged (has_changed), whatever the browser's
    line ends."""

    def to_python(self, value):
        return "\n".join(locations.split_lines(super().to_python(value)))


class ListField(forms.CharField):
    """Comma-separated names, compared as such ("EU,UK" is "EU, UK")."""

    def to_python(self, value):
        parts = super().to_python(value).replace("\n", ",").split(",")
        return ", ".join(" ".join(part.split()) for part in parts if part.strip())


class JobForm(forms.ModelForm):
    """What an employer may set on a job. Status, company, dates and poster are
    the views' and the workflow's business, so they are not fields here.

    Where the job is: `locations` and `remote_within`, resolved to places here
    (board/jobs/locations.py) and stored by the workflow (post_job, edit_job)."""

    # Not model fields: the job's JobLocation rows and its remote_within places.
    LOCATION_FIELDS = ["locations", "remote_within"]

    locations = LinesField(
        label=gettext_lazy("Locations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=format_lazy(
            gettext_lazy(
                "One a line, up to {max}: a city, region or country "
                "(“Lisbon”, “Austin, TX”, “Germany”). On-site and hybrid jobs need one. A small "
                "town we do not know is fine with its country: “Óbidos, Portugal”."
            ),
            max=locations.MAX_LOCATIONS,
        ),
    )
    remote_within = ListField(
        label=gettext_lazy("Remote within"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Remote jobs: the countries or areas applicants may work from, separated by "
            "commas (“EU, United Kingdom”, “Africa”, “US time zones”). Empty: anywhere."
        ),
    )

    class Meta:
        model = Job
        fields = [
            "title", "category", "employment_type", "experience_level", "workplace",
            "salary_min", "salary_max", "salary_currency", "salary_period", "visa_sponsorship",
            "language", "description", "apply_url", "ends_on",
        ]  # fmt: skip
        # Every label here, the model's too: the model's verbose names are not translated.
        labels = {
            "title": gettext_lazy("Title"),
            "category": gettext_lazy("Category"),
            "employment_type": gettext_lazy("Employment type"),
            "experience_level": gettext_lazy("Experience level"),
            "workplace": gettext_lazy("Workplace"),
            "salary_min": gettext_lazy("Pay from"),
            "salary_max": gettext_lazy("Pay up to"),
            "salary_currency": gettext_lazy("Currency"),
            "salary_period": gettext_lazy("Paid"),
            "visa_sponsorship": gettext_lazy("We sponsor work visas for this job"),
            "language": gettext_lazy("Language of the ad"),
            "description": gettext_lazy("Description"),
            "apply_url": gettext_lazy("External apply URL"),
            "ends_on": gettext_lazy("Applications close on"),
        }
        help_texts = {
            "salary_min": PAY_HELP,
            "description": format_lazy(
                gettext_lazy(
                    "At least {min} characters. Markdown: **bold**, *italic*, "
                    "## headings, - lists and [links](https://…)."
                ),
                min=DESCRIPTION_MIN_CHARS,
            ),
            "apply_url": gettext_lazy(
                "Leave empty to receive applications and résumés on Nexus Jobs, or give the "
                "http(s) address of your own application page."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 14}),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {"ends_on": {"invalid": ENDS_ON_INVALID}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active categories only, but a job keeps the one it has if it was retired.
        categories = Q(is_active=True)
        if self.instance.category_id:
            categories |= Q(pk=self.instance.category_id)
        self.fields["category"].queryset = Category.objects.filter(categories)
        if self.instance.pk:
            for name, value in self.location_values(self.instance).items():
                self.initial.setdefault(name, value)
        # The ad's language starts as the page's. A client that sends none (the API's
        # older clients, scripts) keeps the job's: the field is left out, never emptied.
        if self.is_bound and "language" not in self.data:
            del self.fields["language"]
        elif not self.instance.pk:
            self.initial.setdefault("language", translation.get_language())
        if "language" in self.fields:
            # Django's names of languages (its own catalogues translate them), in the page's.
            self.fields["language"].choices = [
                (code, gettext_lazy(name)) for code, name in self.fields["language"].choices
            ]
        self.fields["description"].max_length = DESCRIPTION_MAX_CHARS
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX_CHARS
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Basics"), "title", "category", "employment_type", "experience_level"),
            Fieldset(
                _("Location and workplace"),
                "workplace",
                "locations",
                HTML('{% include "employer/job_form.html#location_adder" %}'),
                "remote_within",
                "visa_sponsorship",
            ),
            Fieldset(_("Pay"), "salary_min", "salary_max", "salary_currency", "salary_period"),
            Fieldset(
                _("Description"),
                "language",
                "description",
                HTML('{% include "employer/job_form.html#description_preview_region" %}'),
            ),
            Fieldset(_("How to apply"), "apply_url", "ends_on"),
        )
        self._limit_ends_on()

    def _limit_ends_on(self):
        limit_ends_on(self.fields["ends_on"])

    def clean_ends_on(self):
        """A date the job already has is left alone: a job waiting for review keeps
        its own (publishing it then gives it the default period: Job.listing_end)."""
        day = self.cleaned_data["ends_on"]
        if day is None or (self.instance.pk and day == self.instance.ends_on):
            return day
        return check_ends_on(day)

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) < DESCRIPTION_MIN_CHARS:
            raise forms.ValidationError(
                _(
                    "Describe the job in at least %(min)s characters (this has %(count)s): "
                    "the role, the team, and what you offer."
                )
                % {"min": DESCRIPTION_MIN_CHARS, "count": len(description)}
            )
        return description

    @staticmethod
    def location_values(job):
        """The location fields' values for a saved job, as its edit form shows them."""
        return {
            "locations": "\n".join(row.text for row in job.locations.all()),
            "remote_within": ", ".join(place.name for place in job.remote_within.all()),
        }

    def clean_locations(self):
        try:
            known = locations.located_of(self.instance) if self.instance.pk else ()
            located = locations.resolve_locations(self.cleaned_data["locations"], known)
        except locations.LocationError as error:
            raise forms.ValidationError(error.messages) from None
        self.cleaned_data["located"] = located
        return self.cleaned_data["locations"]

    def clean_remote_within(self):
        try:
            places = locations.resolve_remote_within(self.cleaned_data["remote_within"])
        except locations.LocationError as error:
            raise forms.ValidationError(error.messages) from None
        self.cleaned_data["remote_places"] = places
        return self.cleaned_data["remote_within"]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The top of the range must not be below its bottom."))
        workplace = cleaned.get("workplace")
        on_site = workplace in (Job.Workplace.ON_SITE, Job.Workplace.HYBRID)
        if on_site and "located" in cleaned and not cleaned["located"]:
            self.add_error(
                "locations", _("On-site and hybrid jobs need a location: a city or a country.")
            )
        if workplace != Job.Workplace.REMOTE and cleaned.get("remote_places"):
            self.add_error("remote_within", _("Only remote jobs take “Remote within”."))
        return cleaned


class ReopenForm(forms.Form):
    """The new closing date of a job being reopened (board/jobs/workflow.reopen_job)."""

    ends_on = forms.DateField(
        label=gettext_lazy("Applications close on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": ENDS_ON_INVALID},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_ends_on(self.fields["ends_on"])

    def clean_ends_on(self):
        day = self.cleaned_data["ends_on"]
        return day if day is None else check_ends_on(day)
