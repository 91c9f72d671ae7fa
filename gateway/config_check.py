"""`crm-gateway check-config`: every setting the environment gives, validated, and the
values in effect printed with secrets masked.

The list of variables is not kept here: it is whatever `Settings.from_env` reads, found
by handing it a recording mapping, so a setting added there is checked and printed
without touching this module."""

from __future__ import annotations

import dataclasses
import math
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, get_type_hints
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy.engine import make_url

from gateway.logging_config import FORMATS, LEVELS
from gateway.settings import Settings
from gateway.trusted_documents import MODES as TRUSTED_MODES
from gateway.trusted_documents import ManifestError, load_manifest
from resolvers.core.identity import PASSWORD_PROFILES

UNSET = "(unset)"
MASK = "****"
FLAG_VALUES = {"", "1", "0", "true", "false", "yes", "no", "on", "off"}
# Whole words of the name: CRM_METRICS_TOKEN is a secret, CRM_MAX_QUERY_TOKENS is not.
SECRET_WORDS = frozenset({"SECRET", "TOKEN", "PASSWORD", "KEYS"})
# Variables whose setting is not named CRM_<FIELD>.
FIELD_OF = {"OTEL_EXPORTER_OTLP_ENDPOINT": "otel_endpoint"}


class _Recorder(dict[str, str]):
    """A mapping that remembers, in order, every key it was asked for."""

    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)
        self.asked: dict[str, None] = {}

    def get(self, key: str, default: Any = None) -> Any:
        self.asked[key] = None
        return super().get(key, default)

    def __getitem__(self, key: str) -> str:
        self.asked[key] = None
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.asked[key] = None
        return super().__contains__(key)


def variables() -> list[str]:
    # A placeholder secret keeps from_env from writing the development secret file.
    recorder = _Recorder({"CRM_SECRET_KEY": "x" * 48})
    Settings.from_env(recorder)
    return list(recorder.asked)


def field_of(variable: str) -> str | None:
    name = FIELD_OF.get(variable) or variable.removeprefix("CRM_").lower()
    names = {f.name for f in dataclasses.fields(Settings)}
    return name if name in names else None


def is_secret(variable: str) -> bool:
    return not SECRET_WORDS.isdisjoint(variable.split("_"))


def _mask_url(value: str) -> str:
    parts = urlsplit(value)
    if not parts.password:
        return value
    user = parts.username or ""
    host = parts.hostname or ""
    netloc = f"{user}:{MASK}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def shown(variable: str, value: Any) -> str:
    if value is None or value == "" or value == ():
        return UNSET
    if isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, tuple | list):
        text = ",".join(str(v) for v in value)
    else:
        text = str(value)
    if is_secret(variable):
        return MASK
    return _mask_url(text) if "://" in text else text


def effective(settings: Settings, names: list[str], env: Mapping[str, str]) -> Iterator[str]:
    for variable in names:
        field = field_of(variable)
        value = getattr(settings, field) if field else env.get(variable)
        yield f"{variable}={shown(variable, value)}"


def _writable_dir(path: Path) -> str | None:
    target = path if path.exists() else next((p for p in path.parents if p.exists()), Path("."))
    if not target.is_dir():
        return f"{path} is not a directory"
    try:
        with tempfile.NamedTemporaryFile(dir=target):
            pass
    except OSError as exc:
        return f"{target} is not writable ({exc.strerror})"
    return None


def _url_problem(variable: str, raw: str) -> str | None:
    if variable == "CRM_DATABASE_URL":
        try:
            backend = make_url(raw).get_backend_name()
        except Exception:
            return "not a database URL"
        if backend not in ("sqlite", "postgresql"):
            return f"unsupported database {backend!r} (sqlite or postgresql)"
        return None
    parts = urlsplit(raw)
    if "REDIS" in variable:
        allowed: tuple[str, ...] = ("redis", "rediss")
    elif "OTEL" in variable or variable == "CRM_PUBLIC_URL":
        allowed = ("http", "https")
    else:
        allowed = (parts.scheme,) if parts.scheme else ("scheme://",)
    if parts.scheme not in allowed or not parts.hostname:
        return f"expected a {'/'.join(allowed)} URL with a host"
    try:
        parts.port  # noqa: B018  (parsing the port is the check)
    except ValueError:
        return "the port is not a number"
    return None


def problem(variable: str, raw: str, kind: Any) -> str | None:
    """What is wrong with one variable's raw value, judged by its setting's type."""
    if variable == "CRM_LOG_FORMAT" and raw.strip().lower() not in FORMATS:
        return f"expected one of {', '.join(FORMATS)}"
    if variable == "CRM_LOG_LEVEL" and raw.strip().lower() not in LEVELS:
        return f"expected one of {', '.join(LEVELS)}"
    if variable == "CRM_ARGON2_PROFILE" and raw.strip().upper() not in PASSWORD_PROFILES:
        return f"expected one of {', '.join(PASSWORD_PROFILES)}"
    if variable == "CRM_TRUSTED_DOCUMENTS_MODE" and raw.strip().lower() not in TRUSTED_MODES:
        return f"expected one of {', '.join(TRUSTED_MODES)}"
    if variable == "CRM_TRUSTED_DOCUMENTS":
        try:
            load_manifest(Path(raw))
        except ManifestError as exc:
            return str(exc)
        return None
    if variable == "CRM_PREPARED_OPERATIONS" and raw.strip() == "0":
        return None  # prepared operations off
    if variable.endswith("_URL") or variable.endswith("_ENDPOINT"):
        return _url_problem(variable, raw)
    if kind is bool:
        return None if raw.strip().lower() in FLAG_VALUES else "expected 1/0, true/false, yes/no"
    if kind is int:
        try:
            number = int(raw)
        except ValueError:
            return "not a whole number"
        return None if number > 0 else "must be positive"
    if kind is float:
        try:
            real = float(raw)
        except ValueError:
            return "not a number"
        return None if math.isfinite(real) and real > 0 else "must be a positive number"
    if kind is Path:
        return _writable_dir(Path(raw))
    return None


def check(env: Mapping[str, str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """(effective `NAME=value` lines, errors, warnings) for the given environment."""
    env = os.environ if env is None else env
    names = variables()
    kinds = get_type_hints(Settings)
    errors: list[str] = []
    for variable in names:
        raw = env.get(variable)
        if raw is None or raw == "":
            continue
        field = field_of(variable)
        if (issue := problem(variable, raw, kinds.get(field or ""))) is not None:
            errors.append(f"{variable}: {issue}")
    warnings: list[str] = []
    if not env.get("CRM_SECRET_KEY"):
        warnings.append(
            "CRM_SECRET_KEY is unset: a secret generated into ./.crm-secret signs JWTs; "
            "set one shared by every worker in production"
        )
    if errors:
        return [], errors, warnings
    try:
        # Without a secret, from_env would generate the development one as a side effect.
        settings = Settings.from_env({**env, "CRM_SECRET_KEY": env.get("CRM_SECRET_KEY") or MASK})
        from gateway.security import signing_keys

        signing_keys(settings)
    except ValueError as exc:
        return [], [str(exc)], warnings
    storage = _writable_dir(settings.storage_dir)
    if storage is not None:
        errors.append(f"CRM_STORAGE_DIR: {storage}")
    return list(effective(settings, names, env)), errors, warnings
