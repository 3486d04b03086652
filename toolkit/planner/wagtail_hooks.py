"""What the planner gives the rest of the site (docs/architecture.md, "Extending an app")."""

from wagtail import hooks

from .panels import adapt_panel
from .story import prefill


@hooks.register("toolkit_link_targets")
def planner_link():
    """Chapters link to the planner as `page:planner`; it is a view, not a page. The link has
    no language: it leads to the language of the page it is followed from."""
    return {"planner": "/planner/"}


hooks.register("toolkit_page_panels", adapt_panel)
hooks.register("toolkit_story_prefill", prefill)
