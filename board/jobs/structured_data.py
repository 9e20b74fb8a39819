"""schema.org JobPosting data for search engines (Google's job search).

Built as a plain dict here and serialised by the `ld_json_script` template
filter, which escapes it so that no job text can end the <script> element.
Only for jobs that are open: a closed listing must not be offered as a job.
"""

from django.conf import settings
from django.urls import reverse

from board.jobs.models import Job

EMPLOYMENT_TYPES = {
    Job.EmploymentType.FULL_TIME: "FULL_TIME",
    Job.EmploymentType.PART_TIME: "PART_TIME",
    Job.EmploymentType.CONTRACT: "CONTRACTOR",
    Job.EmploymentType.TEMPORARY: "TEMPORARY",
    Job.EmploymentType.INTERNSHIP: "INTERN",
}


def absolute_url(path):
    return settings.SITE_URL + path


def job_posting(job):
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title,
        "description": str(job.description_html),
        "url": absolute_url(job.get_absolute_url()),
        "datePosted": job.published_at.isoformat(),
        "validThrough": job.expires_at.isoformat(),
        "employmentType": EMPLOYMENT_TYPES[job.employment_type],
        "hiringOrganization": _organization(job.company),
        "identifier": {"@type": "PropertyValue", "name": "Nexus Jobs", "value": str(job.pk)},
        "directApply": not job.apply_url,
    }
    data.update(_location(job))
    if job.salary_min is not None or job.salary_max is not None:
        data["baseSalary"] = _salary(job)
    return data


def _organization(company):
    organization = {"@type": "Organization", "name": company.name}
    if company.website:
        organization["sameAs"] = company.website
    if company.logo:
        organization["logo"] = absolute_url(reverse("company_logo", args=[company.slug]))
    return organization


def _location(job):
    if job.workplace == Job.Workplace.REMOTE:
        location = {"jobLocationType": "TELECOMMUTE"}
        if job.country:
            location["applicantLocationRequirements"] = {
                "@type": "Country",
                "name": job.country.code,
            }
        return location
    address = {"@type": "PostalAddress"}
    for key, value in [
        ("addressLocality", job.city),
        ("addressRegion", job.region),
        ("addressCountry", job.country.code if job.country else ""),
    ]:
        if value:
            address[key] = value
    return {"jobLocation": {"@type": "Place", "address": address}}


def _salary(job):
    value = {"@type": "QuantitativeValue", "unitText": job.salary_period.upper()}
    if job.salary_min is not None:
        value["minValue"] = job.salary_min
    if job.salary_max is not None:
        value["maxValue"] = job.salary_max
    return {"@type": "MonetaryAmount", "currency": job.salary_currency, "value": value}
