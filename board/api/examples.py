"""Example bodies for the OpenAPI schema: one small story, told through every operation.

Northwind Labs drafts job 4821 on 2 May 2026 and publishes it on 4 May; Sam Rivera
saves it, signs in through the API on 6 May and applies; the company reviews the
application, notes it and invites Sam to interview. Keys and values follow the
serializers (board/tests/api/test_docs.py validates each example against the schema).
"""

SITE = "https://nexusjobs.example"  # settings.SITE_URL: every link in the API is absolute

# Tokens

ACCESS = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjoxNzc4MDYwMTAw"
    "LCJpYXQiOjE3NzgwNTk4MDAsImp0aSI6IjE0YTAzNTY5ZDI2Yjk0OTY5MmU1ZGZlOGNiMTg1NWZlIiwidXNlcl9p"
    "ZCI6IjQyIn0.mjDuNruJDt3mO1R1YxfiiVyuROYobJK4IybWnduvv4A"
)
REFRESH = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6MTc3ODY2NDYw"
    "MCwiaWF0IjoxNzc4MDU5ODAwLCJqdGkiOiIwOTZkMzczNzQyZjlhMDM5YzMyMGE0NzM3YzJiM2FiZSIsInVzZXJf"
    "aWQiOiI0MiJ9.PjkFM_xdHHdtmaShCGYRRfa2WxQ9E813mMr45wq1at4"
)
TOKEN_PAIR = {"access": ACCESS, "refresh": REFRESH}
# Ten minutes later: refreshing gives a new pair, and the refresh token above is blacklisted.
REFRESHED_PAIR = {
    "access": (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjoxNzc4MDYw"
        "NzAwLCJpYXQiOjE3NzgwNjA0MDAsImp0aSI6Ijk2MjNkN2NmYTlhZTdhMzQyNTQ0OTljNzAwMWQ5YTg4Iiwi"
        "dXNlcl9pZCI6IjQyIn0.5t_G_GFysGJiXg3va8l7ccYfv6Z7qMonlWIo7IAE7zk"
    ),
    "refresh": (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6MTc3ODY2"
        "NTIwMCwiaWF0IjoxNzc4MDYwNDAwLCJqdGkiOiJiYzFlM2FjMWMyN2RiNGVjZjcyYzJjMjY3ODYyOTUyMiIs"
        "InVzZXJfaWQiOiI0MiJ9.EneG501uWD0AlIcWiVmnsYR3kzFC5JC8tYKKhReGW64"
    ),
}
SIGN_IN = {"email": "seeker@demo.nexusjobs.test", "password": "demo-pass-2026"}  # manage.py demo

# Categories and companies

CATEGORY = {
    "id": 20,
    "name": "Software Development",
    "slug": "software-development",
    "is_active": True,
    "open_jobs": 148,
}
NEW_CATEGORY = {"name": "Cybersecurity", "slug": "cybersecurity"}
CATEGORY_CREATED = {"id": 21, **NEW_CATEGORY, "is_active": True, "open_jobs": 0}
RENAME_CATEGORY = {"name": "Software Engineering"}
RETIRE_CATEGORY = {"is_active": False}
CATEGORY_RENAMED = {**CATEGORY, **RENAME_CATEGORY}

COMPANY = {
    "name": "Northwind Labs",
    "slug": "northwind-labs",
    "url": f"{SITE}/companies/northwind-labs/",
    "logo_url": f"{SITE}/companies/northwind-labs/logo/",
    "website": "https://northwindlabs.example",
    "about": "Route planning for delivery fleets, from Berlin since 2014.",
    "headquarters": "Berlin, Germany",
    "size": "51-200",
    "verified": True,
    "response_days": 3,
    "response_rate": 92,
}

# Jobs

