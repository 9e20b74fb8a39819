"""The demo board's content: people, companies, and job ads built from templates.

Everything here is plain data plus `job_specs()`, which turns it into ~150 job
ads. It draws only from the random generator it is given, never from the
database or the clock, so the same seed always yields the same ads and the
`demo` command can tell which ones already exist.

Websites use the reserved `.example` domain and e-mail addresses `.test`, so
no demo link or address can reach a real company or person.
"""

from dataclasses import dataclass

from board.companies.models import Company
from board.jobs.models import Job

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 -- printed on purpose; the command refuses production
EMAIL_DOMAIN = "demo.nexusjobs.test"

SEEKER = {"email": f"seeker@{EMAIL_DOMAIN}", "first_name": "Sam", "last_name": "Rivera"}
EMPLOYER = {"email": f"employer@{EMAIL_DOMAIN}", "first_name": "Jordan", "last_name": "Weber"}
ADMIN = {"email": f"admin@{EMAIL_DOMAIN}", "first_name": "Alex", "last_name": "Kim"}

E, M, S, L = (
    Job.ExperienceLevel.ENTRY,
    Job.ExperienceLevel.MID,
    Job.ExperienceLevel.SENIOR,
    Job.ExperienceLevel.LEAD,
)
Status = Job.Status
Type = Job.EmploymentType
Workplace = Job.Workplace
Period = Job.SalaryPeriod

# Country: (currency, typical yearly pay for a mid-level job in local currency,
# full-time minimum wage as a floor, name for "anywhere in ..."). Rough 2026 figures.
COUNTRIES = {
    "US": ("USD", 85_000, 31_000, "the United States"),
    "CA": ("CAD", 75_000, 36_000, "Canada"),
    "GB": ("GBP", 45_000, 26_500, "the UK"),
    "IE": ("EUR", 52_000, 29_500, "Ireland"),
    "NL": ("EUR", 52_000, 29_000, "the Netherlands"),
    "BE": ("EUR", 50_000, 25_000, "Belgium"),
    "DE": ("EUR", 52_000, 29_000, "Germany"),
    "FR": ("EUR", 45_000, 22_000, "France"),
    "ES": ("EUR", 34_000, 17_000, "Spain"),
    "PT": ("EUR", 24_000, 12_500, "Portugal"),
    "PL": ("PLN", 120_000, 58_000, "Poland"),
    "SE": ("SEK", 540_000, 300_000, "Sweden"),
    "NO": ("NOK", 680_000, 420_000, "Norway"),
    "SG": ("SGD", 78_000, 30_000, "Singapore"),
    "AU": ("AUD", 100_000, 50_000, "Australia"),
    "NZ": ("NZD", 82_000, 49_000, "New Zealand"),
    "KE": ("KES", 1_800_000, 182_000, "Kenya"),
    "NG": ("NGN", 6_000_000, 840_000, "Nigeria"),
}
# Exchange rates the ECB does not publish, as staff would enter them in the admin
# (units for one euro). Nigeria's naira is left without one, so the demo also shows
# a job whose pay cannot be converted.
EXCHANGE_RATES = {"KES": "150"}
LEVEL_PAY = {E: 0.75, M: 1.0, S: 1.3, L: 1.65}

# Jobs done on a shop floor, ward or site: almost never remote.
HANDS_ON = {
    "construction-trades",
    "healthcare",
    "hospitality-tourism",
    "logistics-supply-chain",
    "manufacturing",
    "retail",
    "science-research",
}
# Where contractors in these fields quote a day rate rather than an hourly one.
DAY_RATE_FIELDS = {
    "data-analytics",
    "design-creative",
    "engineering",
    "it-operations",
    "software-development",
}
DAY_RATE_COUNTRIES = {"GB", "IE", "NL", "DE"}

