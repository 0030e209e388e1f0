"""Two checkouts of Formwork side by side: is a change faster? Alternating rounds, median of per-round ratios.

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/side_by_side.py /tmp/before . [--rounds 11] [--wizards 20] [--steps 200]

Each checkout runs in its own process (its own `bench/wizard_walk.py --child formwork`, with
this Python and its packages) on its embedded defaults, in a throw-away folder. Each round,
each walks `--wizards` registrations and reloads a step `--steps` times, the two taking turns
to go first. Prints ms per page in app (wall and CPU), the step GET (wall and CPU) and, by
request kind, in-app wall ms per registration; the last column is after / before.
"""

import argparse
import os
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.wizard_walk import Child  # noqa: E402

TOTALS = ("app_ms_per_page", "app_cpu_ms_per_page", "step_ms", "step_cpu_ms")


def figure(result: dict, key: str, kind: str | None) -> float:
    return result[key] if kind is None else result["by_request"].get(kind, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--wizards", type=int, default=20)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="formwork-side-by-side-") as work:
        checkouts = {
            name: Child("formwork", os.path.join(work, name), root=os.path.abspath(root))
            for name, root in (("before", args.before), ("after", args.after))
        }
        results: dict[str, list[dict]] = {name: [] for name in checkouts}
        try:
            for round_number in range(args.rounds):
                turns = list(checkouts.items())
                for name, checkout in turns if round_number % 2 == 0 else turns[::-1]:
                    result = checkout.ask("walk", args.wizards)
                    result.update(checkout.ask("step", args.steps))
                    results[name].append(result)
        finally:
            for checkout in checkouts.values():
                checkout.close()

    def line(label: str, key: str, kind: str | None = None) -> str:
        before = [figure(r, key, kind) for r in results["before"]]
        after = [figure(r, key, kind) for r in results["after"]]
        ratios = [b / a for a, b in zip(before, after, strict=True) if a and b]
        ratio = f"{statistics.median(ratios):6.3f}" if ratios else "     -"
        return f"{label:44} {statistics.median(before):8.3f} {statistics.median(after):8.3f} {ratio}"

    print(
        f"{args.rounds} alternating rounds, each of {args.wizards} registrations and {args.steps} step GETs"
    )
    print(f"{'what':44} {'before':>8} {'after':>8} {'ratio':>6}")
    for key in TOTALS:
        print(line(key, key))
    kinds = results["before"][0]["by_request"]
    for kind in sorted(kinds, key=kinds.get, reverse=True):
        print(line(kind, "by_request", kind))


if __name__ == "__main__":
    main()
