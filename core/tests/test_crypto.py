"""Tests for core.crypto: Fernet encryption and blind index of personal data."""

import hashlib
import hmac
import re

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from core import crypto

if not settings.configured:  # run without the project (pytest -p no:django)
    settings.configure(SECRET_KEY="crypto-tests-standalone-secret")

KEY_A = "secret-key-a-for-crypto-tests-0123456789"
KEY_B = "secret-key-b-for-crypto-tests-9876543210"
ID_NUMBER = "41030519800101123X"


@pytest.fixture(autouse=True)
def key_a():
    with override_settings(SECRET_KEY=KEY_A, SECRET_KEY_FALLBACKS=[]):
        yield


@pytest.mark.parametrize("text", [ID_NUMBER, "", "张伟 <script>", "😀" * 100, "x" * 10_000])
def test_round_trip(text):
    assert crypto.decrypt(crypto.encrypt(text)) == text


def test_token_hides_the_value_and_differs_each_time():
    first, second = crypto.encrypt(ID_NUMBER), crypto.encrypt(ID_NUMBER)
    assert first != second
    for token in (first, second):
        assert token.isascii()
        assert ID_NUMBER not in token
        assert "19800101" not in token


def test_another_secret_cannot_decrypt():
    token = crypto.encrypt(ID_NUMBER)
    with override_settings(SECRET_KEY=KEY_B), pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_settings_are_read_at_call_time_not_import_time():
    with override_settings(SECRET_KEY=KEY_B):
        token_b = crypto.encrypt(ID_NUMBER)
        index_b = crypto.blind_index(ID_NUMBER)
    assert crypto.blind_index(ID_NUMBER) != index_b
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token_b)


def test_fallback_key_decrypts_and_reencrypt_moves_to_the_current_key():
    old_token = crypto.encrypt(ID_NUMBER)
    with override_settings(SECRET_KEY=KEY_B, SECRET_KEY_FALLBACKS=[KEY_A]):
        assert crypto.decrypt(old_token) == ID_NUMBER
        new_token = crypto.reencrypt(old_token)
    with override_settings(SECRET_KEY=KEY_B, SECRET_KEY_FALLBACKS=[]):
        assert crypto.decrypt(new_token) == ID_NUMBER
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(old_token)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-4],  # truncated
        lambda t: t[:20] + ("A" if t[20] != "A" else "B") + t[21:],  # one character changed
        lambda t: "not a token",
        lambda t: "令牌",  # not even ASCII
        lambda t: "",
    ],
)
def test_tampered_tokens_are_refused(mangle):
    token = mangle(crypto.encrypt(ID_NUMBER))
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)
    with pytest.raises(crypto.DecryptionError):
        crypto.reencrypt(token)


def test_blind_index_is_a_stable_keyed_hmac():
    index = crypto.blind_index(ID_NUMBER)
    assert re.fullmatch(r"[0-9a-f]{64}", index)
    assert crypto.blind_index(ID_NUMBER) == index
    assert crypto.blind_index("41030519800101123x") != index  # callers normalise first
    assert crypto.blind_index("410381199912314566") != index
    # Not a plain hash, and not keyed by the raw secret: a dump plus a guess reveals nothing.
    assert index != hashlib.sha256(ID_NUMBER.encode()).hexdigest()
    assert index != hmac.new(KEY_A.encode(), ID_NUMBER.encode(), hashlib.sha256).hexdigest()


def test_the_two_derived_keys_are_separate():
    fernet_key = crypto._derive(KEY_A, crypto._FERNET_INFO)
    index_key = crypto._index_key(KEY_A)
    assert len(fernet_key) == len(index_key) == 32
    assert fernet_key != index_key
    assert crypto._index_key(KEY_B) != index_key


def test_only_text_is_accepted():
    for bad in (None, b"bytes", 410305):
        with pytest.raises(TypeError):
            crypto.encrypt(bad)
        with pytest.raises(TypeError):
            crypto.blind_index(bad)
        with pytest.raises(TypeError):
            crypto.decrypt(bad)


def test_empty_secret_key_is_refused():
    with override_settings(SECRET_KEY=""), pytest.raises(ImproperlyConfigured):
        crypto.encrypt(ID_NUMBER)
