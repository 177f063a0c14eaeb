"""`briefing status`: the daily job's recent runs, as the state database remembers them.

    recent(config, limit) -> [Run, ...]      newest first, read without the run lock
    summary(run) -> {...}                     one run as plain data (`--json`)
    text(runs, config) -> str                 the table (templates/status.j2)

RUN is `brief` (the day's brief) or `update` (`briefing run --update`: what came since).

"Delivered" says what became of the day's mail: `yes`, `no [email]` (files only), `waiting` (the
mail server refused it so far; the next run tries again), `gave up` (saved as .eml after
MAX_SEND_ATTEMPTS), `failed` (no brief), `nothing new`, or `unfinished` (a run stopped early;
the next one completes it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from briefing import render
from briefing.job.config import Config
from briefing.job.state import Run, history


def recent(config: Config, limit: int = 10) -> list[Run]:
    return history(config.state_path, limit)


def delivered(run: Run) -> str:
    if run.status == "sent":
        return "yes"
    if run.status == "written":
        return "no [email]" if not run.message else "not sent"
    if run.status in ("built", "sending"):
        if not run.attempts:
            return "waiting"
        return f"waiting ({run.attempts} {'try' if run.attempts == 1 else 'tries'})"
    if run.status == "failed":
        return "gave up" if run.attempts else "failed"
    if run.status == "nothing-new":
        return "nothing new"
    return "unfinished"


def summary(run: Run) -> dict[str, Any]:
    """One run as plain data: what `--json` prints."""
    return {
        "day": run.day.isoformat(),
        "kind": run.kind,
        "started": run.started.isoformat(),
        "status": run.status,
        "delivered": delivered(run),
        "articles": run.articles,
        "stories": run.stories,
        "failed_sources": list(run.failed),
        "attempts": run.attempts,
        "message": run.message,
    }


def text(runs: Sequence[Run], config: Config) -> str:
    """The table of `briefing status`, times in the config's time zone."""
    rows = [{
        "day": run.day.isoformat(),
        "kind": run.kind,  # "brief" or "update" (`briefing run --update`)
        "started": run.started.astimezone(config.zone).strftime("%Y-%m-%d %H:%M"),
        "articles": run.articles,
        "stories": run.stories or "-",
        "delivered": delivered(run),
        "failed": ", ".join(run.failed) or "-",
    } for run in runs]
    template = render.environment().get_template("status.j2")
    return template.render(runs=rows, state=config.state_path)
