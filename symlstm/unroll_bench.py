"""Thin entry kept for the documented ``python -m symlstm.unroll_bench``: see :mod:`symlstm.unroll.bench`."""
import runpy

if __name__ == "__main__":
    runpy.run_module("symlstm.unroll.bench", run_name="__main__")
