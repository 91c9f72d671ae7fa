"""What the documents take from the environment: the mailer and the seller."""

from __future__ import annotations

import pytest

from gateway.documents import company_from, mailer_from
from gateway.settings import Settings

ENV = {
    "CRM_SECRET_KEY": "config-test-secret-key-long-enough-for-hs256",
    "CRM_SMTP_HOST": "smtp.example.com",
    "CRM_SMTP_PORT": "465",
    "CRM_SMTP_TLS": "TLS",
    "CRM_SMTP_USERNAME": "mailer",
    "CRM_SMTP_PASSWORD": "hunter22",
    "CRM_MAIL_FROM": "billing@example.com",
    "CRM_COMPANY_NAME": "Acme Trading FZ-LLC",
    "CRM_COMPANY_ADDRESS": "1 Harbour Road|Jebel Ali, Dubai",
    "CRM_COMPANY_VAT": "100200300",
}


def test_the_mailer_and_seller_come_from_the_environment() -> None:
    settings = Settings.from_env(ENV)

    mailer = mailer_from(settings)
    company = company_from(settings)

    assert mailer is not None
    smtp = mailer.settings
    assert (smtp.host, smtp.port, smtp.tls) == ("smtp.example.com", 465, "tls")
    assert (smtp.username, smtp.password, smtp.sender) == (
        "mailer",
        "hunter22",
        "billing@example.com",
    )
    assert company.name == "Acme Trading FZ-LLC"
    assert company.lines() == ("1 Harbour Road", "Jebel Ali, Dubai", "VAT: 100200300")


def test_without_a_host_there_is_no_mailer() -> None:
    settings = Settings.from_env({"CRM_SECRET_KEY": ENV["CRM_SECRET_KEY"]})

    assert mailer_from(settings) is None
    assert company_from(settings).name == "Your Company"


def test_an_unknown_tls_mode_is_refused() -> None:
    settings = Settings.from_env({**ENV, "CRM_SMTP_TLS": "ssl3"})

    with pytest.raises(ValueError, match="CRM_SMTP_TLS"):
        mailer_from(settings)
