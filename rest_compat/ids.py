"""Id codecs: how each dialect writes a record's id and reads it back from a path.

Most dialects use the integer; ninja uses hashed string ids (sqids over an alphabet
shuffled by the secret key, so ids are stable for one installation and unguessable
across installations). A path id that does not decode names no record: 404.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from typing import Protocol

from sqids import Sqids

from resolvers.core.errors import NotFound
from resolvers.core.numbers import ID_MAX, whole_number

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
MIN_LENGTH = 10
MAX_ID = ID_MAX


class IdCodec(Protocol):
    def encode(self, value: int) -> int | str: ...

    def decode(self, text: str, label: str = "Record") -> int: ...


class IntegerIds:
    def encode(self, value: int) -> int:
        return int(value)

    def decode(self, text: str, label: str = "Record") -> int:
        # Only ASCII digits, and no id past the 32-bit columns: anything else names no
        # record, and never reaches a query (resolvers.core.numbers).
        number = whole_number(str(text))
        if number is None:
            raise NotFound(label, str(text).strip())
        return number


class HashedIds:
    def __init__(self, secret: str) -> None:
        seed = int.from_bytes(hashlib.sha256(f"rest-ids:{secret}".encode()).digest(), "big")
        letters = list(ALPHABET)
        random.Random(seed).shuffle(letters)
        self._sqids = Sqids(alphabet="".join(letters), min_length=MIN_LENGTH)
        self._secret = secret.encode()

    def keyed(self, text: str) -> str:
        """A stable secret-keyed token for `text` (ninja's client_hash, contact_key), 40 hex."""
        return hmac.new(self._secret, text.encode(), hashlib.sha256).hexdigest()[:40]

    def encode(self, value: int) -> str:
        encoded: str = self._sqids.encode([int(value)])
        return encoded

    def decode(self, text: str, label: str = "Record") -> int:
        text = str(text).strip()
        if not text.isalnum():
            raise NotFound(label, text)
        numbers = self._sqids.decode(text)
        # Several strings can decode to the same number: only the one we issue is valid.
        if len(numbers) != 1 or numbers[0] > MAX_ID or self._sqids.encode(numbers) != text:
            raise NotFound(label, text)
        return int(numbers[0])
