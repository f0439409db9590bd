r"""A gradient name read as the rows after it use it: ``dot = da_next * np.tanh(c_next)``, then
``dWo = np.dot(dot, concat.T)``, ``dbo = np.sum(dot, axis=1)``, ``da_prev = Wo[:, :n_a].T @ dot + ...``.

A name's first row fixes how the file reads it (:class:`.rowjudge.CodeReadings`): ``dot`` above holds as the
gradient of o, so the rows after it read ``dot`` so, and each fails. Their failures have one cause: every one
of them holds with ``dot`` read as the gradient of o's pre-activation, the meaning the course notebook gives
``d\Gamma_o`` (its equations 7 to 10) and that ``dW_o = d\Gamma_o [a_{prev}; x_t]^T`` needs. Where at least
:data:`MIN_USES` later rows read a name so (each fails as read and holds with the name read as the
pre-activation's gradient) and none holds as read, the file uses the name as the pre-activation's gradient:
its own row lacks the derivative of the gate's function and fails too, naming the rows that read it. With one
such row the file is ambiguous (the name's row right as o's gradient, the one use missing the factor), and
nothing changes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..text.names import key_latex

__all__ = ["MIN_USES", "UseReadings"]

#: Later rows that must read a name as its pre-activation's gradient before its own row is judged so.
MIN_USES = 2


@dataclass
class _Watch:
    index: int              # the name's row in the verdicts
    key: str                # the quantity whose gradient the row holds as
    reading: tuple          # the reading it holds under
    alt: tuple              # the same reading of the quantity's pre-activation
    uses: list = field(default_factory=list)    # lines of later rows that hold only under ``alt``
    held: int = 0           # later rows that hold with the name read as its row reads it


class UseReadings:
    """The watch over one segment's rows (module doc): :meth:`row` after each judged row, :meth:`finish` last."""

    def __init__(self, ev, name_of):
        self.ev = ev
        self.name_of = name_of      # rowjudge's name of a gradient symbol (passed in: the import chain stays short)
        self.open: dict = {}
        self.closed: list = []

    def _eligible(self, g) -> bool:
        v = self.ev.vocab
        pre = v.preacts.get(g.key)
        return pre is not None and g.style in ("d", "delta") and not g.word and not g.named and \
            pre[1] not in getattr(self.ev, "named_preacts", ())

    def row(self, index, result, grads, rejudge) -> None:
        """Record row ``index`` (its verdict ``result``, the gradient symbols it read ``grads``); ``rejudge()``
        judges it again with the file's readings as they then are."""
        fixed = getattr(self.ev, "file_readings", None)
        if fixed is None or not grads:
            return
        for g in grads:             # the uses first: dot = dot * ot * (1 - ot) reads the name, then defines it
            name = self.name_of(g, fixed)
            w = self.open.get(name)
            if g.lhs or w is None or fixed.get(name) != w.reading:
                continue
            if result.status == "pass":
                w.held += 1
            elif result.status == "fail" and result.line not in w.uses:
                saved = dict(fixed)
                fixed[name] = w.alt
                try:
                    again = rejudge()
                finally:
                    fixed.clear()
                    fixed.update(saved)
                if again.status == "pass":
                    w.uses.append(result.line)
        for g in grads:
            name = self.name_of(g, fixed)
            if not g.lhs or name is None:
                continue
            if name in self.open:           # the name defined again: its earlier row's watch ends here
                self.closed.append(self.open.pop(name))
            r = fixed.get(name)
            if result.status == "pass" and r is not None and r[0] != "pre" and self._eligible(g):
                self.open[name] = _Watch(index, g.key, r, ("pre",) + r)

    def finish(self, out) -> None:
        """Fail the rows whose names the rows after them read as pre-activation gradients (module doc)."""
        for w in self.closed + list(self.open.values()):
            if len(w.uses) < MIN_USES or w.held:
                continue
            r = out[w.index]
            fname, _ = self.ev.vocab.preacts[w.key]
            q = key_latex(w.key)
            text = r.text or ""
            shown = text.partition("=")[0].strip() if "=" in text else f"dL/d{q}"     # (the row's left side)
            lines = ", ".join(str(x) for x in w.uses)
            r.status, r.holds, r.reading = "fail", False, None
            r.why = (f"{shown} holds as the gradient of {q}, but the rows on lines {lines} read {shown} as the "
                     f"gradient of {q}'s pre-activation (they hold so, and fail as written): as they use it, this "
                     f"row lacks the derivative of {fname} at {q}'s pre-activation")
            self.open, self.closed = {}, []
