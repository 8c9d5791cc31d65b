"""An HTML table of token vectors, shared by the explorers that show Q, K, V and outputs per token."""

from __future__ import annotations

import html

from ..style import CSS_FONT

__all__ = ["vectors_table"]

_TABLE_STYLE = (
    "<style>.rta-vectors{font-family:" + CSS_FONT + ";font-size:12px;border-collapse:collapse}"
    ".rta-vectors th,.rta-vectors td{padding:1px 6px;text-align:right;font-variant-numeric:tabular-nums}"
    ".rta-vectors caption{font-weight:bold;text-align:left;padding-bottom:4px}"
    ".rta-vectors th{border-bottom:1px solid #999}</style>"
)


def vectors_table(tokens, blocks, *, title="Vectors", fmt=".2f") -> str:
    """An HTML table: one row per token, one column group per named [T, d] block."""
    head = "".join(f'<th colspan="{B.shape[1]}">{html.escape(name)}</th>' for name, B in blocks.items())
    rows = []
    for t, tok in enumerate(tokens):
        cells = "".join(f"<td>{v:{fmt}}</td>" for B in blocks.values() for v in B[t].tolist())
        rows.append(f'<tr><th scope="row">{html.escape(str(tok))}</th>{cells}</tr>')
    return (f'{_TABLE_STYLE}<table class="rta-vectors"><caption>{html.escape(title)}</caption>'
            f"<thead><tr><th>token</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
