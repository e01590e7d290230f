"""Per-attendee check-in codes: a random 8-character code, signed with django.core.signing.

The QR carries the full signed token (``code:signature``); people type the short form, the code plus two check
characters taken from the same signature (``K7QM-3XRD-9F``). Either is accepted; dashes, spaces and case are ignored.
"""

import hashlib
import secrets

import segno
from django.core import signing

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
CODE_LENGTH = 8
CHECK_LENGTH = 2
SIGNER = signing.Signer(salt="gaoqi.training.checkin")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _check(code: str) -> str:
    digest = hashlib.sha256(SIGNER.signature(code).encode()).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:CHECK_LENGTH])


def qr_token(code: str) -> str:
    """What the QR encodes."""
    return SIGNER.sign(code)


def typed_code(code: str) -> str:
    """The short form for typing, grouped for reading: ``K7QM-3XRD-9F``."""
    return f"{code[:4]}-{code[4:]}-{_check(code)}"


def code_from_input(text: str) -> str | None:
    """The code inside a scanned token or a typed short form, or None when the signature or check does not match."""
    text = (text or "").strip()
    if ":" in text:
        try:
            code = SIGNER.unsign(text)
        except signing.BadSignature:
            return None
        return code if len(code) == CODE_LENGTH else None
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    code, check = compact[:CODE_LENGTH], compact[CODE_LENGTH:]
    if len(code) != CODE_LENGTH or not secrets.compare_digest(check, _check(code)):
        return None
    return code


def qr_svg(code: str) -> str:
    """The QR of the signed token as an inline SVG (no external image or script)."""
    return segno.make(qr_token(code), error="m").svg_inline(scale=6, border=2)
