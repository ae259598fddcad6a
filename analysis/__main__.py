"""Command line (also ``ai-capex``): ``python -m analysis run [--only NAME ...] [--workers N] [--force]``; ``python -m analysis diff [OLD] [NEW]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ai-capex", description="Run the AI capex report suite.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute the suite in reports.yaml and publish HTML under reports/")
    run.add_argument("--only", nargs="+", metavar="NAME", help="run only these reports (names from reports.yaml)")
    run.add_argument("--workers", type=int, default=None, help="parallel notebooks (default: number of cores)")
    run.add_argument("--config", type=Path, default=None, help="suite config (default: reports.yaml)")
    run.add_argument("--force", action="store_true", help="execute every report even if a cached run is unchanged")
    diff = sub.add_parser("diff", help="list key figures that changed between two runs")
    diff.add_argument("old", nargs="?", help="run id or directory (default: the run before the newest)")
    diff.add_argument("new", nargs="?", help="run id or directory (default: reports/latest)")
    args = parser.parse_args(argv)
    if args.command == "diff":
        from .report.diff import main as diff_main

        return diff_main(args.old, args.new)
    if args.command == "run":
        from .report.run import main as run_main
        from .report.suite import SuiteConfigError

        try:
            return run_main(args.only, args.workers, args.force, args.config)
        except SuiteConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
