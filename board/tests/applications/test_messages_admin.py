"""Staff read the messages sent to an applicant and may correct a company's templates."""

import pytest
from django.urls import reverse

from board.applications import messaging
from board.applications.message_models import MessageTemplate
from board.tests.factories import ApplicationFactory, JobFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_application_admin_shows_its_messages_read_only(admin_client, company):
    application = ApplicationFactory(job=JobFactory(company=company))
    sender = MembershipFactory(company=company).user
    messaging.send_message(application, sender, "Interview on Monday", "Come at ten.")
    page = admin_client.get(reverse("admin:board_application_change", args=[application.pk]))
    assert page.status_code == 200
    assert "messages to the applicant" in page.text.lower()
    assert "Interview on Monday" in page.text
    # Read only: no form field carries the subject for editing.
    assert 'value="Interview on Monday"' not in page.text


def test_staff_find_and_edit_a_company_template(admin_client, company):
    template = MessageTemplate.objects.create(
        company=company, name="Offer letter", subject="An offer", body="Dear {first_name}"
    )
    listing = admin_client.get(reverse("admin:board_messagetemplate_changelist"), {"q": "Offer"})
    assert "Offer letter" in listing.text
    change = reverse("admin:board_messagetemplate_change", args=[template.pk])
    response = admin_client.post(
        change,
        {
            "company": company.pk,
            "kind": "offer",
            "name": "Offer letter",
            "subject": "An offer",
            "body": "Dear {first_name}, corrected",
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "Dear {first_name}, corrected"
