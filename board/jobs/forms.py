from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.db.models import Q

from board.jobs.models import Category, Job

DESCRIPTION_MIN_CHARS = 150
DESCRIPTION_MAX_CHARS = 20_000
PAY_HELP = (
    "Strongly encouraged: many places require a pay range in job ads, and listings with "
    "pay get more applicants. Leave the maximum empty for “from …”."
)


class JobForm(forms.ModelForm):
    """What an employer may set on a job. Status, company, dates and poster are
    the views' and the workflow's business, so they are not fields here."""

    class Meta:
        model = Job
        fields = [
            "title", "category", "employment_type", "experience_level", "workplace", "city",
            "region", "country", "salary_min", "salary_max", "salary_currency", "salary_period",
            "visa_sponsorship", "description", "apply_url",
        ]  # fmt: skip
        labels = {
            "salary_min": "Pay from",
            "salary_max": "Pay up to",
            "salary_currency": "Currency",
            "salary_period": "Paid",
            "visa_sponsorship": "We sponsor work visas for this job",
            "region": "Region or state",
        }
        help_texts = {
            "city": "On-site and hybrid jobs need a city or a country.",
            "salary_min": PAY_HELP,
            "description": (
                f"At least {DESCRIPTION_MIN_CHARS} characters. Markdown: **bold**, *italic*, "
                "## headings, - lists and [links](https://…)."
            ),
            "apply_url": (
                "Leave empty to receive applications and résumés on Nexus Jobs, or give the "
                "http(s) address of your own application page."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Active categories only, but a job keeps the one it has if it was retired.
        categories = Q(is_active=True)
        if self.instance.category_id:
            categories |= Q(pk=self.instance.category_id)
        self.fields["category"].queryset = Category.objects.filter(categories)
        self.fields["description"].max_length = DESCRIPTION_MAX_CHARS
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX_CHARS
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset("Basics", "title", "category", "employment_type", "experience_level"),
            Fieldset(
                "Location and workplace",
                "workplace",
                "city",
                "region",
                "country",
                "visa_sponsorship",
            ),
            Fieldset("Pay", "salary_min", "salary_max", "salary_currency", "salary_period"),
            Fieldset(
                "Description",
                "description",
                HTML('{% include "employer/job_form.html#description_preview_region" %}'),
            ),
            Fieldset("How to apply", "apply_url"),
        )

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if len(description) < DESCRIPTION_MIN_CHARS:
            raise forms.ValidationError(
                f"Describe the job in at least {DESCRIPTION_MIN_CHARS} characters "
                f"(this has {len(description)}): the role, the team, and what you offer."
            )
        return description

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The top of the range must not be below its bottom.")
        on_site = cleaned.get("workplace") in (Job.Workplace.ON_SITE, Job.Workplace.HYBRID)
        if on_site and not (cleaned.get("city") or cleaned.get("country")):
            self.add_error("city", "On-site and hybrid jobs need a location: a city or a country.")
        return cleaned
