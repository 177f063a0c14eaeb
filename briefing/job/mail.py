"""The brief as an email, and handing it to an SMTP server.

    build_message(brief, settings) -> EmailMessage     multipart/alternative: text + HTML
    check(settings)                                    before any work: addresses, password
    send(message, settings) -> [recipient, ...]        SMTP with STARTTLS or SSL
    read_eml(path) -> EmailMessage                     for `briefing send FILE.eml`
    SentLog(path)                                      what `briefing send` already sent

The subject names failed sources ("Morning Brief: Sunday 22 November 2026 — 2 of 9 sources
failed"), so a failure shows in the inbox list without opening the mail.

Both parts come from the same Brief through render(), so the HTML (article text escaped by the
template) and the plain text always say the same thing. The SMTP password is read from the
environment variable the config names, and it never appears in a log line or an error message.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import ipaddress
import json
import logging
import re
import smtplib
import socket
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from briefing import normalise
from briefing.domain import Brief
from briefing.errors import ConfigError, DeliveryError
from briefing.job.config import MailSettings

log = logging.getLogger(__name__)


def build_message(
    brief: Brief,
    settings: MailSettings,
    *,
    text: str | None = None,
    html: str | None = None,
    now: dt.datetime | None = None,
) -> EmailMessage:
    """The brief as a mail: plain text first, HTML as the richer alternative.

    `text` and `html` are the rendered brief when the caller already has them (the daily job
    writes the same text to its dated files); otherwise they are rendered here.
    """
    from briefing.render import render

    text = render(brief, "text") if text is None else text
    html = render(brief, "html") if html is None else html
    message = EmailMessage()
    message["Subject"] = subject(brief, settings)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = email.utils.format_datetime(now or dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = email.utils.make_msgid("briefing", domain=_domain(settings.sender))
    message["X-Mailer"] = "briefing"
    message.set_content(text, subtype="plain", cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message


def subject(brief: Brief, settings: MailSettings) -> str:
    """The configured subject, plus " — 2 of 9 sources failed" when the daily job's sources
    failed (each failed source is one line of `brief.notes`)."""
    text = " ".join(settings.subject.format(title=brief.title, date=brief.date).split())
    if brief.sources_total and brief.notes:
        failed = min(len(brief.notes), brief.sources_total)
        text += f" \N{EM DASH} {failed} of {brief.sources_total} sources failed"
    return text


def check(settings: MailSettings, *, password: bool = True) -> None:
    """ConfigError now, before any work, for what would make sending fail later: a sender or
    recipient that is no address, a password that would travel unencrypted, and (with
    `password`) the SMTP password missing from the environment."""
    for what, value in (("from", settings.sender),
                        *(("to", to) for to in settings.recipients)):
        _, address = email.utils.parseaddr(value)
        try:
            valid = bool(address) and bool(Address(addr_spec=address).domain)
        except (ValueError, IndexError, TypeError):
            valid = False
        if not valid:
            raise ConfigError(f"email.{what}: {value!r} is not an email address "
                              "(like ana@example.org)")
    _refuse_cleartext(settings)
    if password:
        settings.password()


def read_eml(path: Path) -> EmailMessage:
    """A message saved by `briefing run --dry-run` (or any .eml file)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: can't read the message: {exc.strerror}") from None
    return parse(data, str(path))


