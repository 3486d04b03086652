"""The starting vocabularies, in the default language, and the editors' rights over them."""

import uuid

from django.conf import settings
from django.db import migrations

MODELS = ["Sector", "TargetGroup", "Approach", "Principle", "ParticipationLevel",
          "EvidenceType", "EvidenceStrength", "Language"]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from toolkit.practices.vocabulary_data import ALL

    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for model_name, rows in ALL.items():
        model = apps.get_model("practices", model_name)
        for position, row in enumerate(rows):
            code, name = row[0], row[1]
            defaults = {"name": name, "description": row[2] if len(row) > 2 else "",
                        "sort_order": position, "translation_key": uuid.uuid4()}
            if model_name == "Principle":
                defaults["number"] = position + 1
            model.objects.get_or_create(code=code, locale=locale, defaults=defaults)

    app_config = apps.get_app_config("practices")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rights = {"Editors": ["add", "change"], "Moderators": ["add", "change", "delete"]}
    for group_name, actions in rights.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{action}_{model.lower()}" for model in MODELS for action in actions]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="practices",
                                                        codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("chapters", "0002_audiences_and_groups"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
