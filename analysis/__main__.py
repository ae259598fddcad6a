"""Command line: ``python -m analysis run [--only NAME ...] [--workers N]`` (also ``ai-capex``)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ai-capex", description="Run the AI capex report suite.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute the suite in reports.yaml and publish HTML under reports/")
    run.add_argument("--only", nargs="+", metavar="NAME", help="run only these reports (names from reports.yaml)")
    run.add_argument("--workers", type=int, default=None, help="parallel notebooks (default: number of cores)")
    args = parser.parse_args(argv)
    if args.command == "run":
        from .report.run import main as run_main
        from .report.suite import SuiteConfigError

        try:
            return run_main(args.only, args.workers)
        except SuiteConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