# Keyed by the slugs migration 0002 gives the standard industries.
CATEGORIES = {
    "accounting-finance": {
        "pay": 1.05,
        "team": "finance",
        "field": "accounting or finance",
        E: ["Accounts Payable Clerk", "Junior Accountant"],
        M: ["Accountant", "Financial Analyst", "Payroll Specialist"],
        S: ["Senior Accountant", "Senior Financial Analyst", "Tax Manager"],
        L: ["Finance Manager", "Head of Financial Planning & Analysis"],
        "duties": [
            "Close the books each month and keep the ledgers reconciled",
            "Prepare management accounts and explain the variances",
            "Build the annual budget and rolling forecasts with budget holders",
            "Work with our auditors and answer their questions promptly",
            "Automate the manual steps in our finance processes",
            "Keep VAT and tax filings accurate and on time",
        ],
        "wants": [
            "An accounting qualification (ACCA, CIMA, CPA or similar), or studying towards one",
            "Confidence with spreadsheets and an ERP such as NetSuite, SAP or Xero",
            "An eye for detail and the habit of checking your numbers",
            "The ability to explain financial results to people outside finance",
        ],
    },
    "administration-office": {
        "pay": 0.7,
        "team": "office",
        "field": "an office or administrative role",
        E: ["Receptionist", "Office Assistant"],
        M: ["Office Coordinator", "Administrative Assistant"],
        S: ["Executive Assistant", "Senior Office Coordinator"],
        L: ["Office Manager", "Head of Workplace"],
        "duties": [
            "Keep the office running day to day, from supplies to visitors",
            "Manage diaries, travel and meetings for a busy leadership team",
            "Be the first friendly face for visitors and callers",
            "Handle invoices, purchase orders and supplier contacts",
            "Organise team events and all-hands meetings",
            "Keep records and documents tidy and easy to find",
        ],
        "wants": [
            "Strong organisation and the calm to juggle competing requests",
            "Good written and spoken communication",
            "Comfort with Google Workspace or Microsoft 365",
            "Discretion with confidential information",
        ],
    },
    "construction-trades": {
        "pay": 0.9,
        "team": "facilities",
        "field": "a skilled trade",
        E: ["Apprentice Electrician", "Maintenance Assistant"],
        M: ["Electrician", "Maintenance Technician", "HVAC Technician"],
        S: ["Senior Maintenance Technician", "Site Supervisor"],
        L: ["Facilities Manager", "Construction Project Manager"],
        "duties": [
            "Carry out planned and reactive maintenance across our sites",
            "Diagnose and repair electrical, mechanical and HVAC faults",
            "Follow and improve our health and safety procedures",
            "Coordinate contractors and check their work",
            "Keep maintenance records and the spare-parts stock up to date",
            "Take part in a fair on-call rota",
        ],
        "wants": [
            "A trade qualification or apprenticeship in an electrical or mechanical discipline",
            "Working knowledge of local safety regulations",
            "A full driving licence",
            "Practical problem solving and pride in tidy work",
        ],
    },
    "customer-service": {
        "pay": 0.65,
        "team": "customer support",
        "field": "customer-facing roles",
        E: ["Customer Support Agent", "Contact Centre Advisor"],
        M: ["Customer Success Specialist", "Technical Support Specialist"],
        S: ["Senior Customer Success Manager", "Support Quality Specialist"],
        L: ["Customer Support Team Lead", "Head of Customer Experience"],
        "duties": [
            "Answer customer questions by chat, e-mail and phone",
            "Solve problems end to end rather than passing them on",
            "Spot recurring issues and feed them back to the product team",
            "Write and improve help-centre articles",
            "Look after a portfolio of key customers and their renewals",
            "Help shape how we measure and improve customer satisfaction",
        ],
        "wants": [
            "Warmth, patience and clear writing",
            "Experience with a help-desk tool such as Zendesk, Intercom or Freshdesk",
            "Fluent English; a second language is a plus",
            "Calm under pressure when the queue builds up",
        ],
    },
    "data-analytics": {
        "pay": 1.25,
        "team": "data",
        "field": "data analysis or data engineering",
        E: ["Junior Data Analyst", "Business Intelligence Analyst"],
        M: ["Data Analyst", "Analytics Engineer", "Data Engineer"],
        S: ["Senior Data Scientist", "Senior Data Engineer", "Senior Analytics Engineer"],
        L: ["Lead Data Scientist", "Head of Data"],
        "duties": [
            "Turn messy questions into clear analyses and recommendations",
            "Build and maintain dbt models and dashboards people trust",
            "Design experiments and explain what the results mean",
            "Own data pipelines from source systems to the warehouse",
            "Define the metrics that matter with product and operations teams",
            "Document datasets so colleagues can help themselves",
        ],
        "wants": [
            "Strong SQL and working Python",
            "Experience with a warehouse such as BigQuery, Snowflake or PostgreSQL",
            "A solid grasp of statistics and when it applies",
            "The habit of explaining findings in plain language",
        ],
    },
    "design-creative": {
        "pay": 1.0,
        "team": "design",
        "field": "product, UX or graphic design",
        E: ["Junior Graphic Designer", "Junior Product Designer"],
        M: ["Product Designer", "UX Researcher", "Graphic Designer"],
        S: ["Senior Product Designer", "Senior Brand Designer"],
        L: ["Design Lead", "Head of Design"],
        "duties": [
            "Design flows, wireframes and polished interfaces",
            "Run interviews and usability tests and share what you learn",
            "Evolve our design system together with the engineers",
            "Create brand and campaign assets for web, print and social",
            "Give and receive thoughtful design critique",
            "Make accessibility part of every design",
        ],
        "wants": [
            "A portfolio that shows your process, not just final screens",
            "Fluency in Figma",
            "Understanding of accessibility (WCAG) and responsive design",
            "Clear communication with engineers, marketers and customers",
        ],
    },
    "education-training": {
        "pay": 0.85,
        "team": "learning and development",
        "field": "training or teaching adults",
        E: ["Training Coordinator", "Apprenticeship Coordinator"],
        M: ["Corporate Trainer", "Instructional Designer", "Onboarding Specialist"],
        S: ["Senior Instructional Designer", "Learning & Development Partner"],
        L: ["Learning & Development Manager", "Head of Academy"],
        "duties": [
            "Design and deliver training for new and experienced staff",
            "Build e-learning modules and keep them current",
            "Measure whether training changes how people work",
            "Coordinate apprenticeships and onboarding programmes",
            "Coach managers to develop their teams",
            "Keep training records ready for audits",
        ],
        "wants": [
            "Experience designing or delivering adult learning",
            "Confidence presenting to groups of any size",
            "Familiarity with a learning management system",
            "Curiosity about how people learn best",
        ],
    },
    "engineering": {
        "pay": 1.15,
        "team": "engineering",
        "field": "mechanical, electrical or industrial engineering",
        E: ["Graduate Mechanical Engineer", "Junior Process Engineer"],
        M: ["Mechanical Engineer", "Electrical Engineer", "Quality Engineer"],
        S: ["Senior Mechanical Engineer", "Senior Controls Engineer"],
        L: ["Engineering Manager", "Principal Systems Engineer"],
        "duties": [
            "Design components and assemblies in CAD and see them into production",
            "Run root-cause analyses and fix problems for good",
            "Improve line efficiency and reduce scrap",
            "Write clear specifications and test plans",
            "Work with suppliers on quality and cost",
            "Support the commissioning of new equipment on site",
        ],
        "wants": [
            "A degree in mechanical, electrical or industrial engineering, or similar experience",
            "Experience with SolidWorks, CATIA or a similar CAD tool",
            "Familiarity with lean or Six Sigma methods",
            "A practical, hands-on approach to problems",
        ],
    },
    "healthcare": {
        "pay": 1.05,
        "team": "clinical",
        "field": "a clinical setting",
        E: ["Healthcare Assistant", "Pharmacy Technician"],
        M: ["Registered Nurse", "Physiotherapist", "Medical Laboratory Technologist"],
        S: ["Nurse Practitioner", "Senior Physiotherapist", "Clinical Pharmacist"],
        L: ["Nurse Manager", "Director of Clinical Services"],
        "duties": [
            "Provide safe, compassionate care to patients and their families",
            "Assess patients and plan their care with the wider team",
            "Keep accurate records in our electronic health record",
            "Mentor students and newer colleagues",
            "Take part in quality-improvement projects",
            "Work a fair rota of days, nights and weekends",
        ],
        "wants": [
            "Current registration with the relevant professional college",
            "Basic Life Support certification",
            "Excellent communication with patients and colleagues",
            "A commitment to patient safety and continuous learning",
        ],
    },
    "hospitality-tourism": {
        "pay": 0.6,
        "team": "hotel",
        "field": "hotels, restaurants or events",
        E: ["Front Desk Agent", "Commis Chef", "Housekeeping Attendant"],
        M: ["Chef de Partie", "Guest Relations Coordinator", "Events Coordinator"],
        S: ["Sous Chef", "Front Office Manager"],
        L: ["Head Chef", "Hotel General Manager"],
        "duties": [
            "Welcome guests and make every stay feel personal",
            "Cook to our standards with seasonal, local produce",
            "Handle check-ins, requests and the occasional complaint with grace",
            "Plan weddings, conferences and group stays with clients",
            "Keep rooms, kitchens and public areas spotless",
            "Train and support new team members through the season",
        ],
        "wants": [
            "A genuine love of looking after people",
            "Food hygiene or first-aid certificates, or the willingness to get them",
            "English plus at least one of Spanish, French or Portuguese",
            "Flexibility to work evenings, weekends and holidays",
        ],
    },
    "human-resources": {
        "pay": 0.95,
        "team": "people",
        "field": "HR or recruitment",
        E: ["HR Assistant", "Recruitment Coordinator"],
        M: ["HR Generalist", "Talent Acquisition Partner", "People Operations Specialist"],
        S: ["Senior HR Business Partner", "Senior Recruiter"],
        L: ["Head of People", "HR Manager"],
        "duties": [
            "Run hiring processes from job description to offer",
            "Advise managers on performance, absence and employee relations",
            "Keep HR systems and employee records accurate",
            "Run onboarding so new starters feel at home in their first week",
            "Shape our pay, benefits and policies",
            "Use people data to spot problems early",
        ],
        "wants": [
            "Solid knowledge of local employment law",
            "Experience with an HR system such as Personio, BambooHR or Workday",
            "Sound judgement with confidential matters",
            "A practical, fair and approachable manner",
        ],
    },
    "it-operations": {
        "pay": 1.1,
        "team": "IT",
        "field": "IT operations or infrastructure",
        E: ["IT Support Technician", "Service Desk Analyst"],
        M: ["Systems Administrator", "Network Engineer", "Site Reliability Engineer"],
        S: ["Senior Site Reliability Engineer", "Cloud Platform Engineer", "Security Engineer"],
        L: ["IT Operations Manager", "Head of Infrastructure"],
        "duties": [
            "Keep laptops, accounts and SaaS tools working for everyone",
            "Run and improve our cloud infrastructure as code",
            "Respond to incidents and write blameless post-mortems",
            "Harden systems and follow up on security alerts",
            "Automate the boring parts of IT",
            "Plan capacity and keep costs in check",
        ],
        "wants": [
            "Hands-on experience with Linux, networking and identity management",
            "Familiarity with AWS, Azure or Google Cloud",
            "Scripting in Python, Bash or PowerShell",
            "A calm approach to incidents and clear written updates",
        ],
    },
    "legal": {
        "pay": 1.3,
        "team": "legal",
        "field": "legal practice",
        E: ["Paralegal", "Legal Assistant"],
        M: ["Associate Attorney", "Commercial Lawyer", "Compliance Analyst"],
        S: ["Senior Associate", "Senior Counsel"],
        L: ["General Counsel", "Head of Compliance"],
        "duties": [
            "Draft and negotiate commercial contracts",
            "Advise colleagues on regulatory and data-protection questions",
            "Research case law and prepare clear memos",
            "Run matters from intake to close, on time and on budget",
            "Keep policies current as the law changes",
            "Work with outside counsel when we need them",
        ],
        "wants": [
            "A law degree and, for lawyer roles, admission in the relevant jurisdiction",
            "Precise drafting and a practical, commercial mindset",
            "Experience with contract management tools",
            "Good judgement about when something needs escalating",
        ],
    },
    "logistics-supply-chain": {
        "pay": 0.8,
        "team": "operations",
        "field": "logistics or supply chain",
        E: ["Warehouse Operative", "Logistics Coordinator"],
        M: ["Transport Planner", "Supply Chain Analyst", "Customs Specialist"],
        S: ["Senior Demand Planner", "Warehouse Operations Manager"],
        L: ["Head of Supply Chain", "Distribution Centre Manager"],
        "duties": [
            "Plan routes and loads so deliveries arrive on time",
            "Keep stock accurate and the warehouse safe and organised",
            "Forecast demand together with sales and purchasing",
            "Handle customs paperwork for imports and exports",
            "Track carrier performance and negotiate rates",
            "Lead continuous-improvement projects on the floor",
        ],
        "wants": [
            "Experience with a warehouse or transport management system",
            "Strong Excel or Google Sheets skills",
            "Knowledge of Incoterms and customs procedures",
            "Calm, practical problem solving when plans change",
        ],
    },
    "manufacturing": {
        "pay": 0.8,
        "team": "production",
        "field": "a manufacturing environment",
        E: ["Production Operator", "Assembly Technician"],
        M: ["CNC Machinist", "Quality Inspector", "Maintenance Fitter"],
        S: ["Production Supervisor", "Senior Quality Technician"],
        L: ["Plant Manager", "Production Manager"],
        "duties": [
            "Set up and run production equipment safely",
            "Inspect parts against drawings and record the results",
            "Keep your work area clean and organised (5S)",
            "Help solve problems on the line as they come up",
            "Train new operators on standard work",
            "Hit daily targets for safety, quality and output",
        ],
        "wants": [
            "Familiarity with lean production and continuous improvement",
            "The ability to read technical drawings",
            "Willingness to work shifts",
            "A strong sense of safety for yourself and others",
        ],
    },
    "marketing-communications": {
        "pay": 0.95,
        "team": "marketing",
        "field": "marketing or communications",
        E: ["Marketing Assistant", "Social Media Coordinator"],
        M: [
            "Content Marketing Manager",
            "Performance Marketing Specialist",
            "Communications Officer",
        ],
        S: ["Senior Product Marketing Manager", "Senior Brand Manager"],
        L: ["Head of Marketing", "Communications Director"],
        "duties": [
            "Plan and run campaigns across search, social and e-mail",
            "Write copy that sounds like us and converts",
            "Look after our social channels and community",
            "Work with sales on launches and messaging",
            "Measure what works and move budget accordingly",
            "Handle press enquiries and internal communications",
        ],
        "wants": [
            "A portfolio of campaigns or writing you're proud of",
            "Experience with Google Analytics, HubSpot or similar tools",
            "Excellent written English",
            "Comfort with numbers as well as words",
        ],
    },
    "retail": {
        "pay": 0.6,
        "team": "store",
        "field": "retail or hospitality",
        E: ["Retail Assistant", "Checkout Operator", "Stock Associate"],
        M: ["Visual Merchandiser", "Department Supervisor", "Fresh Food Specialist"],
        S: ["Assistant Store Manager", "Area Merchandiser"],
        L: ["Store Manager", "Regional Operations Manager"],
        "duties": [
            "Help customers find what they need and leave happy",
            "Keep shelves full, fresh and well presented",
            "Handle tills, returns and cashing up accurately",
            "Build displays that make our seasonal ranges shine",
            "Lead and schedule a team across the week",
            "Keep an eye on waste, shrinkage and sales targets",
        ],
        "wants": [
            "Friendly, reliable and happy on your feet",
            "Confidence handling cash and card payments",
            "Availability for weekend shifts",
            "For supervisory roles, experience leading a team",
        ],
    },
    "sales-business-development": {
        "pay": 1.05,
        "team": "sales",
        "field": "B2B sales",
        E: ["Sales Development Representative", "Inside Sales Representative"],
        M: ["Account Executive", "Business Development Manager", "Key Account Manager"],
        S: ["Senior Account Executive", "Enterprise Account Manager"],
        L: ["Head of Sales", "Sales Director"],
        "duties": [
            "Find and qualify new prospects",
            "Run discovery calls and tailored demos",
            "Own deals from first meeting to signed contract",
            "Grow and renew relationships with existing customers",
            "Keep the CRM accurate so forecasts mean something",
            "Share customer feedback with product and marketing",
        ],
        "wants": [
            "A track record of meeting or beating targets",
            "Experience with Salesforce or HubSpot",
            "Clear, honest communication with buyers at every level",
            "Resilience and curiosity",
        ],
    },
    "science-research": {
        "pay": 1.05,
        "team": "research",
        "field": "a research laboratory",
        E: ["Laboratory Technician", "Research Assistant"],
        M: ["Research Scientist", "Clinical Research Coordinator", "Materials Scientist"],
        S: ["Senior Research Scientist", "Senior Clinical Research Associate"],
        L: ["Principal Scientist", "Head of Research"],
        "duties": [
            "Design and run experiments and record them carefully",
            "Analyse results and present them to the wider team",
            "Keep the lab safe, calibrated and audit-ready",
            "Coordinate studies and keep participants informed",
            "Write reports and contribute to publications and patents",
            "Work with engineering or clinical teams on applications",
        ],
        "wants": [
            "A degree in a relevant science; a PhD for scientist roles",
            "Hands-on laboratory experience and good laboratory practice",
            "Confident data analysis in R, Python or similar",
            "Careful, honest record keeping",
        ],
    },
    "software-development": {
        "pay": 1.35,
        "team": "engineering",
        "field": "software development",
        E: ["Junior Software Engineer", "Graduate Developer"],
        M: ["Backend Engineer (Python)", "Frontend Engineer", "Full-Stack Developer"],
        S: ["Senior Backend Engineer", "Senior Frontend Engineer", "Senior iOS Engineer"],
        L: ["Staff Engineer", "Engineering Manager", "Principal Software Engineer"],
        "duties": [
            "Design, build and ship features end to end",
            "Write tests and review your colleagues' code",
            "Keep our services fast, secure and observable",
            "Break large problems into small, shippable steps",
            "Shape what we build together with product and design",
            "Improve our developer tooling and CI",
        ],
        "wants": [
            "Professional experience with Python, TypeScript, Go or Kotlin",
            "A solid grasp of SQL databases and HTTP APIs",
            "Care for readable, well-tested code",
            "Comfort owning your work in production",
        ],
    },
}

