"""Where the quotations are: quote-mark pairing over raw article text.

Curly quotes pair up; straight double quotes (and the two-apostrophe quotes of some archives)
pair by position: an opening mark follows a space and precedes a word, a closing one the
reverse. A quotation still open at the end of its paragraph closes there (news style reopens it
in the next paragraph).
"""

from __future__ import annotations

import re

__all__ = ["quote_spans"]

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_STRAIGHT = '"'


def _opens(para: str, i: int) -> bool:
    """A straight quote opens when it starts the paragraph or follows a space or bracket, and a word follows."""
    before = para[i - 1] if i > 0 else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    return (before.isspace() or before in "([—–-:\u00a0") and not after.isspace()


def _closes(para: str, j: int) -> bool:
    after = para[j + 1] if j + 1 < len(para) else " "
    return not para[j - 1].isspace() and (after.isspace() or not after.isalnum())


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``text``, quote marks included.

    Curly quotes pair up; straight double quotes alternate within a paragraph. A quotation still
    open at the end of a paragraph closes there (news style reopens it in the next paragraph).
    """
    spans: list[tuple[int, int]] = []
    # Some papers (the NYT's archive) write quotation marks as two apostrophes: read '' as ",
    # keeping every offset (the second apostrophe becomes a character no rule looks at).
    text = text.replace("''", '"\x00')
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        i = 0
        while i < len(p_text):
            ch = p_text[i]
            if ch == _STRAIGHT and not _opens(p_text, i):
                i += 1  # a stray closing mark (its opening one is in an earlier paragraph)
                continue
            if ch in _OPEN_CLOSE or ch == _STRAIGHT:
                close = _OPEN_CLOSE.get(ch, _STRAIGHT)
                j = p_text.find(close, i + 1)
                while ch == _STRAIGHT and j >= 0 and not _closes(p_text, j):
                    j = p_text.find(close, j + 1)
                nested_open = p_text.find(ch, i + 1) if ch == "“" else -1
                if j < 0:
                    j = len(p_text) - 1 if i < len(p_text) - 1 else -1
                    if j < 0:
                        break
                elif ch == "“" and 0 <= nested_open < j:
                    # “ ... “ ... ” : an unclosed quotation before another one
                    j = nested_open - 1
                    while j > i and p_text[j] == " ":
                        j -= 1
                spans.append((p_start + i, p_start + j + 1))
                i = j + 1
            else:
                i += 1
    return [(s, e) for s, e in spans if e - s > 2]
