"""Judging the rows of a derivation: readings tried per row, links checked, the correct right side, the report."""