# `categories` says how many ads a company has in each. `statuses` go to its last
# ads; the rest are published. Only unverified companies have ads in review or
# rejected, because verified companies publish without review.
COMPANIES = [
    {
        "slug": "quillstone-labs",
        "name": "Quillstone Labs",
        "tagline": "We build collaborative writing tools for research teams.",
        "about": (
            "Quillstone Labs builds collaborative writing and citation tools for research "
            "teams. We are a small, funded team split between Berlin, Munich, Paris and home "
            "offices across Europe. We ship every week and talk to customers every day."
        ),
        "headquarters": "Berlin, Germany",
        "size": Company.Size.SMALL,
        "website": "https://quillstone.example",
        "verified": False,
        "owner": EMPLOYER,
        "offices": [
            ("Berlin", "Berlin", "DE"),
            ("Munich", "Bavaria", "DE"),
            ("Paris", "Île-de-France", "FR"),
        ],
        "categories": {
            "software-development": 5,
            "design-creative": 2,
            "data-analytics": 2,
            "it-operations": 2,
            "marketing-communications": 1,
            "sales-business-development": 1,
            "customer-service": 2,
            "human-resources": 1,
        },
        "statuses": [
            Status.DRAFT,
            Status.DRAFT,
            Status.PENDING,
            Status.PENDING,
            Status.REJECTED,
            Status.CLOSED,
            Status.EXPIRED,
        ],
    },
    {
        "slug": "lumen-ledger",
        "name": "Lumen Ledger",
        "tagline": "More than 90,000 small businesses run their books on Lumen.",
        "about": (
            "Lumen Ledger makes accounting and invoicing software for small businesses in the "
            "UK and Ireland, and is expanding into the Netherlands and the United States. "
            "More than 90,000 businesses run their books on Lumen."
        ),
        "headquarters": "London, United Kingdom",
        "size": Company.Size.LARGE,
        "website": "https://lumenledger.example",
        "verified": True,
        "first_name": "Priya",
        "last_name": "Shah",
        "offices": [
            ("London", "England", "GB"),
            ("Manchester", "England", "GB"),
            ("Dublin", "County Dublin", "IE"),
            ("Amsterdam", "North Holland", "NL"),
            ("New York", "New York", "US"),
        ],
        "categories": {
            "software-development": 6,
            "data-analytics": 3,
            "accounting-finance": 3,
            "sales-business-development": 3,
            "customer-service": 2,
            "legal": 1,
            "it-operations": 2,
            "marketing-communications": 2,
        },
        "statuses": [Status.DRAFT, Status.CLOSED, Status.EXPIRED],
    },
    {
        "slug": "brightwater-health",
        "name": "Brightwater Health",
        "tagline": "We are a not-for-profit: everything we earn goes back into patient care.",
        "about": (
            "Brightwater Health runs community hospitals, clinics and a research institute "
            "across Ontario, Alberta and British Columbia. We are a not-for-profit, and "
            "everything we earn goes back into patient care."
        ),
        "headquarters": "Toronto, Canada",
        "size": Company.Size.HUGE,
        "website": "https://brightwaterhealth.example",
        "careers": "https://careers.brightwaterhealth.example/postings",
        "verified": True,
        "first_name": "Marie",
        "last_name": "Tremblay",
        "offices": [
            ("Toronto", "Ontario", "CA"),
            ("Ottawa", "Ontario", "CA"),
            ("Calgary", "Alberta", "CA"),
            ("Vancouver", "British Columbia", "CA"),
        ],
        "categories": {
            "healthcare": 12,
            "science-research": 3,
            "administration-office": 2,
            "human-resources": 2,
            "education-training": 1,
            "it-operations": 2,
        },
        "statuses": [Status.DRAFT, Status.CLOSED],
    },
    {
        "slug": "kestrel-logistics",
        "name": "Kestrel Logistics",
        "tagline": "We move freight between Europe's biggest ports and Southeast Asia.",
        "about": (
            "Kestrel Logistics moves containers, pallets and parcels between Europe's biggest "
            "ports, East and West Africa and Southeast Asia. We run our own warehouses and a "
            "fleet of 600 low-emission trucks."
        ),
        "headquarters": "Rotterdam, Netherlands",
        "size": Company.Size.XLARGE,
        "website": "https://kestrel-logistics.example",
        "verified": True,
        "first_name": "Daan",
        "last_name": "de Vries",
        "offices": [
            ("Rotterdam", "South Holland", "NL"),
            ("Hamburg", "Hamburg", "DE"),
            ("Antwerp", "Flanders", "BE"),
            ("Gdańsk", "Pomerania", "PL"),
            ("Singapore", "", "SG"),
            ("Mombasa", "Mombasa", "KE"),
            ("Lagos", "Lagos", "NG"),
        ],
        "categories": {
            "logistics-supply-chain": 7,
            "engineering": 2,
            "it-operations": 2,
            "software-development": 2,
            "data-analytics": 1,
            "sales-business-development": 2,
            "administration-office": 1,
            "construction-trades": 1,
        },
        "statuses": [Status.CLOSED, Status.EXPIRED],
    },
    {
        "slug": "fernhill-hotels",
        "name": "Fernhill Hotels & Resorts",
        "tagline": "Every Fernhill hotel has its own kitchen, character and long-serving team.",
        "about": (
            "Fernhill runs fourteen independent-minded hotels and resorts on the Mediterranean "
            "and Atlantic coasts. Every property has its own kitchen, its own character and a "
            "team that stays for years."
        ),
        "headquarters": "Barcelona, Spain",
        "size": Company.Size.XLARGE,
        "website": "https://fernhillhotels.example",
        "verified": False,
        "first_name": "Lucía",
        "last_name": "Ortega",
        "offices": [
            ("Barcelona", "Catalonia", "ES"),
            ("Madrid", "Community of Madrid", "ES"),
            ("Nice", "Provence-Alpes-Côte d'Azur", "FR"),
            ("Lisbon", "Lisbon", "PT"),
        ],
        "categories": {
            "hospitality-tourism": 9,
            "marketing-communications": 2,
            "design-creative": 1,
            "accounting-finance": 1,
            "human-resources": 1,
            "construction-trades": 2,
            "customer-service": 1,
        },
        "statuses": [Status.DRAFT, Status.PENDING, Status.REJECTED],
    },
    {
        "slug": "halvorsen-industrial",
        "name": "Halvorsen Industrial",
        "tagline": "Our electric drive systems power buses, ferries and heavy machinery.",
        "about": (
            "Halvorsen Industrial designs and builds electric drive systems for buses, ferries "
            "and heavy machinery. Our factories in Sweden, Germany and Poland run on "
            "renewable power."
        ),
        "headquarters": "Gothenburg, Sweden",
        "size": Company.Size.XLARGE,
        "website": "https://halvorsen-industrial.example",
        "verified": True,
        "first_name": "Erik",
        "last_name": "Lindqvist",
        "offices": [
            ("Gothenburg", "Västra Götaland", "SE"),
            ("Stuttgart", "Baden-Württemberg", "DE"),
            ("Katowice", "Silesia", "PL"),
            ("Oslo", "Oslo", "NO"),
        ],
        "categories": {
            "manufacturing": 6,
            "engineering": 6,
            "science-research": 2,
            "construction-trades": 1,
            "logistics-supply-chain": 2,
            "education-training": 1,
            "human-resources": 1,
            "sales-business-development": 1,
        },
        "statuses": [Status.DRAFT, Status.CLOSED, Status.EXPIRED],
    },
    {
        "slug": "marlow-finch",
        "name": "Marlow & Finch LLP",
        "tagline": "We are known for plain-English advice.",
        "about": (
            "Marlow & Finch is a commercial law firm advising technology, healthcare and energy "
            "companies on transactions, disputes and regulation. We are known for plain-English "
            "advice and for partners who answer their own phones."
        ),
        "headquarters": "New York, United States",
        "size": Company.Size.LARGE,
        "website": "https://marlowfinch.example",
        "careers": "https://careers.marlowfinch.example/openings",
        "verified": True,
        "first_name": "Grace",
        "last_name": "O'Connell",
        "offices": [
            ("New York", "New York", "US"),
            ("Chicago", "Illinois", "US"),
            ("San Francisco", "California", "US"),
            ("London", "England", "GB"),
        ],
        "categories": {
            "legal": 8,
            "accounting-finance": 1,
            "administration-office": 1,
            "human-resources": 1,
            "marketing-communications": 1,
            "it-operations": 1,
        },
        "statuses": [Status.CLOSED],
    },
    {
        "slug": "greenleaf-market",
        "name": "Greenleaf Market",
        "tagline": "We buy directly from local growers wherever we can.",
        "about": (
            "Greenleaf Market is a chain of 120 neighbourhood grocery stores in Australia and "
            "New Zealand, buying directly from local growers wherever we can."
        ),
        "headquarters": "Melbourne, Australia",
        "size": Company.Size.HUGE,
        "website": "https://greenleafmarket.example",
        "verified": False,
        "first_name": "Liam",
        "last_name": "Nguyen",
        "offices": [
            ("Melbourne", "Victoria", "AU"),
            ("Sydney", "New South Wales", "AU"),
            ("Brisbane", "Queensland", "AU"),
            ("Auckland", "Auckland", "NZ"),
        ],
        "categories": {
            "retail": 11,
            "logistics-supply-chain": 3,
            "customer-service": 2,
            "marketing-communications": 1,
            "data-analytics": 1,
            "human-resources": 1,
            "education-training": 2,
            "design-creative": 1,
        },
        "statuses": [Status.DRAFT, Status.PENDING, Status.PENDING, Status.REJECTED, Status.CLOSED],
    },
]

