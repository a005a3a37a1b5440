"""Numbers as written in French releases, to exact :class:`~decimal.Decimal` values.

Two kinds of numerals, both pure and spaCy-free:

* digit strings with their separators (``2 307 663``, ``221 182,15``, ``1.500.000``,
  ``267,915``): :func:`parse_number`, which says when a reading had to be guessed;
* number words (``vingt-neuf millions``, ``deux cent mille``, ``un million et demi``),
  alone or after digits (``1 million cinq cent mille``, ``1,5 milliard``):
  :func:`words_to_number` and :func:`parse_numeral`.  Pure word sequences go through
  text2num's ``text2num`` (which rejects ill-formed sequences such as ``deux trois``).

The French number words live in ``patterns/amount_number_words.csv``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, lru_cache

from text_to_num import text2num

from .. import patterns
from .text import fold

#: characters written between digit groups (space, no-break, narrow no-break, thin, figure)
GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
_SPACES_TABLE = str.maketrans("", "", GROUP_SPACES)
#: longer digit strings are not amounts (identifiers, runs of digits)
MAX_DIGITS = 24
#: longer runs of number words are not one number
MAX_WORDS = 12
#: half a scale word (``un demi-million``)
_HALF_SCALE = re.compile(r"(?:une?[\s-]+)?demi[\s-]+(?P<scale>millions?|milliards?)")
_DEMI = re.compile(r"^(?P<head>.*?)[\s-]+et[\s-]+demie?$")
_WORD_SPLIT = re.compile(r"[\s-]+")


@cache
def number_word_forms() -> tuple[str, ...]:
    """The number words as written (with accents), longest first, for detection grammars.

    >>> number_word_forms()[:2], "vingt" in number_word_forms()
    (('cinquante', 'milliards'), True)
    """
    words = [row["word"] for row in patterns.rows("amount_number_words.csv")]
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def number_words() -> dict[str, tuple[int, str]]:
    """French number words (folded) -> ``(value, kind)``; kind is unit, ten, hundred or scale.

    >>> number_words()["milliards"]
    (1000000000, 'scale')
    >>> number_words()["zero"]
    (0, 'unit')
    """
    return {fold(row["word"]): (int(row["value"]), row["kind"]) for row in patterns.rows("amount_number_words.csv")}


@lru_cache(maxsize=4096)
def scale_of(word: str) -> int | None:
    """The multiplier of a scale word (``mille``, ``million(s)``, ``milliard(s)``), else None.

    >>> scale_of("Millions"), scale_of("mille"), scale_of("cent")
    (1000000, 1000, None)
    """
    entry = number_words().get(fold(word.strip()))
    return entry[0] if entry and entry[1] == "scale" else None


def plain(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros (``Decimal('13700000.0')`` -> ``13700000``).

    >>> plain(Decimal("13.7") * 1000000), plain(Decimal("221182.150")), plain(Decimal("1E+6"))
    (Decimal('13700000'), Decimal('221182.15'), Decimal('1000000'))
    """
    if value == value.to_integral_value() and value.adjusted() < 28:
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_number(text: str, *, scaled: bool = False) -> tuple[Decimal, bool]:
    """A digit string -> ``(value, ambiguous)``.

    Spaces of any width separate thousands; a comma is the decimal mark, a dot too
    when it is not a thousands separator.  A single ``,`` or ``.`` followed by exactly
    three digits (``267,915``) is read as a thousands separator and flagged ambiguous,
    unless ``scaled`` (the number is followed by a magnitude: ``1,500 M$`` is 1.5).

    >>> parse_number("2\u202f307 663")
    (Decimal('2307663'), False)
    >>> parse_number("221 182,15")
    (Decimal('221182.15'), False)
    >>> parse_number("13,7")
    (Decimal('13.7'), False)
    >>> parse_number("267,915")
    (Decimal('267915'), True)
    >>> parse_number("1,500", scaled=True)
    (Decimal('1.5'), False)
    >>> parse_number("1.500.000"), parse_number("1,234,567.89"), parse_number("1.234,5")
    ((Decimal('1500000'), False), (Decimal('1234567.89'), False), (Decimal('1234.5'), False))
    >>> parse_number("0,500")
    (Decimal('0.5'), False)
    >>> parse_number("1" * 40)
    Traceback (most recent call last):
    ...
    ValueError: not a number: '1111111111111111111111111111111111111111'
    """
    s = text.strip().translate(_SPACES_TABLE)
    if not s or not s[0].isdigit() or len(s) > MAX_DIGITS:
        raise ValueError(f"not a number: {text!r}")
    ambiguous = False
    if "," in s and "." in s:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal_mark == "," else ",", "").replace(decimal_mark, ".")
    elif "," in s or "." in s:
        mark = "," if "," in s else "."
        head, _, tail = s.rpartition(mark)
        if s.count(mark) > 1:
            s = s.replace(mark, "")
        elif len(tail) == 3 and not scaled and head != "0" and len(head) <= 3 and len(text.strip()) == len(s):
            s, ambiguous = head + tail, True
        else:
            s = f"{head}.{tail}"
    return plain(Decimal(s)), ambiguous


