"""Synthetic job-board data for load tests (`seed_jobs`) and the words `benchmark` searches for.

Everything here draws only from the random generator it is given, so one seed
always produces the same companies and jobs. Nothing here touches the database.
"""

from datetime import timedelta
from functools import cache
from itertools import accumulate

from django.utils.text import slugify

from board.companies.models import Company
from board.jobs.models import Job

# Seeded companies' slugs start with this, so they never collide with real
# or demo companies and `seed_jobs --reset` can find them again.
SLUG_PREFIX = "seed-"


def split_words(text):
    return text.split("|")


# Per category: pay factor, roles, specialisms, skills and tools, things the work is about.
# Categories an admin adds later get the generic entry.
CATEGORY_WORDS = {
    "accounting-finance": (1.05, "Accountant|Financial Analyst|Bookkeeper|Controller|Auditor",
        "Tax|Payroll|Treasury|Audit|Management Accounts",
        "IFRS|GAAP|Xero|NetSuite|SAP|Excel|VAT|reconciliations|forecasting|budgeting",
        "month-end close|ledgers|cash flow|audit trail|expense reporting|annual budget"),
    "administration-office": (0.7, "Office Manager|Administrator|Receptionist|Executive Assistant",
        "Front Desk|Facilities|Operations|Records", "Outlook|scheduling|diary|minutes|invoicing",
        "office|travel bookings|supplier contacts|board meetings|filing system"),
    "construction-trades": (0.9, "Electrician|Plumber|Carpenter|Site Supervisor|Surveyor",
        "Commercial|Residential|Maintenance|HVAC|Fit-out",
        "wiring|welding|scaffolding|AutoCAD|CSCS|blueprints|inspections|joinery",
        "building sites|renovations|safety audits|subcontractors|snagging lists"),
    "customer-service": (0.65, "Support Agent|Customer Success Manager|Call Centre Advisor",
        "Technical|Billing|Onboarding|Escalations", "Zendesk|Intercom|Freshdesk|CRM|empathy",
        "support tickets|customer renewals|help-centre articles|live chat|complaints"),
    "data-analytics": (1.25, "Data Analyst|Data Scientist|Data Engineer|Analytics Engineer",
        "Marketing|Product|Risk|Pricing|Machine Learning",
        "SQL|Python|dbt|Snowflake|BigQuery|Tableau|Looker|Spark|statistics|Airflow",
        "dashboards|data pipelines|experiments|forecasts|the data warehouse|metrics"),
    "design-creative": (1.0, "Product Designer|UX Researcher|Graphic Designer|Illustrator",
        "Brand|Mobile|Web|Motion|Packaging",
        "Figma|Sketch|prototyping|typography|Illustrator|Photoshop|accessibility",
        "design system|user journeys|wireframes|campaign assets|usability tests"),
    "education-training": (0.85, "Teacher|Trainer|Instructional Designer|Tutor|Lecturer",
        "Mathematics|Language|Onboarding|Leadership|Online",
        "curriculum|coaching|Moodle|e-learning|assessment|safeguarding",
        "lesson plans|training courses|learners|workshops|apprenticeships"),
    "engineering": (1.2, "Mechanical Engineer|Electrical Engineer|Civil Engineer|Test Engineer",
        "Automotive|Aerospace|Energy|Robotics|Structural",
        "CAD|SolidWorks|MATLAB|PLC|FEA|tolerancing|embedded|Simulink|firmware",
        "prototypes|test rigs|drawings|wind turbines|control systems|bridges"),
    "healthcare": (0.95, "Nurse|Pharmacist|Physiotherapist|Care Assistant|Radiographer",
        "Paediatric|Intensive Care|Mental Health|Community|Surgical",
        "patient care|triage|medication|phlebotomy|EMIS|clinical governance",
        "wards|patients|clinics|care plans|rehabilitation"),
    "hospitality-tourism": (0.6, "Chef|Sous Chef|Barista|Hotel Receptionist|Event Coordinator",
        "Pastry|Banqueting|Front of House|Guest Relations",
        "menus|HACCP|food hygiene|Opera PMS|mixology|wine",
        "kitchen|guests|restaurant|events|hotel rooms"),
    "human-resources": (1.0, "Recruiter|HR Business Partner|People Partner|HR Advisor",
        "Talent Acquisition|Employee Relations|Compensation|Learning",
        "Workday|BambooHR|Greenhouse|interviewing|employment law|onboarding",
        "hiring pipelines|performance reviews|employee engagement|pay bands"),
    "it-operations": (1.15, "Systems Administrator|Network Engineer|IT Support Technician",
        "Cloud|Infrastructure|Security|Service Desk",
        "Linux|Windows|Active Directory|Azure|AWS|Cisco|Intune|firewalls|ITIL",
        "servers|laptops|networks|backups|incident response"),
    "legal": (1.3, "Solicitor|Paralegal|Legal Counsel|Compliance Officer|Contracts Manager",
        "Commercial|Employment|Privacy|Intellectual Property|Litigation",
        "GDPR|contracts|negotiation|regulatory|due diligence|licensing",
        "commercial contracts|disputes|policies|data protection|trademarks"),
    "logistics-supply-chain": (0.8, "Warehouse Operative|Logistics Coordinator|Buyer|Driver",
        "Inbound|Freight|Procurement|Fulfilment|Fleet",
        "forklift|SAP|inventory|shipping|customs|WMS|HGV|routing",
        "warehouse|deliveries|stock levels|suppliers|distribution centre"),
    "manufacturing": (0.85, "Production Operator|Quality Inspector|Process Engineer|Machinist",
        "CNC|Lean|Quality|Assembly|Packaging", "CNC|lean|Six Sigma|ISO 9001|kaizen|SPC",
        "production line|quality checks|machines|shift handovers|scrap rates"),
    "marketing-communications": (1.0, "Marketing Manager|Content Writer|SEO Specialist",
        "Growth|Brand|Content|Performance|Social Media",
        "SEO|Google Ads|HubSpot|copywriting|analytics|PPC|newsletters",
        "campaigns|landing pages|press releases|brand voice|social channels"),
    "retail": (0.6, "Store Manager|Sales Associate|Visual Merchandiser|Cashier",
        "Fashion|Grocery|Electronics|Luxury", "merchandising|tills|stock control|upselling",
        "shop floor|customers|displays|deliveries|store targets"),
    "sales-business-development": (1.1, "Account Executive|Sales Manager|Business Developer",
        "Enterprise|SaaS|Inside Sales|Partnerships|Field Sales",
        "Salesforce|prospecting|negotiation|pipeline|cold calling|quotas",
        "new accounts|the sales pipeline|partners|renewals|territory plans"),
    "science-research": (1.0, "Research Scientist|Lab Technician|Chemist|Biologist",
        "Clinical|Genomics|Materials|Analytical|Environmental",
        "PCR|HPLC|microscopy|R|statistics|GLP|assays|CRISPR",
        "experiments|samples|lab notebooks|publications|grant proposals"),
    "software-development": (1.35, "Software Engineer|Developer|DevOps Engineer|QA Engineer",
        "Backend|Frontend|Full Stack|Mobile|Platform|Python|Java",
        "Python|Django|JavaScript|TypeScript|React|Go|Rust|Kubernetes|PostgreSQL|Docker|AWS",
        "APIs|microservices|the web app|CI pipelines|code reviews|mobile apps"),
}  # fmt: skip
GENERIC_WORDS = (1.0, "Specialist|Coordinator|Manager|Associate", "Operations|Projects",
                 "Excel|planning|reporting", "projects|processes|reports")  # fmt: skip