REJECTION_REASONS = [
    "Please add a salary range. Ads on Nexus Jobs show pay so candidates can decide quickly.",
    "The description reads like a copy of another company's ad. Please describe this role "
    "in your own words.",
    "Please say where the job is based, or that it is fully remote and from which countries.",
    "The requirements mention age and nationality, which we cannot publish. Please remove them.",
]
REJECTION_REASONS = [
    "Please add a salary range. Ads on Nexus Jobs show pay so candidates can decide quickly.",
    "The description reads like a copy of another company's ad. Please describe this role "
    "in your own words.",
    "Please say where the job is based, or that it is fully remote and from which countries.",
    "The requirements mention age and nationality, which we cannot publish. Please remove them.",
]

EMPLOYMENT_WEIGHTS = {
    Type.FULL_TIME: 72,
    Type.PART_TIME: 8,
    Type.CONTRACT: 9,
    Type.TEMPORARY: 5,
    Type.INTERNSHIP: 6,
}
LEVEL_WEIGHTS = {E: 20, M: 40, S: 28, L: 12}
MANAGER_WORKPLACES = {Workplace.ON_SITE: 70, Workplace.HYBRID: 30}
OFFICE_WORKPLACES = {Workplace.ON_SITE: 25, Workplace.HYBRID: 45, Workplace.REMOTE: 30}

