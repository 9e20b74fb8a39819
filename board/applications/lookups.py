"""The employer's pipeline lookups, shared by the site and the REST API.

A job or an application of the user's own company; anything else, another
company's included, is 404 exactly like a missing id (board/companies/lookups.py
says who has a company).
"""

from django.shortcuts import get_object_or_404

from board.applications.models import Application
from board.companies.lookups import membership_or_404
from board.jobs.models import Job


def company_job_or_404(user, pk):
    """One of the user's company's jobs, whatever its status, with the company set."""
    company = membership_or_404(user).company
    job = get_object_or_404(Job.objects.for_company(company), pk=pk)
    job.company = company
    return job


def company_application_or_404(user, pk):
    """An application to a job of the user's company, with what the pipeline shows."""
    applications = Application.objects.for_company(membership_or_404(user).company)
    return get_object_or_404(applications.with_pipeline_data(), pk=pk)
