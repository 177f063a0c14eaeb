"""schedule: the crontab line and systemd units that `briefing schedule` prints."""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
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
    lines = [line for line in schedule.crontab(settings, machine_zone="Europe/Berlin").splitlines()
             if line and not line.startswith("#")]
    assert len(lines) == 1
    fields = lines[0].split(maxsplit=5)
    assert fields[:5] == ["45", "6", "*", "*", "*"]
    words = shlex.split(fields[5].replace("\\%", "%"))
    assert words[words.index("--config") + 1] == str(settings.path)  # quoted, space and all
    assert "run" in words and ">>" in words
    assert ". " in fields[5] and "briefing.env" in fields[5]  # the password comes from a file
    assert "Europe/Berlin" in schedule.crontab(settings)  # the comment names the zone


def test_cron_tz_when_the_config_zone_is_not_the_machines(tmp_path: Path) -> None:
    settings = _config(tmp_path)
    other = schedule.crontab(settings, machine_zone="UTC").splitlines()
    jobs = [line for line in other if line and not line.startswith("#")]
    assert jobs[0] == "CRON_TZ=Europe/Berlin" and jobs[1].startswith("45 6 * * * ")
    assert any("without CRON_TZ" in line for line in other)  # and what such a cron would do
    same = schedule.crontab(settings, machine_zone="Europe/Berlin")
    assert "CRON_TZ=" not in same
    assert schedule.same_zone("UTC", "Etc/UTC") and not schedule.same_zone("UTC", "Europe/Berlin")


def test_one_env_file_of_plain_lines_works_for_cron(tmp_path: Path) -> None:
    """briefing.env holds `KEY='value'` lines (what systemd's EnvironmentFile= reads); the
    crontab line exports them to the job with `set -a`, as cron's /bin/sh runs it."""
    settings = _config(tmp_path)
    (tmp_path / "briefing.env").write_text("BRIEFING_SMTP_PASSWORD='two words'\n")
    line = [line for line in schedule.crontab(settings, machine_zone="UTC").splitlines()
            if line.startswith("45 6 ")][0]
    command = line.split(maxsplit=5)[5].replace("\\%", "%")
    prefix = command[: command.index(schedule.command().replace("%", "\\%"))]
    assert "export" not in prefix
    probe = prefix + 'printf "%s" "$(sh -c \'echo "$BRIEFING_SMTP_PASSWORD"\')"'
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_SMTP_PASSWORD"}
    shown = subprocess.run(["/bin/sh", "-c", probe], capture_output=True, text=True, env=env,
                           check=True).stdout
    assert shown == "two words"  # exported to the command, not only set in the shell


def test_cron_mails_the_warnings_and_logs_everything(tmp_path: Path) -> None:
    """A failed source's warning line reaches cron's mail (cron mails what a job prints),
    while the run's usual line only goes to the log: no mail on a quiet morning."""
    settings = _config(tmp_path)
    line = [line for line in schedule.crontab(settings, machine_zone="UTC").splitlines()
            if line.startswith("45 6 ")][0]
    fake = tmp_path / "fake briefing"
    fake.write_text("#!/bin/sh\necho 'brief for 2026-11-22 written'\n"
                    "echo 'warning: source X failed: HTTP 500' >&2\nexit 6\n")
    fake.chmod(0o755)
    command = line.split(maxsplit=5)[5].replace(schedule.command().replace("%", "\\%"),
                                                shlex.quote(str(fake))).replace("\\%", "%")
    mailed = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True,
                            cwd=tmp_path)
    assert mailed.stdout + mailed.stderr == "warning: source X failed: HTTP 500\n"
    log = (tmp_path / "briefing.log").read_text()
    assert "brief for 2026-11-22 written" in log and "warning: source X failed" in log


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
    # A user session has no network-online.target: the job waits for the network itself.
    assert "network-online" not in "".join(f"{k}={v}" for k, v in service["Unit"].items())


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


def test_schedule_write_puts_each_unit_in_a_file_of_its_own(tmp_path: Path) -> None:
    settings = _config(tmp_path)
    units = tmp_path / "units"
    result = CliRunner().invoke(main, ["schedule", "--config", str(settings.path),
                                       "--write", str(units)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in units.iterdir()) == ["briefing.crontab", "briefing.service",
                                                        "briefing.timer"]
    assert (units / "briefing.timer").read_text() == schedule.systemd_units(settings)[
        "briefing.timer"]
    assert "[Timer]" not in (units / "briefing.service").read_text()
    assert "45 6 * * *" in (units / "briefing.crontab").read_text()
    assert "wrote " in result.output and "briefing.env" in result.output  # what to do next


def test_schedule_write_systemd_writes_only_the_units(tmp_path: Path) -> None:
    settings = _config(tmp_path)
    result = CliRunner().invoke(main, ["schedule", "--config", str(settings.path), "--systemd",
                                       "--write", str(tmp_path / "user")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "user").iterdir()) == ["briefing.service",
                                                                      "briefing.timer"]
