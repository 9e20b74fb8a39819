"""Screening questions: what each kind accepts, knock-out rules, a question's own
checks, copies on duplicate, and editing after answers exist."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from board.applications.screening import ScreeningAnswer
from board.jobs import workflow
from board.jobs.screening import ScreeningQuestion
from board.jobs.screening_edits import save_questions
from board.jobs.screening_forms import question_formset
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory
from board.tests.screening_factories import QuestionFactory, answer

pytestmark = pytest.mark.django_db
Kind = ScreeningQuestion.Kind


def question(**fields):
    return ScreeningQuestion(text="Q?", **fields)


class TestParseAnswer:
    @pytest.mark.parametrize(
        ("raw", "parsed"), [("yes", "yes"), ("No", "no"), (True, "yes"), (False, "no"), ("", "")]
    )
    def test_yes_no(self, raw, parsed):
        assert question(kind=Kind.YES_NO).parse_answer(raw) == parsed

    @pytest.mark.parametrize("raw", ["maybe", "1", "oui", ["yes"], {"a": 1}])
    def test_yes_no_refuses_anything_else(self, raw):
        with pytest.raises(ValidationError):
            question(kind=Kind.YES_NO).parse_answer(raw)

    def test_choice_takes_only_an_offered_option(self):
        q = question(kind=Kind.CHOICE, options="Berlin\nLisbon")
        assert q.parse_answer("Lisbon") == "Lisbon"
        with pytest.raises(ValidationError, match="answers offered"):
            q.parse_answer("Paris")

    @pytest.mark.parametrize(
        ("raw", "parsed"), [("3", "3"), ("3.50", "3.5"), ("2,25", "2.25"), (7, "7"), ("-1", "-1")]
    )
    def test_number(self, raw, parsed):
        assert question(kind=Kind.NUMBER).parse_answer(raw) == parsed

    @pytest.mark.parametrize("raw", ["abc", "NaN", "Infinity", "1e12", "9" * 500, "1 000"])
    def test_number_refuses_what_is_no_sensible_number(self, raw):
        with pytest.raises(ValidationError, match="Enter a number"):
            question(kind=Kind.NUMBER).parse_answer(raw)

    def test_text_is_capped(self):
        q = question(kind=Kind.TEXT)
        assert q.parse_answer("  two weeks ") == "two weeks"
        with pytest.raises(ValidationError):
            q.parse_answer("x" * 201)


class TestKnockOut:
    def test_yes_no(self):
        q = question(kind=Kind.YES_NO, knockout_answer="no")
        assert q.knocks_out("no") and not q.knocks_out("yes") and not q.knocks_out("")

    def test_choice(self):
        q = question(kind=Kind.CHOICE, options="On site\nRemote", knockout_answer="Remote")
        assert q.knocks_out("Remote") and not q.knocks_out("On site")

    def test_number_below_the_minimum(self):
        q = question(kind=Kind.NUMBER, knockout_below=Decimal("3"))
        assert q.knocks_out("2.5") and not q.knocks_out("3") and not q.knocks_out("")

    def test_no_rule_never_knocks_out(self):
        assert not question(kind=Kind.YES_NO).knocks_out("no")
        assert not question(kind=Kind.TEXT).knocks_out("anything")


class TestQuestionChecks:
    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"kind": Kind.CHOICE, "options": "Only one"}, "options"),
            ({"kind": Kind.CHOICE, "options": "A\nA"}, "options"),
            ({"kind": Kind.YES_NO, "options": "A\nB"}, "options"),
            ({"kind": Kind.YES_NO, "knockout_answer": "maybe"}, "knockout_answer"),
            ({"kind": Kind.CHOICE, "options": "A\nB", "knockout_answer": "C"}, "knockout_answer"),
            ({"kind": Kind.TEXT, "knockout_answer": "x"}, "knockout_answer"),
            ({"kind": Kind.YES_NO, "knockout_below": 3}, "knockout_below"),
        ],
    )
    def test_a_rule_that_does_not_fit_the_kind_is_refused(self, fields, field):
        with pytest.raises(ValidationError) as error:
            question(**fields).clean()
        assert field in error.value.message_dict

    def test_a_sound_question_passes(self):
        question(kind=Kind.CHOICE, options="A\nB", knockout_answer="B").clean()
        question(kind=Kind.NUMBER, knockout_below=2).clean()


def test_a_duplicate_gets_the_questions_in_order():
    job = JobFactory()
    QuestionFactory(job=job, text="First?", position=0)
    QuestionFactory(job=job, text="Second?", kind=Kind.NUMBER, knockout_answer="", position=1)
    employer = MembershipFactory(company=job.company).user
    copy = workflow.duplicate_job(job, employer)
    copied = list(copy.screening_questions.values_list("text", "kind", "knockout_answer"))
    assert copied == [("First?", "yes_no", "no"), ("Second?", "number", "")]
    assert job.screening_questions.count() == 2  # the original keeps its own


def formset_data(job, forms):
    questions = list(job.screening_questions.order_by("position", "id"))
    data = {
        "questions-TOTAL_FORMS": str(len(forms)),
        "questions-INITIAL_FORMS": str(len(questions)),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "10",
    }
    for i, fields in enumerate(forms):
        if i < len(questions):
            data[f"questions-{i}-id"] = str(questions[i].pk)
        for name, value in fields.items():
            data[f"questions-{i}-{name}"] = value
    return data


class TestEditingAnsweredQuestions:
    def test_rewording_keeps_old_answers_as_they_were_asked(self):
        q = QuestionFactory()
        answer(ApplicationFactory(job=q.job), q, "yes")
        employer = MembershipFactory(company=q.job.company).user
        data = formset_data(q.job, [{"text": "Can you work in Portugal?", "kind": "yes_no"}])
        formset = question_formset(q.job, data)
        assert formset.is_valid(), formset.errors
        save_questions(q.job, formset, employer)
        stored = ScreeningAnswer.objects.get()
        assert stored.question == q
        assert stored.question_text == "Do you have the right to work in the EU?"

    def test_a_new_kind_is_a_new_question_and_old_answers_are_detached(self):
        q = QuestionFactory()
        answer(ApplicationFactory(job=q.job), q, "yes")
        employer = MembershipFactory(company=q.job.company).user
        data = formset_data(q.job, [{"text": "Years in the EU", "kind": "number"}])
        formset = question_formset(q.job, data)
        assert formset.is_valid(), formset.errors
        save_questions(q.job, formset, employer)
        stored = ScreeningAnswer.objects.get()
        assert stored.question is None
        assert (stored.question_text, stored.kind, stored.answer) == (
            "Do you have the right to work in the EU?",
            "yes_no",
            "yes",
        )

    def test_deleting_a_question_keeps_its_answers(self):
        q = QuestionFactory()
        answer(ApplicationFactory(job=q.job), q, "no")
        employer = MembershipFactory(company=q.job.company).user
        data = formset_data(q.job, [{"text": q.text, "kind": "yes_no", "DELETE": "on"}])
        formset = question_formset(q.job, data)
        assert formset.is_valid(), formset.errors
        save_questions(q.job, formset, employer)
        assert not ScreeningQuestion.objects.exists()
        stored = ScreeningAnswer.objects.get()
        assert (stored.question, stored.answer, stored.knocked_out) == (None, "no", True)
