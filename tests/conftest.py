"""Shared fixtures: generated modules go to a per-session cache folder."""
import os
import tempfile

import pytest

if "SYMLSTM_CACHE_DIR" not in os.environ:
    os.environ["SYMLSTM_CACHE_DIR"] = tempfile.mkdtemp(prefix="symlstm-test-cache-")


@pytest.fixture
def rng():
    import numpy as np
    return np.random.default_rng(1234)