JOB = {
    "id": 4821,
    "title": "Senior Python Developer",
    "slug": "senior-python-developer",
    "url": f"{SITE}/jobs/4821-senior-python-developer/",
    "company": {
        "name": "Northwind Labs",
        "slug": "northwind-labs",
        "verified": True,
        "url": f"{SITE}/companies/northwind-labs/",
        "logo_url": f"{SITE}/companies/northwind-labs/logo/",
    },
    "category": "software-development",
    "employment_type": "full_time",
    "experience_level": "senior",
    "workplace": "remote",
    "city": "Berlin",
    "region": "",
    "country": "DE",
    "salary_min": 90000,
    "salary_max": 120000,
    "salary_currency": "EUR",
    "salary_period": "year",
    "visa_sponsorship": False,
    "apply_url": "",
    "status": "published",
    "published_at": "2026-05-04T09:30:00Z",
    "expires_at": "2026-06-03T09:30:00Z",
}
LOCATIONS = [
    {
        "text": "Berlin, DE",
        "label": "Berlin, Germany",
        "country": "DE",
        "region": "",
        "latitude": 52.52437,
        "longitude": 13.41053,
    }
]
JOB_RESULT = {
    **JOB,
    "locations": LOCATIONS,
    "snippet": "Python 3.13, <mark>Django</mark> 6, Celery, PostgreSQL, in a team of six…",
}
DESCRIPTION = (
    "Northwind Labs plans routes for 2,000 delivery fleets across Europe. You will design and "
    "run the Django and PostgreSQL services behind it, in a team of six.\n\n"
    "- Python 3.13, Django 6, Celery\n"
    "- Remote within the EU; two team weeks a year in Berlin"
)
JOB_DETAIL = {
    **JOB,
    "locations": LOCATIONS,
    "remote_within": [{"name": "European Union", "kind": "area", "country": ""}],
    "description": DESCRIPTION,
    "description_html": "<p>Northwind Labs plans routes for 2,000 delivery fleets across "
    "Europe. You will design and run the Django and PostgreSQL services behind it, in a team "
    "of six.</p>\n<ul>\n<li>Python 3.13, Django 6, Celery</li>\n<li>Remote within the EU; two "
    "team weeks a year in Berlin</li>\n</ul>",
    "screening_questions": [
        {
            "id": 77,
            "text": "Do you have the right to work in the EU?",
            "kind": "yes_no",
            "required": True,
            "options": [],
        },
        {
            "id": 78,
            "text": "Years of experience with PostgreSQL",
            "kind": "number",
            "required": False,
            "options": [],
        },
    ],
}
COMPANY_DETAIL = {**COMPANY, "open_jobs": [JOB]}

# What an employer sends: JobForm's fields, the category by slug as jobs show it (or its id, 20).
JOB_INPUT = {
    "title": "Senior Python Developer",
    "category": "software-development",
    "employment_type": "full_time",
    "experience_level": "senior",
    "workplace": "remote",
    "locations": ["Berlin, DE"],
    "salary_min": 90000,
    "salary_max": 120000,
    "salary_currency": "EUR",
    "salary_period": "year",
    "description": DESCRIPTION,
}
JOB_CHANGES = {"salary_max": 125000}

EMPLOYER_JOB = {
    **JOB_DETAIL,
    "rejection_reason": "",
    "ends_on": None,
    "created": "2026-05-02T14:05:00Z",
    "updated": "2026-05-04T09:30:00Z",
    "applications_total": 12,
}
JOB_DRAFTED = {
    **EMPLOYER_JOB,
    "status": "draft",
    "published_at": None,
    "expires_at": None,
    "updated": "2026-05-02T14:05:00Z",
    "applications_total": 0,
}
JOB_SUBMITTED = {**EMPLOYER_JOB, "applications_total": 0}
JOB_EDITED = {**EMPLOYER_JOB, **JOB_CHANGES, "updated": "2026-05-12T08:15:00Z"}
JOB_CLOSED = {**EMPLOYER_JOB, "status": "closed", "updated": "2026-05-29T17:00:00Z"}
REOPEN_INPUT = {"ends_on": "2026-07-15"}
JOB_REOPENED = {
    **EMPLOYER_JOB,
    "ends_on": "2026-07-15",
    "published_at": "2026-06-10T08:00:00Z",
    "expires_at": "2026-07-16T00:00:00Z",
    "updated": "2026-06-10T08:00:00Z",
}
JOB_RENEWED = {
    **EMPLOYER_JOB,
    "expires_at": "2026-07-03T09:30:00Z",
    "updated": "2026-06-01T08:00:00Z",
}

# Applications

COVER_LETTER = "I have run Django services for logistics for six years; I'd love to join."
ANSWERS = {"77": "yes", "78": 6}
APPLY_WITH_PROFILE_RESUME = {
    "use_profile_resume": True,
    "cover_letter": COVER_LETTER,
    "answers": ANSWERS,
}
# A file in a real request (curl -F resume=@sam-rivera-cv.pdf); its name stands for it here.
APPLY_WITH_FILE = {
    "resume": "sam-rivera-cv.pdf",
    "cover_letter": COVER_LETTER,
    "answers": '{"77": "yes", "78": 6}',
}
MY_ANSWERS = [
    {
        "question_id": 77,
        "question_text": "Do you have the right to work in the EU?",
        "kind": "yes_no",
        "answer": "yes",
    },
    {
        "question_id": 78,
        "question_text": "Years of experience with PostgreSQL",
        "kind": "number",
        "answer": "6",
    },
]

