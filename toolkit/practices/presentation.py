"""How one practice is presented on its page: the names of its terms in the reader's
language, links to the principles it puts into practice, related practices, how to cite it,
and its schema.org data."""

import json

from django.conf import settings
from django.utils import translation

from toolkit.chapters.models import ChapterPage, PrinciplePage
from toolkit.chapters.navigation import page_navigation

from . import facets, review, search
from .facets import value_names
from .models import PracticeStanding
from .vocabularies import Principle

CRITERIA_SLUG = "criteria"  # the bundled chapter that states the review criteria


def principle_links(codes, locale):
    """{principle code: page} for the Manifesto principles, in the page's locale."""
    numbers = dict(Principle.objects.filter(code__in=codes).values_list("code", "number"))
    pages = {
        p.number: p
        for p in PrinciplePage.objects.live().filter(locale=locale, number__in=numbers.values())
    }
    return {code: pages.get(number) for code, number in numbers.items()}


def citation(page, url):
    year = page.start_year or ""
    return f"{page.organisation} ({year}). {page.title}. {settings.WAGTAIL_SITE_NAME}. {url}"


def bibtex(page, url):
    def clean(text):
        return str(text).replace("{", "(").replace("}", ")")

    kind = "Illustrative example" if page.is_example else "Good practice"
    fields = [
        ("title", clean(page.title)),
        ("author", "{" + clean(page.organisation) + "}"),  # an organisation, not a person
        ("year", page.start_year),
        ("howpublished", "\\url{" + url + "}"),
        ("note", f"{kind}, {clean(settings.WAGTAIL_SITE_NAME)}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{page.slug},\n{body}\n}}"


def json_ld(page, url):
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": page.locale.language_code,
        "dateCreated": str(page.start_year),
        "creator": {
            "@type": "Organization",
            "name": page.organisation,
            **({"url": page.website} if page.website else {}),
        },
        "spatialCoverage": {
            "@type": "Place",
            "name": f"{page.place}, {page.country.name}".strip(", "),
        },
        "keywords": [term.name for term in page.approaches.all()],
        "isAccessibleForFree": True,
    }
    # Escaped so that no text in a practice can close the script element.
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def review_mark(page):
    """{date, criteria (names), page (the public criteria, if there is one)} of a reviewed
    practice; None for one not (yet) reviewed by enough people."""
    standing = PracticeStanding.objects.filter(
        translation_key=page.translation_key, reviewed_on__isnull=False
    ).first()
    if standing is None:
        return None
    criteria_page = ChapterPage.objects.live().filter(locale=page.locale, slug=CRITERIA_SLUG)
    return {
        "date": standing.reviewed_on,
        "criteria": review.names(standing.criteria_met),
        "page": criteria_page.first(),
    }


def localized_terms(page, language):
    """{facet: [(code, name)]} for every vocabulary a practice uses, in the reader's language."""
    terms = {}  # names through value_names' memo: ~20 queries fewer per page (see "Load")
    for facet in facets.exported(vocabulary=True):
        names = value_names(facet.name, language)
        if facet.multiple:
            chosen = list(getattr(page, facet.field).all())
        else:
            chosen = [term] if (term := getattr(page, facet.field)) else []
        terms[facet.name] = [(t.code, names.get(t.code, t.name)) for t in chosen]
    return terms


def practice_context(page, request):
    language = translation.get_language()
    url = f"{settings.BASE_URL}{page.url}"
    principles = page.principles.all()
    links = principle_links([p.code for p in principles], page.locale)
    related_ids = search.related(page.id, language)
    related = {p.id: p for p in type(page).objects.live().filter(id__in=related_ids)}
    context = page_navigation(page)
    context.update(
        terms=localized_terms(page, language),
        principle_items=[(term, links.get(term.code)) for term in principles],
        related_practices=[related[i] for i in related_ids if i in related],
        citation=citation(page, url),
        bibtex=bibtex(page, url),
        json_ld=json_ld(page, url),
        absolute_url=url,
        review_mark=review_mark(page),
    )
    return context
