r"""Read one row of a derivation as people write it (LaTeX, any notation) into a neutral tree, within bounds.

A recursive-descent parser of a restricted grammar; nothing is evaluated. The tree says only
what is written (a symbol with its scripts, a product and its sign, a fraction, a bracket list);
what it means (time, gradients, layouts) is decided by :mod:`symlstm.verify.author`.

    row     := expr (REL expr)*                REL: = := += \\mathrel{+}= \\leftarrow
    expr    := [+|-] term ((+|-) term)*
    term    := factor ([op] factor)*           op: \\odot \\circ \\cdot \\times * / \\otimes \\ast
    factor  := prefix* primary script*         prefix: \\partial \\partial^{+} \\delta \\Delta \\nabla_{..} d (in \\frac)
    primary := number | name | \\command | (..) | [..] | {..} | \\frac{..}{..} | \\sum_{..}^{..} term
             | \\begin{pmatrix} .. \\end{pmatrix} | \\langle .. \\rangle
    script  := _x | _{items} | ^x | ^{items} | ' | |_{items}    (|_{u, ...}, |_{t+1}: through u, step t+1 only)

Nodes are tuples ``(kind, ...)``; see :func:`parse_row`.
"""
from __future__ import annotations

from ...latex.notation import AXIS_METHODS, BIG_OPERATORS, LOSS_NAMES
from .latexparse import LatexError
from .names import digit_name

#: Code's methods over one axis (``d.sum(dim=1)``, ``d.mean(axis=0)``): the reader's function ``<method>:<axis>``.
METHOD_SUMS = AXIS_METHODS
#: Arrows of an implication between two statements.
IMPLICATIONS = frozenset({"Rightarrow", "Longrightarrow", "implies"})
#: Product signs that, where a term is expected, stand for one (``U_{(\cdot)}``: each gate's U; ``f'(\cdot)``).
PLACEHOLDER_SIGNS = frozenset({"cdot", "times", "odot", "circ", "ast", "bullet"})

__all__ = ["parse_row", "parse_expression", "MAX_ROW_CHARS", "MAX_ROW_DEPTH", "GREEK", "Node"]
from .rowtokens import (  # noqa: F401  (re-exported: the bounds and Greek letters of the row reader)
    ACCENTS, DROP_ARG, FONTS, FUNCS, GREEK, IGNORED, MATRIX_ENVS, MAX_ROW_CHARS, MAX_ROW_DEPTH, MAX_TOKENS, MULOPS,
    ARROWS, RANGE_RELS, RELS, TOPS, Node, _condition_cut, _err, _prepare, _tokens,
)


#: Commands a slice's bounds may use: \dim(h), 2 \cdot H, fonts of names.
_SLICE_CMDS = frozenset({"dim", "cdot", "times", "mathrm", "mathbf", "mathit", "boldsymbol", "bm", "text",
                         "operatorname", "mathsf", "mathtt"})


def _top_colon(part: str) -> bool:
    """A ':' outside brackets (a slice's axis)."""
    depth = 0
    for ch in part:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == ":" and depth == 0:
            return True
    return False