MY_APPLICATION = {
    "id": 310,
    "job": JOB,
    "status": "submitted",
    "cover_letter": COVER_LETTER,
    "created": "2026-05-06T09:32:00Z",
    "events": [],
    "can_withdraw": True,
    # A signed link for the reader who listed it, valid for a few minutes.
    "resume_url": f"{SITE}/api/v1/resumes/eJyLNjYw0DGKBQAHbgHE:1uQZzq:Xy3pLq0N0mJ6nD9b0kq5sQ/",
    "answers": MY_ANSWERS,
    "messages": [],
}
REVIEWED = {
    "from_status": "submitted",
    "to_status": "reviewing",
    "created": "2026-05-07T10:00:00Z",
    "reason": "",
}
INVITED = {
    "from_status": "reviewing",
    "to_status": "interviewing",
    "created": "2026-05-08T15:20:00Z",
    "reason": "",
}
MY_APPLICATION_INTERVIEWING = {
    **MY_APPLICATION,
    "status": "interviewing",
    "events": [REVIEWED, INVITED],
    "messages": [
        {
            "subject": "Interview for Data Engineer",
            "body": "Dear Sam Rivera,\n\nWe would like to meet you. Which times suit you?",
            "created": "2026-05-08T15:20:01Z",
        }
    ],
}
MY_APPLICATION_WITHDRAWN = {
    **MY_APPLICATION_INTERVIEWING,
    "status": "withdrawn",
    "events": [
        *MY_APPLICATION_INTERVIEWING["events"],
        {
            "from_status": "interviewing",
            "to_status": "withdrawn",
            "created": "2026-05-09T19:45:00Z",
            "reason": "",
        },
    ],
    "can_withdraw": False,
}

SAVE_JOB = {"job": 4821}
SAVED_JOB = {"job": JOB, "created": "2026-05-05T20:41:00Z"}

APPLICANT = {
    "id": 310,
    "job": 4821,
    "applicant_email": "seeker@demo.nexusjobs.test",
    "applicant_name": "Sam Rivera",
    "status": "reviewing",
    "cover_letter": COVER_LETTER,
    "created": "2026-05-06T09:32:00Z",
    "updated": "2026-05-07T10:00:00Z",
    "notes_count": 1,
    "rating_average": 4.5,
    "rating_count": 2,
    "allowed_moves": ["submitted", "interviewing", "offered", "rejected"],
    "resume_url": f"{SITE}/api/v1/resumes/eJyLNjYw0DGKBQAHbgHE:1uQZzq:Xy3pLq0N0mJ6nD9b0kq5sQ/",
    "answers": [{**answer, "knocked_out": False} for answer in MY_ANSWERS],
    "knocked_out": False,
}
MOVE = {"status": "interviewing"}
APPLICANT_MOVED = {
    **APPLICANT,
    **MOVE,
    "updated": "2026-05-08T15:20:00Z",
    "allowed_moves": ["submitted", "reviewing", "offered", "hired", "rejected"],
}

NEW_NOTE = {"body": "Strong on PostgreSQL; ask about on-call experience in the interview."}
NOTE = {"id": 57, **NEW_NOTE, "author": "Jordan Weber", "created": "2026-05-07T11:03:00Z"}
NEW_RATING = {"score": 4, "comment": "Good answers on PostgreSQL."}
RATING = {
    "id": 12,
    **NEW_RATING,
    "rater": "Jordan Weber",
    "mine": True,
    "created": "2026-05-07T11:05:00Z",
    "updated": "2026-05-07T11:05:00Z",
}
INVALID_RATING = {"score": ["A rating is a whole number from 1 to 5."]}

# Field errors (400): the messages the site's forms and the serializers really give.

MISSING_CREDENTIALS = {
    "email": ["This field is required."],
    "password": ["This field is required."],
}
MISSING_REFRESH = {"refresh": ["This field is required."]}
BLACKLISTED_REFRESH = {"refresh": ["Token is blacklisted"]}
TAKEN_CATEGORY = {"slug": ["category with this slug already exists."]}
BLANK_CATEGORY_NAME = {"name": ["This field may not be blank."]}
NOT_A_RESUME = {"resume": ["Upload your résumé as a PDF or a Word (.docx) document."]}
NOT_A_JOB_ID = {"job": ["A valid integer is required."]}
INVALID_JOB = {
    "description": [
        "Describe the job in at least 150 characters (this has 38): the role, the team, "
        "and what you offer."
    ],
    "locations": ["On-site and hybrid jobs need a location: a city or a country."],
}
INVALID_MOVE = {"status": ['"accepted" is not a valid choice.']}
BLANK_NOTE = {"body": ["This field may not be blank."]}
INVALID_FILTERS = {
    "category": ["Select a valid choice. gardening is not one of the available choices."],
    "salary_min": ["Ensure this value is greater than or equal to 0."],
}
UPSIDE_DOWN_SALARY = {"salary_max": ["The top of the range must not be below its bottom."]}
