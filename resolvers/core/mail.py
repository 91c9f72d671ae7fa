"""Outgoing email: one SMTP client (aiosmtplib) for every document the gateway sends.

A `Mailer` is built once from settings and carried on the `Ctx`. A deployment without
one (no CRM_SMTP_HOST) sends no email: the send verbs then only mark records sent and
say so in their event (see `resolvers.documents.sending`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiosmtplib

from resolvers.core.errors import Conflict

log = logging.getLogger("resolvers.core.mail")

TLS_MODES = ("none", "starttls", "tls")


class MailFailed(Conflict):
    """The mail server did not take the message, so nothing was marked sent. A Conflict:
    the request was fine, the system's state (its mail server) is what refused it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field=None)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mime: str = "application/pdf"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    # none: plain SMTP; starttls: upgrade after connecting; tls: TLS from the first byte.
    tls: str = "starttls"
    username: str | None = None
    password: str | None = None
    sender: str = "crm@localhost"
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.tls not in TLS_MODES:
            raise ValueError(f"CRM_SMTP_TLS must be one of {', '.join(TLS_MODES)}")


class Mailer:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    @property
    def sender(self) -> str:
        return self.settings.sender

    def compose(
        self,
        *,
        to: Sequence[str],
        subject: str,
        body: str,
        cc: Sequence[str] = (),
        attachments: Sequence[Attachment] = (),
    ) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = ", ".join(to)
        if cc:
            message["Cc"] = ", ".join(cc)
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body)
        for item in attachments:
            maintype, _, subtype = item.mime.partition("/")
            message.add_attachment(
                item.content, maintype=maintype, subtype=subtype, filename=item.filename
            )
        return message

    async def send(self, message: EmailMessage) -> None:
        """Hand the message to the server; MailFailed says why not, without its secrets."""
        s = self.settings
        try:
            await aiosmtplib.send(
                message,
                hostname=s.host,
                port=s.port,
                username=s.username or None,
                password=s.password or None,
                use_tls=s.tls == "tls",
                start_tls=s.tls == "starttls",
                timeout=s.timeout,
            )
        except aiosmtplib.SMTPAuthenticationError as exc:
            log.warning("SMTP authentication failed: %s", exc)
            raise MailFailed("The email was not sent: the mail server refused our login") from exc
        except aiosmtplib.SMTPRecipientsRefused as exc:
            log.warning("SMTP recipients refused: %s", exc)
            raise MailFailed(
                "The email was not sent: the mail server refused the recipients"
            ) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            log.warning("SMTP delivery to %s:%s failed: %s", s.host, s.port, exc)
            raise MailFailed("The email was not sent: the mail server could not be reached "
                             "or did not accept the message") from exc  # fmt: skip
