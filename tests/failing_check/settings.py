from toolkit.settings import *  # noqa: F403 - the site's own settings, plus one app

INSTALLED_APPS = [*INSTALLED_APPS, "tests.failing_check"]  # noqa: F405
