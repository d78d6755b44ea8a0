from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0002_siteprofile_edition_report"),
    ]

    operations = [
        # Reports rendered before this field printed the internal feasibility notes: they
        # become internal, so the public download never serves one of them.
        migrations.AddField(
            model_name="report",
            name="audience",
            field=models.CharField(
                choices=[
                    ("public", "Public (without internal notes)"),
                    ("internal", "Internal (with internal notes, not for publication)"),
                ],
                default="internal",
                max_length=10,
                verbose_name="audience",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="audience",
            field=models.CharField(
                choices=[
                    ("public", "Public (without internal notes)"),
                    ("internal", "Internal (with internal notes, not for publication)"),
                ],
                default="public",
                max_length=10,
                verbose_name="audience",
            ),
        ),
    ]
