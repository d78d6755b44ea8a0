"""The site profile names the root organisation.

An existing single-organisation database gets one root organisation, named like the site
profile (else like the AGENDA_ORGANISATION setting), that leads every measure. An empty
database gets none: the first organisation is made when the portal is set up.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def create_root(apps, schema_editor):
    Organisation = apps.get_model("strategy", "Organisation")
    Measure = apps.get_model("measures", "Measure")
    SiteProfile = apps.get_model("agenda", "SiteProfile")
    profile = SiteProfile.objects.order_by("pk").first()
    if profile is None and not Measure.objects.exists():
        return
    root = Organisation.objects.filter(parent__isnull=True).order_by("pk").first()
    if root is None:
        name = (profile.name if profile else "") or settings.AGENDA_ORGANISATION
        root = Organisation.objects.create(
            name=name, kind="verbund", slug=slugify(name)[:80] or "verbund", order=1
        )
    Measure.objects.filter(lead_organisation__isnull=True).update(lead_organisation=root)
    SiteProfile.objects.filter(root__isnull=True).update(root=root)
    check_now(schema_editor)


def remove_root(apps, schema_editor):
    Organisation = apps.get_model("strategy", "Organisation")
    Measure = apps.get_model("measures", "Measure")
    SiteProfile = apps.get_model("agenda", "SiteProfile")
    root = Organisation.objects.filter(parent__isnull=True).order_by("pk").first()
    if root is None:
        return
    Measure.objects.filter(lead_organisation=root).update(lead_organisation=None)
    SiteProfile.objects.filter(root=root).update(root=None)
    # A federation built since stays; a lone root holding nothing else goes again.
    in_use = (
        Organisation.objects.filter(parent=root).exists()
        or root.goals.exists()
        or root.staff.exists()
        or root.measure_shares.exists()
    )
    if not in_use:
        root.delete()
    check_now(schema_editor)


def check_now(schema_editor):
    # PostgreSQL refuses to alter a table with deferred checks pending in the transaction.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0005_reminders"),
        ("measures", "0006_organisations"),
        ("strategy", "0004_organisations"),
    ]

    operations = [
        migrations.AddField(
            model_name="siteprofile",
            name="root",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="strategy.organisation",
                verbose_name="root organisation",
            ),
        ),
        migrations.RunPython(create_root, remove_root),
    ]