HANDS_ON = {"construction-trades", "healthcare", "hospitality-tourism", "manufacturing", "retail"}

# The benchmark's search terms: all of them occur in the vocabulary above.
SEARCH_KEYWORDS = [
    "python", "django", "react", "kubernetes", "rust", "postgresql", "docker", "typescript",
    "java", "devops", "frontend", "sql", "snowflake", "tableau", "data", "analyst", "scientist",
    "designer", "figma", "accountant", "payroll", "tax", "audit", "nurse", "pharmacist",
    "physiotherapist", "chef", "barista", "recruiter", "workday", "solicitor", "gdpr",
    "paralegal", "warehouse", "forklift", "driver", "electrician", "plumber", "cnc", "quality",
    "seo", "marketing", "salesforce", "sales", "teacher", "linux", "azure", "network",
    "engineer", "manager",
]  # fmt: skip

SENIORITY = {"entry": ["Junior", "Graduate", "Trainee"], "mid": [""] * 3 + ["Experienced"],
             "senior": ["Senior"], "lead": ["Lead", "Principal", "Staff"]}  # fmt: skip
LEVEL_PAY = {"entry": 0.7, "mid": 1.0, "senior": 1.35, "lead": 1.7}
# Country: currency, pay relative to the US in local money, share of jobs, cities.
COUNTRIES = {
    "US": ("USD", 1.0, 30, "New York|San Francisco|Austin|Chicago|Seattle|Boston|Denver"),
    "GB": ("GBP", 0.55, 12, "London|Manchester|Edinburgh|Bristol|Leeds"),
    "DE": ("EUR", 0.6, 10, "Berlin|Munich|Hamburg|Cologne|Frankfurt"),
    "FR": ("EUR", 0.52, 6, "Paris|Lyon|Toulouse|Nantes"),
    "NL": ("EUR", 0.6, 5, "Amsterdam|Rotterdam|Utrecht|Eindhoven"),
    "IE": ("EUR", 0.62, 3, "Dublin|Cork|Galway"),
    "ES": ("EUR", 0.4, 4, "Madrid|Barcelona|Valencia"),
    "CA": ("CAD", 0.9, 6, "Toronto|Vancouver|Montreal|Calgary"),
    "AU": ("AUD", 1.1, 5, "Sydney|Melbourne|Brisbane|Perth"),
    "SE": ("SEK", 6.5, 2, "Stockholm|Gothenburg|Malmö"),
    "PL": ("PLN", 1.5, 3, "Warsaw|Kraków|Wrocław"),
    "CH": ("CHF", 1.2, 2, "Zurich|Geneva|Basel"),
    "SG": ("SGD", 1.0, 2, "Singapore"),
    "IN": ("INR", 15.0, 4, "Bangalore|Pune|Hyderabad"),
    "JP": ("JPY", 80.0, 2, "Tokyo|Osaka"),
    "BR": ("BRL", 1.3, 2, "São Paulo|Rio de Janeiro"),
}
ROUNDING = {"hour": 1, "day": 10, "week": 10, "month": 100, "year": 1000}


