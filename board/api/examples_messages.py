"""Example bodies of the bulk move and message operations (see examples.py)."""

BULK_REJECT = {
    "applications": [812, 813, 990],
    "status": "rejected",
    "reason": "other_candidate",
    "reason_text": "We chose someone with more PostgreSQL experience.",
    "share_reason": True,
    "subject": "Your application for {job_title}",
    "body": "Dear {applicant_name},\n\nThank you for applying. We have decided not to go "
    "further this time.\n\nThe {company_name} team",
}
BULK_RESULT = {
    "moved": [{"id": 812, "status": "rejected"}],
    "refused": [
        {
            "id": 813,
            "status": "hired",
            "detail": "An application that is hired cannot move to that status.",
        }
    ],
    "not_found": [990],
}
NEW_MESSAGE = {
    "subject": "Interview for {job_title}",
    "body": "Dear {applicant_name},\n\nWe would like to meet you. Which times suit you?",
}
MESSAGE = {
    "id": 31,
    "subject": "Interview for Data Engineer",
    "body": "Dear Alex Martin,\n\nWe would like to meet you. Which times suit you?",
    "sender": "Jordan Weber",
    "created": "2026-05-08T09:12:00Z",
}
UNKNOWN_PLACEHOLDER = {
    "body": [
        "Unknown placeholder {salary}. You can use {applicant_name}, {job_title}, {company_name}."
    ]
}
NO_REASON = "Choose a reason for the rejection."
