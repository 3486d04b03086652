"""Site search across the toolkit. Each app that has pages worth finding registers a provider
(chapters now, practices later); the search page asks all of them with the same terms.
Core knows no app: apps register themselves from their AppConfig.ready()."""

from dataclasses import dataclass

from toolkit.lib.searchtext import terms

_providers = []


@dataclass
class Result:
    title: str
    url: str
    kind: str
    snippet: str  # escaped HTML with <mark> around the matched words
    score: float
    language: str


def register(provider):
    """`provider(terms, language_code)` returns a list of Result."""
    if provider not in _providers:
        _providers.append(provider)


def search(query, language_code):
    words = terms(query)
    if not words:
        return words, []
    results = [result for provider in _providers for result in provider(words, language_code)]
    results.sort(key=lambda result: -result.score)
    return words, results
