"""A programme's single application deadline becomes one of its dated deadlines."""

from django.db import migrations


def copy_to_deadlines(apps, schema_editor):
    programme_model = apps.get_model("measures", "FundingProgramme")
    deadline_model = apps.get_model("measures", "FundingDeadline")
    deadline_model.objects.bulk_create(
        deadline_model(programme_id=pk, kind="application", date=date)
        for pk, date in programme_model.objects.filter(
            application_deadline__isnull=False
        ).values_list("pk", "application_deadline")
    )


def copy_back(apps, schema_editor):
    programme_model = apps.get_model("measures", "FundingProgramme")
    deadline_model = apps.get_model("measures", "FundingDeadline")
    for programme in programme_model.objects.all():
        first = (
            deadline_model.objects.filter(programme=programme, kind="application")
            .order_by("date")
            .first()
        )
        if first is not None:
            programme.application_deadline = first.date
            programme.save(update_fields=["application_deadline"])


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_steering"),
    ]

    operations = [
        migrations.RunPython(copy_to_deadlines, copy_back),
        migrations.RemoveField(model_name="fundingprogramme", name="application_deadline"),
    ]
