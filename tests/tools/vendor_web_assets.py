"""Copy the web assets the classroom serves from the npm registry into share/jupyter (run by hand).

Usage: python tests/tools/vendor_web_assets.py    (needs npm and the npm registry; `make vendor`)
       python tests/tools/vendor_web_assets.py --bytes "나는 집에 간다"   (no network: the woff2
       files a page showing that text downloads, and their size)

The results are committed, so a class, a hub or CI never needs the internet (nor npm) to show them:

- reveal.js 4.0.2 (MIT), the version nbconvert's reveal template names: its stylesheet, the white
  theme and the theme's Source Sans Pro font (OFL; woff only, which every browser that runs JupyterLab
  reads), into the ``slides`` Voila template's static folder. The slide engine itself is Voila's own
  bundle.
- @fontsource/nanum-gothic 5.3.0 (OFL): weight 400 split by Unicode range into small woff2 files, and
  a stylesheet of one @font-face rule per file, into the prebuilt JupyterLab extension
  ``rnn-to-attention-hangul`` (which Voila loads too). Each rule's ``unicode-range`` keeps only the
  Hangul of its file, and files without Hangul are left out: 'Nanum Gothic' then goes first in a font
  stack, draws every Hangul character and nothing else (Latin, digits, arrows keep the next fonts),
  and a browser downloads only the files for the Hangul a page shows.

Each licence file is copied next to the files it covers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REVEAL = "reveal.js@4.0.2"
NANUM = "@fontsource/nanum-gothic@5.3.0"
SLIDES_STATIC = ROOT / "share" / "jupyter" / "voila" / "templates" / "slides" / "static" / "reveal"
HANGUL_STATIC = ROOT / "share" / "jupyter" / "labextensions" / "rnn-to-attention-hangul" / "static"
FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.S)
# Hangul Jamo, Compatibility Jamo, Jamo Extended-A, Syllables, Jamo Extended-B
HANGUL = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7A3), (0xD7B0, 0xD7FF)]


def npm_package(spec: str, dest: Path) -> Path:
    """``npm pack`` one package version into ``dest`` and unpack it; returns its ``package`` folder."""
    out = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(dest)],
                         capture_output=True, text=True, check=True).stdout.split()
    with tarfile.open(dest / out[-1]) as tar:
        tar.extractall(dest / out[-1].removesuffix(".tgz"), filter="data")
    return dest / out[-1].removesuffix(".tgz") / "package"


def copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def vendor_reveal(pkg: Path) -> None:
    shutil.rmtree(SLIDES_STATIC, ignore_errors=True)
    copy(pkg / "LICENSE", SLIDES_STATIC / "LICENSE")
    for rel in ["dist/reveal.css", "dist/theme/white.css", "dist/theme/fonts/source-sans-pro/LICENSE",
                "dist/theme/fonts/source-sans-pro/source-sans-pro.css"]:
        copy(pkg / rel, SLIDES_STATIC / rel)
    for font in sorted((pkg / "dist/theme/fonts/source-sans-pro").glob("*.woff")):
        copy(font, SLIDES_STATIC / "dist/theme/fonts/source-sans-pro" / font.name)


def hangul_ranges(unicode_range: str) -> list[tuple[int, int]]:
    """The parts of a CSS ``unicode-range`` value (``U+20-7e,U+ac00``) that are Hangul."""
    out = []
    for part in unicode_range.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        lo, hi = int(lo, 16), int(hi or lo, 16)
        out += [(max(lo, a), min(hi, b)) for a, b in HANGUL if max(lo, a) <= min(hi, b)]
    return out


def css_range(ranges: list[tuple[int, int]]) -> str:
    return ",".join(f"U+{a:x}" if a == b else f"U+{a:x}-{b:x}" for a, b in sorted(ranges))


def woff2_faces(css: str) -> list[str]:
    """The @font-face rules of a fontsource stylesheet that cover Hangul: woff2 source only, Hangul range."""
    faces = []
    for body in FACE.findall(css):
        decls = dict(d.strip().split(":", 1) for d in body.split(";") if d.strip())
        ranges = hangul_ranges(decls["unicode-range"])
        if not ranges:
            continue
        woff2 = re.search(r"url\(\./files/([\w.-]+\.woff2)\) format\('woff2'\)", decls["src"]).group(1)
        decls["src"] = f" url(fonts/{woff2}) format('woff2')"
        decls["unicode-range"] = f" {css_range(ranges)}"
        faces.append("@font-face {\n" + "".join(f"  {k}:{v};\n" for k, v in decls.items()) + "}\n")
    return faces


def vendor_nanum(pkg: Path) -> None:
    shutil.rmtree(HANGUL_STATIC / "fonts", ignore_errors=True)
    faces = woff2_faces((pkg / "400.css").read_text())
    for name in re.findall(r"url\(fonts/([\w.-]+)\)", "".join(faces)):
        copy(pkg / "files" / name, HANGUL_STATIC / "fonts" / name)
    copy(pkg / "LICENSE", HANGUL_STATIC / "fonts" / "LICENSE")
    header = (f"/* Nanum Gothic, weight 400, from {NANUM} (SIL Open Font License 1.1: fonts/LICENSE).\n"
              "   Written by tests/tools/vendor_web_assets.py: one rule per woff2 file, each for the\n"
              "   Hangul of its Unicode range, so 'Nanum Gothic' draws Hangul only (first in a stack, it\n"
              "   leaves Latin to the fonts after it) and a page downloads only the files for the Hangul\n"
              "   it shows. */\n\n")
    (HANGUL_STATIC / "nanum-gothic.css").write_text(header + "\n".join(faces))
    print(f"{len(faces)} woff2 subsets of Nanum Gothic with Hangul -> {HANGUL_STATIC.relative_to(ROOT)}")


def font_files_for(text: str) -> dict[str, int]:
    """The committed woff2 files a browser downloads to draw ``text``, with their sizes in bytes."""
    css = (HANGUL_STATIC / "nanum-gothic.css").read_text()
    files = {}
    for body in FACE.findall(css):
        name = re.search(r"url\(fonts/([\w.-]+)\)", body).group(1)
        ranges = hangul_ranges(re.search(r"unicode-range:([^;]+)", body).group(1))
        if any(a <= ord(ch) <= b for ch in text for a, b in ranges):
            files[name] = (HANGUL_STATIC / "fonts" / name).stat().st_size
    return files


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bytes"]:
        files = font_files_for(" ".join(argv[1:]))
        print(f"{len(files)} files, {sum(files.values())} bytes: {', '.join(sorted(files))}")
        return 0
    if shutil.which("npm") is None:
        print("npm is missing: install Node.js (npm), or `apt-get install npm`")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        vendor_reveal(npm_package(REVEAL, Path(tmp)))
        print(f"{REVEAL} stylesheets -> {SLIDES_STATIC.relative_to(ROOT)}")
        vendor_nanum(npm_package(NANUM, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
