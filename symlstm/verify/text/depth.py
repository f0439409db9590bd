"""The characters of a formula's text outside its brackets: one scan for every reader that looks for a sign at the
top level (the '=' of a code statement, the '+' of an underset's body, a relation in a table's cell, the commas
between shape statements, the items of a tuple assignment or of a rename), and the end of a call."""
from __future__ import annotations

__all__ = ["call_end", "outside_brackets", "split_outside"]


def outside_brackets(text: str, opens: str = "([{", closes: str = ")]}"):
    """(offset, character) of each character of ``text`` at bracket depth 0 (the brackets themselves are not
    yielded; a closing bracket with no opening one makes the depth negative, so what follows is inside)."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in opens:
            depth += 1
        elif ch in closes:
            depth -= 1
        elif depth == 0:
            yield k, ch


def split_outside(text: str, sep: str = ",") -> list:
    """``text`` cut at each ``sep`` outside its brackets (``a, f(b, c)`` holds two items)."""
    cuts = [k for k, ch in outside_brackets(text) if ch == sep]
    return [text[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(text)])]


def call_end(line: str, start: int):
    """The offset just after the ``)`` closing a call whose ``(`` ends right before ``start``; None when the line
    does not close it."""
    j, open_ = start, 1
    while j < len(line) and open_:
        open_ += {"(": 1, ")": -1}.get(line[j], 0)
        j += 1
    return None if open_ else j
