"""Hangul in the browser: every Hangul glyph a page shows is drawn from the served web font.

The extension ``share/jupyter/labextensions/rnn-to-attention-hangul`` serves Nanum Gothic as woff2
subsets by Unicode range, declared for Hangul only, and JupyterLab and Voila load it. On a machine
without a Korean font (``fc-list :lang=ko`` empty, as in CI), a glyph that does not come from the
served font is a box. For every element of an output that shows Hangul (its own text, or the value of
a text box), and for each distinct Hangul character, the page draws the character on a canvas three
times, in the element's own style and size: with the element's font stack, with 'Nanum Gothic' alone,
and with a font known to lack Hangul (DejaVu Sans). The check passes when the element's drawing is
pixel for pixel the served font's and differs from the fallback's, when the fallback draws every
character as the same box (no system font draws Hangul), and when the page had already loaded the
subset for that character by itself before the check drew anything. ``document.fonts.check()`` alone
would say true for a font that was never served. The page may load at most 100 KB of font files.
"""

from __future__ import annotations

import subprocess

HANGUL_FONTS = "/rnn-to-attention-hangul/static/fonts/"
MAX_FONT_BYTES = 100_000
FALLBACK = "'DejaVu Sans'"  # a font known to have no Hangul
MIN_DIFF_PX = 40  # pixels (of a 48-px glyph) that must differ from the fallback's box

GLYPHS_JS = """async (root, [fallback, fontPart]) => {
  const HANGUL = /[\\u1100-\\u11ff\\u3130-\\u318f\\ua960-\\ua97f\\uac00-\\ud7a3\\ud7b0-\\ud7ff]/u;
  const shown = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const text = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? el.value
      : [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data).join('');
    if (HANGUL.test(text) && el.getClientRects().length) shown.push([el, text]);
  }
  // Which Nanum Gothic faces had the page loaded by itself, before anything is drawn here.
  const faces = [...document.fonts].filter(f => f.family.replace(/["']/g, '') === 'Nanum Gothic');
  const covers = (face, cp) => face.unicodeRange.split(',').some(r => {
    const [a, b] = r.trim().slice(2).split('-').map(h => parseInt(h, 16));
    return cp >= a && cp <= (b === undefined ? a : b);
  });
  const glyphs = [];
  for (const [el, text] of shown) {
    const cs = getComputedStyle(el);
    for (const ch of new Set([...text].filter(c => HANGUL.test(c)))) {
      const face = faces.find(f => covers(f, ch.codePointAt(0)));
      glyphs.push({el, cs, ch, status: face ? face.status : 'no face covers it'});
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 80;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (cs, family, ch) => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 80, 80);
    ctx.fillStyle = '#000';
    ctx.textBaseline = 'alphabetic';  // not 'top': that follows the stack's first font with a space
    ctx.font = `${cs.fontStyle} ${cs.fontWeight} 48px ${family}`;
    ctx.fillText(ch, 8, 60);
    const d = ctx.getImageData(0, 0, 80, 80).data;
    return Uint8Array.from({length: 80 * 80}, (_, i) => d[4 * i] < 128 ? 1 : 0);
  };
  const diff = (a, b) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);
  const ink = a => a.reduce((n, v) => n + v, 0);
  const boxes = [];
  const report = glyphs.map(({el, cs, ch, status}) => {
    const own = draw(cs, cs.fontFamily, ch), served = draw(cs, "'Nanum Gothic'", ch);
    const box = draw(cs, fallback, ch);
    boxes.push(box);
    return {el: el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join(''), ch, status,
            vsServed: diff(own, served), vsFallback: diff(own, box), ink: ink(own)};
  });
  const sameBoxes = boxes.every(b => diff(b, boxes[0]) === 0) && boxes.length > 1 && ink(boxes[0]) > 0;
  const fonts = performance.getEntriesByType('resource').filter(r => r.name.includes(fontPart))
    .map(r => [r.name, r.encodedBodySize || r.transferSize || r.decodedBodySize]);
  return {report, sameBoxes, fonts};
}"""


def korean_system_fonts() -> list[str]:
    """Fonts of this machine that fontconfig says cover Korean (none on a machine the test can use)."""
    try:
        out = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        return []  # no fontconfig: Chromium on Linux has no system fonts to fall back to either
    return sorted(set(filter(None, out.stdout.splitlines())))


def assert_hangul_from_served_font(output, what: str) -> dict:
    """Every Hangul glyph shown in ``output`` (a locator) is drawn from the served Nanum Gothic."""
    local = korean_system_fonts()
    assert not local, (f"this machine has Korean fonts ({local}); the Hangul check needs a browser that has "
                       "none, so that a glyph not taken from the served font shows as a box")
    page = output.page
    page.evaluate("() => document.fonts.ready")
    found = output.evaluate(GLYPHS_JS, [FALLBACK, HANGUL_FONTS])
    report = found["report"]
    assert report, f"{what}: no Hangul shown"
    bad = [g for g in report if g["status"] != "loaded" or g["vsServed"] != 0
           or g["vsFallback"] < MIN_DIFF_PX or g["ink"] == 0]
    assert not bad, (f"{what}: Hangul not drawn from the served font (status of the face the page "
                     "loaded, pixels differing from 'Nanum Gothic', pixels differing from the box of "
                     f"{FALLBACK}):\n  " + "\n  ".join(map(str, bad)))
    assert found["sameBoxes"], (f"{what}: {FALLBACK} and the system fallback draw Hangul as different "
                                "glyphs, not one box: a system font draws Hangul; the check proves nothing")
    total = sum(size for _, size in found["fonts"])
    assert found["fonts"] and all(url.startswith("http://127.0.0.1:") for url, _ in found["fonts"])
    assert total <= MAX_FONT_BYTES, (f"{what}: the page loaded {total} bytes of font (> {MAX_FONT_BYTES}): "
                                     f"{found['fonts']}")
    return found


# What the tests type or run: one sentence, and the explorers of 00 and 03 built on Korean words.
KOREAN_SENTENCE = "나는 집에 간다"
KOREAN_CELLS = {
    "00_start_here.ipynb": f'# 00\'s explorer on a Korean sentence\nStartHereExplorer("{KOREAN_SENTENCE}")',
    "03_naive_self_attention.ipynb": ("# 03's explorer on three Korean words\n"
                                      f"NaiveAttentionExplorer(tokens={tuple(KOREAN_SENTENCE.split())!r})"),
}
