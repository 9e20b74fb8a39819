"""Screening questions in a real browser: the employer adds a question with a knock-out
answer, a seeker applies answering it, and the employer filters the applicants by it.

Waits are on what the page shows, never on time.
"""

import pytest

from board.tests.browser.test_accessibility import serious_violations
from board.tests.browser.test_seeker_journey import sign_in

playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Do you have the right to work in the EU?"


def test_employer_asks_a_question_seeker_answers_employer_filters(open_page, live_server):
    from board.applications.models import Application
    from board.tests.factories import (
        ApplicationFactory,
        CompanyFactory,
        JobFactory,
        MembershipFactory,
        SeekerFactory,
        SeekerProfileFactory,
    )
    from board.tests.screening_factories import answer

    company = CompanyFactory(name="Heron Freight", slug="heron-freight", verified=True)
    owner = MembershipFactory(company=company).user
    job = JobFactory(company=company, title="Route Planner")
    seeker = SeekerFactory(first_name="Yara", last_name="Yes")
    SeekerProfileFactory(user=seeker)

    # The employer adds a yes/no question whose "no" knocks out.
    employer = open_page()
    sign_in(employer, live_server, owner)
    employer.goto(f"/employer/jobs/{job.pk}/preview/")
    employer.get_by_role("link", name="Screening questions").click()
    expect(employer.get_by_role("heading", name="Screening questions")).to_be_visible()
    assert not (report := serious_violations(employer)), report
    employer.locator("#id_questions-0-text").fill(QUESTION)
    employer.locator("#id_questions-0-kind").select_option("yes_no")
    employer.locator("#id_questions-0-required").check()
    employer.locator("#id_questions-0-knockout_answer").fill("no")
    employer.get_by_role("button", name="Save questions").click()
    expect(employer.get_by_text("The screening questions were saved.")).to_be_visible()
    question = job.screening_questions.get()
    assert (question.text, question.knockout_answer) == (QUESTION, "no")

    # Someone applied earlier answering "no" (knocked out).
    other = ApplicationFactory(job=job, applicant=SeekerFactory(first_name="Nils", last_name="No"))
    answer(other, question, "no")

    # The seeker answers the question in the apply form; skipping it is refused first.
    applicant = open_page()
    sign_in(applicant, live_server, seeker)
    applicant.goto(job.get_absolute_url())
    expect(applicant.get_by_text(QUESTION)).to_be_visible()
    assert not (report := serious_violations(applicant)), report
    # The browser's own check (the radios are `required`) set aside: the server's counts.
    applicant.locator(f"input[name='question_{question.pk}']").evaluate_all(
        "inputs => inputs.forEach(input => input.removeAttribute('required'))"
    )
    applicant.get_by_role("button", name="Send application").click()
    expect(applicant.get_by_text("Please answer this question.")).to_be_visible()
    applicant.get_by_label("Yes", exact=True).check()
    applicant.get_by_role("button", name="Send application").click()
    expect(applicant.locator("#apply-panel")).to_contain_text("Applied on")
    application = Application.objects.get(applicant=seeker)
    assert application.answers.get().answer == "yes"

    # The employer sees the badge, then filters by the answer (htmx swaps the list).
    employer.goto(f"/employer/jobs/{job.pk}/applicants/")
    rows = employer.locator("#applicant-list tbody tr")
    expect(rows).to_have_count(2)
    expect(employer.locator(f"#application-{other.pk}")).to_contain_text("Knocked out")
    expect(employer.locator(f"#application-{application.pk}")).not_to_contain_text("Knocked out")
    assert not (report := serious_violations(employer)), report
    employer.get_by_label("Screening answer").select_option(f"{question.pk}:yes")
    expect(rows).to_have_count(1)
    expect(employer.locator("#applicant-list")).to_contain_text("Yara Yes")
    assert f"answer={question.pk}%3Ayes" in employer.url
    employer.get_by_label("Knock-out").select_option("yes")
    expect(employer.locator("#applicant-list")).to_contain_text("No applicant matches")
    employer.get_by_label("Screening answer").select_option("")
    expect(rows).to_have_count(1)
    expect(employer.locator("#applicant-list")).to_contain_text("Nils No")
