"""mail: the brief as a multipart email, delivered to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import email.utils
import ssl
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_servers import MailServer, free_port, self_signed

from briefing.cli import main
from briefing.domain import Brief, BriefSentence, Development, SourceRef
from briefing.errors import ConfigError, DeliveryError
from briefing.job import mail
from briefing.job.config import MailSettings

SECRET = "s3cret-Pa55word"
EVIL = 'Protesters chanted "<script>alert(1)</script>" outside the town hall.'


def _brief() -> Brief:
    def said(text: str, n: int) -> BriefSentence:
        return BriefSentence(text=text, citation=n, article_id=f"id{n}", start=0, end=len(text),
                             score=1.0)

    return Brief(
        title="Morning Brief",
        date=dt.date(2026, 11, 22),
        bottom_line=(said("Engineers closed the Old Harbor Bridge on Monday.", 1),),
        developments=(Development("Protest in Velmora", (said(EVIL, 2),), 1.0, (2,)),),
        actors=(),
        locations=(),
        timeline=(),
        sources=(SourceRef(1, "id1", "Bridge closed", "Courier", "https://c.example/1",
                           "https://c.example/1"),
                 SourceRef(2, "id2", "Protest", "Herald", "https://h.example/2",
                           "https://h.example/2")),
        articles=2,
    )


def _settings(port: int, **changes: object) -> MailSettings:
    values: dict[str, object] = dict(sender="Daily Brief <brief@velmora.example>",
                                     recipients=("ana@example.org", "ben@example.org"),
                                     host="127.0.0.1", port=port, security="none", timeout=5)
    values.update(changes)
    return MailSettings(**values)  # type: ignore[arg-type]


def test_the_message_has_text_and_html_of_the_same_brief() -> None:
    now = dt.datetime(2026, 11, 22, 6, 30, tzinfo=dt.timezone.utc)
    message = mail.build_message(_brief(), _settings(25), now=now)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    assert message["Subject"] == "Morning Brief: Sunday 22 November 2026"
    assert message["From"] == "Daily Brief <brief@velmora.example>"
    assert message["To"] == "ana@example.org, ben@example.org"
    assert email.utils.parsedate_to_datetime(message["Date"]) == now
    assert message["Message-ID"].endswith("@velmora.example>")
    plain, rich = text.get_content(), html.get_content()
    assert "Engineers closed the Old Harbor Bridge" in plain
    assert "Engineers closed the Old Harbor Bridge" in rich
    assert "<script>" in plain  # plain text shows what the article said
    assert "<script>" not in rich and "&lt;script&gt;" in rich  # HTML escapes it


def test_delivered_mail_arrives_whole() -> None:
    with MailServer() as server:
        mail.send(mail.build_message(_brief(), _settings(server.port)), _settings(server.port))
    [arrived] = server.messages
    assert server.envelopes == [("brief@velmora.example", ["ana@example.org", "ben@example.org"])]
    assert arrived["Subject"] == "Morning Brief: Sunday 22 November 2026"
    body = arrived.get_body(("plain",))
    assert body is not None and "Old Harbor Bridge" in body.get_content()
    html = arrived.get_body(("html",))
    assert html is not None and "&lt;script&gt;" in html.get_content()


def test_login_with_the_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_PW", SECRET)
    with MailServer(user="brief", password=SECRET) as server:
        settings = _settings(server.port, user="brief", password_env="BRIEF_PW")
        mail.send(mail.build_message(_brief(), settings), settings)
    assert len(server.messages) == 1


def test_a_refused_login_never_shows_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_PW", SECRET)
    with MailServer(user="brief", password="something-else") as server:
        settings = _settings(server.port, user="brief", password_env="BRIEF_PW")
        with pytest.raises(DeliveryError, match="login as brief refused") as caught:
            mail.send(mail.build_message(_brief(), settings), settings)
    assert SECRET not in str(caught.value) and "$BRIEF_PW" in str(caught.value)
    assert caught.value.exit_code == 5
    assert server.messages == []


def test_no_password_in_the_clear_to_another_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_PW", SECRET)
    settings = _settings(25, host="smtp.example.org", user="brief", password_env="BRIEF_PW")
    with pytest.raises(ConfigError, match="unencrypted") as caught:
        mail.send(mail.build_message(_brief(), settings), settings)
    assert SECRET not in str(caught.value)


def test_an_unreachable_server_is_a_delivery_error() -> None:
    settings = _settings(free_port())
    with pytest.raises(DeliveryError, match=r"127\.0\.0\.1:\d+: can't deliver"):
        mail.send(mail.build_message(_brief(), settings), settings)


def test_starttls_is_required_when_configured() -> None:
    with MailServer() as server:
        settings = _settings(server.port, security="starttls")
        with pytest.raises(DeliveryError, match="does not offer STARTTLS"):
            mail.send(mail.build_message(_brief(), settings), settings)
    assert server.messages == []


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_to_a_server_with_its_own_certificate(tmp_path: Path, security: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("BRIEF_PW", SECRET)
    with MailServer(user="brief", password=SECRET, tls=context,
                    implicit_tls=security == "ssl") as server:
        settings = _settings(server.port, security=security, ca_file=str(cert), user="brief",
                             password_env="BRIEF_PW")
        mail.send(mail.build_message(_brief(), settings), settings)
        untrusted = _settings(server.port, security=security)
        with pytest.raises(DeliveryError, match="certificate|TLS"):
            mail.send(mail.build_message(_brief(), untrusted), untrusted)
    assert len(server.messages) == 1


def test_send_command_delivers_a_saved_eml(tmp_path: Path) -> None:
    eml = tmp_path / "2026-11-22.eml"
    with MailServer() as server:
        config = _config_file(tmp_path, server.port)
        eml.write_bytes(bytes(mail.build_message(_brief(), _settings(server.port))))
        result = CliRunner().invoke(main, ["send", str(eml), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert len(server.messages) == 1
    assert server.messages[0]["Subject"] == "Morning Brief: Sunday 22 November 2026"


def test_send_command_exits_5_and_keeps_the_password_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_PW", SECRET)
    config = _config_file(tmp_path, free_port(), 'user = "brief"\npassword_env = "BRIEF_PW"\n')
    eml = tmp_path / "brief.eml"
    eml.write_bytes(bytes(mail.build_message(_brief(), _settings(25))))
    result = CliRunner().invoke(main, ["-v", "send", str(eml), "--config", str(config)])
    assert result.exit_code == 5
    assert "error: " in result.output
    assert SECRET not in result.output


def _config_file(folder: Path, port: int, extra: str = "") -> Path:
    path = folder / "briefing.toml"
    path.write_text(f"""
