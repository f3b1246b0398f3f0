"""Bytes to text for Chinese documents: BOMs, UTF-8, GB18030/GBK and Big5, with nothing dropped silently.

Every decoding records the encoding it used, and any byte it could not decode
becomes U+FFFD and is counted; past a small share the bytes are declared
not text and :class:`~bulletin_extract.errors.DocumentReadError` says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DocumentReadError

# Byte-order marks decide the encoding outright, before any guessing.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\x84\x31\x95\x33", "gb18030"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Legacy Chinese encodings tried after UTF-8, in order of preference on a tie.
_LEGACY: tuple[str, ...] = ("gb18030", "big5", "cp950")
# GBK text often decodes as valid Big5 and vice versa, so the candidates are ranked by how many characters
# land in the codec's own high-frequency area: GB2312 level-1 hanzi (lead bytes B0-D7) and Big5 frequent
# hanzi (A4-C6), plus the full-width punctuation rows A1-A3 of both.  A wrong decoding scatters into rare rows.
_FREQUENT: dict[str, tuple[str, range]] = {
    "gb18030": ("gb2312", range(0xB0, 0xD8)),
    "big5": ("big5", range(0xA4, 0xC7)),
    "cp950": ("cp950", range(0xA4, 0xC7)),
}
_PUNCT_ROWS = range(0xA1, 0xA4)
_SCORE_SAMPLE = 4000
# Above this share of undecodable bytes a file is not text in any candidate encoding; a decoding that
# needed replacements and still yields mostly rare characters is not text either.
MAX_REPLACED_SHARE = 0.02
_MIN_SHARE = 0.5
_REPLACEMENT_PENALTY = 10.0
CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "big5-hkscs": "big5hkscs",
    "utf8": "utf-8",
}


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used and how many undecodable bytes became U+FFFD."""

    text: str
    encoding: str
    replacements: int = 0


def _frequent_share(text: str, codec: str) -> float:
    base, leads = _FREQUENT[codec]
    seen = good = 0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        seen += 1
        try:
            b = ch.encode(base)
        except UnicodeEncodeError:
            pass
        else:
            if len(b) == 2 and (b[0] in leads or b[0] in _PUNCT_ROWS):
                good += 1
        if seen >= _SCORE_SAMPLE:
            break
    return good / seen if seen else 1.0


def normal_codec(name: str) -> str | None:
    name = CHARSET_ALIASES.get(name.lower(), name.lower())
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def decode(data: bytes, *, strict: bool = False, declared: str | None = None) -> Decoded:
    """Decode *data*: a BOM decides, then a declared charset, then UTF-8, then GB18030 / Big5 by score.

    When no candidate decodes every byte, the best one decodes with U+FFFD replacements (counted in
    ``replacements``); with ``strict=True``, or when more than 2% of bytes are undecodable, or on NUL
    bytes (binary data), :class:`DocumentReadError` says why.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data if codec in ("utf-8-sig", "utf-16") else data[len(bom) :]
            return _decode_with(body, codec, strict)
    if b"\x00" in data:
        raise DocumentReadError(f"binary data (NUL byte at offset {data.index(0)}): not a text document")
    # A charset declared in the bytes of an ASCII tag cannot be one that writes ASCII otherwise (UTF-16, UTF-32):
    # as browsers do (WHATWG), such a declaration is ignored, and the caller warns that it did not fit.
    declared_codec = normal_codec(declared) if declared else None
    if declared_codec and "<meta".encode(declared_codec) == b"<meta":
        try:
            return Decoded(data.decode(declared_codec), declared_codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; detection below decides, and the caller warns
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    ranked = sorted(
        ((_plausibility(d), -i, d) for i, d in enumerate(_decode_with(data, c, False) for c in ("utf-8", *_LEGACY))),
        key=lambda t: t[:2],
        reverse=True,
    )
    if strict:
        clean = [d for *_, d in ranked if not d.replacements]
        if clean:
            return clean[0]
        raise DocumentReadError(
            f"undecodable bytes: not UTF-8 (byte {utf8_error.start}), GB18030 or Big5; "
            "convert the file or run without --strict-decoding to replace bad bytes with U+FFFD"
        )
    score, _, best = ranked[0]
    if best.replacements > MAX_REPLACED_SHARE * len(data) or (best.replacements and score < _MIN_SHARE):
        raise DocumentReadError(
            f"not text: {best.replacements} undecodable byte sequence(s) in {len(data)} bytes even as {best.encoding}, "
            f"the best of UTF-8, GB18030 and Big5"
        )
    return best


def _plausibility(d: Decoded) -> float:
    # Common-character share, minus a steep penalty per replacement: one bad byte in a UTF-8 file must
    # not hand the file to a legacy codec that happens to decode it strictly into rare characters.
    codecs = ("gb18030", "big5") if d.encoding == "utf-8" else (d.encoding,)
    share = max(_frequent_share(d.text, c) for c in codecs)
    return share - _REPLACEMENT_PENALTY * d.replacements / max(len(d.text), 1)


def _decode_with(data: bytes, codec: str, strict: bool) -> Decoded:
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as exc:
        if strict:
            raise DocumentReadError(f"undecodable bytes in {codec} at byte {exc.start}: {exc.reason}") from exc
    text = data.decode(codec, errors="replace")
    # Count only replacements the decoder made, not U+FFFD characters already in the file.
    clean = data.decode(codec, errors="ignore")
    return Decoded(text, codec, text.count("\ufffd") - clean.count("\ufffd"))
