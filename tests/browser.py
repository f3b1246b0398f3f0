"""Headless Chromium for the view tests: the DOM after scripts ran, and a screenshot.

Where no Chromium is installed the tests skip, except when ``BULLETIN_EXTRACT_REQUIRE_BROWSER=1`` (CI sets it),
where a missing browser fails them: CI must never pass by skipping its browser tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

REQUIRE_ENV = "BULLETIN_EXTRACT_REQUIRE_BROWSER"
WIDTH, HEIGHT = 1400, 900


def chromium() -> str:
    """The Chromium executable, or skip (fail when the environment requires a browser)."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    reason = "no chromium on PATH (Debian: apt-get install chromium fonts-noto-cjk)"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
    pytest.skip(reason)


def _run(page: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",  # CI runs as root, where Chromium refuses its sandbox
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        # Any name lookup fails: a page that tried to fetch something could not get it, whatever its CSP says.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp / 'chromium-profile'}",
        f"--window-size={WIDTH},{HEIGHT}",
        "--virtual-time-budget=3000",
        *args,
        page.resolve().as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True)


def dump_dom(page: Path, tmp: Path) -> str:
    """The page's DOM, serialised after its scripts ran."""
    return _run(page, tmp, "--dump-dom").stdout


def screenshot(page: Path, tmp: Path, name: str = "shot.png") -> Path:
    """A 1,400 x 900 screenshot of the page."""
    out = tmp / name
    _run(page, tmp, f"--screenshot={out}")
    assert out.is_file(), f"chromium wrote no screenshot of {page}"
    return out


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside chosen elements, from a serialised DOM."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def named(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    def urls(self) -> list[str]:
        """Every src, href, action and xlink:href value in the page."""
        return [v for _, a in self.tags for k, v in a.items() if k in ("src", "href", "action", "xlink:href", "srcset")]
