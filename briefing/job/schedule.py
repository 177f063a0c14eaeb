"""Running the daily job unattended: a crontab line, systemd units, and the example config.

    crontab(config) -> str                      one line for `crontab -e`
    systemd_units(config) -> {name: text}       briefing.service + briefing.timer
    example_config() -> str                     what `briefing init` writes

The layouts are Jinja2 files in templates/ (crontab.j2, briefing.service.j2, briefing.timer.j2,
briefing.toml.j2); this module only works out what goes into them.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from briefing import render
from briefing.job.config import Config

UNITS = ("briefing.service", "briefing.timer")


def crontab(config: Config, *, at: str | None = None) -> str:
    """The crontab line (with comments) that runs `briefing run` daily at `at` (HH:MM)."""
    hour, minute = (at or config.schedule_at).split(":")
    return _render("crontab.j2", **_values(config, at), hour=int(hour), minute=int(minute))


def systemd_units(config: Config, *, at: str | None = None) -> dict[str, str]:
    """A oneshot service and the timer that starts it, by file name."""
    values = _values(config, at)
    return {name: _render(f"{name}.j2", **values) for name in UNITS}


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