#: Commands after a period that make it a sentence's end, not a product's dot.
_NOT_AFTER_DOT = frozenset({"text", "textrm", "textit", "textbf", "mbox", "hbox", "label", "tag", "notag", "nonumber",
                            "ldots", "dots", "cdots", "end", "hspace", "qquad", "quad"})


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = _tokens(text)
        self.i = 0
        self.depth = 0
        self.in_script = 0      # inside a sub/superscript: h_{t1} is h at step 1, while h1 outside is a name
        self.matrix_depth = 0
        self.expanded = 0       # nodes the sums over sets of labels wrote out (bounded by MAX_EXPANDED)
        self.stop = ()          # the closers of the innermost expression (a \sum's body ends at them too)

    # ----------------------------------------------------------------- helpers
    def peek(self, k=0):
        self.skip()
        j = self.i
        while k:
            j += 1
            while self.toks[j][0] == "cmd" and self.toks[j][1] in IGNORED:
                j += 1
            k -= 1
        return self.toks[j]

    def skip(self):
        while True:
            kind, val, _ = self.toks[self.i]
            if kind == "cmd" and val in IGNORED:
                self.i += 1
            elif kind == "ch" and val in "&~" and not (val == "&" and self.matrix_depth):
                self.i += 1
            elif kind == "cmd" and val in DROP_ARG:
                self.i += 1
                if self.toks[self.i][1] == "*":
                    self.i += 1
                if self.toks[self.i][1] == "{":
                    self.group_raw()
            else:
                return

    def group_raw(self):
        depth = 0
        while True:
            kind, val, _ = self.toks[self.i]
            self.i += 1
            if kind == "eof":
                return
            if val == "{":
                depth += 1
            elif val == "}":
                depth -= 1
                if depth == 0:
                    return

    def take(self):
        self.skip()
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, val):
        tok = self.take()
        if tok[1] != val:
            raise self.fail(tok, f"expected {val!r}, found {tok[1] or 'the end'!r}")
        return tok

    def fail(self, tok, msg):
        return _err(msg, self.text, tok[2])

    def enter(self, tok):
        self.depth += 1
        if self.depth > MAX_ROW_DEPTH:
            raise self.fail(tok, f"nested deeper than {MAX_ROW_DEPTH} levels; the limit is {MAX_ROW_DEPTH}")

    # ----------------------------------------------------------------- grammar
    def row(self):
        parts, rels = [self.expr()], []
        while True:
            tok = self.peek()
            rel = self.relation()
            if rel is None:
                break
            rels.append(rel)
            if self.peek()[0] == "eof":
                raise self.fail(tok, "nothing after the relation sign")
            parts.append(self.expr())
        tok = self.peek()
        while tok[1] in (",", ".", ";"):
            self.take()
            tok = self.peek()
        if tok[0] == "cmd" and tok[1] == "in":          # \in \mathbb{R}^q: a statement of the shape
            return ("row", parts, rels)
        if tok[0] != "eof":
            err = self.fail(tok, f"unexpected {tok[1]!r}")
            if tok[0] == "ch" and tok[1] == ")" and self._closers_exceed():
                # ``... W_{h[i,j]}^{(k)})``: the row closes more round brackets than it opens, so the parse
                # stops at a ')' never opened; as printed it is not an expression (the author's error, like
                # a '(' never closed): the row fails
                err = self.fail(tok, "a ')' closes a bracket never opened (unbalanced brackets: as printed "
                                     "not an expression)")
                err.malformed = True
            elif self._closers_exceed():
                # ``loss(g(a + c) + b) + c), d^t)``: an extra ')' closed the call early, so the parse stops at
                # what follows it; the row holds more ')' than '(' (unbalanced brackets): as printed it is not an
                # expression (the author's error): the row fails
                err = self.fail(tok, f"unexpected {tok[1]!r}: the row closes more round brackets than it opens "
                                     "(unbalanced brackets: as printed not an expression)")
                err.malformed = True
            raise err
        return ("row", parts, rels)

    def _closers_exceed(self) -> bool:
        """Does the row hold more ')' than '(' (plain or after \\left, \\big...)?"""
        opens = sum(1 for t in self.toks if t[0] == "ch" and t[1] == "(")
        closes = sum(1 for t in self.toks if t[0] == "ch" and t[1] == ")")
        return closes > opens


    def relation(self):
        tok = self.peek()
        if tok[1] == "=":
            self.take()
            return "="
        if tok[1] in ("+", "-") and self.peek(1)[1] == "=":
            self.take(), self.take()
            return tok[1] + "="
        if tok[1] == ":" and self.peek(1)[1] == "=":
            self.take(), self.take()
            return "="
        if tok[0] == "cmd" and tok[1] in RELS:
            self.take()
            return RELS[tok[1]]
        if tok[0] == "ch" and tok[1] in ("<", ">"):
            self.take()
            return tok[1]
        return None

    def expr(self, stop=()):
        outer, self.stop = self.stop, stop
        try:
            return self._expr(stop)
        finally:
            self.stop = outer

    def _expr(self, stop=()):
        tok = self.peek()
        self.enter(tok)
        terms = []
        sign = "+"
        if tok[1] in ("+", "-"):
            self.take()
            sign = tok[1]
        terms.append((sign, self.term(stop)))
        while True:
            tok = self.peek()
            if tok[1] in ("+", "-") and self.peek(1)[1] != "=":
                self.take()
                terms.append((tok[1], self.term(stop)))
            else:
                break
        self.depth -= 1
        if len(terms) == 1 and terms[0][0] == "+":
            return terms[0][1]
        return ("add", terms)

    def term(self, stop=()):
        items, ops = [self.factor()], [None]
        while True:
            tok = self.peek()
            if tok[0] == "cmd" and tok[1] in MULOPS:
                self.take()
                ops.append(MULOPS[tok[1]])
                items.append(self.signed_factor())
            elif tok[1] in ("*", "/"):
                self.take()
                ops.append("star" if tok[1] == "*" else "div")
                items.append(self.signed_factor())
            elif tok[0] == "ch" and tok[1] == "." and self._dot_product(stop):
                self.take()         # \frac{\partial L_t}{\partial o_t} . \frac{\partial o_t}{\partial w_o}: a period
                ops.append("cdot")  # between two factors, the product's dot (as typed without \cdot)
                items.append(self.signed_factor())
            elif tok[0] == "ch" and tok[1] == "@":        # W^T @ d: code's matrix product
                self.take()
                ops.append("matmul")
                items.append(self.signed_factor())
            elif self.starts_factor(tok, stop):
                ops.append(None)
                items.append(self.factor())
            else:
                break
        if len(items) == 1:
            return items[0]
        # \frac{\partial L}{\partial n_t} \times \frac{\partial n_t}{\partial x_t} (CMU 11-785's handouts): \times
        # between two derivatives is the chain rule's product, as juxtaposition is
        ops = [None if k and op == "times" and items[k - 1][0] == "frac" and items[k][0] == "frac" else op
               for k, op in enumerate(ops)]
        return ("mul", items, ops)

    def signed_factor(self):
        """A factor after an operator, with one sign of its own (code's ``h * -dz``, ``a \\cdot -b``): a negated
        factor is the one-term sum ``-f``."""
        tok = self.peek()
        if tok[1] in ("+", "-") and self.peek(1)[1] != "=":
            self.take()
            f = self.factor()
            return f if tok[1] == "+" else ("add", [("-", f)])
        return self.factor()

    def _dot_product(self, stop=()) -> bool:
        """Is the ``.`` at hand a product's dot: followed by a factor that is no spacing or text (``a . b``)?"""
        self.skip()
        j = self.i + 1
        if j < len(self.toks) and self.toks[j][0] == "name" and isinstance(self.toks[j][2], int) and \
                self.toks[j][2] == self.toks[self.i][2] + 1:
            return False        # x.reshape(1, 1), a.b: an attribute of code, not a product (a . b is one)
        while j < len(self.toks) and self.toks[j][0] != "cmd" and self.toks[j][1] in (" ", "\n", "\t"):
            j += 1              # (blanks only: a period before \quad or \text ends a sentence)
        nxt = self.toks[j] if j < len(self.toks) else ("eof", "", 0)
        return self.starts_factor(nxt, stop) and not (nxt[0] == "cmd" and (nxt[1] in IGNORED or nxt[1] in _NOT_AFTER_DOT))

    def starts_factor(self, tok, stop=()):
        kind, val, _ = tok
        if val in stop:
            return False
        if kind in ("name", "num", "begin"):
            return True
        if kind == "ch":
            return val in "([{<|" and val not in stop
        if kind == "cmd":
            return val not in MULOPS and val not in RELS and val not in ("rangle", "in", "end", "rVert", "rvert") \
                and val not in DROP_ARG and val not in stop
        return False

    def factor(self):
        tok = self.peek()
        self.enter(tok)
        kind, val, _ = tok
        if kind == "cmd" and val in ("partial", "delta", "Delta", "nabla") and \
                not (val == "partial" and self.peek(1)[1] == "}"):
            self.take()
            sub, delta_style = None, False
            if val == "partial" and self.immediate():
                sub = "+"                           # \partial^{+} x_k: the immediate derivative (Pascanu et al.)
            elif val in ("nabla", "partial") and self.peek()[1] == "_":
                self.take()
                sub = self.script_arg()             # \nabla_{h_t} L, \partial_w L
                val = "nabla"
            elif val == "Delta" and self.peek()[1] == "_" and self._loss_after_script():
                self.take()
                sub = self.script_arg()             # \Delta_{h_t}L: the gradient of the loss, as \nabla_{h_t} L
                val = "nabla"
                delta_style = True                  # ... in the \Delta style (\Delta_W L: like \Delta W)
            nxt = self.peek()
            if val in ("delta", "Delta") and not self.starts_factor(nxt) and nxt[1] not in ("_", "^"):
                node = ("sym", val, None, None, None, 0)
            elif val in ("delta", "Delta") and nxt[1] in ("_", "^"):
                node = self.scripts(("sym", val, None, None, None, 0))
            elif val == "nabla" or (val in ("delta", "Delta") and nxt[0] == "num"):
                node = ("pre", val, sub, self.factor()) if self.starts_factor(nxt) else ("pre", val, sub, ("sym", "L", None, None, None, 0))
                f = node[3]
                if val == "nabla" and sub is not None and f[0] == "sym" and f[1:] == (f[1], None, None, None, 0) and \
                        (len(f[1]) == 1 and f[1].islower() or f[1] == "ell") and self.peek()[1] == "(":
                    # \partial_{w_h} l(y_t, o_t), \partial_{h_t} g(h_t, w_o) (d2l): the derivative of the function
                    # applied to its arguments, as \frac{\partial l(y_t, o_t)}{\partial w_h} reads
                    node = ("pre", val, sub, ("mul", [f, self.factor()], [None, None]))
                if delta_style:
                    node += ("Delta",)
            else:
                arg = self.factor()
                if arg[0] == "paren" and arg[1] == "{" and arg[2][0] == "sym":
                    arg = arg[2]                    # \partial{loss}, \partial{h_t}: braces only group
                node = ("pre", val, sub, arg)
        elif kind == "cmd" and val == "partial":
            node = self.scripts(self.primary())
        elif kind == "name" and val in ("d", "dp") and self.starts_factor(self.peek(1), self.stop) and \
                self.peek(1)[0] in ("name", "cmd") and self.peek(1)[1] not in ("frac", "left"):
            self.take()
            node = ("pre", val, None, self.factor())
        elif val == "{" and self.peek(1)[1] == "}" and self.peek(2)[1] == "_":
            node = self.left_label()
        else:
            node = self.scripts(self.primary())
        if self.peek()[1] == "." and self.peek(1)[1] in METHOD_SUMS and self.peek(2)[1] == "(":
            node = self.method_sum(node)
            if self.peek()[1] == "^":       # dz.sum(axis=0, keepdims=True).T: the sum's transpose
                node = self.scripts(("paren", "(", node))
        self.depth -= 1
        return node

    def method_sum(self, node):
        r"""``d.sum(dim=1)``, ``d.sum(axis=0)``, ``d.sum(1)``, ``d.sum(axis=0, keepdims=True)``: code's sum over one axis of an array, as the
        function ``sum:<axis>`` applied to ``d`` (numeric/numprod.py), and ``d.mean(axis=0)`` its mean
        (``mean:<axis>``); the axis must be written."""
        tok = self.take()
        method = self.take()[1]
        self.take()
        if self.peek()[0] == "name" and self.peek()[1] in ("dim", "axis") and self.peek(1)[1] == "=":
            self.take(), self.take()
        num = self.take()
        if num[0] != "num" or num[1] not in ("0", "1"):
            raise self.fail(tok, "a sum over an axis that is not 0 or 1")
        if self.peek()[1] == "," and self.peek(1)[1] in ("keepdims", "keepdim") and self.peek(2)[1] == "=" \
                and self.peek(3)[1] == "True":          # d.sum(axis=0, keepdims=True): the sum's axis is kept,
            for _ in range(4):                          # as the reader's sum keeps it
                self.take()
        self.expect(")")
        return ("mul", [("sym", f"{method}:{num[1]}", None, None, None, 0), ("paren", "(", node)], [None, None])

    def left_label(self):
        r"""``{}_S w^2``, ``{}_T\delta^l_n``: a left subscript, a label of the name after it (``w_S``, ``\delta_T``)."""
        tok = self.peek()
        self.take(), self.take(), self.take()
        arg = self.script_arg()
        words = [x[1] for x in arg if x[0] == "sym" and x[3] is None and x[4] is None and x[2] is None] + \
            [x[1] for x in arg if x[0] == "num"]
        if len(words) != len(arg) or not words:
            raise self.fail(tok, "a left subscript that is not a label")
        nxt = self.peek()
        if nxt[0] == "cmd" and nxt[1] in ("delta", "Delta"):      # {}_T\delta^l_n: a name
            self.take()
            node = self.scripts(("sym", nxt[1], None, None, None, 0))
        else:
            node = self.scripts(self.primary())
        if node[0] != "sym" or node[2] is not None or "_" in node[1]:
            raise self.fail(tok, "a left subscript on something that is not a name")
        return ("sym", node[1] + "_" + "".join(words), None, node[3], node[4], node[5])

    def _loss_after_script(self) -> bool:
        r"""At ``_`` after ``\Delta``: the subscript is followed by a loss name (``\Delta_{z_t}L``, ``\Delta_{W} J``)."""
        j = self.i + 1
        if self.toks[j][1] == "{":
            depth = 0
            while self.toks[j][0] != "eof":
                depth += {"{": 1, "}": -1}.get(self.toks[j][1], 0)
                j += 1
                if depth == 0:
                    break
        else:
            j += 1
        while self.toks[j][0] == "cmd" and self.toks[j][1] in IGNORED:
            j += 1
        kind, val, _ = self.toks[j]
        return kind in ("name", "cmd") and val in LOSS_NAMES and val not in ("l", "ell")

    def immediate(self) -> bool:
        r"""Take ``^{+}`` or ``^+`` after ``\partial`` (the immediate derivative); True when it was there."""
        if self.peek()[1] != "^":
            return False
        if self.peek(1)[1] == "+":
            self.take(), self.take()
            return True
        if self.peek(1)[1] == "{" and self.peek(2)[1] == "+" and self.peek(3)[1] == "}":
            for _ in range(4):
                self.take()
            return True
        return False

    def primary(self):
        tok = self.take()
        kind, val, _ = tok
        if kind == "num":
            if val == "1" and self.peek()[0] == "cmd" and self.peek()[1] == "{" and self.indicator() is not None:
                return ("kron", list(self.indicator(take=True)))      # 1\{i=j\}: the indicator, a Kronecker delta
            return ("num", val)
        if kind == "name":
            nxt = self.toks[self.i]
            if not self.in_script and nxt[0] == "num" and nxt[2] > 0 and self.text[nxt[2] - 1].isalpha() and \
                    digit_name(val, nxt[1]):
                self.i += 1                         # h1, dW2: a name ending in a number (names.digit_name)
                return ("sym", val + nxt[1], None, None, None, 0)
            return ("sym", val, None, None, None, 0)
        if kind == "begin":
            return self.matrix(tok)
        if kind == "ch":
            if val == "(":
                return self.bracket("(", ")")
            if val == "[":
                return self.bracket("[", "]")
            if val == "{":
                return self.bracket("{", "}")
            if val == "|":
                return ("abs", self.closing(self.expr(stop=("|",)), "|"))
            raise self.fail(tok, f"unexpected {val!r}")
        if kind == "cmd":
            if val in ("frac", "dfrac", "tfrac"):
                if self.peek()[0] == "num" and len(self.peek()[1]) == 2 and self.peek()[1].isdigit():
                    digits = self.take()[1]         # \frac12: TeX takes one digit for each argument
                    return ("frac", ("num", digits[0]), ("num", digits[1]))
                num = self.braced()
                den = self.braced()
                return ("frac", num, den)
            if val == "sqrt":           # \sqrt{x}: x^{1/2} (a root of another order, \sqrt[3]{x}, is not read)
                if self.peek()[1] == "[":
                    raise self.fail(tok, "a root of another order than 2 (\\sqrt[n]{x}) is not read")
                inner = self.braced() if self.peek()[1] == "{" else self.primary()
                return ("sc", ("paren", "(", inner), None, [("frac", ("num", "1"), ("num", "2"))], 0)
            if val in BIG_OPERATORS:
                sub = sup = None
                while self.peek()[1] in ("_", "^"):
                    which = self.take()[1]
                    arg = self.script_arg(big=True)
                    if which == "_":
                        sub = arg
                    else:
                        sup = arg
                sign = "+"
                if self.peek()[1] == "-":       # \sum_i -y_i \log p_i: the body starts with a minus sign
                    self.take()
                    sign = "-"
                body = self.term(self.stop)
                if sub and sub[0][0] == "in":
                    return self.over_labels(tok, val, sub, sup, sign, body)
                if sign == "-":
                    return ("big", BIG_OPERATORS[val], sub, sup, ("add", [("-", body)]))
                return ("big", BIG_OPERATORS[val], sub, sup, body)
            if val in FONTS:
                inner = self.braced() if self.peek()[1] == "{" else self.primary()
                if inner[0] in ("num", "sym") and inner[1] == "1" and self.indicator() is not None:
                    return ("kron", list(self.indicator(take=True)))      # \mathbf{1}(i=j): the Kronecker delta
                if inner[0] in ("num", "sym") and inner[1] == "1" and (val == "mathbb" or self.peek()[1] == "_"):
                    # \mathbb{1}, \mathbf{1}_{y^*_t}: the one-hot vector of the target (a bold 1 with a script)
                    return ("sym", "onehot", None, None, None, 0)
                return inner
            if val in ACCENTS:
                inner = self.braced() if self.peek()[1] == "{" else self.primary()
                if inner[0] == "sym" and inner[2] is None:
                    return ("sym", inner[1], ACCENTS[val], inner[3], inner[4], inner[5])
                if inner[0] == "sym":          # \bar{\tilde{C}}: the pre-activation of \tilde{C}
                    return ("sym", inner[1], ACCENTS[val] + ":" + inner[2], inner[3], inner[4], inner[5])
                return ("accent", ACCENTS[val], inner)
            if val == "langle":
                e = self.expr()
                items = [e]
                while self.peek()[1] == ",":
                    self.take()
                    items.append(self.expr())
                self.expect_cmd("rangle")
                return ("angle", items)
            if val in GREEK:
                return ("sym", val, None, None, None, 0)
            if val in FUNCS:
                return ("sym", val, None, None, None, 0)
            if val == "partial":
                return ("sym", "\\partial", None, None, None, 0)
            if val in TOPS or val == "prime":
                return ("sym", "\\" + val, None, None, None, 0)
            if val in ("|", "lVert", "Vert", "lvert", "vert"):      # \| v \|, \lVert v \rVert: a norm
                closer = {"lVert": "rVert", "lvert": "rvert"}.get(val, val)
                e = self.expr(stop=(closer, "|"))
                end = self.take()
                if end[1] not in (closer, "|"):
                    raise self.fail(end, f"expected the closing \\{closer}")
                return ("abs", e) if val in ("lvert", "vert") else ("norm", e)
            if val in ("ldots", "dots", "cdots", "vdots", "ddots"):
                return ("dots",)
            if val in ("{", "}"):
                return self.bracket("{", "}") if val == "{" else ("sym", "}", None, None, None, 0)
            if val == "lbrace":
                return self.bracket("lbrace", "rbrace")
            if val in PLACEHOLDER_SIGNS:        # U_{(\cdot)}, f'(\cdot): a sign standing for an unnamed term
                raise self.fail(tok, f"\\{val} where a term is expected: a product sign used as a placeholder "
                                     f"(U_{{(\\{val})}}, f'(\\{val})) stands for terms the text does not name, "
                                     "not read")
            if val in IMPLICATIONS:
                raise self.fail(tok, f"an implication (\\{val}): a consequence under a condition (z_t = 1 "
                                     f"\\Rightarrow h_t = ...) is not read")
            raise self.fail(tok, f"unknown command \\{val}")
        raise self.fail(tok, "unexpected end of the equation" if kind == "eof" else f"unexpected {val!r}")

    def expect_cmd(self, name):
        tok = self.take()
        if tok[0] != "cmd" or tok[1] != name:
            raise self.fail(tok, f"expected \\{name}")

    def closing(self, node, close):
        tok = self.take()
        if tok[1] != close:
            raise self.fail(tok, f"expected {close!r}, found {tok[1] or 'the end'!r}")
        return node

    def braced(self):
        tok = self.take()
        if tok[1] != "{":
            if tok[0] in ("name", "num"):      # \frac12, \frac dx
                return ("num", tok[1]) if tok[0] == "num" else ("sym", tok[1], None, None, None, 0)
            raise self.fail(tok, "expected '{'")
        if self.peek()[1] == "}":
            self.take()
            return ("empty",)
        e = self.expr()
        return self.closing(e, "}")

    def bracket(self, open_, close):
        """(a), [a, b], [a; b], [a b] (juxtaposed names), {a}."""
        tok = self.peek()
        if tok[1] == close:
            raise self.fail(tok, "empty brackets")
        # (x_t \vert h_{t-1}), (a | b): a bar between blocks separates them like a comma (a concatenation)
        stop = (close, "|", "vert") if open_ in ("(", "[") else (close,)
        rows, seps = [[self.expr(stop=stop)]], []
        while True:
            tok = self.peek()
            if tok[1] in (",", ";") or (tok[1] in ("|", "vert") and stop != (close,) and
                                        self.peek(1)[1] not in ("_", "^")):      # not \Big|_{y_N}
                self.take()
                seps.append("," if tok[1] in ("|", "vert") else tok[1])
                rows.append([self.expr(stop=stop)])
            elif tok[1] == close or (close == "rbrace" and tok[1] == "rbrace"):
                self.take()
                break
            elif tok[0] == "eof" and open_ in ("(", "["):
                err = self.fail(tok, f"a {open_!r} is never closed (unbalanced brackets: as printed not an expression)")
                err.malformed = True          # the author's error, not the reader's: the row fails
                raise err
            else:
                raise self.fail(tok, f"expected {close!r} or ','")
        if len(rows) == 1 and open_ in ("(", "[") and rows[0][0][0] == "matrix":
            return rows[0][0]       # \left( \begin{array}{c} i \\ f \end{array} \right): the pmatrix it typesets
        if len(rows) == 1:
            return ("paren", open_, rows[0][0])
        return ("list", open_, [r[0] for r in rows], seps)

    def matrix(self, tok):
        env = tok[1]
        if env == "cases":
            return self.cases(tok)
        if env not in MATRIX_ENVS:
            raise self.fail(tok, f"\\begin{{{env}}} inside an equation is not read")
        rows, cur, doubled = [], [], False
        self.matrix_depth += 1                  # '&' separates the blocks of a row here
        try:
            while True:
                nxt = self.peek()
                if nxt[0] == "end":
                    self.take()
                    break
                if nxt[0] == "eof":
                    raise self.fail(tok, f"\\begin{{{env}}} is never closed")
                if nxt[0] == "rowsep":
                    self.take()
                    if cur or not doubled:      # (\\\\ in Markdown, an escaped \\: no empty row between the two)
                        rows.append(cur)
                    cur, doubled = [], True
                    continue
                doubled = False
                if nxt[1] == "&":
                    self.take()
                    continue
                cur.append(self.expr(stop=("&",)))
        finally:
            self.matrix_depth -= 1
        if cur:
            rows.append(cur)
        return ("matrix", rows)

    def indicator(self, take=False):
        """``(i=j)``, ``_{i=j}`` after a bold 1 (an indicator of component indices): (i, j), else None."""
        shapes = ((("(",), (")",)), (("_", "{"), ("}",)), (("\\{",), ("\\}",)))
        for opening, closing in shapes:
            n = len(opening)
            toks = []
            for k in range(n + 3 + len(closing)):
                toks.append(self.peek(k))
                if toks[-1][0] == "eof":
                    break
            if len(toks) < n + 3 + len(closing):
                continue
            seen = [("\\" + t[1]) if t[0] == "cmd" and t[1] in "{}" else t[1] for t in toks]     # \{ \}: escaped
            if tuple(seen[:n]) != opening or tuple(seen[n + 3:]) != closing:
                continue
            a, eq, b = toks[n:n + 3]
            if eq[1] == "=" and all(t[0] == "name" and len(t[1]) == 1 and t[1].islower() for t in (a, b)) and \
                    a[1] != b[1]:
                if take:
                    for _ in toks:
                        self.take()
                return a[1], b[1]
        return None

    def cases(self, tok):
        r"""``\begin{cases} A, & \text{p \ne i} \\ B, & \text{p = i} \end{cases}``: a value by cases over
        component indices, read as A (1 - \delta_{pi}) + B \delta_{pi} (``kron`` nodes, bound with the row's
        components). Any other condition (on a step, a value, prose) is not read."""
        branches = []
        self.matrix_depth += 1                  # '&' separates the value from its condition here
        try:
            while True:
                nxt = self.peek()
                if nxt[0] == "end":
                    self.take()
                    break
                if nxt[0] == "eof":
                    raise self.fail(tok, "\\begin{cases} is never closed")
                if nxt[0] == "rowsep":
                    self.take()
                    continue
                value = self.expr(stop=("&", ","))
                if self.peek()[1] == ",":
                    self.take()
                if self.peek()[1] != "&":
                    raise self.fail(tok, "a value by cases without a condition is not read")
                self.take()
                branches.append((value, self.case_condition(tok)))
        finally:
            self.matrix_depth -= 1
        if len(branches) != 2 or branches[0][1] is None and branches[1][1] is None:
            raise self.fail(tok, "a value by cases (\\begin{cases}) is read only as two cases on component "
                                 "indices (i = j, otherwise)")
        conds = [c for _, c in branches if c is not None]
        pair = conds[0][1]
        if any(c[1] != pair and c[1] != pair[::-1] for c in conds) or len({c[0] for c in conds}) != len(conds):
            raise self.fail(tok, "the two cases of \\begin{cases} must be i = j and i \\ne j (or otherwise)")
        terms = []
        for value, cond in branches:
            same = cond[0] == "=" if cond is not None else conds[0][0] != "="
            kron = ("kron", list(pair))
            weight = kron if same else ("paren", "(", ("add", [("+", ("num", "1")), ("-", kron)]))
            terms.append(("+", ("mul", [("paren", "(", value), weight], [None, None])))
        return ("add", terms)

    def case_condition(self, tok):
        r"""``\text{p = i}``, ``p \neq i``, ``\text{otherwise}`` up to the end of the case: ("=" | "!=", (p, i)),
        or None for otherwise."""
        words = []
        while True:
            self.skip()                         # \tag{6.1.2} inside the last case
            kind, val, _ = self.toks[self.i]
            if kind in ("rowsep", "end", "eof"):
                break
            self.i += 1
            if kind == "cmd" and val in ("text", "mbox", "textrm", "mathrm", "quad", "qquad", "mathit", "textit"):
                continue
            if kind == "ch" and val in "{}$,.~()":
                continue
            if kind == "cmd" and val in ("ne", "neq"):
                words.append("!=")
            elif kind == "name" or (kind == "ch" and val == "="):
                words.append(val)
            elif kind == "num":
                words.append(val)
            else:
                raise self.fail(tok, f"the condition of a case ({val!r}) is not read")
        if words == ["otherwise"] or words == ["else"]:
            return None
        if len(words) == 4 and words[0] in ("if", "for", "when"):       # \text{if } i = j
            words = words[1:]
        if len(words) == 3 and words[1] in ("=", "!=") and all(len(w) == 1 and w.isalpha() and w.islower()
                                                               for w in (words[0], words[2])) and words[0] != words[2]:
            return (words[1], (words[0], words[2]))
        raise self.fail(tok, f"the condition of a case ({' '.join(words) or 'none'}) is not one on component "
                             f"indices (i = j, i \\ne j, otherwise)")

    # ----------------------------------------------------------------- scripts
    def scripts(self, node):
        sub = sup = None
        primes = 0
        if node[0] == "paren" and node[1] == "{" and node[2][0] == "sym" and self.peek()[1] in ("_", "^", "'"):
            node = node[2]                          # {c}_t, { h }_{ t }: a brace group holding one name is that name
        while True:
            tok = self.peek()
            if tok[1] in ("_", "^") and self.peek(1)[1] == "{" and self.peek(2)[1] == "}":
                self.take(), self.take(), self.take()     # z_{}^{(k)}: an empty script typesets nothing
                continue
            if tok[1] == "_" and sub is None:
                self.take()
                sub = self.script_arg()
            elif tok[1] == "^" and sup is None and self.peek(1)[1] == "{" and self.peek(2)[1] in ("'", "''") \
                    and self.peek(3)[1] == "}":
                self.take(), self.take()             # \sigma^{'}: a prime written as a superscript
                primes += len(self.take()[1])
                self.take()
            elif tok[1] == "^" and node[0] == "sym" and node[2] is None and self._star_mark():
                node = ("sym", node[1], "star", node[3], node[4], node[5])   # y^*, y^{\ast}: the true label y*
            elif tok[1] == "^" and sup is None:
                self.take()
                sup = self.script_arg()
            elif tok[1] == "'":
                self.take()
                primes += 1
            elif tok[1] == "[" and sub is None and self.numpy_slice() is not None:
                sub = [("slice", self.numpy_slice(take=True))]     # \frac{\partial J}{\partial z_t}[:n_h, :]
            elif tok[1] == "[" and sub is not None and node[0] == "sym" and node[3] is None and not any(
                    isinstance(x, tuple) and x[0] == "slice" for x in sub) and self.numpy_slice() is not None:
                sub = sub + [("slice", self.numpy_slice(take=True))]     # \delta z_t[1:\dim(h_{t-1})]
            elif tok[1] in ("|", "rvert", "vert") and self.peek(1)[1] == "_" and node[0] == "frac" and sub is None \
                    and sup is None and not primes and not (tok[1] == "|" and (tok[0] == "cmd" or self.stop == ("|",))
                                                            and "|" in self.stop):
                # \Big|_{t}, \rvert_t: the same bar (not the closing bar of a norm, \|\frac{a}{b}\|_2)
                # \frac{\partial L}{\partial h}\Big|_{h \cdot r}: a gradient through some uses only
                self.take(), self.take()
                if _d_side(node[1]) and _d_side(node[2]) and not (node[1][0] == "sym" and node[1][1][1:] in LOSS_NAMES):
                    # \frac{d\sigma}{dz}\Big|_{z^2_N}, \frac{dC}{dy}\Big|_{y_N} (dC, dy one word each: d and a
                    # name): a total derivative evaluated at a point
                    return ("at", node, self.script_arg())
                return ("through", node, self.script_arg())
            elif tok[1] in ("_", "^") and node[0] == "sym":
                # x^{t}_{i} then ^T again: wrap and continue
                node = ("sym", node[1], node[2], sub, sup, primes)
                return self.scripts(("sc", node, None, None, 0))
            else:
                break
        if sub is None and sup is None and not primes:
            return node
        if node[0] == "sym" and node[3] is None and node[4] is None and not node[5]:
            return ("sym", node[1], node[2], sub, sup, primes)
        if node[0] == "sym" and (sub is None or node[3] is None) and (sup is None or node[4] is None):
            # \bar{\Gamma_u}^{\langle t \rangle}: the scripts of a name written in two places
            return ("sym", node[1], node[2], node[3] if sub is None else sub, node[4] if sup is None else sup,
                    node[5] + primes)
        return ("sc", node, sub, sup, primes)

    def _star_mark(self) -> bool:
        """At '^': a star as the superscript (``y^*``, ``y^{*}``, ``y^\\ast``, ``y^{\\star}``), taken: a name's mark
        (the true label y*, an optimum theta*), not a power or a label."""
        stars = ("*", "ast", "star")
        if self.peek(1)[1] in stars:
            self.take(), self.take()
            return True
        if self.peek(1)[1] == "{" and self.peek(2)[1] in stars and self.peek(3)[1] == "}":
            self.take(), self.take(), self.take(), self.take()
            return True
        return False

    def numpy_slice(self, take=False):
        r"""At '[': the source text of a slice written after a quantity, in code or in maths (``[:n_{h}, :]``,
        ``[H:, 0:2]``, ``[2*hidden\_size:3*hidden\_size]``, ``[1:\dim(h_{t-1})]``: a ':' outside brackets in
        every part; names, numbers, + - * | ( ), \dim, \cdot, \times and fonts only), else None; ``take``:
        consume it. Its bounds are read by numeric/slices.py."""
        self.skip()
        j, depth = self.i + 1, 0
        while True:
            kind, val, _ = self.toks[j]
            if kind == "eof":
                return None
            if kind == "ch" and val == "]" and depth == 0:
                break
            if kind == "ch":
                if val in "([{":
                    depth += 1
                elif val in ")]}":
                    depth -= 1
                    if depth < 0:
                        return None
                elif val not in ":,_^+-*|":
                    return None
            elif kind == "cmd" and val not in _SLICE_CMDS:
                return None
            j += 1
        text = self.text[self.toks[self.i][2] + 1:self.toks[j][2]]
        parts, depth, cur = [], 0, ""
        for ch in text:
            depth += ch in "([{"
            depth -= ch in ")]}"
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
        parts.append(cur)
        if not text.strip() or any(not _top_colon(p) for p in parts):
            return None
        if take:
            self.i = j + 1
        return text

    def over_labels(self, tok, op, sub, sup, sign, body):
        r"""``\sum_{g \in \{f,i,c,o\}} W_g^\top \delta z_g``: the body once for each label, the letter g replaced
        by it wherever it stands (a script included), added (or multiplied, ``\prod``)."""
        if op not in ("sum", "prod") or len(sub) != 1 or sup is not None:
            raise self.fail(tok, "a sum over a set of labels takes no other bound")
        _, var, labels = sub[0]

        def put(node, label):
            if isinstance(node, tuple) and node[:2] == var[:2] and len(node) == 6:     # g, \bar{g}_t: f, \bar{f}_t
                return ("sym", label) + tuple(put(x, label) for x in node[2:])
            if isinstance(node, tuple):
                return tuple(put(x, label) for x in node)
            if isinstance(node, list):
                return [put(x, label) for x in node]
            return node
        self.expanded += len(labels) * _size(body, MAX_EXPANDED)
        if self.expanded > MAX_EXPANDED:
            raise self.fail(tok, f"sums over sets of labels that expand to more than {MAX_EXPANDED} terms and names")
        parts = [put(body, label) for label in labels]
        if op == "prod":
            out = ("mul", parts, [None] * len(parts))
            return ("add", [("-", out)]) if sign == "-" else out
        return ("paren", "(", ("add", [(sign, p) for p in parts]))

    def label_set(self):
        r"""The labels of a set written out, ``\{f, i, c, o\}`` (after ``\in``): names, at most 16."""
        self.take()
        opener = self.take()
        labels = []
        while self.peek()[:2] != ("cmd", "}"):
            tok = self.take()
            if tok[0] != "name" or len(labels) >= 16:
                raise self.fail(tok if tok[0] != "name" else opener,
                                "a set of labels (\\{f, i, c, o\\}) holds names separated by commas")
            labels.append(tok[1])
            if self.peek()[1] == ",":
                self.take()
        self.take()
        if not labels:
            raise self.fail(opener, "an empty set")
        return labels

    def script_arg(self, big=False):
        """The items of a sub/superscript: a list of nodes, ('angle', e), ('slice', text), ('top',), ('prime',)."""
        tok = self.take()
        kind, val, pos = tok
        if kind == "name":
            if len(val) > 1 and "_" not in val and (not big or self.peek()[1] in ("_", "^")):
                # W_hi is W_h times i in LaTeX: an unbraced script takes one character (\sum_{d=1}^DV_{i, d}:
                # the bound D, then V_{i, d})
                self.i -= 1
                self.toks[self.i] = ("name", val[1:], pos + 1)
                return [("sym", val[0], None, None, None, 0)]
            return [("sym", val, None, None, None, 0)]
        if kind == "num":
            if len(val) > 1 and "." not in val and not big:
                self.i -= 1
                self.toks[self.i] = ("num", val[1:], pos + 1)
                return [("num", val[0])]
            return [("num", val)]
        if kind == "cmd":
            if val in TOPS:
                return [("top",)]
            if val == "prime":
                return [("prime",)]
            if val in FONTS or val in ACCENTS or val in GREEK or val in FUNCS:
                self.i -= 1
                return [self.primary()]
            raise self.fail(tok, f"\\{val} in a script is not read")
        if val == "{":
            return self.script_group()
        if val == "<":
            e = self.expr(stop=(">",))
            self.closing(e, ">")
            return [("angle", e)]
        if val == "(" and not big:
            # h_(t-1), C_(t-1): a script written in round brackets by an author typing plain text (LaTeX would set
            # the bracket alone low): the bracket's content, as h_{t-1}
            self.in_script += 1
            try:
                e = self.expr(stop=(")",))
            finally:
                self.in_script -= 1
            self.closing(e, ")")
            return [e]
        raise self.fail(tok, f"unexpected {val!r} in a script")

    def script_group(self):
        self.in_script += 1
        try:
            return self._script_group()
        finally:
            self.in_script -= 1

    def _script_group(self):
        start = self.i
        # slicing [:, :H]
        depth, j = 1, self.i
        raw = []
        while j < len(self.toks) and depth:
            v = self.toks[j][1]
            depth += v == "{"
            depth -= v == "}"
            raw.append(v)
            j += 1
        if depth:
            raise self.fail(self.toks[start - 1], "a script is never closed")
        if ":" in raw[:-1] and "=" not in raw:
            self.i = j
            return [("slice", "".join(raw[:-1]))]
        if len(raw) == 6 and raw[0] == "(" and raw[2] == "=" and raw[4] == ")" and raw[1].isalpha() and \
                len(raw[1]) == 1 and raw[3].isdigit():
            # W_h^{(t=3)}: the copy of W_h at step 3, the step's letter named ("at t = 3")
            self.i = j
            return [("paren", "(", ("num", raw[3]))]
        items = []
        while True:
            tok = self.peek()
            if tok[1] == "}":
                self.take()
                break
            if tok[0] == "eof":
                raise self.fail(tok, "a script is never closed")
            if tok[1] == ",":
                self.take()
                continue
            if tok[0] == "cmd" and tok[1] in TOPS:
                self.take()
                items.append(("top",))
                continue
            if tok[0] == "cmd" and tok[1] == "prime":
                self.take()
                items.append(("prime",))
                continue
            if tok[0] == "cmd" and tok[1] == "langle":
                self.take()
                e = self.expr()
                self.expect_cmd("rangle")
                items.append(("angle", e))
                continue
            if tok[1] == "<":
                self.take()
                e = self.expr(stop=(">",))
                self.closing(e, ">")
                items.append(("angle", e))
                continue
            e = self.expr(stop=(",", "<", ">") + RANGE_RELS + ARROWS)
            if self.peek()[0] == "cmd" and self.peek()[1] in ARROWS:
                # \delta_s^{(t)\rightarrow(t-1)}: what flows from step (t) into (t-1) (names.py: a gradient's part)
                self.take()
                items.append(("arrow", e, self.expr(stop=(",", "<", ">") + RANGE_RELS + ARROWS)))
                continue
            if self.peek() == ("cmd", "in", self.peek()[2]) and self.peek(1)[:2] == ("cmd", "{") and \
                    e[0] == "sym" and e[2:] == (None, None, None, 0):
                items.append(("in", e, self.label_set()))      # \sum_{g \in \{f,i,c,o\}}: over the gates' labels
                continue
            if self.peek()[1] == "=":          # \sum_{t=1}
                self.take()
                e = ("eq", e, self.expr(stop=(",",)))
            elif self.peek()[1] in ("<", ">") + RANGE_RELS:       # \sum_{1 \leq t \leq T}, \prod_{t \geq i > k}
                chain = [e]
                while self.peek()[1] in ("<", ">") + RANGE_RELS:
                    chain.append(self.take()[1])
                    chain.append(self.expr(stop=(",", "<", ">") + RANGE_RELS))
                e = ("range", chain)
            items.append(e)
        if not items:
            raise self.fail(self.toks[start], "an empty script")
        return items


