from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def two_factor_is_on(app_configs, **kwargs):
    if settings.TWO_FACTOR_REQUIRED:
        return []
    return [
        Warning(
            "TWO_FACTOR_REQUIRED is off: anyone with an editor's password can open the admin.",
            hint="Set TWO_FACTOR_REQUIRED=true in production (docs/decisions/0011).",
            id="toolkit.W001",
        )
    ]
