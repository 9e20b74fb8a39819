from django.db import migrations
from django.utils.text import slugify

# The standard list of industries a new board starts with; admins can add,
# rename or deactivate categories afterwards.
INDUSTRIES = [
    "Accounting & Finance",
    "Administration & Office",
    "Construction & Trades",
    "Customer Service",
    "Data & Analytics",
    "Design & Creative",
    "Education & Training",
    "Engineering",
    "Healthcare",
    "Hospitality & Tourism",
    "Human Resources",
    "IT & Operations",
    "Legal",
    "Logistics & Supply Chain",
    "Manufacturing",
    "Marketing & Communications",
    "Retail",
    "Sales & Business Development",
    "Science & Research",
    "Software Development",
]


def seed(apps, schema_editor):
    Category = apps.get_model("board", "Category")
    for name in INDUSTRIES:
        Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def unseed(apps, schema_editor):
    Category = apps.get_model("board", "Category")
    Category.objects.filter(slug__in=[slugify(n) for n in INDUSTRIES], jobs__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("board", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
