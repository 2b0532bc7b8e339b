"""Non-ASCII characters that pass for ASCII letters, for explaining NON_ASCII_NAME findings.

A short table of the look-alikes attackers use (Cyrillic and Greek letters,
Latin letters with near-invisible marks), plus Unicode compatibility
normalisation for fullwidth and other styled forms.
"""

from __future__ import annotations

# pairs of (look-alike characters, the ASCII letter each one imitates)
_TABLE = (
    ("\u0430\u0251\u03b1", "a"),
    ("\u044c", "b"),
    ("\u0441\u03f2", "c"),
    ("\u0501", "d"),
    ("\u0435\u0450\u0451\u03b5", "e"),
    ("\u0261", "g"),
    ("\u04bb", "h"),
    ("\u0456\u0457\u0131\u03b9\u0269", "i"),
    ("\u0458", "j"),
    ("\u03ba\u043a", "k"),
    ("\u04cf\u217c", "l"),
    ("\u0578", "n"),
    ("\u043e\u03bf\u03c3", "o"),
    ("\u0440\u03c1", "p"),
    ("\u051b", "q"),
    ("\u0455", "s"),
    ("\u03c4\u0442", "t"),
    ("\u03c5", "u"),
    ("\u03bd\u0475", "v"),
    ("\u051d\u0461", "w"),
    ("\u0445\u03c7", "x"),
    ("\u0443\u03b3", "y"),
    ("\u0410\u0391", "A"),
    ("\u0412\u0392", "B"),
    ("\u0421\u03f9", "C"),
    ("\u0415\u0395", "E"),
    ("\u041d\u0397", "H"),
    ("\u0406\u0399", "I"),
    ("\u041a\u039a", "K"),
    ("\u041c\u039c", "M"),
    ("\u041e\u039f", "O"),
    ("\u0420\u03a1", "P"),
    ("\u0422\u03a4", "T"),
    ("\u0405", "S"),
    ("\u0425\u03a7", "X"),
)
_MAP = {ch: ascii_ for chars, ascii_ in _TABLE for ch in chars}


def imitates(ch: str) -> str | None:
    """The ASCII text ``ch`` passes for, if it obviously passes for one."""
    if ch in _MAP:
        return _MAP[ch]
    import unicodedata

    plain = unicodedata.normalize("NFKD", ch)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain if plain and plain.isascii() and plain.isprintable() else None


def describe(ch: str) -> str:
    """``U+0435 CYRILLIC SMALL LETTER IE``."""
    import unicodedata

    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED CHARACTER')}"


def asciify(name: str) -> str | None:
    """``name`` with every look-alike replaced by what it imitates; None if one has no match."""
    out = []
    for ch in name:
        if ch.isascii():
            out.append(ch)
            continue
        plain = imitates(ch)
        if plain is None:
            return None
        out.append(plain)
    return "".join(out)
