"""Moderators may handle submissions (see docs/moderation.md)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    permission = Permission.objects.get(
        content_type__app_label="participation", codename="moderate_submission"
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("chapters", "0002_audiences_and_groups"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