INTROS = [
    "{company} is hiring {a_title} to join our {team} team {where}. {tagline}",
    "We're looking for {a_title} {where}. {tagline}",
    "Join {company} as {a_title} {where}. {tagline}",
]
EXPERIENCE = {
    E: "Some experience in {field}, from studies, an apprenticeship or a first job",
    M: "Two to four years of experience in {field}",
    S: "Five or more years of experience in {field}",
    L: "Eight or more years in {field}, including leading people or programmes",
}


@dataclass
class JobSpec:
    """One demo ad: Job field values, and the status to bring it to."""

    company: str  # slug
    category: str  # slug
    fields: dict
    status: str
    days_ago: float  # when it was published (or drafted)
    rejection_reason: str = ""


def owner_of(company):
    """The account that owns a company: the demo employer, or an invented colleague."""
    return company.get("owner") or {
        "email": f"{company['slug']}@{EMAIL_DOMAIN}",
        "first_name": company["first_name"],
        "last_name": company["last_name"],
    }


def job_specs(rng):
    """All demo ads in a fixed order, drawn from `rng` alone."""
    for company in COMPANIES:
        titles = set()
        # One ad per category first, so even a category with a single ad has it
        # published; the rest in random order.
        categories = list(company["categories"])
        extra = [slug for slug, count in company["categories"].items() for _ in range(count - 1)]
        rng.shuffle(extra)
        categories += extra
        published = [Status.PUBLISHED] * (len(categories) - len(company["statuses"]))
        for category, status in zip(categories, published + company["statuses"], strict=True):
            yield _job_spec(rng, company, category, status, titles)


