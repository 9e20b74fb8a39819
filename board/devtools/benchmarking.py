"""Synthetic job-board data for load tests (`seed_jobs`) and the words `benchmark` searches for.

Everything here draws only from the random generator it is given, so one seed
always produces the same companies and jobs. Nothing here touches the database.
"""

from datetime import timedelta
from functools import cache
from itertools import accumulate
from random import Random

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

# The benchmark's searches, weighted as people search (issue 15): most searches are
# one short, common word. BROAD words each match about 7–27 % of open seeded jobs
# (16 % on average, weighted): seniority words, broad roles, "remote", "data".
# SELECTIVE words each match under 5 % (tools, trades, specialisms). The benchmark
# runs them as separate scenarios so their throughput can be compared. Weights are
# relative; every word occurs in the vocabulary above (tests check the shares).
BROAD_KEYWORDS = {
    "senior": 18, "remote": 14, "engineer": 12, "manager": 12, "developer": 10, "data": 9,
    "customer": 6, "software": 6, "junior": 5, "graduate": 4, "operations": 4,
}  # fmt: skip
SELECTIVE_KEYWORDS = {
    "python": 3, "java": 2, "nurse": 2, "sql": 2, "django": 1, "react": 1, "kubernetes": 1,
    "rust": 1, "postgresql": 1, "docker": 1, "typescript": 1, "snowflake": 1, "tableau": 1,
    "scientist": 1, "figma": 1, "payroll": 1, "tax": 1, "pharmacist": 1, "physiotherapist": 1,
    "chef": 1, "barista": 1, "recruiter": 1, "workday": 1, "solicitor": 1, "gdpr": 1,
    "paralegal": 1, "forklift": 1, "driver": 1, "electrician": 1, "plumber": 1, "cnc": 1,
    "seo": 1, "salesforce": 1, "teacher": 1, "linux": 1, "azure": 1, "analyst": 1,
}  # fmt: skip
# Every word of both mixes, for checks that each finds something.
SEARCH_KEYWORDS = [*BROAD_KEYWORDS, *SELECTIVE_KEYWORDS]
# The order people ask for: mostly the default (relevance when there are words).
SORT_WEIGHTS = {"relevance": 70, "newest": 25, "salary": 5}
# One filter per search, as most searches have: (form field, value) and its weight.
FILTER_WEIGHTS = {
    ("workplace", "remote"): 30,
    ("experience_level", "senior"): 20,
    ("employment_type", "full_time"): 15,
    ("location", "London"): 15,
    ("category", "software-development"): 10,
    ("posted_within", "7"): 10,
}


# The place searches (issue 15): around one of the seed's biggest cities, and remote
# jobs workable from a country. Some also have a selective word, as when someone
# looks for a trade near home.
RADIUS_CITIES = {"London": 4, "New York": 4, "Berlin": 2, "Paris": 2, "Toronto": 1, "Sydney": 1}
RADIUS_KM = {25: 3, 50: 2, 100: 1}
REMOTE_FROM = {"US": 4, "GB": 2, "DE": 2, "PT": 1, "IN": 1, "BR": 1, "PL": 1, "CA": 1}
PLACE_KEYWORD_SHARE = 0.3


def place_mix(kind, count, seed=0):
    """`count` place searches, as {form field: value} (fixed seed, like search_mix):
    kind "radius" (location and radius) or "remote-from" (remote_from)."""
    rng = Random(f"{kind}-{seed}")  # noqa: S311 -- a benchmark's sample, not security
    searches = []
    for _ in range(count):
        if kind == "radius":
            search = {
                "location": rng.choices(list(RADIUS_CITIES), list(RADIUS_CITIES.values()))[0],
                "radius": rng.choices(list(RADIUS_KM), list(RADIUS_KM.values()))[0],
            }
        else:
            search = {"remote_from": rng.choices(list(REMOTE_FROM), list(REMOTE_FROM.values()))[0]}
        if rng.random() < PLACE_KEYWORD_SHARE:
            words = list(SELECTIVE_KEYWORDS)
            search["q"] = rng.choices(words, list(SELECTIVE_KEYWORDS.values()))[0]
        searches.append(search)
    return searches


