"""Running the daily job unattended: a crontab line, systemd units, and the example config.

    crontab(config) -> str                      one line for `crontab -e` (with CRON_TZ)
    systemd_units(config) -> {name: text}       briefing.service + briefing.timer
    write(config, folder) -> [path, ...]        `briefing schedule --write DIR`: all three
    example_config() -> str                     what `briefing init` writes

The password for the mail goes in one environment file beside the config, `briefing.env`, as
plain `KEY=value` lines: systemd's EnvironmentFile= reads it as it is, and the crontab line
reads it with `set -a; . FILE; set +a` (so no `export` is needed, and none is allowed).

The layouts are Jinja2 files in templates/ (crontab.j2, briefing.service.j2, briefing.timer.j2,
briefing.toml.j2); this module only works out what goes into them.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jinja2

from briefing import render
from briefing.job.config import Config

UNITS = ("briefing.service", "briefing.timer")
CRONTAB = "briefing.crontab"


def crontab(config: Config, *, at: str | None = None, machine_zone: str | None = None) -> str:
    """The crontab line (with comments) that runs `briefing run` daily at `at` (HH:MM) in the
    config's time zone: with a CRON_TZ line when that differs from this machine's
    (`machine_zone`, default: this machine's)."""
    at = at or config.schedule_at
    hour, minute = (int(part) for part in at.split(":"))
    machine = machine_zone or local_timezone()
    differs = not same_zone(config.timezone, machine)
    return _render("crontab.j2", **_values(config, at), hour=hour, minute=minute,
                   cron_tz=differs, machine_zone=machine,
                   machine_at=_clock_in(hour, minute, config.timezone, machine))


def systemd_units(config: Config, *, at: str | None = None) -> dict[str, str]:
    """A oneshot service and the timer that starts it, by file name."""
    values = _values(config, at)
    units = {name: _render(f"{name}.j2", **values) for name in UNITS}
    if config.update_at:  # [schedule] update_at: `briefing run --update` by its own timer
        later = {**values, "update": True, "at": config.update_at}
        units.update({name.replace("briefing", "briefing-update"): _render(f"{name}.j2", **later)
                      for name in UNITS})
    return units


def write(config: Config, folder: Path, *, at: str | None = None,
          only: str | None = None) -> list[Path]:
    """Write briefing.service, briefing.timer and briefing.crontab into `folder` (`only`:
    "systemd" or "cron" for just those)."""
    from briefing.render import write_atomic

    files = {} if only == "cron" else systemd_units(config, at=at)
    if only != "systemd":
        files[CRONTAB] = crontab(config, at=at)
    written = []
    for name, text in files.items():
        path = Path(folder) / name
        write_atomic(path, text)
        written.append(path)
    return written


def same_zone(a: str, b: str) -> bool:
    """Whether two zone names keep the same clock all year ("UTC" and "Etc/UTC" do)."""
    if a == b:
        return True
    try:
        zones = ZoneInfo(a), ZoneInfo(b)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    year = dt.datetime.now(dt.timezone.utc).year
    moments = [dt.datetime(year, month, 1, 12, tzinfo=dt.timezone.utc) for month in range(1, 13)]
    return all(m.astimezone(zones[0]).utcoffset() == m.astimezone(zones[1]).utcoffset()
               for m in moments)


def _clock_in(hour: int, minute: int, zone: str, machine: str) -> str:
    """HH:MM today in `zone` as this machine's clock (`machine`) shows it."""
    try:
        today = dt.datetime.now(ZoneInfo(zone)).date()
        moment = dt.datetime.combine(today, dt.time(hour, minute), ZoneInfo(zone))
        return moment.astimezone(ZoneInfo(machine)).strftime("%H:%M")
    except (ZoneInfoNotFoundError, ValueError):
        return f"{hour:02d}:{minute:02d}"


def example_config(timezone: str | None = None) -> str:
    """The commented example config of `briefing init`."""
    return _render("briefing.toml.j2", timezone=timezone or local_timezone())


def command() -> str:
    """How to start briefing from a scheduler, which has neither your PATH nor your venv."""
    beside = Path(sys.executable).parent / "briefing"
    if beside.is_file() and os.access(beside, os.X_OK):
        return shlex.quote(str(beside))
    found = shutil.which("briefing")
    if found:
        return shlex.quote(str(Path(found).resolve()))
    return f"{shlex.quote(sys.executable)} -m briefing"


def local_timezone() -> str:
    """This machine's time zone name ("Europe/Berlin"), or UTC when it can't be told."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and "/" in name and not name.startswith("/"):
        return name
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return "UTC"
    _, found, zone = target.partition("zoneinfo/")
    return zone if found and zone else "UTC"


def _values(config: Config, at: str | None) -> dict[str, Any]:
    folder = config.path.parent
    mail = config.mail
    needs_env = bool(mail and mail.user and mail.password_env)
    return {
        "at": at or config.schedule_at,
        "timezone": config.timezone,
        "command": command(),
        "config": str(config.path),
        "workdir": str(folder),
        "log_file": str(folder / "briefing.log"),
        "env_file": str(folder / "briefing.env") if needs_env else "",
        "password_env": mail.password_env if mail else "",
        "network_wait": f"{config.fetch.network_wait:g}",
        # [schedule] update_at: a second run that day, `briefing run --update` (crontab)
        "update": False,  # the units of the update run (systemd_units)
        "update_at": config.update_at,
        "update_hour": int(config.update_at.split(":")[0]) if config.update_at else 0,
        "update_minute": int(config.update_at.split(":")[1]) if config.update_at else 0,
    }


def _render(name: str, **values: Any) -> str:
    return _environment().get_template(name).render(**values).rstrip("\n") + "\n"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = render.environment()
    env.filters["shell"] = shlex.quote
    env.filters["cron"] = lambda text: str(text).replace("%", "\\%")  # % ends a cron command
    env.filters["unit"] = lambda text: str(text).replace("%", "%%")  # % starts a unit specifier
    return env
