"""What the planner adds to practice pages: "Adapt this practice to my context". The practices
app knows nothing of the planner (core.extensions)."""

from django.urls import reverse
from django.utils import translation


def adapt_panel(page, language):
    if page._meta.label != "practices.PracticePage":
        return None
    with translation.override(language):
        url = reverse("planner:adapt", args=[page.slug])
    return {"template": "planner/_adapt_panel.html", "url": url, "page_id": page.id}
