"""Bytes -> text: byte-order marks, UTF-8, UTF-16 without BOM, single-byte French encodings.

>>> decode_bytes("Aide de 150 000 $ à l’œuvre".encode("cp1252"))
('Aide de 150 000 $ à l’œuvre', 'cp1252')
"""

from __future__ import annotations

import codecs
import re
from collections import Counter

#: Single-byte encodings a French text may plausibly be in, by preference on a tie.
#: (latin-1 is cp1252 but for 0x80-0x9F, C1 controls that no text holds.)
CANDIDATE_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman", "cp850", "latin_1")
#: non-ASCII characters of French texts: accented letters, ligatures, quotes, dashes, spaces, signs
_FRENCH = frozenset("àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆ«»€’‘“”–—…°·§²³½¼\u00a0\u202f")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SCORE_BYTES = 1 << 20
BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
SNIFF = 8192
#: bytes that never occur in text (all C0 controls but \t \n \v \f \r and ESC, SUB)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as text, guessing the encoding; never raises.

    Order: byte-order marks, strict UTF-8, UTF-16 without BOM (alternating NULs),
    UTF-8 with a few stray bytes (replaced by U+FFFD), then the single-byte encoding
    of :data:`CANDIDATE_ENCODINGS` whose reading looks most French
    (:func:`french_score`; charset-normalizer alone misreads short cp1252 French
    texts as Mac Roman), then, for texts French in none of them, charset-normalizer's
    guess, then cp1252 or latin-1 (which decodes anything).  Newlines are *not*
    normalized here.

    >>> decode_bytes("Coût : 2,5 M€".encode("utf-8-sig"))
    ('Coût : 2,5 M€', 'utf-8-sig')
    >>> decode_bytes("Québec « été »".encode("latin-1"))
    ('Québec « été »', 'cp1252')
    >>> decode_bytes("Aide de 2,5 M€".encode("utf-16"))
    ('Aide de 2,5 M€', 'utf-16')
    >>> decode_bytes(b"")
    ('', 'utf-8')
    """
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(data, lenient):
        return lenient, "utf-8"
    return _single_byte(data)


def replaced(data: bytes, text: str) -> int:
    """How many U+FFFD in ``text`` come from undecodable bytes (not from the input)."""
    return text.count("\ufffd") - data.count("\ufffd".encode())


def _mostly_utf8(data: bytes, lenient: str) -> bool:
    """UTF-8 with a few stray bytes: at least 5 well-formed non-ASCII characters per bad one."""
    bad = replaced(data, lenient)
    good = len(lenient) - len(lenient.encode("ascii", "ignore")) - lenient.count("\ufffd")
    return good >= 5 * bad


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without BOM: NUL in one byte of (almost) every ASCII character."""
    head = data[:SNIFF]
    if len(head) < 4 or head.count(0) < len(head) // 4:
        return None
    even, odd = head[0::2], head[1::2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) > 0.6 * len(high) and low.count(0) < 0.05 * len(low):
            try:
                text = data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, codec
    return None


def _single_byte(data: bytes) -> tuple[str, str]:
    """The single-byte candidate whose reading looks most French; never raises."""
    sample = data[:_SCORE_BYTES]
    best: tuple[int, str] | None = None
    for codec in CANDIDATE_ENCODINGS:
        try:
            score = french_score(sample.decode(codec))
        except UnicodeDecodeError:
            continue
        if best is None or score > best[0]:
            best = (score, codec)
    if best is not None and best[0] > 0:
        return data.decode(best[1]), _codec_name(best[1])
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of a text that is not French in any candidate encoding."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            return None
        return data.decode(best.encoding), _codec_name(best.encoding)
    except Exception:  # a failed or wrong guess falls back to cp1252/latin-1
        return None


def french_score(text: str) -> int:
    """How French the non-ASCII characters of ``text`` look: +1 for a letter or sign
    French texts use, -1 for any other, -3 for a C1 control character.

    >>> french_score("2,5 M€ à l’œuvre"), french_score("2,5 MÄ ‡ líúuvre")
    (4, -4)
    """
    score = 0
    for char, n in Counter(_NON_ASCII.findall(text)).items():
        if char in _FRENCH:
            score += n
        elif "\x80" <= char <= "\x9f":
            score -= 3 * n
        else:
            score -= n
    return score


def _codec_name(name: str) -> str:
    """A stable, readable codec name (``latin_1`` -> ``latin-1``)."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    return {"iso8859-1": "latin-1"}.get(canonical, canonical)


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    sample = text[:SNIFF]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\v\f\r") or c == "\ufffd")
    return bad <= 0.02 * len(sample)


def is_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary (non-text) file.

    NUL bytes, or more than 10 % of control bytes in the first 8 KB; text with a
    byte-order mark or UTF-16 without BOM is not binary.

    >>> is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR"), is_binary("Aide de 150 000 $".encode())
    (True, False)
    >>> is_binary("Aide".encode("utf-16"))
    False
    """
    if any(data.startswith(bom) for bom, _codec, _name in BOMS):
        return False
    head = data[:SNIFF]
    if not head:
        return False
    if b"\x00" in head:
        return _utf16_without_bom(data) is None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.1 * len(head)

