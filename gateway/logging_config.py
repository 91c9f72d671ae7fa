"""Log lines: one JSON object per line in production, readable text in development.

Every record may carry `fields` (a dict) in `extra=`; both formatters print them, and
nothing else of the request: bodies, headers and query strings never reach a record."""

from __future__ import annotations

import copy
import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

FORMATS = ("auto", "json", "text")
LEVELS = ("critical", "error", "warning", "info", "debug")


def resolve_format(setting: str, *, development: bool = False) -> str:
    """`auto` is text for a person at a terminal (or `serve --reload`), JSON for machines."""
    if setting in ("json", "text"):
        return setting
    return "text" if development or sys.stderr.isatty() else "json"


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields = getattr(record, "fields", None)
    return dict(fields) if isinstance(fields, dict) else {}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, separators=(",", ":"))


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        fields = _fields(record)
        if not fields:
            return text
        extra = " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)
        head, newline, rest = text.partition("\n")
        return f"{head} {extra}{newline}{rest}"


def dict_config(log_format: str, level: str, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A `logging.config.dictConfig` for uvicorn's `log_config=`: uvicorn applies it in each
    worker process, so the gateway's loggers must be part of it, not set up by the parent."""
    config: dict[str, Any] = copy.deepcopy(base) if base else {"version": 1}
    config["disable_existing_loggers"] = False
    formatters = config.setdefault("formatters", {})
    formatters["crm"] = {"()": f"{__name__}.{'Json' if log_format == 'json' else 'Text'}Formatter"}
    if log_format == "json":
        # uvicorn's own lines (start-up, errors) join the same stream as JSON too.
        for name in ("default", "access"):
            if name in formatters:
                formatters[name] = formatters["crm"]
    handlers = config.setdefault("handlers", {})
    handlers["crm"] = {
        "class": "logging.StreamHandler",
        "formatter": "crm",
        "stream": "ext://sys.stderr",
    }
    loggers = config.setdefault("loggers", {})
    loggers["crm"] = {"handlers": ["crm"], "level": level.upper(), "propagate": False}
    for name in ("uvicorn", "uvicorn.error"):
        loggers.setdefault(name, {})["level"] = level.upper()
    return config
