"""The web assets in share/jupyter: the Hangul web font's prebuilt extension and the slides template.

They ship with the project (a class may be offline; a hub installs the package's share/jupyter), so
each file is checked here: licences next to the files they cover, no link to another host, a font
stylesheet whose rules name existing woff2 files and cover every Hangul syllable with Hangul only.
The browser tests show them working (tests/browser/slides.py, tests/browser/hangul.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.style import CSS_FONT

ROOT = Path(__file__).resolve().parents[2]
SHARE = ROOT / "share" / "jupyter"
EXT = SHARE / "labextensions" / "rnn-to-attention-hangul"
SLIDES = SHARE / "voila" / "templates" / "slides"
FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)
HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xD7B0, 0xD7FF)]


def _faces() -> list[dict[str, str]]:
    css = (EXT / "static" / "nanum-gothic.css").read_text()
    return [dict((k.strip(), v.strip()) for k, v in (d.split(":", 1) for d in body.split(";") if d.strip()))
            for body in FACE.findall(css)]


def _code_points(unicode_range: str) -> set[int]:
    out = set()
    for part in unicode_range.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        out.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return out


def test_the_extension_is_a_prebuilt_jupyterlab_extension_with_a_style_only():
    pkg = json.loads((EXT / "package.json").read_text())
    build = pkg["jupyterlab"]["_build"]
    assert pkg["name"] == EXT.name and build == {"load": "static/remoteEntry.js", "style": "./style"}
    entry = (EXT / build["load"]).read_text()
    assert f'var NAME = "{pkg["name"]}";' in entry and f'var VERSION = "{pkg["version"]}";' in entry
    assert '"./style": linkStylesheets' in entry
    for css in re.findall(r'"([\w-]+\.css)"', entry):
        assert (EXT / "static" / css).is_file(), css
    install = json.loads((EXT / "install.json").read_text())
    project = re.search(r'^name = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    assert install["packageName"] == project


def test_each_font_rule_names_an_existing_small_woff2_of_nanum_gothic_400():
    faces = _faces()
    assert len(faces) >= 50
    files = set()
    for face in faces:
        assert face["font-family"] == "'Nanum Gothic'" and face["font-weight"] == "400"
        assert face["font-style"] == "normal" and face["font-display"] == "swap"
        name = re.fullmatch(r"url\(fonts/([\w.-]+\.woff2)\) format\('woff2'\)", face["src"]).group(1)
        data = (EXT / "static" / "fonts" / name).read_bytes()
        assert data[:4] == b"wOF2" and len(data) <= 40_000, (name, len(data))
        files.add(name)
    on_disk = {p.name for p in (EXT / "static" / "fonts").glob("*.woff2")}
    assert on_disk == files, f"font files no rule names: {sorted(on_disk - files)}"


def test_the_font_draws_hangul_only_and_every_hangul_syllable():
    """Hangul only, so 'Nanum Gothic' can go first in a stack and leave Latin to the next fonts."""
    hangul = set().union(*(range(a, b + 1) for a, b in HANGUL))
    covered = set()
    for face in _faces():
        points = _code_points(face["unicode-range"])
        assert points <= hangul, f"{face['src']}: non-Hangul code points {sorted(points - hangul)[:5]}"
        covered |= points
    assert set(range(0xAC00, 0xD7A4)) <= covered  # all 11,172 syllables


def test_the_font_keeps_its_licence_and_says_where_it_comes_from():
    licence = (EXT / "static" / "fonts" / "LICENSE").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "NHN Corporation" in licence
    assert json.loads((EXT / "package.json").read_text())["license"] == "OFL-1.1"
    assert "@fontsource/nanum-gothic@5.3.0" in (EXT / "static" / "nanum-gothic.css").read_text()


def test_the_widgets_and_the_extension_name_the_web_font_first():
    assert CSS_FONT.startswith("'Nanum Gothic',")
    stacks = re.findall(r"font-family:\s*([^;]+);", (EXT / "static" / "hangul.css").read_text())
    assert len(stacks) >= 3 and all(s.startswith("'Nanum Gothic', var(--jp-") for s in stacks)


def test_the_slides_template_serves_reveal_js_from_its_own_static_folder():
    assert json.loads((SLIDES / "conf.json").read_text()) == {"base_template": "reveal"}
    static = SLIDES / "static" / "reveal"
    assert "reveal.js 4.0.2" in (static / "dist" / "reveal.css").read_text()[:200]
    assert "Permission is hereby granted, free of charge" in (static / "LICENSE").read_text()  # MIT
    fonts = static / "dist" / "theme" / "fonts" / "source-sans-pro"
    assert "SIL Open Font License" in (fonts / "LICENSE").read_text()
    woff = re.findall(r"url\('([\w-]+\.woff)'\)", (fonts / "source-sans-pro.css").read_text())
    assert woff and all((fonts / w).is_file() for w in woff)
    prefix = "url_prefix=resources.base_url ~ 'voila/templates/' ~ resources.template ~ '/static/reveal'"
    assert prefix in (SLIDES / "index.html.j2").read_text()


WEB_FILES = sorted(p for p in SHARE.rglob("*") if p.suffix in {".css", ".js", ".j2", ".html"})
OTHER_HOST = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"'\s>]+"""  # <script src>, <link href>
                        r"""|url\(\s*["']?(?:https?:)?//[^)]+\)"""  # CSS url(...)
                        r"""|@import\s+(?:url\()?\s*["']?(?:https?:)?//[^;]+""")  # CSS @import


def test_the_link_check_finds_a_cdn_link():
    assert OTHER_HOST.findall('<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/x/all.min.css">')
    assert OTHER_HOST.findall("@import url(//fonts.googleapis.com/css?family=Lato);")
    assert not OTHER_HOST.findall("/*! reveal.js 4.0.2 https://revealjs.com */ src: url(fonts/a.woff2)")


@pytest.mark.parametrize("path", WEB_FILES, ids=lambda p: str(p.relative_to(SHARE)))
def test_no_template_or_asset_loads_anything_from_another_host(path):
    links = OTHER_HOST.findall(path.read_text())
    assert not links, f"{path.relative_to(ROOT)} loads from another host: {links}"