def _pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _job_spec(rng, company, slug, status, titles):
    category = CATEGORIES[slug]
    employment_type = _pick(rng, EMPLOYMENT_WEIGHTS)
    level = E if employment_type == Type.INTERNSHIP else _pick(rng, LEVEL_WEIGHTS)
    if level == L and employment_type in (Type.PART_TIME, Type.TEMPORARY):
        employment_type = Type.FULL_TIME  # leadership roles are rarely stopgaps
    if slug not in HANDS_ON:
        workplace = _pick(rng, OFFICE_WORKPLACES)
    elif level in (S, L):
        workplace = _pick(rng, MANAGER_WORKPLACES)  # some desk work even on a shop floor
    else:
        workplace = Workplace.ON_SITE
    city, region, country = rng.choice(company["offices"])
    pay_country = country  # remote staff are paid like the office they belong to
    if workplace == Workplace.REMOTE:
        city = region = ""
        country = country if rng.random() < 0.7 else ""

    title, level = _title(rng, category, level, city or "Remote", titles)
    sponsor_odds = 0.35 if level != E and category["pay"] >= 1.05 else 0.03
    fields = {
        "title": title,
        "description": _description(
            rng, company, category, title, level, employment_type, workplace, city, country
        ),
        "employment_type": employment_type,
        "experience_level": level,
        "workplace": workplace,
        "city": city,
        "region": region,
        "country": country,
        "salary_currency": COUNTRIES[pay_country][0],
        **_salary(rng, pay_country, slug, level, employment_type),
        "visa_sponsorship": workplace != Workplace.REMOTE and rng.random() < sponsor_odds,
        "apply_url": "",
    }
    if company.get("careers") and rng.random() < 0.2:
        fields["apply_url"] = f"{company['careers']}/{rng.randrange(10_000, 100_000)}"

    if status == Status.EXPIRED:
        days_ago = rng.uniform(40, 50)  # its 30 days ran out 10–20 days ago
    elif status in (Status.PUBLISHED, Status.CLOSED):
        days_ago = rng.uniform(0, 25)  # still inside its 30 days
    else:
        days_ago = rng.uniform(0, 6)
    reason = rng.choice(REJECTION_REASONS) if status == Status.REJECTED else ""
    return JobSpec(company["slug"], slug, fields, status, days_ago, reason)


