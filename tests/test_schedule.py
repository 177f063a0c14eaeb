"""schedule: the crontab line and systemd units that `briefing schedule` prints."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main
from briefing.job import config, schedule

CONFIG = """
timezone = "Europe/Berlin"

[[sources]]
feed = "https://example.com/rss.xml"

[schedule]
at = "06:45"

[email]
host = "smtp.example.com"
user = "me@example.com"
password_env = "BRIEFING_SMTP_PASSWORD"
from = "me@example.com"
to = ["me@example.com"]
"""


def _config(folder: Path, text: str = CONFIG) -> config.Config:
    path = folder / "my briefing.toml"  # a space, as real home folders sometimes have
    path.write_text(text, encoding="utf-8")
    return config.load(path)


def test_the_crontab_line_runs_the_config_daily_at_the_set_time(tmp_path: Path) -> None:
    settings = _config(tmp_path)
    lines = [line for line in schedule.crontab(settings).splitlines()
             if line and not line.startswith("#")]
    assert len(lines) == 1
    fields = lines[0].split(maxsplit=5)
    assert fields[:5] == ["45", "6", "*", "*", "*"]
    words = shlex.split(fields[5].replace("\\%", "%"))
    assert words[words.index("--config") + 1] == str(settings.path)  # quoted, space and all
    assert "run" in words and ">>" in words
    assert ". " in fields[5] and "briefing.env" in fields[5]  # the password comes from a file
    assert "Europe/Berlin" in schedule.crontab(settings)  # the comment names the zone


def test_at_overrides_the_config(tmp_path: Path) -> None:
    line = schedule.crontab(_config(tmp_path), at="5:05").splitlines()[-1]
    assert line.startswith("5 5 * * * ")


def test_systemd_units_parse_and_fit_together(tmp_path: Path) -> None:
    settings = _config(tmp_path)
    units = schedule.systemd_units(settings)
    assert set(units) == {"briefing.service", "briefing.timer"}
    service, timer = configparser.ConfigParser(interpolation=None), configparser.ConfigParser(
        interpolation=None)
    service.read_string(units["briefing.service"])
    timer.read_string(units["briefing.timer"])
    assert service["Service"]["Type"] == "oneshot"
    start = shlex.split(service["Service"]["ExecStart"])
    assert start[-3:] == ["run", "--config", str(settings.path)]
    assert service["Service"]["EnvironmentFile"].endswith("briefing.env")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 06:45:00 Europe/Berlin"
    assert timer["Timer"]["Persistent"] == "true"


def test_no_env_file_without_a_login(tmp_path: Path) -> None:
    settings = _config(tmp_path, CONFIG.split("[email]")[0])
    assert "briefing.env" not in schedule.crontab(settings)
    assert "EnvironmentFile" not in schedule.systemd_units(settings)["briefing.service"]


def test_schedule_command_prints_all_three(tmp_path: Path) -> None:
    settings = _config(tmp_path)
    result = CliRunner().invoke(main, ["schedule", "--config", str(settings.path)])
    assert result.exit_code == 0, result.output
    assert "[Timer]" in result.output and "[Service]" in result.output
    assert "45 6 * * *" in result.output
    only_cron = CliRunner().invoke(main, ["schedule", "--config", str(settings.path), "--cron"])
    assert "[Service]" not in only_cron.output and "45 6 * * *" in only_cron.output
    bad = CliRunner().invoke(main, ["schedule", "--config", str(settings.path), "--at", "7pm"])
    assert bad.exit_code == 2 and "not a time" in bad.output
