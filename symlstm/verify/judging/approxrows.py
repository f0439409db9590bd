r"""Rows that claim an approximate equality: ``\frac{\partial c_t}{\partial c_{t-1}} \approx f_t``.

How close ``\approx`` asks the sides to be is never stated (it is usually a heuristic: "the other paths are
small"), so such a row is judged as the equality it approximates and then:

- unreadable where the sides agree exactly: \approx says the author drops a part, so the reading of the
  derivatives that makes it exact is not the author's (d c_t/d c_{t-1} \approx f_t holds exactly with h_{t-1}
  held, the author's total keeps the paths through h_{t-1});
- fail only where no closeness can save it: the sides cannot be compared at all (ill-typed: a matrix against a
  vector, terms of different shapes), as for any equation;
- otherwise (the values differ by some amount) unreadable: "an approximation", with the difference reported.
"""
from __future__ import annotations

__all__ = ["approx_relations", "approx_verdict"]


def approx_relations(tree):
    """(the row with each '~' (\\approx) read as '=', True) if the row has one, else (tree, False)."""
    rels = tree[2]
    if "~" not in rels:
        return tree, False
    return (tree[0], tree[1], ["=" if r == "~" else r for r in rels]), True


def approx_verdict(r):
    """The verdict ``r`` of the equality turned into the verdict of the approximation (in place)."""
    if r.status == "fail" and r.claimed is not None:
        r.status, r.holds = "unreadable", None
        r.why = ("an approximation (\\approx): how close the sides must be is not stated; read as an equality "
                 f"it fails ({r.why})")
    elif r.status == "pass":       # \approx says something is dropped: the reading it holds exactly in is not theirs
        r.status, r.holds = "unreadable", None
        r.why = ("an approximation (\\approx): it holds exactly in the reader's reading of its derivatives, but "
                 "\\approx says the author drops something, so the author reads them otherwise; not judged")
    return r