[[sources]]
folder = "inbox"

[email]
host = "127.0.0.1"
port = {port}
security = "none"
from = "Daily Brief <brief@velmora.example>"
to = ["ana@example.org"]
{extra}""", encoding="utf-8")
    return path


class _EchoingServer:
    """A rude SMTP server that repeats the client's AUTH line (credentials and all) in its
    refusal, as some misconfigured relays do."""

    def __init__(self) -> None:
        import socket
        import threading

        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(1)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        conn, _ = self._listener.accept()
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 rude.example ESMTP\r\n")
            for raw in lines:
                line = raw.decode("ascii", "replace").strip()
                if line.upper().startswith("EHLO"):
                    conn.sendall(b"250-rude.example\r\n250 AUTH PLAIN LOGIN\r\n")
                elif line.upper().startswith("AUTH"):
                    conn.sendall(f"535 5.7.8 rejected: {line}\r\n".encode("ascii"))
                elif line.upper().startswith("QUIT"):
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"502 no\r\n")

    def close(self) -> None:
        self._listener.close()


def test_a_server_echoing_the_auth_data_never_gets_the_credentials_printed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import base64

    monkeypatch.setenv("BRIEF_PW", SECRET)
    server = _EchoingServer()
    try:
        settings = _settings(server.port, user="brief", password_env="BRIEF_PW")
        with pytest.raises(DeliveryError) as caught:
            mail.send(mail.build_message(_brief(), settings), settings)
    finally:
        server.close()
    shown = str(caught.value)
    blob = base64.b64encode(f"\0brief\0{SECRET}".encode()).decode()
    assert "535" in shown and "$BRIEF_PW" in shown
    assert SECRET not in shown and blob not in shown and blob[:16] not in shown
    assert base64.b64encode(SECRET.encode()).decode() not in shown


# --- Issue 12: failures in the subject, checks before work, links that survive plain text --------


def test_the_subject_names_failed_sources() -> None:
    import dataclasses

    brief = dataclasses.replace(_brief(), notes=("Gone Gazette: HTTP 404", "Slow: timed out"),
                                sources_total=9)
    message = mail.build_message(brief, _settings(25))
    assert message["Subject"] == ("Morning Brief: Sunday 22 November 2026 \N{EM DASH} "
                                  "2 of 9 sources failed")
    assert "failed" not in mail.build_message(_brief(), _settings(25))["Subject"]


@pytest.mark.parametrize(("changes", "wrong"), [
    ({"recipients": ("ana@example.org", "ben")}, "email.to: 'ben'"),
    ({"sender": "Daily Brief"}, "email.from: 'Daily Brief'"),
    ({"user": "brief", "password_env": "NOT_SET_ANYWHERE"}, "$NOT_SET_ANYWHERE, which is not set"),
    ({"user": "brief", "password_env": "BRIEF_PW", "host": "smtp.example.org"}, "unencrypted"),
])
def test_check_finds_what_would_fail_later(changes: dict[str, object], wrong: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_PW", SECRET)
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(ConfigError) as caught:
        mail.check(_settings(25, **changes))
    assert wrong in str(caught.value) and caught.value.exit_code == 2
    mail.check(_settings(25, recipients=("Ana <ana@example.org>",)))  # a name is fine


def test_the_text_part_keeps_every_link_whole_and_names_the_outlet() -> None:
    import dataclasses

    long_url = "https://c.example/2026/11/22/" + "the-old-harbor-bridge-is-closed-" * 3 + "x"
    brief = dataclasses.replace(_brief(), sources=(
        SourceRef(1, "id1", "Engineers close the Old Harbor Bridge after finding cracks",
                  "Velmora Courier", long_url, long_url),
        SourceRef(2, "id2", "Protest", "Herald", "https://h.example/2", "https://h.example/2")))
    text = mail.build_message(brief, _settings(25)).get_body(("plain",))
    assert text is not None
    lines = text.get_content().splitlines()
    assert long_url in lines or f"    {long_url}" in lines  # whole, on a line of its own
    assert "[2] Protest (Herald) - https://h.example/2" in lines
    assert any(line.startswith("[1] ") and "Velmora Courier" in line for line in lines)
    assert all(len(line) <= 72 for line in lines if long_url not in line)
