"""Every setting is an environment variable with a documented default."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./crm.db"
# `crm-gateway serve` sets CRM_PUBLIC_URL to its own http://{HOST}:{PORT} when unset.
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
_DEV_SECRET_FILE = ".crm-secret"


Config = TypeVar("Config")


def grouped(settings: object, kind: type[Config], prefix: str, **given: Any) -> Config:
    """A service's config (a dataclass) from the settings named `prefix` + its field's
    name (company_name -> Company.name); a field without such a setting keeps its default,
    `given` ones are set as they are."""
    named = {f.name: getattr(settings, prefix + f.name) for f in fields(kind)  # type: ignore[arg-type]
             if f.name not in given and hasattr(settings, prefix + f.name)}  # fmt: skip
    return kind(**named, **given)


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
    # Where clients reach the gateway: links in replies start with it, never with Host.
    public_url: str = DEFAULT_PUBLIC_URL
    jwt_issuer: str = "crm-gateway"
    jwt_audience: str = "crm-gateway"
    jwt_ttl_seconds: int = 3600
    sql_trace: bool = False
    graphiql: bool = True
    introspection: bool = True
    debug: bool = False
    storage_dir: Path = Path("storage")
    max_upload_bytes: int = 20 * 1024 * 1024
    # "kid1:secret1,kid2:secret2": JWT signing keys by id; empty = one key from secret_key.
    jwt_keys: str = ""
    jwt_current_kid: str = ""
    field_suggestions: bool = True
    # Browser origins allowed to call the API cross-site; empty = no CORS headers at all.
    cors_origins: tuple[str, ...] = ()
    # The operator's own tables the perfex customtable paths may reach: entries "name"
    # (every column) or "name:col1,col2" (only those), separated by semicolons.
    custom_tables: str = ""
    # Operations (gateway/request_log.py, metrics.py, health.py, tracing.py, cli serve).
    log_format: str = "auto"  # json | text | auto (text on a terminal, json otherwise)
    log_level: str = "info"
    metrics_token: str | None = None  # unset: /metrics answers loopback clients only
    shutdown_grace_seconds: int = 20
    ready_timeout_seconds: float = 2.0
    otel: bool = False
    otel_endpoint: str | None = None
    # Outgoing email (documents sent to customers); no host means none is sent.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_tls: str = "starttls"  # none, starttls or tls
    smtp_username: str | None = None
    smtp_password: str | None = None
    mail_from: str = "crm@localhost"
    # The seller printed on invoices, estimates, proposals and credit notes.
    company_name: str = "Your Company"
    company_address: tuple[str, ...] = ()
    company_email: str = ""
    company_phone: str = ""
    company_vat: str = ""
    # Webhooks: receivers on private networks are refused unless allowed; the worker
    # runs inside the app unless turned off (then run `crm-gateway webhooks deliver`).
    webhook_allow_private: bool = False
    webhook_worker: bool = True
    webhook_max_attempts: int = 8
    webhook_timeout_seconds: float = 10.0
    webhook_backoff_seconds: float = 1.0
    webhook_lease_seconds: float = 60.0
    # How long an Idempotency-Key's first reply is kept (gateway/idempotency.py).
    idempotency_ttl_hours: float = 24
    # Request limits (gateway/limits/): the README's "Security and limits" table.
    rate_limit_per_hour: int = 1000
    graphql_cost_per_hour: int = 5000
    max_nodes: int = 50_000
    max_query_depth: int = 12
    max_aliases: int = 50
    max_query_tokens: int = 5000
    request_timeout_seconds: float = 30.0
    max_body_bytes: int = 1024 * 1024
    # How long a resolved credential is reused without a lookup (resolvers.core.principal_cache).
    auth_cache_seconds: float = 5.0
    # argon2 cost of new password hashes (resolvers.core.identity.PASSWORD_PROFILES).
    argon2_profile: str = "RFC_9106_LOW_MEMORY"
    # Trusted documents (gateway/trusted_documents.py): an Apollo or Relay persisted-query
    # manifest, planned at start-up; "enforce" runs nothing else, "allow" serves both.
    trusted_documents: Path | None = None
    trusted_documents_mode: str = "allow"
    # Prepared operations kept per worker (gateway/prepared_operations.py), and the
    # characters of document text they may hold between them.
    prepared_operations: int = 500
    prepared_operations_chars: int = 4_000_000
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        secret = env.get("CRM_SECRET_KEY") or _dev_secret()
        return cls(
            database_url=env.get("CRM_DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=env.get("CRM_REDIS_URL") or None,
            secret_key=secret,
            public_url=(env.get("CRM_PUBLIC_URL") or DEFAULT_PUBLIC_URL).strip().rstrip("/"),
            jwt_issuer=env.get("CRM_JWT_ISSUER", "crm-gateway"),
            jwt_audience=env.get("CRM_JWT_AUDIENCE", "crm-gateway"),
            jwt_ttl_seconds=int(env.get("CRM_JWT_TTL_SECONDS", "3600")),
            sql_trace=_flag(env.get("CRM_SQL_TRACE")),
            graphiql=_flag(env.get("CRM_GRAPHIQL"), default=True),
            introspection=_flag(env.get("CRM_INTROSPECTION"), default=True),
            debug=_flag(env.get("CRM_DEBUG")),
            storage_dir=Path(env.get("CRM_STORAGE_DIR") or "storage"),
            max_upload_bytes=int(env.get("CRM_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))),
            idempotency_ttl_hours=float(env.get("CRM_IDEMPOTENCY_TTL_HOURS") or "24"),
            rate_limit_per_hour=int(env.get("CRM_RATE_LIMIT_PER_HOUR") or "1000"),
            graphql_cost_per_hour=int(env.get("CRM_GRAPHQL_COST_PER_HOUR") or "5000"),
            max_nodes=int(env.get("CRM_MAX_NODES") or "50000"),
            max_query_depth=int(env.get("CRM_MAX_QUERY_DEPTH") or "12"),
            max_aliases=int(env.get("CRM_MAX_ALIASES") or "50"),
            max_query_tokens=int(env.get("CRM_MAX_QUERY_TOKENS") or "5000"),
            request_timeout_seconds=float(env.get("CRM_REQUEST_TIMEOUT_SECONDS") or "30"),
            max_body_bytes=int(env.get("CRM_MAX_BODY_BYTES") or str(1024 * 1024)),
            auth_cache_seconds=float(env.get("CRM_AUTH_CACHE_SECONDS") or "5"),
            argon2_profile=(env.get("CRM_ARGON2_PROFILE") or "RFC_9106_LOW_MEMORY").strip().upper(),
            trusted_documents=Path(env["CRM_TRUSTED_DOCUMENTS"])
            if env.get("CRM_TRUSTED_DOCUMENTS")
            else None,
            trusted_documents_mode=(env.get("CRM_TRUSTED_DOCUMENTS_MODE") or "allow").lower(),
            prepared_operations=int(env.get("CRM_PREPARED_OPERATIONS") or "500"),
            prepared_operations_chars=int(env.get("CRM_PREPARED_OPERATIONS_CHARS") or "4000000"),
            webhook_allow_private=_flag(env.get("CRM_WEBHOOK_ALLOW_PRIVATE")),
            webhook_worker=_flag(env.get("CRM_WEBHOOK_WORKER"), default=True),
            webhook_max_attempts=int(env.get("CRM_WEBHOOK_MAX_ATTEMPTS") or 8),
            webhook_timeout_seconds=float(env.get("CRM_WEBHOOK_TIMEOUT_SECONDS") or 10),
            webhook_backoff_seconds=float(env.get("CRM_WEBHOOK_BACKOFF_SECONDS") or 1),
            webhook_lease_seconds=float(env.get("CRM_WEBHOOK_LEASE_SECONDS") or 60),
            smtp_host=env.get("CRM_SMTP_HOST") or None,
            smtp_port=int(env.get("CRM_SMTP_PORT") or "587"),
            smtp_tls=(env.get("CRM_SMTP_TLS") or "starttls").strip().lower(),
            smtp_username=env.get("CRM_SMTP_USERNAME") or None,
            smtp_password=env.get("CRM_SMTP_PASSWORD") or None,
            mail_from=env.get("CRM_MAIL_FROM") or "crm@localhost",
            company_name=env.get("CRM_COMPANY_NAME") or "Your Company",
            # Lines separated by newlines or "|": "1 Main St|Dubai|UAE".
            company_address=tuple(
                line.strip()
                for line in env.get("CRM_COMPANY_ADDRESS", "").replace("|", "\n").splitlines()
                if line.strip()
            ),
            company_email=env.get("CRM_COMPANY_EMAIL", ""),
            company_phone=env.get("CRM_COMPANY_PHONE", ""),
            company_vat=env.get("CRM_COMPANY_VAT", ""),
            jwt_keys=env.get("CRM_JWT_KEYS", ""),
            jwt_current_kid=env.get("CRM_JWT_CURRENT_KID", ""),
            field_suggestions=_flag(env.get("CRM_FIELD_SUGGESTIONS"), default=True),
            cors_origins=tuple(
                o.strip().rstrip("/")
                for o in env.get("CRM_CORS_ORIGINS", "").split(",")
                if o.strip()
            ),
            custom_tables=env.get("CRM_CUSTOM_TABLES", ""),
            log_format=(env.get("CRM_LOG_FORMAT") or "auto").strip().lower(),
            log_level=(env.get("CRM_LOG_LEVEL") or "info").strip().lower(),
            metrics_token=env.get("CRM_METRICS_TOKEN") or None,
            shutdown_grace_seconds=int(env.get("CRM_SHUTDOWN_GRACE_SECONDS") or "20"),
            ready_timeout_seconds=float(env.get("CRM_READY_TIMEOUT_SECONDS") or "2"),
            otel=_flag(env.get("CRM_OTEL")) or bool(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")),
            otel_endpoint=env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or None,
        )
