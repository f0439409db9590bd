"""Shared fixtures: generated modules go to a per-session cache folder; the longest files start first."""
import atexit
import os
import shutil
import tempfile

import pytest

if "SYMLSTM_CACHE_DIR" not in os.environ:
    # Made by the first process that imports this file (the xdist workers inherit the variable) and
    # removed when that process exits, so that a run leaves nothing behind in the temp folder.
    os.environ["SYMLSTM_CACHE_DIR"] = tempfile.mkdtemp(prefix="symlstm-test-cache-")
    atexit.register(shutil.rmtree, os.environ["SYMLSTM_CACHE_DIR"], True)

#: Files whose tests take the longest (CPU seconds on the 2-core VM of the README, rounded): they
#: are handed to the xdist workers first (`--dist loadfile` gives a whole file to one worker, and
#: pyproject's `--no-loadscope-reorder` keeps this order), so that no long file starts last and
#: runs alone at the end. Every other file follows, the one with the most tests first (xdist's own
#: default order). Only the order changes: every collected test runs.
LONG_FILES = {
    "test_verify_mutants.py": 120,          # one test: it cannot be shared out, so it starts first
    "test_derive.py": 90,
    "test_backends.py": 90,
    "test_corpus.py": 80,
    "test_bench.py": 35,
    "test_numba_backend.py": 33,            # after test_backends: it loads the kernels that file compiled
    "test_docs.py": 25,
    "test_verify_soundness2.py": 22,
    "test_model.py": 21,
    "test_export_jax.py": 20,
    "test_notation.py": 19,
    "test_snippets.py": 17,
    "test_export_torch.py": 16,
    "test_hardening.py": 15,
    "test_verify_mutant_soundness_b.py": 14,
    "test_verify_gateblocks.py": 14,
}


def pytest_collection_modifyitems(config, items):
    counts = {}
    for item in items:
        counts[item.path] = counts.get(item.path, 0) + 1

    def weight(item):
        return (-LONG_FILES.get(item.path.name, 0), -counts[item.path], str(item.path))
    items[:] = sorted(items, key=weight)      # stable: the order inside a file is kept


@pytest.fixture
def rng():
    import numpy as np
    return np.random.default_rng(1234)
