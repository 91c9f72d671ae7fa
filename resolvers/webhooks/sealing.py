"""Webhook signing secrets at rest: sealed with AES-256-GCM under a key derived from the
app's CRM_SECRET_KEY, so a copy of the database (a backup, a read replica, a SQL
injection elsewhere) does not hand out the secrets that let anyone forge deliveries.

A sealed value reads `v1:<base64url(nonce | ciphertext | tag)>`: 3 + 104 characters for
a 49-character `whsec_` secret, inside the column's 128. A value without the prefix is a
secret stored before sealing (the 0004 migration seals those); it is used as it is.
Changing CRM_SECRET_KEY makes sealed secrets unreadable: rotate the webhooks' secrets too.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "v1:"
NONCE_BYTES = 12
# Binds a sealed value to its use: a ciphertext copied into another column will not open.
PURPOSE = b"crm-gateway webhook signing secret"


class Unreadable(Exception):
    """A sealed secret that this key cannot open (CRM_SECRET_KEY changed?)."""


def derive_key(app_secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE)
    return hkdf.derive(app_secret.encode())


def seal(secret: str, key: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, secret.encode(), PURPOSE)
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def unseal(stored: str, key: bytes) -> str:
    if not is_sealed(stored):
        return stored
    text = stored[len(PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        opened = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], PURPOSE)
    except (InvalidTag, ValueError) as exc:
        raise Unreadable("the webhook's secret does not open with this CRM_SECRET_KEY") from exc
    return opened.decode()
