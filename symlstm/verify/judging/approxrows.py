r"""Rows that claim an approximate equality: ``\frac{\partial c_t}{\partial c_{t-1}} \approx f_t``.

How close ``\approx`` asks the sides to be is never stated (it is usually a heuristic: "the other paths are
small"), so such a row is judged as the equality it approximates and then:

- unreadable where the sides agree exactly: \approx says the author drops a part, so the reading of the
  derivatives that makes it exact is not the author's (d c_t/d c_{t-1} \approx f_t holds exactly with h_{t-1}
  held, the author's total keeps the paths through h_{t-1}); read then with every derivative through every path
  (everypath.py), a row whose sides have different shapes fails (:func:`approx_other_reading`: the H x H
  Jacobian through h_{t-1} against the vector f_t, which stands for a Jacobian only as the diagonal of a diagonal
  one): no closeness makes a matrix a vector;
- fail only where no closeness can save it: the sides cannot be compared at all (ill-typed: a matrix against a
  vector, terms of different shapes), as for any equation;
- otherwise (the values differ by some amount) unreadable: "an approximation", with the difference reported.
"""
from __future__ import annotations

__all__ = ["approx_relations", "approx_verdict", "approx_other_reading"]


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


def approx_other_reading(r, again):
    """``r`` (an approximation as first read: exact, or off by values) or, where the row read with every
    derivative through every path (``again``) fails because its sides' shapes differ, that failure."""
    if again is None or again.status != "fail":
        return r
    if not (again.why or "").startswith("the left side is ") or " but the right side " not in again.why:
        return r        # values that differ (how close \approx asks them to be is not stated), or another failure
    again.why = ("an approximation (\\approx) whose sides, read with every derivative through every path (the "
                 f"total the author approximates), cannot be compared: {again.why}")
    return again
