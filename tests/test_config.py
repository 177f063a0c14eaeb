"""config: briefing.toml, where it is found, and the mistakes it catches."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import main
from briefing.errors import ConfigError
from briefing.job import config

MINIMAL = """
[[sources]]
feed = "https://example.com/rss.xml"
"""


def _write(folder: Path, text: str, name: str = "briefing.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_init_writes_an_example_that_run_accepts(tmp_path: Path) -> None:
    target = tmp_path / "briefing.toml"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    settings = config.load(target)
    assert settings.sources[0].kind == "feed"
    assert settings.out_dir == tmp_path / "briefs"  # relative to the file, not the cwd
    assert settings.state_path == tmp_path / "briefing.db"
    assert settings.formats == ("text", "html", "md", "json")
    assert settings.mail is None  # the example's [email] is commented out
    assert "password_env" in target.read_text()


def test_init_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = _write(tmp_path, "# mine\n" + MINIMAL)
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert target.read_text().startswith("# mine")
    assert CliRunner().invoke(main, ["init", str(target), "--force"]).exit_code == 0
    assert not target.read_text().startswith("# mine")


def test_the_file_is_found_by_option_then_env_then_cwd(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    by_env = _write(tmp_path, MINIMAL, "env.toml")
    by_option = _write(tmp_path, MINIMAL, "option.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFING_CONFIG", str(by_env))
    assert config.load(None).path == by_env.resolve()
    assert config.load(by_option).path == by_option.resolve()
    monkeypatch.delenv("BRIEFING_CONFIG")
    with pytest.raises(ConfigError, match="briefing init"):
        config.load(None)


def test_email_password_comes_only_from_the_named_env_var(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, MINIMAL + """
[email]
host = "smtp.example.com"
user = "me@example.com"
password_env = "MY_SMTP_SECRET"
from = "Brief <me@example.com>"
to = "you@example.com"
""")
    mail = config.load(path).mail
    assert mail is not None
    assert (mail.port, mail.security, mail.recipients) == (587, "starttls", ("you@example.com",))
    monkeypatch.delenv("MY_SMTP_SECRET", raising=False)
    with pytest.raises(ConfigError, match=r"\$MY_SMTP_SECRET"):
        mail.password()
    monkeypatch.setenv("MY_SMTP_SECRET", "hunter2-long")
    assert mail.password() == "hunter2-long"


def test_a_password_in_the_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL + """
[email]
from = "me@example.com"
to = ["you@example.com"]
password = "hunter2-long"
""")
    with pytest.raises(ConfigError, match="password_env") as caught:
        config.load(path)
    assert "hunter2-long" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL + "[brief]\nmax_storys = 4\n", r"brief\.max_storys: unknown setting"),
        ('timezone = "Mars/Olympus"\n' + MINIMAL, "unknown time zone"),
        ('[[sources]]\nfeed = "ftp://example.com/rss"\n', "unsupported address scheme ftp://"),
        ('[[sources]]\nfeed = "a.xml"\nurl = "https://x.org/"\n', r"sources\[0\]: each"),
        ("", "no sources"),
        (MINIMAL + "[output]\nformats = [\"pdf\"]\n", "unknown format 'pdf'"),
        (MINIMAL + "[brief]\nmax_stories = \"six\"\n", "expected a whole number"),
        (MINIMAL + "[email]\nfrom = \"me@example.com\"\n", "no recipients"),
        (MINIMAL + "[email]\nto = \"a@b.c\"\nfrom = \"me@x.y\"\nsecurity = \"tls\"\n",
         "choose from starttls"),
        (MINIMAL + "[schedule]\nat = \"25:00\"\n", "not a time"),
        ("[[sources]\n", "not valid TOML"),
    ],
)
def test_mistakes_name_the_file_and_the_setting(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        config.load(path)
    assert str(path.resolve()) in str(caught.value) or str(path) in str(caught.value)


def test_sources_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, """
[[sources]]
folder = "inbox"
name = "My inbox"

[[sources]]
feed = "feeds/local.xml"

[[sources]]
url = "https://example.org/story"
""")
    folder, feed, page = config.load(path).sources
    assert (folder.kind, folder.location, folder.label) == ("folder", str(tmp_path / "inbox"),
                                                            "My inbox")
    assert feed.location == str(tmp_path / "feeds" / "local.xml") and not feed.is_remote
    assert page.is_remote and page.label == "https://example.org/story"


def test_bad_config_exits_2_with_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL + "surprise = 1\n")
    result = CliRunner().invoke(main, ["run", "--config", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "surprise" in result.output
    assert "Traceback" not in result.output
