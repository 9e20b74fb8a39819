"""Editing a job's screening questions: the one function the site's page calls."""

import logging

from django.db import transaction

from board.jobs import workflow
from board.jobs.screening import MAX_QUESTIONS

logger = logging.getLogger(__name__)


@transaction.atomic
def save_questions(job, formset, by):
    """Save a valid question formset for the job; True if the change took a live job
    of an unverified company back to review (the same rule as editing its text).

    A question whose kind changed is a new question: its old answers stay, with the
    text and kind they were given to (a snapshot), but are detached from it so a
    filter on the new question never matches answers to the old one.
    """
    workflow.require_editable(job, by)
    returns_to_review = job.edits_need_review and formset.has_changed()
    changed_kind = [
        form.instance
        for form in formset.initial_forms
        if "kind" in form.changed_data and form not in formset.deleted_forms
    ]
    questions = formset.save(commit=False)
    for question in formset.deleted_objects:
        question.delete()
    for question in changed_kind:
        question.answers.update(question=None)
    for position, question in enumerate(questions):
        question.job = job
        if question.pk is None:  # after the existing ones, in the order given
            question.position = MAX_QUESTIONS + position
        question.save()
    _renumber(job)
    if returns_to_review:
        workflow.return_to_review(job)
    logger.info("job %s screening questions saved by user %s", job.pk, by.pk)
    return returns_to_review


def _renumber(job):
    for position, question in enumerate(job.screening_questions.order_by("position", "id")):
        if question.position != position:
            question.position = position
            question.save(update_fields=["position"])