def _title(rng, category, level, place, taken):
    """A title the company has not used yet, and its level.

    A second opening of a role names its place; when every title at the level is
    taken, another level's will do.
    """
    for title_level in [level, *(other for other in (M, S, E, L) if other != level)]:
        titles = category[title_level]
        first = rng.choice(titles) if title_level == level else titles[0]
        others = [*titles, *(f"{title} – {place}" for title in titles)]
        for candidate in [first, f"{first} – {place}", *others]:
            if candidate not in taken:
                taken.add(candidate)
                return candidate, title_level
    raise ValueError("Too few demo titles in this category")


def _description(rng, company, category, title, level, employment_type, workplace, city, country):
    """Markdown: an intro paragraph, then what the job involves and what it needs."""
    if workplace != Workplace.REMOTE:
        where = f"in {city}"
    elif country:
        where = f"working remotely from anywhere in {COUNTRIES[country][3]}"
    else:
        where = "working fully remotely"
    article = "an" if title[0] in "AEIO" or title.startswith("HR") else "a"
    intro = rng.choice(INTROS).format(
        company=company["name"],
        a_title=f"{article} {title}",
        team=category["team"],
        where=where,
        tagline=company["tagline"],
    )
    intro = " ".join(filter(None, [intro, _terms(rng, employment_type, workplace, city)]))
    duties = rng.sample(category["duties"], 4)
    wants = [EXPERIENCE[level].format(field=category["field"]), *rng.sample(category["wants"], 3)]
    return "\n".join(
        [intro, "", "## What you'll do", ""]
        + [f"- {line}" for line in duties]
        + ["", "## What we look for", ""]
        + [f"- {line}" for line in wants]
    )


