"""Everything briefing raises on purpose.

    BriefingError                  base: the CLI prints "error: <message>" and exits 1
    ├── InputError                 one input can't be read (skipped with a warning)
    ├── NoUsableArticles           nothing left to brief after reading and cleaning (exit 3)
    ├── ConfigError                a bad option, template or config file (exit 2)
    ├── ModelError                 an abstractive or embedding model can't be loaded or run
    │   └── MissingExtra           an optional dependency is not installed; says what to pip install
    ├── SourceError                a feed or URL failed (timeout, HTTP error, garbage)
    ├── DeliveryError              the mail could not be sent
    └── JobLocked                  another `briefing run` holds the lock (exit 4)

Messages are written for the person at the terminal: what failed, on which input, what to do.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class; `exit_code` is what the CLI exits with."""

    exit_code = 1


class InputError(BriefingError):
    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class NoUsableArticles(BriefingError):
    exit_code = 3


class ConfigError(BriefingError):
    exit_code = 2


class ModelError(BriefingError):
    pass


class MissingExtra(ModelError):
    def __init__(self, what: str, extra: str, packages: str) -> None:
        super().__init__(
            f"{what} needs the optional '{extra}' dependencies: pip install 'briefing[{extra}]'"
            f" (or: pip install {packages})"
        )
        self.extra = extra


class SourceError(BriefingError):
    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class DeliveryError(BriefingError):
    exit_code = 5


class JobLocked(BriefingError):
    exit_code = 4
