"""``symlstm bench``: time the generated backends against the reference, PyTorch and the GEMM floor."""
from pathlib import Path

from .. import bench

NAME = "bench"
HELP = "benchmark forward+backward of numba/numpy backends vs reference, PyTorch and the bare-GEMM floor"


def add_arguments(parser):
    bench.add_arguments(parser)


def run(args):
    cfg = bench.config_from_args(args)
    return bench.report(bench.run(cfg, Path(args.out)))
