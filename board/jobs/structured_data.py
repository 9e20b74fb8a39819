"""schema.org JobPosting data for search engines (Google's job search).

Built as a plain dict here and serialised by the `ld_json_script` template
filter, which escapes it so that no job text can end the <script> element.
Only for jobs that are open: a closed listing must not be offered as a job.
"""

from django.conf import settings
from django.urls import reverse

from board.jobs.locations import locality
from board.jobs.models import Job
from board.places.models import Place

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
    if company.shows_logo:
        organization["logo"] = absolute_url(reverse("company_logo", args=[company.slug]))
    return organization


def _location(job):
    """Where: a Place per location (one alone, a list for several); remote jobs are
    TELECOMMUTE, with the countries and US states applicants may be in (areas such
    as "EU" as their countries: Google reads countries and states)."""
    data = {}
    rows = job.locations.all()
    places = [_address(job, row) for row in rows] or _job_row_address(job)
    if places:
        data["jobLocation"] = places[0] if len(places) == 1 else places
    if job.workplace == Job.Workplace.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        eligible = _eligible(job.remote_within.all())
        if eligible:
            data["applicantLocationRequirements"] = eligible[0] if len(eligible) == 1 else eligible
    return data


def _address(job, row):
    place = row.place
    if place is None and row.position == 0:  # the job row keeps its parts
        return _place(job.city, job.region, job.country.code if job.country else "")
    if place is None:
        return _place(locality(row.text), row.region, row.country_code)
    if place.kind == Place.Kind.CITY:
        return _place(place.name, place.region, place.country_code)
    return _place("", row.region, row.country_code)


def _job_row_address(job):
    """A job saved before it had locations: its own city/region/country, if any."""
    if job.workplace == Job.Workplace.REMOTE or not (job.city or job.region or job.country):
        return []
    return [_place(job.city, job.region, job.country.code if job.country else "")]


def _place(locality, region, country):
    address = {"@type": "PostalAddress"}
    for key, value in [
        ("addressLocality", locality),
        ("addressRegion", region),
        ("addressCountry", country),
    ]:
        if value:
            address[key] = value
    return {"@type": "Place", "address": address}


def _eligible(places):
    eligible = []
    for place in places:
        if place.kind == Place.Kind.REGION:
            eligible.append({"@type": "State", "name": f"{place.name}, {place.country_code}"})
        else:
            eligible.extend({"@type": "Country", "name": code} for code in place.country_codes())
    return list({str(item): item for item in eligible}.values())  # without repeats


def _salary(job):
    value = {"@type": "QuantitativeValue", "unitText": job.salary_period.upper()}
    if job.salary_min is not None:
        value["minValue"] = job.salary_min
    if job.salary_max is not None:
        value["maxValue"] = job.salary_max
    return {"@type": "MonetaryAmount", "currency": job.salary_currency, "value": value}
