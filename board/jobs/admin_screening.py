from django.contrib import admin

from board.jobs.screening import MAX_QUESTIONS, ScreeningQuestion


class ScreeningQuestionInline(admin.StackedInline):
    """A job's screening questions, for staff helping an employer. Answers already
    given keep the question as it was asked (board/applications/screening.py)."""

    model = ScreeningQuestion
    extra = 0
    max_num = MAX_QUESTIONS
    fields = [
        ("text", "kind", "required", "position"),
        "options",
        ("knockout_answer", "knockout_below"),
    ]
