"""Numerals to exact values: Arabic (with separators and magnitude characters) and Chinese.

Knows nothing of characters itself: the digit and magnitude tables come from
``patterns/numerals.yaml`` through :class:`NumeralTable`, so a user can add,
say, financial numerals without touching this module.  Input is the *folded*
text (full-width digits already ASCII; see :mod:`bulletin_extract.text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# One Arabic number inside a mixed numeral (2万5千, 3万4000): digits with separators and a decimal part.
_ARABIC = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
Token = Decimal | str


@dataclass(frozen=True)
class NumeralTable:
    """The characters a numeral is written with, and what each is worth."""

    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    decimal_point: str
    half: str
    not_digit_by_digit: str = ""  # digits never written one by one (两: 二〇二〇 but never 两〇两〇)

    def parse(self, s: str) -> Decimal | None:
        """Value of an Arabic or Chinese numeral with optional trailing magnitude characters.

        Returns None for strings that are not a well-formed numeral (``十四五``,
        ``一一``), so a malformed match is dropped rather than mis-valued.
        """
        if not s:
            return None
        if s.isascii() and s.isdigit():
            return Decimal(s)  # the common case: plain Arabic digits
        i = 0
        while i < len(s) and (s[i].isascii() and (s[i].isdigit() or s[i] in ".,")):
            i += 1
        if i:
            head = s[:i].replace(",", "")
            if head.count(".") > 1 or head.startswith(".") or head.endswith("."):
                return None
            mag = self._magnitude(s[i:])
            if mag is None and any(c.isascii() and c.isdigit() for c in s[i:]):
                return self._parse_mixed(s)
            return None if mag is None else Decimal(head) * mag
        return self._parse_chinese(s)

    def _parse_mixed(self, s: str) -> Decimal | None:
        """Arabic numbers between magnitude characters: ``2万5千`` 25000, ``2千零30万`` 20300000, ``3万4000`` 34000."""
        tokens: list[Token] = []
        pos = 0
        while pos < len(s):
            m = _ARABIC.match(s, pos)
            if m:
                tokens.append(Decimal(m.group().replace(",", "")))
                pos = m.end()
            else:
                ch = s[pos]
                tokens.append(Decimal(self.digits[ch]) if ch in self.digits else ch)
                pos += 1
        return self._structured(tokens)

    def _magnitude(self, s: str) -> Decimal | None:
        """Product of trailing magnitude characters (``万亿`` -> 10^12); None if another character is there."""
        m = Decimal(1)
        for ch in s:
            v = self.big_units.get(ch) or self.small_units.get(ch)
            if v is None:
                return None
            m *= v
        return m

    def _parse_chinese(self, s: str) -> Decimal | None:
        frac = Decimal(0)
        if self.decimal_point in s:
            s, _, dec = s.partition(self.decimal_point)
            # 三点五亿: decimal digits, then the magnitude that scales the whole number.
            k = len(dec)
            while k and dec[k - 1] not in self.digits:
                k -= 1
            dec, mags = dec[:k], dec[k:]
            scale = self._magnitude(mags) if mags else Decimal(1)
            if not s or not dec or scale is None or any(c not in self.digits for c in dec):
                return None
            frac = Decimal("0." + "".join(str(self.digits[c]) for c in dec))
            whole = self._parse_chinese(s)
            return None if whole is None else (whole + frac) * scale
        if s and all(c in self.digits for c in s):
            if len(s) == 1:
                return Decimal(self.digits[s]) + frac
            # Digit-by-digit writing (一九五六, 二〇二〇) only; 一一 is no numeral.
            if len(s) >= 3 and not any(c in self.not_digit_by_digit for c in s):
                return Decimal("".join(str(self.digits[c]) for c in s)) + frac
            return None
        return self._structured([Decimal(self.digits[c]) if c in self.digits else c for c in s])

    def _structured(self, tokens: list[Token]) -> Decimal | None:
        """``三千五百万``, ``两万余``'s ``两万``, ``十二``, ``2千零30万``: sections split by the big units.

        *tokens* are digit values (a Chinese digit, or a whole Arabic number) and magnitude characters.
        """
        total = Decimal(0)
        section = Decimal(0)
        digit: Decimal | None = None
        last_small = 10**9
        last_big = 10**18
        after_zero = False  # 一百零五: a digit after 零 is a units digit, not the next lower place
        for ch in tokens:
            if isinstance(ch, Decimal):
                if ch == 0:
                    after_zero = True
                    continue
                if digit is not None:
                    return None  # two digits in a row without a unit between: not a numeral
                digit = ch
            elif ch in self.small_units:
                u = self.small_units[ch]
                if u >= last_small:
                    return None
                section += Decimal(1 if digit is None else digit) * u
                digit, last_small, after_zero = None, u, False
            elif ch in self.big_units:
                u = self.big_units[ch]
                if digit is not None:
                    section += digit
                if section == 0 and total == 0:
                    section = Decimal(1)
                if u >= last_big:
                    total = (total + section) * u  # 万亿: the later unit multiplies everything so far
                else:
                    total += section * u
                section, digit, last_small, last_big, after_zero = Decimal(0), None, 10**9, u, False
            else:
                return None
        if digit is not None:
            if after_zero or digit >= 10 or digit != digit.to_integral_value():
                section += digit  # 3万4000: a whole number after the unit is added as written
            elif 100 <= last_small < 10**9:
                section += Decimal(digit) * (last_small // 10)  # 三千五 -> 3500
            elif last_small == 10**9 and last_big < 10**18 and total:
                section += Decimal(digit) * (last_big // 10)  # 两万五 -> 25000
            else:
                section += digit
        return total + section