def weighted(pairs):
    """(values, cumulative weights), ready for random.choices."""
    values, weights = zip(*pairs, strict=True)
    return values, list(accumulate(weights))


STATUSES = weighted([("published", 90), ("draft", 2), ("pending", 3), ("rejected", 1.5),
                     ("closed", 2), ("expired", 1.5)])  # fmt: skip
LEVELS = weighted([("entry", 20), ("mid", 40), ("senior", 28), ("lead", 12)])
TYPES = weighted([("full_time", 72), ("part_time", 9), ("contract", 12), ("temporary", 4),
                  ("internship", 3)])  # fmt: skip
PERIODS = weighted([("year", 75), ("hour", 10), ("month", 7), ("day", 5), ("week", 3)])
PLACES = weighted((code, share) for code, (_, _, share, _) in COUNTRIES.items())
CITIES = {code: split_words(cities) for code, (_, _, _, cities) in COUNTRIES.items()}

# fmt: off
COMPANY_FIRST = split_words(
    "Northwind|Bluepeak|Copperleaf|Brightwater|Ironbark|Silverline|Oakridge|Redfern|Kestrel|"
    "Harbor|Lumen|Meridian|Nimbus|Quarry|Summit|Tidal|Vantage|Willow|Zephyr|Aurora|Beacon|Cedar|"
    "Delta|Ember|Falcon|Granite|Helix|Juniper|Keystone|Lattice|Mosaic|Orbit|Pioneer|Quill|"
    "Riverside|Sable|Thistle|Umber|Vertex|Wavecrest")
