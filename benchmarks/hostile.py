"""Hostile inputs, the larger run: batches of seeded hostile inputs and the three good articles
through the real `briefing brief` command, one subprocess per batch (issue 9).

    python benchmarks/hostile.py --batches 100 --seed 1            # a table per kind
    python benchmarks/hostile.py --batches 100 --seed 1 --markdown  # for docs/benchmarks.md

The generators are tests/hostile_inputs.py, the same as tests/test_hostile.py's. Each batch is
`--size` hostile inputs (every kind in turn, at most two readable carriers), the four formats in
turn; every `--special-every`-th batch also gets the special files (a FIFO, /dev/zero and
/dev/urandom links named x.txt, two `ln -s .` loops, a folder of special files). Each run has a
timeout (`--timeout`, 60 s) and a 4 GiB address-space cap, so a hang or a runaway read is a
failed batch, not a stuck benchmark.

Per kind: inputs, batches with a brief (exit 0) among the batches that held the kind, of those
the ones citing all good articles, inputs named by the expected number of warning lines, and the
wall time of the batches that held the kind. A last row counts whole batches.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from hostile_inputs import (  # noqa: E402
    FORMATS,
    Outcome,
    batch,
    judge,
    run_subprocess,
    setup_all,
    special_batch,
    unlock,
    write_good,
)


def run_batch(folder: Path, seed: int, number: int, size: int, special: bool,
              timeout: float) -> Outcome:
    inputs = batch(seed, number, size) + (special_batch(seed, number) if special else [])
    good = [str(p) for p in write_good(folder / "good")]
    args = setup_all(inputs, folder / "hostile")
    fmt = FORMATS[number % len(FORMATS)]
    try:
        code, out, err, seconds = run_subprocess(["brief", *good, *args, "--format", fmt],
                                                 timeout=timeout)
    finally:
        unlock(folder / "hostile")
    return judge(Outcome(inputs, fmt, code, out, err, seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=100)
    parser.add_argument("--size", type=int, default=25, help="hostile inputs per batch")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--special-every", type=int, default=10,
                        help="every n-th batch also gets the FIFO, device links and loops")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--failures", action="store_true", help="print each failed batch")
    args = parser.parse_args()

    inputs: dict[str, int] = defaultdict(int)
    batches: dict[str, set[int]] = defaultdict(set)
    briefed: dict[str, set[int]] = defaultdict(set)
    cited: dict[str, set[int]] = defaultdict(set)
    warned: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    totals = {"batches": 0, "briefed": 0, "cited": 0, "clean": 0, "ok": 0, "inputs": 0}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        for number in range(args.batches):
            special = args.special_every > 0 and number % args.special_every == 0
            outcome = run_batch(Path(tmp) / f"b{number}", args.seed, number, args.size,
                                special, args.timeout)
            totals["batches"] += 1
            totals["inputs"] += len(outcome.inputs)
            totals["briefed"] += outcome.brief_made
            totals["cited"] += outcome.brief_made and not outcome.missing_good
            totals["clean"] += outcome.brief_made and not outcome.problems
            totals["ok"] += outcome.ok
            seen = set()
            for i, hostile in enumerate(outcome.inputs):
                inputs[hostile.kind] += 1
                batches[hostile.kind].add(number)
                if outcome.brief_made:
                    briefed[hostile.kind].add(number)
                    if not outcome.missing_good:
                        cited[hostile.kind].add(number)
                    if i not in outcome.bad_warnings:
                        warned[hostile.kind] += 1
                if hostile.kind not in seen:
                    seconds[hostile.kind] += outcome.seconds
                    seen.add(hostile.kind)
            if args.failures and not outcome.ok:
                print(f"--- batch {number} (seed {args.seed}):\n{outcome.report()[:3000]}",
                      file=sys.stderr)
    wall = time.perf_counter() - started

    header = ("kind", "inputs", "batches", "with a brief", "good cited", "warnings as expected",
              "wall s")
    rows = [
        (kind, str(inputs[kind]), str(len(batches[kind])), str(len(briefed[kind])),
         str(len(cited[kind])), f"{warned[kind]}/{inputs[kind]}", f"{seconds[kind]:.1f}")
        for kind in sorted(inputs)
    ]
    rows.append(("**all batches**", str(totals["inputs"]), str(totals["batches"]),
                 str(totals["briefed"]), str(totals["cited"]),
                 f"{totals['ok']} batches fully right", f"{wall:.1f}"))
    print(f"# {args.batches} batches of {args.size} hostile inputs (+ specials every "
          f"{args.special_every}), seed {args.seed}; {platform.processor() or platform.machine()}"
          f", Python {platform.python_version()}; clean output in {totals['clean']} of "
          f"{totals['briefed']} briefs")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                            for i, (c, w) in enumerate(zip(row, widths, strict=True))))


if __name__ == "__main__":
    main()
