"""Panels that higher apps add to the toolkit's pages (feedback, stories of use), without the
page apps knowing them: an app registers a function in its AppConfig.ready()."""

page_panels = []  # functions (page, language) -> {"template": …, …} or None


def panels_for(page, language):
    panels = []
    for provider in page_panels:
        panel = provider(page, language)
        if panel:
            panels.append(panel)
    return panels
