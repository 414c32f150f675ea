"""Field-level protection for personal data (resident ID numbers and the like).

A database dump must not show such values whole, yet the system must still decrypt them for
the admin, refuse duplicates and find a person by the exact number. So each value is stored
twice, neither readable:

* ``encrypt(text)`` — a Fernet token (AES-128-CBC + HMAC-SHA256, random IV), decrypted with
  ``decrypt(token)``;
* ``blind_index(text)`` — a keyed HMAC-SHA256 hex digest: equal inputs give equal digests,
  so a unique index and ``filter(x_index=blind_index(value))`` work without decrypting.

Both keys are derived with HKDF-SHA256 from ``settings.SECRET_KEY`` using different ``info``
labels, so neither key reveals the other or the secret. Settings are read at call time (not
import time) and derived keys are cached per secret.

Key rotation follows Django's own convention: put the old secret in
``SECRET_KEY_FALLBACKS``; ``decrypt`` still reads old tokens and ``reencrypt`` rewrites them
under the current key. Blind indexes cannot be "decrypted", so after a rotation they must be
recomputed from the decrypted values (``blind_index(decrypt(token))``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Changing either label (or the salt) makes every stored token / index unreadable: they are
# versioned so that a future scheme can live beside this one.
_SALT = b"techbureau-personal-data"
_FERNET_INFO = b"techbureau/fernet/v1"
_BLIND_INDEX_INFO = b"techbureau/blind-index/v1"


class DecryptionError(ValueError):
    """The token is corrupt, truncated, or was made with a key we no longer hold."""


def _derive(secret: str, info: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=info)
    return hkdf.derive(secret.encode("utf-8"))


@lru_cache(maxsize=16)
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(secret, _FERNET_INFO)))


@lru_cache(maxsize=16)
def _index_key(secret: str) -> bytes:
    return _derive(secret, _BLIND_INDEX_INFO)


def _secrets() -> tuple[str, list[str]]:
    # Imported here so the module loads before settings are configured. Django itself
    # raises ImproperlyConfigured when SECRET_KEY is empty, so no key is ever "".
    from django.conf import settings

    return settings.SECRET_KEY, list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])


def _require_str(text: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return text


def encrypt(text: str) -> str:
    """Encrypt ``text`` under the current SECRET_KEY; the token is URL-safe ASCII.

    Tokens differ on every call (random IV and timestamp): compare values with
    ``blind_index``, never by token.
    """
    secret, _fallbacks = _secrets()
    return _fernet(secret).encrypt(_require_str(text).encode("utf-8")).decode("ascii")


def _multi_fernet() -> MultiFernet:
    secret, fallbacks = _secrets()
    return MultiFernet([_fernet(s) for s in (secret, *fallbacks)])


def decrypt(token: str) -> str:
    """Decrypt a token made by ``encrypt`` with SECRET_KEY or one of SECRET_KEY_FALLBACKS."""
    try:
        return _multi_fernet().decrypt(_require_str(token).encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError("personal-data token cannot be decrypted") from exc


def reencrypt(token: str) -> str:
    """Return ``token`` re-encrypted under the current key (for a key-rotation job)."""
    try:
        return _multi_fernet().rotate(_require_str(token).encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError("personal-data token cannot be decrypted") from exc


def blind_index(text: str) -> str:
    """HMAC-SHA256 (64 hex characters) of ``text`` under a key derived from SECRET_KEY.

    Callers normalise first (e.g. ``normalise_resident_id``) so that equal numbers written
    differently index alike.
    """
    secret, _fallbacks = _secrets()
    return hmac.new(_index_key(secret), _require_str(text).encode("utf-8"), hashlib.sha256).hexdigest()
