"""The fixed list of audiences, and the two editorial groups with what each may do.

Wagtail already creates "Editors" and "Moderators" with page permissions on the whole tree;
this adds what they need for the toolkit: resources, images and documents. Moderators may
publish; editors may draft and submit for moderation. See docs/editors.md."""

from django.db import migrations

AUDIENCES = ["eu", "national", "local", "providers", "civil-society"]
MODEL_PERMISSIONS = {
    "Editors": [
        ("chapters", "resource", ["add", "change"]),
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    "Moderators": [
        ("chapters", "resource", ["add", "change", "delete"]),
        ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
    ],
}


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Audience = apps.get_model("chapters", "Audience")
    for code in AUDIENCES:
        Audience.objects.get_or_create(code=code)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group_name, rules in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(admin_access)
        for app_label, model, actions in rules:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ))


class Migration(migrations.Migration):
    dependencies = [
        ("chapters", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0002_initial_data"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
