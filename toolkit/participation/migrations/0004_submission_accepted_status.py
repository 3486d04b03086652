"""A truthful status: "accepted" (approved, passed to the editors, nothing public) beside
"published" (a story visitors can read). Submissions approved before are told apart by what
their approval made: only those with a story were published. Every approval is shown on the
status page from now on, with or without a note."""

from django.db import migrations, models


def tell_accepted_from_published(apps, schema_editor):
    Submission = apps.get_model("participation", "Submission")
    Event = apps.get_model("participation", "Event")
    Submission.objects.filter(status="published", story__isnull=True).update(status="accepted")
    Event.objects.filter(action="approve", public=False).update(public=True)


def merge_back(apps, schema_editor):
    Submission = apps.get_model("participation", "Submission")
    Submission.objects.filter(status="accepted").update(status="published")


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0003_notification_claims"),
    ]

    operations = [
        migrations.AlterField(
            model_name="submission",
            name="status",
            field=models.CharField(
                choices=[
                    ("received", "Received"),
                    ("in_review", "In review"),
                    ("needs_info", "Needs information"),
                    ("accepted", "Accepted"),
                    ("published", "Published"),
                    ("declined", "Declined"),
                    ("withdrawn", "Withdrawn"),
                ],
                db_index=True,
                default="received",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(tell_accepted_from_published, merge_back),
    ]