COMPANY_SECOND = split_words(
    "Labs|Systems|Health|Logistics|Group|Analytics|Foods|Studio|Partners|Energy|Robotics|Retail|"
    "Legal|Software|Hotels|Academy|Engineering|Bank|Media|Works")
CULTURE = ("We value {a} work, {b} feedback and {c} decisions. Our teams are small, {a} and "
           "trusted to get on with it, and we care about {d} as much as results.")
ADJECTIVES = split_words(
    "careful|honest|calm|curious|practical|thoughtful|ambitious|friendly|patient|rigorous|open|"
    "fast|humble|kind|independent|collaborative|clear|fair")
VALUES = split_words(
    "wellbeing|learning|diversity|sustainability|craft|inclusion|flexibility|mentoring|quality|"
    "ownership|transparency|balance")
BENEFITS = split_words(
    "pension matching|private health insurance|a learning budget|flexible hours|"
    "25 days of holiday|parental leave|a cycle-to-work scheme|share options|"
    "a home-office allowance|paid volunteering days|gym membership|annual bonus")
# fmt: on
DUTIES = [
    "Own {object} end to end, from planning to delivery",
    "Improve how we handle {object} using {skill}",
    "Work with the {team} team on {object}",
    "Keep {object} accurate, safe and on schedule",
    "Coach colleagues in {skill} and share what works",
    "Report on {object} to the leadership team every month",
]
WANTS = [
    "{years}+ years of experience with {skill}",
    "Working knowledge of {skill} and {skill2}",
    "Confidence with {skill}, or the drive to learn it quickly",
    "Clear written and spoken English",
    "A {adjective} approach to {object}",
]
REJECTIONS = ["The salary range is missing.", "Please describe the role in more detail.",
              "This looks like a duplicate of another listing."]  # fmt: skip


def company_name(number):
    first = COMPANY_FIRST[number * 7 % len(COMPANY_FIRST)]
    second = COMPANY_SECOND[number % len(COMPANY_SECOND)]
    repeat = number // (len(COMPANY_FIRST) * len(COMPANY_SECOND))
    return f"{first} {second}" + (f" {repeat + 1}" if repeat else "")


def fake_company(rng, number):
    name = company_name(number)
    slug = f"{SLUG_PREFIX}{slugify(name)}-{number}"
    return Company(
        name=name,
        slug=slug,
        website=f"https://{slug}.example",
        about=f"{name} builds things people rely on. " + culture(rng),
        headquarters=rng.choice(CITIES[pick(rng, PLACES)]),
        size=rng.choice(Company.Size.values),
        verified=rng.random() < 0.7,
    )


def pick(rng, table):
    values, cum_weights = table
    return rng.choices(values, cum_weights=cum_weights)[0]


@cache
def words_for(category_slug):
    pay, *lists = CATEGORY_WORDS.get(category_slug, GENERIC_WORDS)
    return pay, *(split_words(words) for words in lists)


@cache
def slug_for(title):
    return slugify(title)[:160] or "job"


def culture(rng):
    a, b, c = rng.sample(ADJECTIVES, 3)
    return CULTURE.format(a=a, b=b, c=c, d=rng.choice(VALUES))


