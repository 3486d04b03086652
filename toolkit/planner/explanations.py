"""What the campaign chapter says about a step, in the reader's language."""

from toolkit.chapters.models import CampaignPage, CampaignStepPage


def explanation(step, language):
    """(title, summary, url) of the page that explains `step`, or None."""
    pages = (
        CampaignStepPage.objects.filter(number=step.chapter_number)
        if step.chapter_number
        else CampaignPage.objects.all()
    )
    page = pages.live().filter(locale__language_code=language).first()
    if page is None:
        return None
    return {"title": page.title, "summary": page.summary, "url": page.url}
