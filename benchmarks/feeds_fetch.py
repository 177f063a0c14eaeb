"""Many feeds: how long the daily job's fetching of N slow feeds takes, one source at a time vs
concurrently (at most feeds.PER_HOST requests per host), and a second run where every feed is
unchanged (HTTP 304 to the ETag kept in the state).

    python benchmarks/feeds_fetch.py                 20 feeds on 5 local hosts, 0.5 s each
    python benchmarks/feeds_fetch.py --feeds 40 --hosts 10 --delay 0.5

Each feed is a local web server's answer after `--delay` seconds (a real server's latency); the
feeds carry full-text items, so no pages are fetched. Every mode starts from an empty state.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from local_servers import WebServer  # noqa: E402
from news_samples import STORIES, item, rss  # noqa: E402

from briefing import feeds  # noqa: E402
from briefing.job import config, daily  # noqa: E402
from briefing.job.state import State  # noqa: E402


def _gather(settings: config.Config, workers: int) -> tuple[float, list[daily.SourceReport]]:
    reports: list[daily.SourceReport] = []
    with State.open(settings.state_path) as state:
        start = time.perf_counter()
        articles, failures = daily.gather(settings, state, feeds.Fetcher(settings.fetch),
                                          dt.datetime.now(dt.timezone.utc), reports=reports,
                                          workers=workers)
        took = time.perf_counter() - start
        if failures:
            raise SystemExit(f"error: {len(failures)} feeds failed: {failures[0].line}")
        state.begin(dt.date.today(), articles)
        state.keep_validators({daily.feed_key(r.source, settings): r.conditional.fresh
                               for r in reports if r.conditional is not None})
    return took, reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=5, help="local servers the feeds are on")
    parser.add_argument("--delay", type=float, default=0.5, help="seconds each answer takes")
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        servers = [stack.enter_context(WebServer()) for _ in range(args.hosts)]
        lines = []
        size = 0
        for n in range(args.feeds):
            web = servers[n % args.hosts]
            story = STORIES[n % len(STORIES)]
            body = rss([item(story, web.url(f"/{n}/{story.slug}"))], title=f"Feed {n}")
            url = web.add(f"/feed-{n}.xml", body, "application/rss+xml", delay=args.delay,
                          etag=f'"{n}-v1"')
            size += len(body)
            lines.append(f'[[sources]]\nfeed = "{url}"\nname = "Feed {n}"\n')
        print(f"{args.feeds} feeds on {args.hosts} local hosts, {args.delay:g} s per answer")
        for mode, workers in (("sequential (1 at a time)", 1),
                              (f"concurrent ({daily.PARALLEL_SOURCES} workers, "
                               f"{feeds.PER_HOST} per host)", daily.PARALLEL_SOURCES)):
            folder = Path(tmp) / str(workers)
            folder.mkdir()
            path = folder / "briefing.toml"
            path.write_text("\n".join(lines) + '\n[output]\nformats = ["json"]\n', "utf-8")
            settings = config.load(path)
            first, reports = _gather(settings, workers)
            again, second = _gather(settings, workers)
            unchanged = sum(r.status == "unchanged" for r in second)
            print(f"{mode}: first run {first:.2f} s ({sum(r.new for r in reports)} new, "
                  f"{size / 1024:.0f} KB of feeds); second run {again:.2f} s ({unchanged} of "
                  f"{args.feeds} unchanged: 304, no body)")
        peak = max(s.peak for s in servers)
        print(f"most requests at once on one host: {peak}")


if __name__ == "__main__":
    main()
