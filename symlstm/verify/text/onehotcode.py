r"""The softmax cross-entropy gradient as code writes it: ``dy = np.copy(ps[t])`` then ``dy[targets[t]] -= 1``.

Numpy tutorials (min-char-rnn and the many notes copied from it, CS231n, Kristiadi's posts) compute the gradient
of the cross-entropy by the logits in two statements: a copy of the probabilities, then 1 taken off at the true
class, an element set the reader cannot follow (the name would hold the copy). The loss is written the same way,
``loss += -np.log(ps[t][targets[t], 0])``: the probability at the true class.

:func:`one_hot_bodies` writes both statements of a pair as the value they give together, ``dy = ps[t] - onehot``
(``onehot``: the one-hot target, as the reader reads it), and the probability at the true class in a log as
``np.sum(onehot * ps[t])``, line for line. Only the index forms of :data:`TARGET_INDEX` are read (the class alone,
the class with the column 0 of a column vector or the row 0 of a row vector, the class in every row of a batch):
``dy[1, y_train] -= 1.`` on a 1 x D row (Kristiadi's slip) is left as it was, never read as the target. The pair
is read only where nothing between the copy and the subtraction uses the name, and where the fences use no name
``onehot`` of their own.

A loss computed step by step and added to a total, ``loss = -np.sum(np.log(...))`` then ``sequence_loss += loss``
in the same loop (erikvdplas' GRU), is the step's loss: :func:`step_losses` writes it ``loss_t`` (read bare, it was
the loss of the last step alone, and the gradients at the other steps zero). A loss an object's ``__init__``
sets (``self.loss = -np.log(1.0/vocab_size)*seq_length``, the start of a smoothed loss for the log) is no
formula of the model: blanked (read, it was the model's loss, a constant).
"""
from __future__ import annotations

import re

from ...latex.notation import LOSS_NAMES
from .codeblocks import block, block_end, indent

__all__ = ["one_hot_bodies", "step_losses", "TARGET_INDEX"]

#: The class index: a name, possibly indexed or an attribute (``targets[t]``, ``y[:, t]``, ``self.y_train``).
_CLASS = r"(?:self\.)?[A-Za-z_]\w*(?:\[[^\[\]]*\])*"
#: A batch's rows: ``range(N)``, ``np.arange(len(y))``, ``np.arange(B)``.
_ROWS = r"(?:np\.)?a?range\(\s*[\w.]+(?:\([^()]*\))?\s*\)"

#: Index forms of the true class's entry -> (regex with a group ``cls``). Only these are read.
TARGET_INDEX = {
    "class": rf"(?P<cls>{_CLASS})",
    "class of a column vector": rf"(?P<cls>{_CLASS})\s*,\s*0",
    "class of a row vector": rf"0\s*,\s*(?P<cls>{_CLASS})",
    "class in every row": rf"{_ROWS}\s*,\s*(?P<cls>{_CLASS})",
}
_INDEX = "|".join(f"(?:{x.replace('(?P<cls>', '(?:')})" for x in TARGET_INDEX.values())

_SUBTRACT = re.compile(rf"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\[\s*(?P<index>{_INDEX})\s*\]\s*-=\s*1(?:\.0*)?\s*"
                       r"(?P<comment>#.*)?$")
