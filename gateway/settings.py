"""Every setting is an environment variable with a documented default."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./crm.db"
_DEV_SECRET_FILE = ".crm-secret"


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret() -> str:
    # A fresh machine must work with nothing configured, yet tokens must survive a restart:
    # keep a generated secret beside the database rather than a constant in the source.
    path = Path(_DEV_SECRET_FILE)
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    path.chmod(0o600)
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    secret_key: str = ""
    jwt_issuer: str = "crm-gateway"
    jwt_audience: str = "crm-gateway"
    jwt_ttl_seconds: int = 3600
    sql_trace: bool = False
    graphiql: bool = True
    introspection: bool = True
    debug: bool = False
    storage_dir: Path = Path("storage")
    max_upload_bytes: int = 20 * 1024 * 1024
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        secret = env.get("CRM_SECRET_KEY") or _dev_secret()
        return cls(
            database_url=env.get("CRM_DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=env.get("CRM_REDIS_URL") or None,
            secret_key=secret,
            jwt_issuer=env.get("CRM_JWT_ISSUER", "crm-gateway"),
            jwt_audience=env.get("CRM_JWT_AUDIENCE", "crm-gateway"),
            jwt_ttl_seconds=int(env.get("CRM_JWT_TTL_SECONDS", "3600")),
            sql_trace=_flag(env.get("CRM_SQL_TRACE")),
            graphiql=_flag(env.get("CRM_GRAPHIQL"), default=True),
            introspection=_flag(env.get("CRM_INTROSPECTION"), default=True),
            debug=_flag(env.get("CRM_DEBUG")),
            storage_dir=Path(env.get("CRM_STORAGE_DIR") or "storage"),
            max_upload_bytes=int(env.get("CRM_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))),
        )
