"""The PDF renderer reads only the site's own files, however a URL spells its scheme."""

import pytest

from toolkit.lib.pdf import LocalOnlyFetcher, render


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("not for the PDF")
    return path


@pytest.mark.parametrize("scheme", ["file", "FILE", "File", " file"])
def test_a_file_outside_the_site_is_refused_however_its_scheme_is_written(tmp_path, secret, scheme):
    allowed = tmp_path / "static"
    allowed.mkdir()
    with pytest.raises(ValueError, match="not a local resource"):
        LocalOnlyFetcher([allowed]).fetch(f"{scheme}://{secret}")


def test_a_file_of_the_site_is_read(tmp_path):
    allowed = tmp_path / "static"
    allowed.mkdir()
    (allowed / "style.css").write_text("p { color: black }")
    fetched = LocalOnlyFetcher([allowed]).fetch((allowed / "style.css").as_uri())
    assert fetched is not None


def test_a_page_pointing_at_a_file_outside_the_site_still_renders(tmp_path, secret):
    allowed = tmp_path / "static"
    allowed.mkdir()
    html = f'<html lang="en"><body><img src="FILE://{secret}"><p>Still here.</p></body></html>'
    assert render(html, allowed, [allowed]).startswith(b"%PDF")
