"""``python -m analysis.data validate [NAME ...]`` and ``python -m analysis.data build [--force]``."""

from __future__ import annotations

import argparse
import sys

from . import DataValidationError, build, dataset_names, load_assumptions
from .catalog import validate_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="validate raw datasets and the assumptions register")
    check.add_argument("names", nargs="*", help="dataset names (default: all)")
    make = sub.add_parser("build", help="build data/processed/*.parquet (only what changed)")
    make.add_argument("--force", action="store_true", help="rebuild every file")
    args = parser.parse_args(argv)

    if args.command == "build":
        try:
            build(force=args.force)
        except DataValidationError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    failed = 0
    for name in args.names or dataset_names():
        try:
            frame = validate_dataset(name)
            print(f"ok      {name} ({len(frame)} rows)")
        except (DataValidationError, KeyError) as exc:
            failed += 1
            print(f"FAILED  {exc}", file=sys.stderr)
    if not args.names:
        try:
            print(f"ok      assumptions ({len(load_assumptions())} entries)")
        except DataValidationError as exc:
            failed += 1
            print(f"FAILED  {exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