def words_to_number(text: str) -> Decimal | None:
    """French number words -> value, or None when they do not form a number.

    >>> words_to_number("vingt-neuf millions"), words_to_number("deux cent mille")
    (Decimal('29000000'), Decimal('200000'))
    >>> words_to_number("un million cinq cent mille"), words_to_number("Une")
    (Decimal('1500000'), Decimal('1'))
    >>> words_to_number("deux millions et demi"), words_to_number("soixante et onze mille")
    (Decimal('2500000'), Decimal('71000'))
    >>> words_to_number("un demi-million"), words_to_number("demi-milliard")
    (Decimal('500000'), Decimal('500000000'))
    >>> words_to_number("deux trois") is None, words_to_number("abattoirs") is None
    (True, True)
    """
    s = fold(text).strip()
    m = _HALF_SCALE.fullmatch(s)
    if m:  # "un demi-million"
        return Decimal(number_words()[m["scale"]][0]) / 2
    half = Decimal(0)
    m = _DEMI.match(s)
    if m:
        s = m["head"]
        last = _WORD_SPLIT.split(s)[-1]
        scale = scale_of(last)
        half = Decimal(scale if scale else 1) / 2
    words = [w for w in _WORD_SPLIT.split(s) if w]
    if not words or len(words) > MAX_WORDS or any(w not in number_words() and w != "et" for w in words):
        return None
    words = ["un" if w == "une" else w for w in words]
    try:
        value = Decimal(text2num(" ".join(words), "fr"))
    except ValueError:
        return None
    return value + half


def parse_numeral(text: str, *, scaled: bool = False) -> tuple[Decimal, bool] | None:
    """Digits, words or both (``1,5 million``, ``1 million cinq cent mille``) -> ``(value, ambiguous)``.

    ``scaled`` is passed to :func:`parse_number` (a magnitude abbreviation follows).

    >>> parse_numeral("1,5 milliard")
    (Decimal('1500000000'), False)
    >>> parse_numeral("1 million cinq cent mille")
    (Decimal('1500000'), False)
    >>> parse_numeral("250 mille"), parse_numeral("13,7", scaled=True)
    ((Decimal('250000'), False), (Decimal('13.7'), False))
    >>> parse_numeral("vingt-neuf millions")
    (Decimal('29000000'), False)
    >>> parse_numeral("2 cinq") is None
    True
    """
    s = text.strip()
    if not s:
        return None
    if not s[0].isdigit():
        value = words_to_number(s)
        return None if value is None else (plain(value), False)
    m = re.match(r"[\d" + GROUP_SPACES + r".,]*\d", s)
    assert m is not None  # s starts with a digit
    digits, rest = m.group(), s[m.end():].strip()
    if len(digits) > MAX_DIGITS:
        return None
    if not rest:
        value, ambiguous = parse_number(digits, scaled=scaled)
        return plain(value), ambiguous
    head, _, tail = rest.partition(" ")
    scale = scale_of(head.split("-")[0]) if head else None
    if scale is None:
        return None
    value, _ = parse_number(digits, scaled=True)
    tail_value = Decimal(0)
    tail = (head.split("-", 1)[1] + " " + tail if "-" in head else tail).strip()
    if tail:
        m_half = re.fullmatch(r"et[\s-]+demie?", fold(tail))
        words = None if m_half else words_to_number(tail)
        if m_half:
            tail_value = Decimal(scale) / 2
        elif words is None or words >= scale:
            return None
        else:
            tail_value = words
    return plain(value * scale + tail_value), False
