"""One claim in symlstm's own vocabulary (a cell name and renames): typed reading, canonical forms, the symbolic and numeric decision."""