def search_mix(keywords, count, seed=0):
    """`count` searches (keyword, (filter field, value), sort) drawn with the weights above.

    A fixed seed, so every run (and every interface: page, fragment, REST, GraphQL)
    makes the same searches in the same proportions.
    """
    rng = Random(seed)  # noqa: S311 -- a benchmark's sample, not security
    words = rng.choices(list(keywords), weights=list(keywords.values()), k=count)
    filters = rng.choices(list(FILTER_WEIGHTS), weights=list(FILTER_WEIGHTS.values()), k=count)
    sorts = rng.choices(list(SORT_WEIGHTS), weights=list(SORT_WEIGHTS.values()), k=count)
    return list(zip(words, filters, sorts, strict=True))


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
# fmt: on
BENEFITS = [
    "pension matching up to six per cent of your salary",
    "private health insurance for you and your family, from your first day",
    "a yearly learning budget for courses, books and conferences",
    "flexible hours around a few shared core hours",
    "25 days of holiday plus public holidays, and your birthday off",
    "six months of fully paid parental leave, whatever your gender",
    "a cycle-to-work scheme and a season-ticket loan",
    "share options, so you own part of what you help build",
    "a home-office allowance for a good chair, screen and headset",
    "two paid volunteering days a year",
    "gym membership or a wellbeing allowance of your choice",
    "an annual bonus shared equally across the company",
]
DUTIES = [
    "Own {object} end to end, from planning to delivery",
    "Improve how we handle {object} using {skill}",
    "Work with the {team} team on {object}",
    "Keep {object} accurate, safe and on schedule",
    "Coach colleagues in {skill} and share what works",
    "Report on {object} to the leadership team every month",
    "Plan the next quarter's work on {object} with the {team} team",
    "Spot problems with {object} early and fix them at the root",
    "Write clear notes on how we do {object}, so others can pick it up",
    "Take part in reviews of {object} and give {adjective} feedback",
    "Help choose and set up the tools we use for {object}",
    "Look after the quality of {object} and agree standards with colleagues",
]
WANTS = [
    "{years}+ years of experience with {skill}",
    "Working knowledge of {skill} and {skill2}",
    "Confidence with {skill}, or the drive to learn it quickly",
    "Clear written and spoken English",
    "A {adjective} approach to {object}",
    "A track record of delivering {object} on time",
    "Comfort working with people from many backgrounds and time zones",
    "Good judgement about when to ask for help and when to push on alone",
    "Attention to detail, and the patience to check your own work",
]
NICE_TO_HAVE = [
    "Some exposure to {skill2} in a busy setting",
    "Experience mentoring others in {skill}",
    "A portfolio, write-up or references that show your work on {object}",
    "Familiarity with {skill} beyond the basics",
    "A second language, spoken or written",
]
# Sentences about the company, how the team works and how hiring goes: free of the
# benchmark's words (see description()).
ABOUT = [
    "{company} was founded by a small group of friends who wanted to do {value} properly.",
    "Today we are a few hundred people across several countries, and still growing.",
    "We are profitable, independent and in no hurry to sell.",
    "Our clients range from family businesses to some of the largest names in their field.",
    "Most of our people have been with us for more than three years.",
    "We publish our pay bands, our handbook and our yearly results.",
    "Last year we opened two new offices and doubled the size of the {team} team.",
    "We give one per cent of our revenue to local charities chosen by our staff.",
    "Our work has won several awards, but we are proudest of what our clients say about us.",
    "We measure ourselves by the trust of the people we serve, not by the hours we put in.",
]
# The work of the role, in general terms ({object}: what the category deals in).
ROLE = [
    "The {team} team is responsible for {object} across the whole company.",
    "Over the last year the team has rebuilt how {object} works, and there is more to do.",
    "You will split your time between hands-on work and helping others do their best.",
    "In your first three months you will learn how we handle {object} and make it yours.",
    "After six months we expect you to lead a piece of work on {object} on your own.",
    "You will report to the head of the {team} team and work closely with three peers.",
    "The role has real room to grow, in depth or in the size of the team around you.",
    "Expect a mix of planned work and the occasional surprise that needs a calm head.",
    "Your work will be visible: the whole company relies on {object} every day.",
]
HOW_WE_WORK = [
    "Plans are written down and shared early, so anyone can comment before work starts.",
    "We keep meetings short and rare, and we protect time for focused work.",
    "Every quarter the team agrees on a few goals and leaves the rest for later.",
    "You will have a buddy for your first months and regular one-to-ones with your lead.",
    "We review our own work openly and treat mistakes as something to learn from.",
    "Core hours are ten to four; the rest of the day is yours to arrange.",
    "We try hard to finish what we start before we take on something new.",
    "The whole company meets once a month to hear what each team has shipped and learnt.",
]
HIRING = [
    "First, a short call with someone from the {team} team to get to know each other.",
    "Then a practical exercise, paid if it takes more than two hours, and a conversation about it.",
    "Finally, you meet two or three of your future colleagues and ask them anything.",
    "We reply to every application within ten working days.",
    "We are happy to make adjustments at any stage: just tell us what you need.",
    "The whole process usually takes two to three weeks from first call to offer.",
]
FAIRNESS = [
    "We welcome applications from everyone and judge them on skills and potential alone. "
    "Please apply even if you do not tick every box: we would rather hear from you.",
    "{company} is an equal opportunity employer. We do not discriminate on the basis of "
    "race, religion, sex, sexual orientation, gender identity, age, disability or any "
    "other protected characteristic.",
    "We know that people from under-represented groups apply only when they meet every "
    "requirement. If this role excites you, please apply anyway.",
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


# With `seed_jobs --all-open`: every job published within this many days, so each
# stays open (30-day listings) for at least five more days after seeding.
ALL_OPEN_DAYS = 25


def fake_job(rng, company, category, now, all_open=False):
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
    status = "published" if all_open else pick(rng, STATUSES)
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
        if all_open:
            days_ago = rng.uniform(0, ALL_OPEN_DAYS)
        elif status == "expired":
            days_ago = rng.uniform(30, 90)
        else:
            days_ago = rng.uniform(0, 60)
        job.published_at = now - timedelta(days=days_ago)
        job.expires_at = job.published_at + timedelta(days=30)
        if status == "published" and job.expires_at <= now:
            job.status = Job.Status.EXPIRED
    return job


# Where seeded jobs are (seed_jobs): a few in more than one place, and about half
# of the remote ones open only to a country or an area (EU, US time zones…).
MORE_LOCATIONS_SHARE = 0.05  # of the jobs with a city: 2–4 locations
REMOTE_WITHIN_SHARE = 0.5  # of the remote jobs, when the places are loaded
ALL_CITIES = [(code, city) for code, cities in CITIES.items() for city in cities]


def fake_where(rng, job, located_of, remote_options):
    """(locations, remote_within) of a seeded job: Located values, first the job's
    own city, and places a remote job's applicants may work from (none: anywhere).

    located_of: {(country code, city): Located} for every seeded city;
    remote_options: {country code: [that country's Place, the areas holding it]},
    empty when the places are not loaded. Draws from `rng` the same way whatever
    they hold, so a seed gives the same choices with or without places.
    """
    code = job.country.code
    located = []
    if job.city:
        located.append(located_of[code, job.city])
        if rng.random() < MORE_LOCATIONS_SHARE:
            others = [pair for pair in rng.sample(ALL_CITIES, 4) if pair != (code, job.city)]
            located += [located_of[pair] for pair in others[: rng.randint(1, 3)]]
    remote_within = []
    if job.workplace == Job.Workplace.REMOTE and rng.random() < REMOTE_WITHIN_SHARE:
        roll, options = rng.random(), remote_options.get(code)
        remote_within = [options[int(roll * len(options))]] if options else []
    return located, remote_within


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
    """Markdown of the length employers write, a few thousand characters (here
    2,200-3,200): about the company, the work, what is needed and offered, how hiring
    goes. Shorter text (740-900 characters before) made every search's per-job costs
    look smaller than they are: the document each search tests and ranks, the text
    the snippets parse, and whether the row is stored compressed and out of line
    (over about 2 kB). The sections are drawn at random, so lengths vary. No sentence
    outside the duties and skills holds a word of the benchmark's mixes (or a word
    one of them is a prefix of, such as "management" for "manager"), so each word
    stays as broad or as selective as the title, role and skills make it."""
    team = rng.choice(objects).removeprefix("the ")
    place = {"remote": "fully remote", "hybrid": "hybrid", "on_site": "on-site"}[workplace]
    where = f" in {city}" if city else ""
    fill = {"team": team, "years": rng.randint(1, 8), "adjective": rng.choice(ADJECTIVES)}

    def line(template):
        skill, skill2 = rng.sample(skills, 2) if len(skills) > 1 else (skills[0], skills[0])
        return "- " + template.format(
            object=rng.choice(objects), skill=skill, skill2=skill2, **fill
        )

    def paragraph(pool, low, high):
        return " ".join(rng.sample(pool, rng.randint(low, high))).format(
            company=company.name, object=rng.choice(objects), value=rng.choice(VALUES), **fill
        )

    sections = [
        f"**{company.name}** is hiring a {title} to join our {team} team. "
        f"This role is {place}{where}.",
        paragraph(ROLE, 2, 5),
        culture(rng),
    ]
    if rng.random() < 0.8:
        sections.append(f"## About {company.name}\n\n" + paragraph(ABOUT, 3, 7))
    sections += [
        "## What you'll do\n\n"
        + "\n".join(line(t) for t in rng.sample(DUTIES, rng.randint(4, len(DUTIES)))),
        "## What you'll bring\n\n"
        + "\n".join(line(t) for t in rng.sample(WANTS, rng.randint(3, len(WANTS)))),
    ]
    if rng.random() < 0.6:
        sections.append(
            "## Nice to have\n\n"
            + "\n".join(line(t) for t in rng.sample(NICE_TO_HAVE, rng.randint(1, 3)))
        )
    if rng.random() < 0.6:
        sections.append("## How we work\n\n" + paragraph(HOW_WE_WORK, 2, 6))
    offers = rng.sample(BENEFITS, rng.randint(4, 8))
    sections.append(
        "## Why join us\n\n"
        + "\n".join(f"- {offer[0].upper()}{offer[1:]}" for offer in offers)
        + f"\n\nAnd a team that cares about {rng.choice(VALUES)}."
    )
    if rng.random() < 0.7:
        sections.append("## How we hire\n\n" + paragraph(HIRING, 2, 4))
    if rng.random() < 0.7:
        sections.append(rng.choice(FAIRNESS).format(company=company.name))
    return "\n\n".join(sections)