def fake_job(rng, company, category, now):
    pay, roles, specialisms, skills, objects = words_for(category.slug)
    employment_type = pick(rng, TYPES)
    level = "entry" if employment_type == "internship" else pick(rng, LEVELS)
    specialism = rng.choice(specialisms) if rng.random() < 0.6 else ""
    title = " ".join(filter(None, [rng.choice(SENIORITY[level]), specialism, rng.choice(roles)]))
    remote_share = 0.03 if category.slug in HANDS_ON else 0.35
    workplace = "remote" if rng.random() < remote_share else rng.choice(["on_site", "hybrid"])
    country = pick(rng, PLACES)
    currency, local_pay, _, _ = COUNTRIES[country]
    city = "" if workplace == "remote" and rng.random() < 0.5 else rng.choice(CITIES[country])
    status = pick(rng, STATUSES)
    job = Job(
        company=company,
        company_name=company.name,
        category=category,
        category_name=category.name,
        title=title,
        slug=slug_for(title),
        description=description(rng, company, title, workplace, city, skills, objects),
        employment_type=employment_type,
        experience_level=level,
        workplace=workplace,
        city=city,
        country=country,
        salary_currency=currency,
        visa_sponsorship=rng.random() < (0.3 if level in ("senior", "lead") else 0.1),
        apply_url=f"https://{company.slug}.example/careers" if rng.random() < 0.3 else "",
        status=status,
        rejection_reason=rng.choice(REJECTIONS) if status == "rejected" else "",
    )
    set_salary(rng, job, 70_000 * pay * LEVEL_PAY[level] * local_pay)
    if status in ("published", "closed", "expired"):
        # Published over the last 60 days with 30-day listings, so about half are
        # past their expiry: those are expired, as the hourly expire_overdue_jobs
        # task leaves a running board (no job stays published past its expiry).
        days_ago = rng.uniform(30, 90) if status == "expired" else rng.uniform(0, 60)
        job.published_at = now - timedelta(days=days_ago)
        job.expires_at = job.published_at + timedelta(days=30)
        if status == "published" and job.expires_at <= now:
            job.status = Job.Status.EXPIRED
    return job


def set_salary(rng, job, yearly):
    roll = rng.random()
    if roll < 0.15:
        return  # no salary given
    hourly_work = job.employment_type in ("part_time", "temporary")
    period = "hour" if hourly_work and rng.random() < 0.6 else pick(rng, PERIODS)
    step = ROUNDING[period]
    low = round(yearly * rng.uniform(0.85, 1.15) / Job.PERIODS_PER_YEAR[period] / step) * step
    high = round(low * rng.uniform(1.1, 1.4) / step) * step
    job.salary_period = period
    job.salary_min = None if roll > 0.97 else max(low, step)
    job.salary_max = None if 0.92 < roll <= 0.97 else max(high, step)


def description(rng, company, title, workplace, city, skills, objects):
    team = rng.choice(objects).removeprefix("the ")
    place = {"remote": "fully remote", "hybrid": "hybrid", "on_site": "on-site"}[workplace]
    where = f" in {city}" if city else ""
    fill = {"team": team, "years": rng.randint(1, 8), "adjective": rng.choice(ADJECTIVES)}

    def line(template):
        skill, skill2 = rng.sample(skills, 2) if len(skills) > 1 else (skills[0], skills[0])
        return "- " + template.format(
            object=rng.choice(objects), skill=skill, skill2=skill2, **fill
        )

    duties = [line(t) for t in rng.sample(DUTIES, rng.randint(3, 5))]
    wants = [line(t) for t in rng.sample(WANTS, rng.randint(2, 4))]
    benefits = ", ".join(rng.sample(BENEFITS, 4))
    return "\n".join(
        [
            f"**{company.name}** is hiring a {title} to join our {team} team. "
            f"This role is {place}{where}.",
            "",
            culture(rng),
            "",
            "## What you'll do",
            "",
            *duties,
            "",
            "## What you'll bring",
            "",
            *wants,
            "",
            "## Why join us",
            "",
            f"You'll get {benefits}, and a team that cares about {rng.choice(VALUES)}.",
        ]
    )
