"""Every measure has a lead organisation.

Measures without one (there should be none after agenda 0006, which gave every measure of an
existing database the root) are first given the root, created like there (named after the
site profile, else after the AGENDA_ORGANISATION setting) if measures exist but no
organisation does. Then the column becomes NOT NULL. Backwards, the column may be empty
again; the leads stay.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def fill_leads(apps, schema_editor):
    Organisation = apps.get_model("strategy", "Organisation")
    Measure = apps.get_model("measures", "Measure")
    if not Measure.objects.filter(lead_organisation__isnull=True).exists():
        return
    root = Organisation.objects.filter(parent__isnull=True).order_by("pk").first()
    if root is None:
        profile = apps.get_model("agenda", "SiteProfile").objects.order_by("pk").first()
        name = (profile.name if profile else "") or settings.AGENDA_ORGANISATION
        root = Organisation.objects.create(
            name=name, kind="verbund", slug=slugify(name)[:80] or "verbund", order=1
        )
    Measure.objects.filter(lead_organisation__isnull=True).update(lead_organisation=root)
    if schema_editor.connection.vendor == "postgresql":
        # PostgreSQL refuses to alter a table with deferred checks pending in the transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        # After the site profile named the root (agenda 0006 fills the leads first).
        ("agenda", "0006_site_root"),
        ("measures", "0006_organisations"),
        ("strategy", "0004_organisations"),
    ]

    operations = [
        migrations.RunPython(fill_leads, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="measure",
            name="lead_organisation",
            field=models.ForeignKey(
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="led_measures",
                to="strategy.organisation",
                verbose_name="lead organisation",
            ),
        ),
    ]
