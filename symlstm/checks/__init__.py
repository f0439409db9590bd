"""Numeric checks: the hand-written reference cells, finite differences, checks of generated code."""
