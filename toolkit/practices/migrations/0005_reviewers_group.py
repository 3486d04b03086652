"""The group "Reviewers": people who may review practices against the published criteria
(docs/moderation.md, "Reviewing practices"). Put an editor in it to make them a reviewer."""

from django.db import migrations


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Reviewers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="practices", codename="review_practice"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_review"),
        ("chapters", "0002_audiences_and_groups"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