#: Most nodes the sums over sets of labels of a row may write out (``\sum_{g \in \{f,i,o,g\}}`` nested).
MAX_EXPANDED = 20_000


def _size(node, cap) -> int:
    """The number of tuples in ``node``, counted up to ``cap``."""
    count, todo = 0, [node]
    while todo and count <= cap:
        x = todo.pop()
        if isinstance(x, tuple):
            count += 1
            todo.extend(x)
        elif isinstance(x, list):
            todo.extend(x)
    return count


def _d_side(node) -> bool:
    """A side of \\frac{d..}{d..}: d applied to a factor, or a word d + letters (dC, dy) as the reader splits them."""
    if node[0] == "pre" and node[1] == "d":
        return True
    return node[0] == "sym" and len(node[1]) > 1 and node[1][0] == "d" and node[1][1:].isalpha() and \
        node[2] is None and node[3] is None and node[4] is None and not node[5]


def parse_row(text: str) -> Node:
    """``("row", [expr, ...], [relation, ...])`` of one row (a chain ``a = b = c`` keeps every part)."""
    text = _condition_cut(_prepare(text))
    if not text.strip():
        raise LatexError("the equation is empty")
    try:
        return _Parser(text).row()
    except (IndexError, RecursionError):
        raise LatexError("the equation ends before it is complete") from None


def parse_expression(text: str) -> Node:
    """The tree of one expression (no relation)."""
    text = _prepare(text)
    p = _Parser(text)
    e = p.expr()
    tok = p.peek()
    if tok[0] != "eof":
        raise p.fail(tok, f"unexpected {tok[1]!r}")
    return e
