"""Reuse a report whose notebook, parameters, input data and package code are unchanged.

The cache key is a sha256 over the notebook file, its parameters, the kernel name, every
file in ``data/raw/`` and every source file of the ``analysis`` package. A hit restores
the executed notebook, the exported HTML body and the result record of the earlier run.
Only successful runs are stored.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .. import paths
from .suite import Job

CACHED_FILES = ("notebook.ipynb", "body.html", "result.json")


def _tree_digest(root: Path, pattern: str) -> bytes:
    digest = hashlib.sha256()
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.digest()


def inputs_digest() -> bytes:
    """Digest of everything a report may read besides its notebook: raw data and package code."""
    return _tree_digest(paths.DATA_RAW, "*") + _tree_digest(Path(__file__).resolve().parents[1], "*.py")


def cache_key(job: Job, kernel: str, inputs: bytes) -> str:
    """sha256 over the notebook, its parameters, the kernel and ``inputs``."""
    digest = hashlib.sha256()
    digest.update(job.notebook.read_bytes())
    digest.update(json.dumps(job.parameters, sort_keys=True).encode())
    digest.update(kernel.encode())
    digest.update(inputs)
    return digest.hexdigest()


def restore(cache_dir: Path, key: str, target: Path) -> bool:
    """Copy a cached report into ``target``; False when there is no complete entry."""
    entry = cache_dir / key
    if not all((entry / name).is_file() for name in CACHED_FILES):
        return False
    target.mkdir(parents=True, exist_ok=True)
    for name in CACHED_FILES:
        shutil.copy2(entry / name, target / name)
    return True


def store(cache_dir: Path, key: str, source: Path) -> None:
    """Store a successful report's files under ``key`` (written atomically)."""
    tmp = cache_dir / f".{key}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name in CACHED_FILES:
        shutil.copy2(source / name, tmp / name)
    final = cache_dir / key
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
