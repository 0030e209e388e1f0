"""The SPEC's speed bars in one run: four ratios, Formwork against the tutorial and django-formtools.

1. step GET, in-app ms, Formwork / tutorial                       (target <= 1.00)
2. step GET under gunicorn, 1 sync worker each, req/s, F / tutorial (target >= 1.00)
3. whole registration, in-app ms per page, Formwork / tutorial     (target <= 2.0)
4. whole registration, in-app ms per page, Formwork / formtools    (target <= 0.25)

Each app runs in its own process (bench/wizard_walk.py, bench/step_throughput.py);
rounds alternate between the apps and each ratio is the median of the per-round
ratios. Without ../shared (a plain checkout) only Formwork's own figures print.

    .venv/bin/python bench/quality_bars.py [--rounds 9] [--wizards 20] [--steps 150] [--seconds 2]
"""

import argparse
import os
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench import step_throughput  # noqa: E402
from bench import wizard_walk  # noqa: E402

# (label, key, its CPU-time twin, unit, other app, target, better when the ratio is lower)
BARS = [
    ("step GET, in-app", "step_ms", "step_cpu_ms", "ms", "tutorial", 1.00, True),
    ("step GET, gunicorn 1 sync worker", "req_s", None, "req/s", "tutorial", 1.00, False),
    ("registration, in-app per page", "app_ms_per_page", "app_cpu_ms_per_page", "ms", "tutorial", 2.0, True),
    (
        "registration, in-app per page",
        "app_ms_per_page",
        "app_cpu_ms_per_page",
        "ms",
        "formtools",
        0.25,
        True,
    ),
]


def verdict(ratio: float, target: float, lower_is_better: bool) -> str:
    met = ratio <= target if lower_is_better else ratio >= target
    return f"{'<=' if lower_is_better else '>='} {target:.2f} {'met' if met else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--wizards", type=int, default=20, help="registrations per app per round")
    parser.add_argument("--steps", type=int, default=150, help="step GETs per app per round")
    parser.add_argument("--seconds", type=float, default=2, help="gunicorn load per app per round")
    parser.add_argument("--threads", type=int, default=4, help="client threads against gunicorn")
    parser.add_argument("--breakdown", action="store_true", help="also print in-app ms per request")
    args = parser.parse_args()

    names = wizard_walk.available_apps()
    with tempfile.TemporaryDirectory(prefix="formwork-bars-") as workdir:
        children = [wizard_walk.Child(name, workdir) for name in names]
        try:
            rounds = wizard_walk.in_app_rounds(children, args.rounds, args.wizards, args.steps)
        finally:
            for child in children:
                child.close()
    throughput = step_throughput.measure(args.rounds, args.seconds, args.threads)
    for name, values in throughput.items():
        for result, req_s in zip(rounds[name], values, strict=True):
            result["req_s"] = req_s

    print(f"{args.rounds} alternating rounds; per round and app: {args.wizards} registrations walked,")
    print(
        f"{args.steps} step GETs in-app, {args.seconds:g} s of step GETs from {args.threads} threads under gunicorn"
    )
    wizard_walk.print_walks(rounds, args.breakdown)
    print()
    header = f"{'what':38} {'unit':>5} {'Formwork':>9} {'other':>9} {'ratio':>6}  target"
    print(header)
    print("-" * len(header))
    for label, key, cpu_key, unit, other, target, lower in BARS:
        mine = wizard_walk.figure(rounds, "formwork", key)
        if other not in rounds:
            print(f"{label:38} {unit:>5} {statistics.median(mine):9.3f} {'(no ' + other + ')':>9}")
            continue
        theirs = wizard_walk.figure(rounds, other, key)
        ratio = wizard_walk.median_ratio(mine, theirs)
        print(
            f"{label + ' / ' + other:38} {unit:>5} {statistics.median(mine):9.3f} "
            f"{statistics.median(theirs):9.3f} {ratio:6.2f}  {verdict(ratio, target, lower)}"
        )
        per_round = ", ".join(f"{a / b:.2f}" for a, b in zip(mine, theirs, strict=True))
        print(f"{'':38} {'':5} per-round ratios: {per_round}")
        if cpu_key:
            cpu = wizard_walk.median_ratio(
                wizard_walk.figure(rounds, "formwork", cpu_key), wizard_walk.figure(rounds, other, cpu_key)
            )
            print(f"{'':38} {'':5} the same in CPU time (what machine load moves least): {cpu:.2f}")


if __name__ == "__main__":
    main()