def parse(data: bytes, origin: str = "message") -> EmailMessage:
    message = BytesParser(policy=email.policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.get("From"):
        raise ConfigError(f"{origin}: not an email message (no From header)")
    return message


def send(message: EmailMessage, settings: MailSettings) -> list[str]:
    """Hand `message` to the configured SMTP server and return the addresses it accepted;
    DeliveryError says why it failed.

    Recipients are the message's To/Cc/Bcc, or the config's when the message names none.
    """
    password = settings.password()
    _refuse_cleartext(settings)
    to = None if _has_recipients(message) else list(settings.recipients)
    wanted = to or recipients(message)
    where = f"{settings.host}:{settings.port}"
    try:
        with _connect(settings) as smtp:
            if settings.user:
                smtp.login(settings.user, password)
            refused = smtp.send_message(message, to_addrs=to)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(
            f"{where}: login as {settings.user} refused: {_reply(exc, password)} "
            f"(check ${settings.password_env})"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(exc.recipients)
        raise DeliveryError(f"{where}: every recipient was refused ({who})") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"{where}: {_scrub(str(exc), password)}") from None
    except smtplib.SMTPResponseException as exc:
        raise DeliveryError(f"{where}: the server said {_reply(exc, password)}") from None
    except ssl.SSLError as exc:
        raise DeliveryError(f"{where}: TLS failed: {_scrub(exc.reason or str(exc), password)}"
                            ) from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = _scrub(str(exc) or type(exc).__name__, password)
        raise DeliveryError(f"{where}: can't deliver the mail: {reason}") from None
    for address, (code, reply) in refused.items():
        log.warning("%s refused %s: %s %s", where, address, code, _scrub(_text(reply), password))
    log.info("mail %s sent through %s", message.get("Message-ID", ""), where)
    return [address for address in wanted if address not in refused]


def recipients(message: EmailMessage) -> list[str]:
    """The bare addresses of the message's To, Cc and Bcc headers."""
    fields = [str(v) for h in ("To", "Cc", "Bcc") for v in message.get_all(h) or ()]
    return [address for _, address in email.utils.getaddresses(fields) if address]


class SentLog:
    """The Message-IDs `briefing send` has sent (JSON Lines beside the state file), so that
    the same .eml is not sent twice by mistake."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def beside(cls, state_path: Path) -> SentLog:
        """The log next to the state file: briefing.db -> briefing-sent.jsonl."""
        return cls(state_path.with_name(f"{state_path.stem}-sent.jsonl"))

    def sent(self, message_id: str) -> dict[str, str] | None:
        """The record of an earlier send of `message_id` (when, to whom), or None."""
        if not message_id:
            return None
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise ConfigError(f"{self.path}: can't read the sent-mail log: {exc.strerror}"
                              ) from None
        for line in reversed(lines):
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash: the others still count
            if isinstance(record, dict) and record.get("message_id") == message_id:
                return {k: str(v) for k, v in record.items()}
        return None

    def add(self, message_id: str, file: str, to: list[str], now: dt.datetime) -> None:
        record = {"message_id": message_id, "file": file, "to": ", ".join(to),
                  "sent": now.isoformat(timespec="seconds")}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as log_file:
                log_file.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as exc:  # the mail is sent; only the reminder is lost
            log.warning("%s: can't note the sent mail (%s); sending it again would not be "
                        "refused", self.path, exc.strerror or exc)


def _refuse_cleartext(settings: MailSettings) -> None:
    if settings.user and settings.security == "none" and not _is_loopback(settings.host):
        raise ConfigError(
            f"email.security is 'none': the password would travel unencrypted to "
            f"{settings.host}; use security = \"starttls\" or \"ssl\""
        )


def _connect(settings: MailSettings) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.ca_file or None)
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                context=context)
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            smtp.ehlo()
            if not smtp.has_extn("starttls"):
                raise smtplib.SMTPNotSupportedError(
                    "the server does not offer STARTTLS; refusing to send in the clear "
                    "(set email.security = \"ssl\", or \"none\" for a local relay)"
                )
            smtp.starttls(context=context)
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _has_recipients(message: EmailMessage) -> bool:
    return any(message.get_all(h) for h in ("To", "Cc", "Bcc"))


def _domain(sender: str) -> str:
    _, address = email.utils.parseaddr(sender)
    try:
        return Address(addr_spec=address).domain or socket.getfqdn()
    except (ValueError, IndexError):
        return socket.getfqdn()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reply(exc: smtplib.SMTPResponseException, password: str) -> str:
    return f"{exc.smtp_code} {_scrub(_text(exc.smtp_error), password)}"


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return normalise.line(text)


# A run of the base64 alphabet long enough to carry credentials: AUTH PLAIN sends
# base64("\0user\0password"), AUTH LOGIN base64("user") and base64("password"), and a server
# may echo any of them, whole or cut, in its reply.
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{12,}={0,2}")


def _scrub(text: str, password: str) -> str:
    """`text` as the user may see it: the password in no form the SMTP dialogue could echo back
    (as typed, base64 alone or inside an AUTH PLAIN blob, whole or cut), and no long base64
    run at all, whatever it decodes to; one line, without control characters."""
    if password and len(password) >= 3:  # shorter: can't be told apart from a reply's words
        text = text.replace(password, "***")
    text = _BASE64_RUN.sub(lambda m: "***" if not m.group().isalpha() or
                           not (m.group().islower() or m.group().isupper()) else m.group(), text)
    return normalise.line(text)
