"""Scalar unrolling: a cell written out step by step with one symbol per weight, its exact gradient, printing."""
from .scalar import LOSSES, Evaluation, Unrolled, unroll

__all__ = ["LOSSES", "Evaluation", "Unrolled", "unroll"]
