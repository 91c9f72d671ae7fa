"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, a context and
an app wired to it, and a port where no server listens."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from gateway.app import create_app
from gateway.database import Database
from gateway.settings import Settings
from resolvers.core.context import Ctx
from resolvers.core.mail import Mailer, SmtpSettings
from tests.documents.factories import SELLER

SENDER = "billing@acme.test"
SECRET = "documents-test-secret-key-long-enough-for-hs256"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Sink:
    port: int
    received: list[tuple[Envelope, EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.content if isinstance(envelope.content, bytes) else b""
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append((envelope, parsed))
        return "250 Message accepted"

    @property
    def messages(self) -> list[EmailMessage]:
        return [m for _, m in self.received]


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Sink]:
    sink = Sink(free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def smtp_sink(smtp_server: Sink) -> Sink:
    """The running server, emptied of earlier tests' messages."""
    smtp_server.received.clear()
    return smtp_server


def mailer_for(port: int) -> Mailer:
    return Mailer(SmtpSettings(host="127.0.0.1", port=port, tls="none", sender=SENDER, timeout=5))


@pytest.fixture
def mail_ctx(ctx: Ctx, smtp_sink: Sink) -> Ctx:
    """An all-permissions caller whose mail goes to the sink, with the test seller."""
    return replace(ctx, mailer=mailer_for(smtp_sink.port), company=SELLER)


@pytest.fixture
def down_ctx(ctx: Ctx) -> Ctx:
    """As mail_ctx, but nothing listens where the mail server should be."""
    return replace(ctx, mailer=mailer_for(free_port()), company=SELLER)


def settings_for(port: int, **extra: Any) -> Settings:
    return Settings(
        secret_key=extra.pop("secret_key", SECRET),
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="none",
        mail_from=SENDER,
        company_name=SELLER.name,
        company_address=SELLER.address,
        company_email=SELLER.email,
        company_vat=SELLER.vat,
        **extra,
    )


@pytest.fixture
async def client(db: Database, smtp_sink: Sink) -> AsyncIterator[httpx.AsyncClient]:
    """The whole app, built from settings that name the sink and the seller."""
    app = create_app(settings_for(smtp_sink.port), db=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as c:
        yield c
