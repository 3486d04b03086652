"""An app whose only content is a system check that always fails, for the tests of
`manage.py serve`: settings `tests.failing_check.settings` add it to the site's own."""
