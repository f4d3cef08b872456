"""A progress bar on a terminal for long directory runs; none when piped (Rich, so it lives in render)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
SHOW_FROM = 20


def with_progress(total: int, work: Callable[[Callable[[int], None] | None], T]) -> T:
    if total < SHOW_FROM or not sys.stderr.isatty():
        return work(None)
    from rich.console import Console
    from rich.progress import Progress

    from cxgap.i18n import messages

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(messages().t("progress.analysing"), total=total)
        return work(lambda n: progress.advance(task, n))
