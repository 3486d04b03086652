"""Panels that higher apps add to the toolkit's pages (feedback, stories of use), without the
page apps knowing them: an app provides a function through the Wagtail hook
`toolkit_page_panels`, `(page, language) -> {"template": …, …}` or None."""

from wagtail import hooks


def panels_for(page, language):
    panels = []
    for provider in hooks.get_hooks("toolkit_page_panels"):
        panel = provider(page, language)
        if panel:
            panels.append(panel)
    return panels
