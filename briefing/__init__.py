"""briefing: a one-page daily situation brief from the day's news articles.

    from briefing import build_brief
    from briefing.render import render
    brief = build_brief(["today/"])
    print(render(brief, "text"))
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["BriefOptions", "build_brief", "brief_articles", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `briefing --help` and `import briefing.errors` stay light.
    if name in ("build_brief", "brief_articles", "BriefOptions"):
        from briefing import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
