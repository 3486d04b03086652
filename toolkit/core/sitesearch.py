"""Site search across the toolkit. Each app that has pages worth finding provides a function
through the Wagtail hook `toolkit_site_search` (chapters and practices, in their
wagtail_hooks.py); the search page asks all of them with the same terms. Core knows no app."""

from dataclasses import dataclass

from wagtail import hooks

from toolkit.lib.searchtext import terms
from toolkit.lib.stemming import content_words


@dataclass
class Result:
    title: str
    url: str
    kind: str
    snippet: str  # escaped HTML with <mark> around the matched words
    score: float
    language: str


def search(query, language_code):
    """Every provider's results (`provider(terms, language_code)` -> [Result]), best first."""
    words = content_words(terms(query), language_code)  # "for", "di", "في" find nothing
    if not words:
        return words, []
    providers = hooks.get_hooks("toolkit_site_search")
    results = [result for provider in providers for result in provider(words, language_code)]
    results.sort(key=lambda result: -result.score)
    return words, results
