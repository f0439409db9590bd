r"""A row with a run of equal factors elided without a last one (``W \cdot W \cdot W \cdots \frac{\partial s_k}
{\partial W}``, ``numeric/equalruns.py``): decided by every count the dots can stand for.

Under a reading of the row's gradient symbols, each step of the run is checked with the run written out 0, 1, ...,
``MAX_COUNT`` times; the reading holds at a step when some count makes it hold there (the count may differ from
step to step: it is the author's, W^{t-k}). A step where no count does is a counterexample whatever the dots
stand for, so the row fails. Where every step admits a count, the row is unreadable (the count is not read): it
never passes. What a wrong row could gain: nothing (it fails or stays unreadable as before); what a right row could
lose: nothing either (at every step its own count is among those tried, up to ``MAX_COUNT``).
"""
from __future__ import annotations

from ..numeric.equalruns import MAX_COUNT, has_equal_run

__all__ = ["counted_links", "count_search", "NOT_READ", "DISCOVERY_COUNT"]

#: The count the run is written out with outside the search.
DISCOVERY_COUNT = 1

#: The why of a row that holds at every step with some count.
NOT_READ = (r"it holds at every step checked for some count of the equal factors elided (W W W \cdots, "
            r"no last one written), but which count the author means is not read")


def count_search(tree) -> bool:
    """Whether the row is checked by counts (it writes such a run). Its gradient symbols are found, and the
    row's other uses evaluated (a failing row's correct side), with the run written once (``DISCOVERY_COUNT``)."""
    return has_equal_run(tree)


def counted_links(check, points, parts, rels, ev, readings):
    """``check`` (links.check_links) at each of ``points`` with every count: True when each step admits one,
    else the failing verdict (at the first step no count makes hold, with the count 0's values)."""
    held, unread, failed = 0, None, None
    before = getattr(ev, "elided_count", None)
    try:
        for point in points:
            first = here = None
            ok = False
            for n in range(MAX_COUNT + 1):
                ev.only_points, ev.elided_count = [point], n
                v = check(parts, rels, ev, readings)
                if v is True or v[0] == "vanish" or (v[0] == "fail" and "both sides vanish" in v[1].get("why", "")):
                    ok = True
                    break
                if "no step of the run gives" in v[1].get("why", ""):
                    ok = None           # this step is outside the run for the row's times: skipped
                    break
                if v[0] == "unreadable":
                    here = here or v        # a count not read here (it might hold): the step decides nothing
                    continue
                first = first or v
            if ok is False and here is not None:
                unread = unread or here
            elif ok is False and first is not None:
                kind, info = first
                failed = failed or (kind, dict(info, why=f"{info.get('why', '')} (with the run of equal factors "
                                                         f"elided by any count from 0 to {MAX_COUNT})"))
            held += ok is True
    finally:
        ev.only_points, ev.elided_count = None, before
    if failed is not None:
        return failed
    if unread is not None:
        return unread
    if not held:
        return ("fail", {"why": "no step of the run gives every time in this equation a value"})
    return True