def _terms(rng, employment_type, workplace, city):
    """Sentences on hours, duration and office days, where there is something to say."""
    match employment_type:
        case Type.PART_TIME:
            hours = rng.choice([16, 20, 24, 30])
            terms = [f"This is a part-time role of about {hours} hours a week."]
        case Type.CONTRACT:
            months = rng.choice([3, 6, 9, 12])
            terms = [f"This is a {months}-month contract with a good chance of extension."]
        case Type.TEMPORARY:
            cover = rng.choice(["the summer season", "a parental leave", "our busiest quarter"])
            terms = [f"This is a temporary role covering {cover}."]
        case Type.INTERNSHIP:
            terms = [f"This is a paid {rng.choice([3, 6])}-month internship."]
        case _:
            terms = []
    if workplace == Workplace.HYBRID:
        terms.append(f"We spend two or three days a week together in the {city} office.")
    elif workplace == Workplace.REMOTE:
        terms.append("The team meets in person a few times a year.")
    return " ".join(terms)


def _salary(rng, country, category, level, employment_type):
    """Pay as Job fields: mostly yearly; hourly, daily or monthly where that is the custom."""
    if rng.random() < 0.07:
        return {"salary_min": None, "salary_max": None, "salary_period": Period.YEAR}
    _, typical, minimum_wage, _ = COUNTRIES[country]
    # Interns are paid well below even entry-level staff, but never below the minimum wage.
    level_pay = 0.45 if employment_type == Type.INTERNSHIP else LEVEL_PAY[level]
    yearly = typical * level_pay * CATEGORIES[category]["pay"] * rng.uniform(0.92, 1.08)
    # Pay near the minimum wage has a narrow range.
    low = max(yearly, minimum_wage)
    high = max(yearly * rng.uniform(1.12, 1.35), low * 1.08)

    contract = employment_type == Type.CONTRACT
    if contract and category in DAY_RATE_FIELDS and country in DAY_RATE_COUNTRIES:
        # Contractors charge a premium for carrying their own holidays and gaps.
        return _range(low, high, 220 / 1.5, 25, Period.DAY)
    if employment_type in (Type.PART_TIME, Type.TEMPORARY, Type.CONTRACT) or (
        employment_type == Type.INTERNSHIP and country in ("US", "CA")
    ):
        hours = Job.PERIODS_PER_YEAR[Period.HOUR] / (1.3 if contract else 1.0)
        return _range(low, high, hours, 1, Period.HOUR)
    if employment_type == Type.INTERNSHIP or country == "PL":
        # Internship stipends, and Polish salaries in general, are quoted per month.
        return _range(low, high, 12, 50, Period.MONTH)
    return _range(low, high, 1, 1000, Period.YEAR)


def _range(low, high, per_year, step, period):
    """Yearly pay as a range per `period`, rounded to `step`, the top above the bottom."""
    salary_min = max(step, round(low / per_year / step) * step)
    salary_max = max(salary_min + step, round(high / per_year / step) * step)
    return {"salary_min": salary_min, "salary_max": salary_max, "salary_period": period}
