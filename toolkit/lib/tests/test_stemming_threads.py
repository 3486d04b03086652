"""gunicorn serves requests from several threads of one process: stemming must not mix up the
words of two requests (a shared Snowball stemmer raised IndexError under load, see
docs/performance.md, "Load")."""

import sys
from concurrent.futures import ThreadPoolExecutor

from toolkit.lib.stemming import analyse

TEXT = "Refugees and educational communities organise apprenticeships in many languages " * 500


def test_texts_stemmed_by_many_threads_at_once_get_the_stems_of_one_thread():
    expected = analyse(TEXT, "en")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, as a busy server does
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: analyse(TEXT, "en"), range(16)))
    finally:
        sys.setswitchinterval(interval)
    assert all(result == expected for result in results)