_COPY = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*(?:np\.copy\((?P<a>[^#]+)\)|(?P<b>[^#]+?)\.(?:copy|clone)\(\)|"
                   r"copy\.(?:deep)?copy\((?P<c>[^#]+)\)|np\.array\((?P<d>[^,()#]+(?:\[[^\[\]]*\])*)\))\s*(?P<comment>#.*)?$")
#: A loop over the steps: ``for t in reversed(range(T)):``.
_LOOP = re.compile(r"^(?P<indent>\s*)for\s+(?P<var>[A-Za-z_]\w*)\s+in\s")
#: The probability at the true class inside a log: ``np.log(ps[t][targets[t], 0])``, ``np.log(prob[range(m), y])``.
_LOG_AT = re.compile(rf"(?P<f>(?:np\.)?log)\(\s*(?P<p>[A-Za-z_][\w.]*(?:\[[^\[\]]*\])*?)\s*\[\s*(?P<index>{_INDEX})\s*\]\s*\)")


def _class_of(index: str) -> str | None:
    for pattern in TARGET_INDEX.values():
        m = re.fullmatch(r"\s*" + pattern + r"\s*", index)
        if m is not None and not m["cls"].isdigit():
            return re.sub(r"\s+", "", m["cls"])
    return None


def _of_its_step(lines: list, k: int, cls: str) -> bool:
    """Inside a loop (``for t in ...``), is the class the loop's step's (``targets[t]``)? ``dy[targets] -= 1`` in
    a loop over the steps takes every step's class at once (a slip): not read as the target."""
    depth = indent(lines[k])
    for j in range(k - 1, -1, -1):
        m = _LOOP.match(lines[j])
        if lines[j].strip() and indent(lines[j]) < depth:
            depth = indent(lines[j])
            if m is not None:
                return re.search(rf"(?<![\w.]){re.escape(m['var'])}(?!\w)", cls) is not None
    return True


def _pairs(lines: list) -> dict:
    """{line index: rewritten line} for the copy-and-subtract pairs of one fence, and the classes they take."""
    out, classes = {}, set()
    for k, line in enumerate(lines):
        m = _SUBTRACT.match(line)
        if m is None or _class_of(m["index"]) is None or not _of_its_step(lines, k, _class_of(m["index"])):
            continue
        name = m["name"]
        word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
        for j in range(k - 1, -1, -1):
            if not word.search(re.sub(r"#.*", "", lines[j])):
                continue
            c = _COPY.match(lines[j])
            if c is None or c["name"] != name:
                break               # the name is read or written between: not the pair
            value = next(x for x in (c["a"], c["b"], c["c"], c["d"]) if x is not None).strip()
            if word.search(value):
                break
            new = f"{name} = {value} - onehot"
            out[j] = f"{c['indent']}{new}"
            out[k] = f"{m['indent']}{new}"
            classes.add(_class_of(m["index"]))
            break
    return {"lines": out, "classes": classes}


def one_hot_bodies(bodies: list) -> list:
    """The fence bodies with the pairs and logs of the module's doc read (line for line; the others as they were)."""
    text = "\n".join(bodies)
    if "-=" not in text or re.search(r"(?<![\w.])onehot(?!\w)", text):
        return bodies
    found = [_pairs(b.split("\n")) for b in bodies]
    classes = set().union(*(f["classes"] for f in found)) if found else set()
    if not classes:
        return bodies
    out = []
    for body, f in zip(bodies, found):
        lines = body.split("\n")
        for k, new in f["lines"].items():
            lines[k] = new
        for k, line in enumerate(lines):
            if k in f["lines"] or "log" not in line:
                continue

            def at_class(m):
                if _class_of(m["index"]) not in classes:
                    return m.group()
                return f"{m['f']}(np.sum(onehot * {m['p']}))"
            lines[k] = _LOG_AT.sub(at_class, line)
        out.append("\n".join(lines))
    return out


#: Names a loop adds a loss to (the loss names, and code's own words for it).
ACCUMULATED_LOSSES = frozenset(LOSS_NAMES) | {"error", "err", "cost", "total_loss", "loss_total", "total_error"}


def _same_each_step(lines: list, k: int, end: int, var: str):
    """Blanks (in place) a loss added in the loop of line ``k`` whose increment reads nothing of the step: not the
    loop's variable, no name the loop assigns (``error += mse(outputArr, targetArr)`` in ``for i in range(T)``,
    jfeatherstone's Elman net: the whole sequence's loss added T times, a published slip). Read, it passed as a
    loss's definition; unread, it is no claim the reader makes."""
    word = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
    assigned = {a["name"] for j in range(k + 1, end) if (a := _SET.match(lines[j]))}
    for j in range(k + 1, end):
        a = re.match(r"^\s*(?P<name>[A-Za-z_]\w*)\s*\+=\s*(?P<value>[^#]+)", lines[j])
        if a is None or a["name"] not in ACCUMULATED_LOSSES:
            continue
        read = set(word.findall(a["value"]))
        if var not in read and not read & assigned and not re.search(r"\bfor\b", a["value"]):
            lines[j] = ""


_SET = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=(?!=)")


def step_losses(bodies: list) -> list:
    """The fence bodies with each step's loss of the module's doc written ``NAME_t`` (its set and the total's
    ``+=``; line for line)."""
    out = []
    for body in bodies:
        lines = body.split("\n")
        for k, line in enumerate(lines):
            init = re.match(r"^(\s*)def\s+__init__\s*\(", line)
            if init is not None:
                for j in block(lines, k):
                    a = re.match(r"^\s*self\.([A-Za-z_]\w*)\s*=(?!=)", lines[j])
                    if a is not None and a[1] in LOSS_NAMES:
                        lines[j] = ""
                continue
            m = _LOOP.match(line)
            if m is None:
                continue
            var, end = m["var"], block_end(lines, k)
            _same_each_step(lines, k, end, var)
            for j in range(k + 1, end):
                a = _SET.match(lines[j])
                if a is None or a["name"] not in LOSS_NAMES:
                    continue
                name = a["name"]
                word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
                later = [i for i in range(j + 1, end) if word.search(re.sub(r"#.*", "", lines[i]))]
                adds = [i for i in later if re.match(rf"^\s*[A-Za-z_]\w*\s*\+=\s*{re.escape(name)}\s*(?:#.*)?$", lines[i])]
                if len(later) != 1 or len(adds) != 1 or word.search(lines[j].partition("=")[2]):
                    continue
                step = f"{name}_{var}"
                lines[j] = lines[j].replace(name, step, 1)
                lines[adds[0]] = re.sub(rf"\+=\s*{re.escape(name)}", f"+= {step}", lines[adds[0]])
        out.append("\n".join(lines))
    return out
