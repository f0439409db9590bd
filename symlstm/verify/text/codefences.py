r"""Equations typed as plain text in a Markdown code fence (course notes, LLM-written READMEs):

```
f_pre = x_t @ Wx_f + h_prev @ Wh_f + b_f      f_t = sigmoid(f_pre)
dg_pre = dg_t ⊙ (1 - g_t²)
dWx_k += x_t.T @ dk_pre         # summed over steps
dL/dW_hh (from t=3) = dL/da_3 ⊗ h_2ᵀ    (outer product)
                    = [[-0.0236, -0.3515],
                       [ 0.0078,  0.1159]]
```

A fence without a language (or ``text``, ``plaintext``) whose lines hold ``name = ...`` is read as rows: each
line's statements (split at ``;`` and at runs of three or more spaces before another ``name =``; a line
starting with ``=`` or inside an open bracket continues the row before), without comments (``# ...``) and
remarks (a parenthesis of words: ``(pre-activation)``, ``(from t=3)``; a remark stating an equation,
``(∂C_t/∂f_t = C_prev)``, is a row of its own). The plain text is written in LaTeX by a table of spellings:
``x_t`` is ``x_{t}``, ``f_pre`` ``f_{pre}``, ``²`` a square, ``.T`` and ``ᵀ`` a transpose, ``⊗`` the outer
product, ``Σ_k`` a sum, ``sum(x, axis=0)`` ``x.sum(axis=0)``. A statement whose left side is no name (``for t
in ...``, ``if``, a call) is not a row; a statement that gives a name numbers only (``h_2 = [0.0363, 0.5397]``)
is a value of a worked example (examplesteps.prose_values), not a row. A numpy fence (``python``) is code: its
plain assignments of formulas (``h[t] = np.tanh(self.Wxh @ x[t] + self.Whh @ h[t-1] + self.bh)``, ``dWhy += dy @
h[t].T``; no strings, slices, tuples or array-building calls) are read as a derivation of their own, since code
restates the math in its own names and layout; its other statements are not read.
"""
from __future__ import annotations

import contextvars
import itertools
import functools
import re
from collections import Counter

from ...latex.notation import GRADIENT_SUFFIXES, LEARNING_RATE_NAMES, LOSS_NAMES, TIME_WORDS
from .codeblocks import MAX_CODE_LINE, block as _block, block_end, indent as _indent
from .privatenames import private_names
from .stepstates import step_states
from .switchhelpers import helper_lines, switch_calls, switch_helpers
from .dispatchacts import dispatch_helpers, dispatch_lines
from .depth import call_end as _call_end, outside_brackets, split_outside
from .objectlists import ACTIVATION_CLASSES, object_lists
from .carrycopies import carry_copies, initial_copies, name_stem
from .nodelabels import node_labels
from .torchfunctions import autograd_gradients, indexed_splits
from .onehotcode import one_hot_bodies, step_losses
from .numpynames import with_meant_numpy

__all__ = ["fenced_rows", "plain_latex"]

#: Languages of a fence whose lines may be equations typed as plain text.
PLAIN_FENCE_LANGUAGES = ("", "text", "txt", "plaintext", "plain", "none", "nohighlight", "equation", "equations")

#: Runs of Unicode sub- and superscript characters (``hₜ₋₁``, ``Wₓ``, ``h⁽ᵗ⁻¹⁾``, ``x⁽ᵀ⁾``), written as ``_{...}`` and
#: ``^{...}`` of the characters they raise or lower (:data:`SCRIPT_LETTERS`, else Unicode's compatibility letter).
SUBSCRIPT_RUN = "[\u2080-\u208e\u2090-\u209c\u1d62-\u1d6a\u2c7c]+"
SUPERSCRIPT_RUN = "[\u2070\u2071\u2074-\u207f\u00b9\u00b2\u00b3\u1d57\u1d4f\u02b2\u1d40]*" \
                  "[\u2070\u2071\u2074-\u207f\u00b9\u1d57\u1d4f\u02b2\u1d40][\u2070\u2071\u2074-\u207f\u00b9\u00b2\u00b3\u1d57\u1d4f\u02b2\u1d40]*"
#: Script characters whose plain form is not Unicode's: ``ᵧ`` (a subscript gamma) is how text writes a subscript
#: y (``Wᵧ``, ``bᵧ``: Unicode has no subscript y); the Greek ones are LaTeX commands.
SCRIPT_LETTERS = {"\u1d67": "y", "\u1d66": "\\beta ", "\u1d68": "\\rho ", "\u1d69": "\\phi ", "\u1d6a": "\\chi ",
                  "\u207b": "-", "\u208b": "-"}


def _scripted(run: str) -> str:
    """The plain characters a run of sub- or superscript characters stands for (``⁽ᵗ⁻¹⁾``: ``(t-1)``)."""
    import unicodedata
    return "".join(SCRIPT_LETTERS.get(c) or unicodedata.normalize("NFKC", c) for c in run).strip()


#: Unicode and code spellings of plain-text equations, and their LaTeX (applied in order).
def _axis_sum(name: str, axis: str, fn: str = "sum") -> str:
    """``name.sum(axis=...)`` (or ``.mean``); the last axis (-1) of the reader's 2-D arrays is axis 1 (an
    expression, ``dn^{T} * r^{T}``, in brackets)."""
    name = name.strip()
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*(?:\\_)?(?:_\{[^{}]*\})?", name):
        name = f"({name})"
    return f"{name}.{fn}(axis={1 if axis == '-1' else axis})"


PLAIN_SPELLINGS = (
    (r"([A-Za-z])\u0303", r"\\tilde{\1}"), (r"([A-Za-z])\u0302", r"\\hat{\1}"),    # C̃_t, ŷ typed with a combining mark
    (r"([A-Za-z])\u0304", r"\\bar{\1}"), ("\u0177", r"\\hat{y}"),
    (r"(?<![\w\\])d_?([A-Za-z]\w*?)\s*/\s*d_(?=[A-Za-z])", r"d\1/d"),    # d_loss/d_h_next: dloss/dh_next
    (r"\*\*\s*(\d+)", r"^{\1}"),                      # x**2
    ("\u00b2(?![\u2070-\u207e\u1d57\u1d4f\u02b2])", "^{2}"), ("\u00b3(?![\u2070-\u207e])", "^{3}"),  # g_t², h³
    (r"\u27e8\s*([^\u27e8\u27e9]{1,12}?)\s*\u27e9", r"^{\\langle \1 \\rangle}"),     # a⟨t-1⟩ (Coursera's a^{<t-1>})
    ("\u2297", r" \\otimes "), ("\u2295", r" \\oplus "),
    ("\u03a3", r"\\sum "), ("\u220f", r"\\prod "), ("\u03a0", r"\\prod "),
    ("\u2248", r" \\approx "), ("\u2264", r" \\le "), ("\u2265", r" \\ge "),
    ("\u03b1", r"\\alpha "), ("\u03b7", r"\\eta "), ("\u03c4", r"\\tau "), ("\u03b8", r"\\theta "),
    # h₁, X₁₂, Wₓ, bₕ, h_{t-1} as hₜ₋₁; wₓ_new (the updated wₓ) as w_{x\_new}, one name
    (SUBSCRIPT_RUN + r"(?:_([A-Za-z]+)(?![\w{]))?",
     lambda m: "_{" + _scripted(m.group(0)[:len(m.group(0)) - (len(m[1]) + 1 if m[1] else 0)]) +
     (r"\_" + m[1] if m[1] else "") + "}"),
    (SUPERSCRIPT_RUN, lambda m: m.group() if m.group() == "\u1d40" * len(m.group()) else
     "^{" + _scripted(m.group()) + "}"),                                        # h⁽ᵗ⁻¹⁾, h⁽ᵀ⁾ (a lone ᵀ: a transpose)
    (r"(\\sum|\\prod)\s*\(\s*([A-Za-z])\s*=\s*([^()]{1,20}?)\s+to\s+([^()]{1,20}?)\s*\)", r"\1_{\2=\3}^{\4}"),  # Σ(t=1 to T)
    (r"(?<=[A-Za-z0-9_}\])])\.T(?![A-Za-z0-9_(])", "^{T}"),     # W.T
    (r"(?<=[A-Za-z0-9_}\])])\.transpose\(\s*\)", "^{T}"),       # d.transpose(): the same transpose
    # sum(dk_pre, axis=0), np.sum(dz, 1, keepdims=True) (the axis given by position), torch.sum(dz, dim=0),
    # np.sum(dforget, axis=1, keepdims=1) (keepdims given as 1)
    (r"(?:\b(?:np|torch)\.)?\bsum\(\s*((?:[^,(){}]|\{[^{}]*\}|\((?:[^()]|\([^()]*\))*\))+?)\s*,\s*(?:axis\s*=\s*|dim\s*=\s*)?"
     r"(-1|[01])\s*(?:,\s*keepdim(?:s)?\s*=\s*(?:True|1)\s*)?\)", lambda m: _axis_sum(m[1], m[2])),
    # np.sum(dtanh, keepdims=True, axis=-1) (Coursera's solutions): the keyword first
    (r"(?:\b(?:np|torch)\.)?\bsum\(\s*([A-Za-z][A-Za-z0-9_]*(?:\\_)?(?:_\{[^{}]*\})?)\s*,\s*keepdims?\s*=\s*(?:True|1)\s*,\s*"
     r"(?:axis|dim)\s*=\s*(-1|[01])\s*\)", lambda m: _axis_sum(m[1], m[2])),
    (r"(?<=[\w)\]}])\.(sum|mean)\(\s*dim\s*=", r".\1(axis="),        # dz.sum(dim=0) (torch): over axis 0
    # np.mean(dz, axis=0), torch.mean(dz, dim=0): a batch's mean (its scale is the loss's, as a sum's)
    (r"(?:\b(?:np|torch)\.)?\bmean\(\s*((?:[^,(){}]|\{[^{}]*\}|\((?:[^()]|\([^()]*\))*\))+?)\s*,\s*(?:axis\s*=\s*|dim\s*=\s*)"
     r"(-1|[01])\s*(?:,\s*keepdim(?:s)?\s*=\s*(?:True|1)\s*)?\)", lambda m: _axis_sum(m[1], m[2], "mean")),
    # softmax(z, axis=0), F.softmax(y, dim=-1): over the vector's own axis, as the reader's softmax is
    (r"\bsoftmax\(\s*((?:[^,(){}]|\{[^{}]*\}|\((?:[^()]|\([^()]*\))*\))+?)\s*,\s*(?:axis|dim)\s*=\s*-?[01]\s*\)",
     r"softmax(\1)"),
)

#: Languages of a fence whose code is not read but whose comments may state the math (``// r = sigmoid(W_r x +
#: U_r h_prev + b_r)``), with the comment markers of each family (the code fences' own: # and MATLAB's %).
COMMENT_FENCE_LANGUAGES = {**{x: ("//", "/*", "*") for x in ("c", "cpp", "c++", "cc", "cxx", "h", "hpp", "cuda",
                                                               "cu", "java", "javascript", "js", "typescript",
                                                               "ts", "rust", "rs", "go", "scala", "kotlin",
                                                               "swift", "csharp", "cs")},
                           **{x: ("#",) for x in ("nim", "julia", "jl", "r", "ruby", "rb", "bash", "sh")}}
#: Formulas read from a file's comments, at most (more: the comments are not read; they are no cell's statement).
MAX_COMMENT_ROWS = 200
#: The group of the rows read from comments: a derivation of its own (judge.code_models), never the code's.
COMMENT_GROUP = "comment:"


#: A comment's label before its equation (``loss calculation: L = ...``, ``Formül: c_t = ...``).
_COMMENT_LABEL = re.compile(r"^\s*[^\W\d][\w \t()'-]{0,40}:\s+(?=[^\s=:]+\s*=[^=])")
#: Words after an equation in a comment (``i = σ(gates_i)     puerta de entrada``): a remark, not the row's.
_COMMENT_TAIL = re.compile(r"(?<=\S)\s{3,}[^\W\d][^\W\d\s]*(?:\s[^\W\d][^\W\d\s]*)*\s*$|"
                           r"(?<=\S)\s*-{2,3}>[^=]*$")   # "---> update Cell State s(t)": a label
#: The left side of a gradient's row (d-name, fraction, \delta): no statement of the cell.
_GRADIENT_LEFT = re.compile(r"^\s*(?:d|\\frac|\\partial|\\delta|\\nabla|grad|∂|δ)")


#: A letter run into the step letter in a comment's math (``xt``, ``ht-1``, ``rt ⊙ ht-1``): the letter at step t.
_STEP_RUN = re.compile(r"(?<![\w\\])(d?[a-z])t([+-]1)?(?![\w(])")


#: An augmented assignment (``+=``, ``*=``): a docstring with one sketches code, it states no cell.
_AUGMENTED = re.compile(r"[-+*/]=(?!=)")
#: A label in full-width lenticular brackets after an equation (``gammaU = sigmoid(Wu[a<t-1>,x<t>]+bu)
#: 【更新门】``): the equation's name, no part of it.
_BRACKET_LABEL = re.compile(r"【[^【】\n]{0,40}】[ \t]*$")      # (no leading \s*: quadratic on a long gap)
#: A line opening a docstring (or another triple-quoted string): its quotes.
_DOC_OPEN = re.compile(r"\s*(?:[rRuU]?)(?P<q>\"\"\"|\'\'\')")


def _comments(lines: list, lang: str) -> list:
    """(column, text) of each line's comment (:func:`_comment`), with the lines inside a C-like block comment
    (``/* ... */``, with or without a leading ``*``) or a Python docstring read whole."""
    out, inside, doc, opened = [], False, None, 0
    block = "/*" in COMMENT_FENCE_LANGUAGES.get(lang, ())
    python = lang in CODE_FENCE_LANGUAGES
    for line in lines:
        if python and doc is not None:      # a docstring's lines (Weli's "Formules LSTM: f_t = σ(x_t @ W_f + ...)")
            end = line.find(doc)
            body = line if end < 0 else line[:end]
            lead = len(body) - len(body.lstrip())
            out.append((lead, _BRACKET_LABEL.sub("", body.split("  #")[0]).rstrip()) if body.strip() else (0, None))
            doc = None if end >= 0 else doc
            if doc is None and any(t is not None and _AUGMENTED.search(t) for _, t in out[opened:]):
                out[opened:] = [(0, None)] * (len(out) - opened)
                # (a docstring sketching the backward code, gc[t] *= f[t]; gWci += gi[t] * c[t]: pseudo-code of
                # the steps, not the cell's statement)
            continue
        if python:
            opened = _DOC_OPEN.match(line)
            if opened is not None and opened["q"] not in line[opened.end():]:
                doc = opened["q"]           # (a docstring closed on its own line states no formula)
                out.append((0, None))
                opened = len(out)
                continue
        if block and inside:
            end = line.find("*/")
            body = line if end < 0 else line[:end]
            lead = len(body) - len(body.lstrip())
            star = 1 if body.lstrip().startswith("*") else 0
            out.append((lead + star, body[lead + star:].split("//")[0].rstrip()) if body.strip() else (0, None))
            inside = end < 0
            continue
        col, text = _comment(line, lang)
        out.append((col, text))
        if block and "/*" in line and "*/" not in line[line.find("/*"):]:
            inside = True
    return out


_ACTIVATION_CALL = re.compile(r"(?<![\w.])(?:np\.)?(?:tanh|sigmoid|sigm|σ|\\sigma|\\tanh)\s*\(")


def _activation_of_two(text: str) -> bool:
    """Does a comment apply an activation to two arguments (``tanh(Wgx * x(t), Wgh * h(t - 1) + bg)``)?"""
    for m in _ACTIVATION_CALL.finditer(text):
        end = _call_end(text, m.end())
        if len(split_outside(text[m.end():end - 1 if end is not None else len(text)])) > 1:
            return True
    return False


def _comment(line: str, lang: str):
    """(column, text) of the comment a code line holds (after ``#`` outside a string, or a line's ``%``; ``//``,
    ``/*`` or a block comment's leading ``*`` in C-like code), else (0, None)."""
    marks = COMMENT_FENCE_LANGUAGES.get(lang, ("#", "%"))
    stripped = line.lstrip()
    for mark in marks:
        if mark in ("%", "*", "/*") and stripped.startswith(mark) and not stripped.startswith("*/"):
            k = len(line) - len(stripped) + len(mark)
            return k, line[k:].split("//")[0].rstrip(" */")
    for mark in ("#", "//"):
        if mark not in marks:
            continue
        quote = None
        for k, ch in enumerate(line):
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif line.startswith(mark, k):
                return k + len(mark), line[k + len(mark):]
    return 0, None


#: Lines of code fences read in one file (a bound: a file of more is refused before they are read).
MAX_FENCE_LINES = 4000
#: At most this many characters in a file's code fences (the fence analyses take about 10 µs a character; the
#: longest fenced note of the first-contact corpus holds about 30000).
MAX_FENCE_CHARS = 200_000
#: The most assignments of one name the code fences may hold (a name set again in each of a thousand loops makes
#: the reader's comparisons of definitions quadratic).
MAX_SAME_NAME = 64
_ASSIGNED_NAME = re.compile(r"(?m)^[ \t]*(?:self\.)?([A-Za-z_]\w*)[ \t]*=(?!=)")

#: Languages of a fence whose lines are numpy code: its plain assignments of formulas are read as rows of a
#: derivation of their own (the code restates the math in its own names and layout: verify_derivation).
CODE_FENCE_LANGUAGES = ("python", "py", "python3", "numpy", "ipython")
#: Languages of a fence whose lines are MATLAB or Octave code: spelled as numpy (MATLAB_SPELLINGS) and read as it is.
MATLAB_FENCE_LANGUAGES = ("matlab", "octave")

#: An index at one step of a sequence array, the other axes whole (``[t]``, ``[:, t]``, ``[:, t, :]``, ``[:, :, t]``,
#: ``[t - 1]``): the step letter t or k, with an offset of one digit.
_STEP_INDEX = (r"\[\s*(?::\s*,\s*){0,3}(?P<t>t|k)\s*(?:(?P<sign>[+-])\s*(?P<n>\d))?\s*(?:,\s*:\s*){0,3}\]")


#: A name of two words (``hidden_state``, ``z_f``): a name and its label, at a step ``hidden_{state,t}``.
_TWO_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]*_[A-Za-z][A-Za-z0-9]*")


#: A braced group (a subscript ``z_{f,t}``): its commas separate no names.
_BRACED = re.compile(r"\{[^{}]*\}")


def _labelled_step(m) -> str:
    return f"{m[1]}_{{{m[2].replace('_', chr(92) + '_')},{m['t']}{m['sign'] or ''}{m['n'] or ''}}}"


#: Names of a sequence of word indices (``x[t]`` an integer): a weight's column at it is the weight times the one-hot
#: input (PRE_SPELLINGS).
INDEX_INPUTS = ("x", "xs", "inputs", "X", "tokens", "words", "seq")
#: Spellings read before numpy's calls are made operators (_operator_calls): np.dot(np.transpose(np.asmatrix(dz)),
#: np.asmatrix(x)), a 1-D array made a row and its transpose, is the outer product; np.transpose(W) is W.T.
PRE_SPELLINGS = (
    (r"(?<![\w.])(?:np\.)?dot\(\s*(?:np\.)?transpose\(\s*(?:np\.)?asmatrix\(\s*([\w.]+)\s*\)\s*\)\s*,\s*"
     r"(?:np\.)?asmatrix\(\s*([\w.]+)\s*\)\s*\)", r"np.outer(\1, \2)"),
    (r"(?<![\w.])(?:np\.)?transpose\(\s*([A-Za-z_][\w.]*)\s*\)", r"\1.T"),
    # np.dot(WGI, source[t], out=gix[t]) (ocropy's LSTM): the product written into gix[t], a statement assigning it
    (r"^(\s*)(?:np|numpy)\.(dot|matmul|outer|multiply|add|tanh)\((.*),\s*out\s*=\s*([A-Za-z_][\w.]*(?:\[[^\[\]]*\])?)\s*\)\s*$",
     r"\1\4 = np.\2(\3)"),
    # self.prev_a[:, t, :] (shinnosuke's SimpleRNNCell, prev_a[:, 0, :] the initial state): an array of the states
    # named by the word prev, read at a step, is the state a at that step (not a_{prev} labelled at it)
    (r"(?<![\w.])((?:self\.)?d?)prev_([A-Za-z][A-Za-z0-9]*)(?=\[\s*(?::\s*,\s*){0,3}[tk]\s*(?:[-+]\s*\d\s*)?(?:,\s*:\s*){0,3}\])",
     r"\1\2"),
    # Wxa.output_tensor, Waa.grads (shinnosuke's Variable), self.W.data and self.W.grad (a torch tensor): a parameter
    # object's value and gradient, Wxa and dWaa (read before self. goes: self._z.data keeps its own reading)
    (r"(?<![\w.])((?:self\.)?)(?!self\b)([A-Za-z][A-Za-z0-9_]*)\.(?:output_tensor|data|value)(?![\w(])", r"\1\2"),
    (r"(?<![\w.])((?:self\.)?)(?!self\b)([A-Za-z][A-Za-z0-9_]*)\.(?:grads|grad|gradient)(?![\w(.])", r"\1d\2"),
    # x[:, [t]] (KTH DD2424's RNNs): the step's column kept two-dimensional, the column x[:, t]
    (r"\[\s*:\s*,\s*\[\s*([A-Za-z_]\w*(?:\s*[+-]\s*\d+)?)\s*\]\s*\]", r"[:, \1]"),
    # dn11.reshape(self.h, 1) @ self.hidden.reshape(1, self.h) (CMU's GRU cell), np.dot(a.reshape(-1, 1),
    # b.reshape(1, -1)), a[:, None] @ b[None, :]: a column times a row, the outer product whatever the layout
    (r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)(?:\.reshape\(\s*\(?\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*,\s*1\s*\)?\s*\)|"
     r"\[\s*:\s*,\s*(?:None|np\.newaxis)\s*\])\s*@\s*((?:self\.)?[A-Za-z_]\w*)(?:\.reshape\(\s*\(?\s*1\s*,\s*"
     r"(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*\)?\s*\)|\[\s*(?:None|np\.newaxis)\s*,\s*:\s*\])(?![\w.\[])", r"np.outer(\1, \2)"),
    (r"(?<![\w.])(?:np\.)?dot\(\s*((?:self\.)?[A-Za-z_]\w*)\.reshape\(\s*\(?\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*,\s*1\s*"
     r"\)?\s*\)\s*,\s*((?:self\.)?[A-Za-z_]\w*)\.reshape\(\s*\(?\s*1\s*,\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*\)?\s*\)\s*\)",
     r"np.outer(\1, \2)"),
    # ((dLdn * da_dn) * self.r).reshape(-1,1) * self.hidden.reshape(1,-1) (CMU's GRU cell): a bracket made a column
    # times (@ or numpy's broadcasting *) a vector made a row, the outer product
    (r"(?<![\w.])(\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))\.reshape\(\s*\(?\s*-1\s*,\s*1\s*\)?\s*\)\s*[@*]\s*"
     r"((?:self\.)?[A-Za-z_]\w*)\.reshape\(\s*\(?\s*1\s*,\s*-1\s*\)?\s*\)(?![\w.\[])", r"np.outer(\1, \2)"),
    # (dLdn * da_dn).reshape(-1), d.reshape(-1): a vector made one axis is the vector
    (r"(?<=[\w)\]])\.reshape\(\s*[(\[]?\s*-1\s*,?\s*[)\]]?\s*\)", ""),
    # dU[:, x[t]] += delta (WildML's RNN, x a list of word indices): the column of the step's word, the outer product
    # with the one-hot input; U[:, x[t]] read: the weight times the one-hot input x_t (INDEX_INPUTS)
    (r"^(\s*)((?:self\.)?[A-Za-z_]\w*)\[\s*:\s*,\s*(" + "|".join(INDEX_INPUTS) + r")\[\s*(\w+)\s*\]\s*\]\s*\+=\s*(.+?)\s*$",
     r"\1\2 += np.outer(\5, \3[\4])"),
    (r"(?<![\w.])((?:self\.)?[A-Za-z_]\w*)\[\s*:\s*,\s*(" + "|".join(INDEX_INPUTS) + r")\[\s*(\w+)\s*\]\s*\]",
     r"(\1 @ \2[\3])"),
    # wz.T[x_dim:], W.T[a, b]: numpy slices the transpose; the same part is the slice of W, transposed (the reader
    # slices a name before it transposes it)
    (r"(?<![\w.])([A-Za-z_][\w.]*)\.T\[([^\[\],]*)\](?![\[\w(])", r"\1[:, \2].T"),
    (r"(?<![\w.])([A-Za-z_][\w.]*)\.T\[([^\[\],]*),([^\[\],]*)\](?![\[\w(])", r"\1[\3, \2].T"),
    # np.transpose(np.concatenate((a_prev, xt))): the call's value transposed, read as np.concatenate(...).T is
    (r"(?<![\w.])(?:np\.)?transpose\(\s*([A-Za-z_][\w.]*\((?:[^()]|\([^()]*\))*\))\s*\)", r"\1.T"),
    (r"(?<=[A-Za-z0-9])__+(?=[A-Za-z0-9])", "_"),      # middle__mat: a doubled underscore inside a name is one
    # np.hstack((ddi.ravel(), ddf.ravel())): flat vectors joined end to end, one longer vector (a column stack)
    (r"(?<![\w.])(?:np\.|numpy\.)?(?:hstack|concatenate)\(\s*[\[(]((?:\s*[A-Za-z_][\w.]*\.(?:ravel|flatten)\(\)\s*,)+"
     r"\s*[A-Za-z_][\w.]*\.(?:ravel|flatten)\(\)\s*,?\s*)[\])]\s*\)",
     lambda m: "np.vstack((" + re.sub(r"\.(?:ravel|flatten)\(\)", "", m[1]) + "))"),
    # h.reshape(-1, 1), x.reshape((self.d, 1)): an array as a column is the array itself (the reader's vectors are
    # columns; reshape(1, -1), a row, and d.sum(axis=0).reshape(b.shape), another array's shape, are left)
    (r"(?<=[\w)\]])\.reshape\(\s*(?P<c>[(\[])?\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*,\s*1\s*(?(c)[)\]])\s*\)", ""),
    # hidden_states[t].reshape(1, -1) @ W_hidden: a vector made a row to multiply a weight on its right is the vector
    # (the code's layout is rows, x @ W; the reader's code vectors have no orientation)
    (r"(?<=[\w\]])\.reshape\(\s*(?P<c>[(\[])?\s*1\s*,\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*(?(c)[)\]])\s*\)(?=\s*@)", ""),
    # score = x.dot(Wx) + prev_h.dot(Wh) + b.reshape([1, -1]): a bias made a row to be added to a batch's rows is
    # the bias (broadcast over the rows)
    (r"(?<=\+)(\s*(?:self\.)?[A-Za-z_]\w*)\.reshape\(\s*(?P<c>[(\[])?\s*1\s*,\s*-1\s*(?(c)[)\]])\s*\)(?![\w.\[(@*])",
     r"\1"),
    # dby = d_loss.sum(axis=0).reshape(self.by.shape), dbs[i] = delta.sum(axis=0).reshape(dbs[i].shape): a gradient
    # given the shape of its parameter (or its own): the same values
    (r"^(\s*(?:self\.)?d(?P<p>[A-Za-z]\w*)(?P<i>\[[^\[\]]*\])?\s*\+?=(?!=).*?)\.reshape\(\s*(?:self\.)?d?(?P=p)"
     r"(?:\[[^\[\]]*\])?\.shape\s*\)\s*$", r"\1"),
    # np.reshape(self.x, (-1, 1)).transpose(): the same as a function of numpy (the vector as a column, then its row)
    (r"(?<![\w.])(?:np|numpy)\.reshape\(\s*((?:self\.)?[A-Za-z_]\w*)\s*,\s*\(\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*,"
     r"\s*1\s*\)\s*\)(?=\.transpose\(\s*\)|\.T(?!\w))", r"\1"),
    (r"(?<=[\w)\]])\.transpose\(\s*\)", ".T"),        # x.transpose(): x.T
    # _dnext_c (CS182's LSTM: a gradient's temporary beside dnext_c): a name of its own, one token (dnext\_c\_);
    # not an object's attribute (self.attrs._x: a value kept, whose fetch is no formula), a private helper's call,
    # nor a quantity's (numpy-ml's _Gf = Zt @ Wf + bo in the backward pass: a recomputation of the forward's Gf,
    # which read as a name of its own would hold by definition)
    (r"(?<![\w.\\])_((?:d|grad|delta)[A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)(?![\w(])", lambda m: m[1].replace("_", "\\_") + "\\_"),
)

#: Numpy spellings and their plain-text forms (applied in order, before PLAIN_SPELLINGS): the attribute and module
#: prefixes go, a product by np.dot is ``@``, a step's element ``h[t-1]`` is ``h_{t-1}``.
CODE_SPELLINGS = (
    # the gradient a backward function is handed by the outputs, read at step t (_upstream_reads): Delta_t, the
    # loss's gradient reaching the output at t directly
    (r"(?<![\w.\\])" + "UPSTREAM_AT_T" + r"(?![\w(])", r"\\Delta_{t}"),
    # self.wf.v, self.wf.g: a parameter object of the class, its value and its gradient (wf and dwf)
    # (a weight's or a bias's name only: self.state.g is the state's gate g)
    (r"(?<![\w.])self\.([WwUuVvBb][A-Za-z0-9_]*)\.(?:v|value|val|data)(?![\w(\[]|\.(?!T\b))", r"\1"),
    (r"(?<![\w.])self\.([WwUuVvBb][A-Za-z0-9_]*)\.(?:g|grad|d|deriv|gradient)(?![\w(\[]|\.(?!T\b))", r"d\1"),
    (r"\bself\.(?:[a-z_]\w*\.(?=[A-Za-z_]\w*)(?!T\b|newaxis\())*", ""),    # self.params.Wf: the weight Wf (not W.T)
    # SigmoidActivation.forward(z), Tanh.forward(c): a class's static application is the function (its .backward
    # is not read: authors' classes take the output or the input)
    (r"(?<![\w.])(Sigmoid|Tanh)(?:Activation|Layer|Function)?\.forward\(", lambda m: m[1].lower() + "("),
    # LSTM.tanh(c): a static method called by its class (not an array's method: X_out_grad.sum(axis=0), H.dot(W))
    # (a class's name is one word, LSTM or SigmoidLayer: X_out_grad.sum(axis=0), H_in.mean(axis=0) are arrays')
    (r"(?<![\w.])[A-Z][A-Za-z0-9]*\.(?!(?:sum|mean|dot|reshape|copy|ravel|flatten|max|min|astype|transpose|clip|"
     r"squeeze|T)\b)(?=[a-z_]\w*\s*\()", ""),
    # sigmoid.function(x), tanh.derivative(x): an activation written as a class with its function and derivative
    # p.W_f.v, p.W_f.d: a parameter object's value and gradient (a Param class holding v and d), W_f and dW_f
    (r"(?<![\w.])(?:self\.)?[a-z_]\w*\.([A-Za-z_]\w*)\.(?:v|value|val)(?![\w(])", r"\1"),
    (r"(?<![\w.])(?:self\.)?[a-z_]\w*\.([A-Za-z_]\w*)\.(?:d|grad|deriv)(?![\w(])", r"d\1"),
    # mathutils.sigmoid(z), utils.tanh_prime(h): an activation (or its derivative) called from the module defining it
    (r"(?<![\w.])(?!np\.|numpy\.|self\.|torch\.|jnp\.|math\.)[a-z_]\w*\.(?=(?:sigmoid|tanh|softmax|relu|dsigmoid|dtanh)"
     r"\w*\s*\()", ""),
    # TANH(z), Sigmoid(z): the function under a capitalised name (a fence's own loop-by-entry implementation)
    (r"(?<![\w.])(TANH|Tanh|SIGMOID|Sigmoid|SOFTMAX|Softmax)\((?=\s*[^)\s])", lambda m: m[1].lower() + "("),
    (r"(?<![\w.])(sigmoid|tanh)\.(?:function|forward|fn|value|apply|activate|activation)\s*\(", r"\1("),
    (r"(?<![\w.])(sigmoid|tanh)\.(?:derivative|deriv|prime|gradient|grad|backward|df)\s*\(", r"\1'("),
    # tanh_forward_npdl(z), sigmoid_fwd(z); tanh_backward_npdl(z) of one argument: the derivative at z (NPDL)
    (r"(?<![\w.])(sigmoid|tanh)_(?:forward|fwd|activation)(?:_[A-Za-z0-9]+)?\s*\(", r"\1("),
    (r"(?<![\w.])(sigmoid|tanh)_(?:backward|bwd|derivative|deriv|prime)(?:_[A-Za-z0-9]+)?\s*\((?=[^(),]*\))",
     r"\1'("),
    # d_loss_d_h_next, d_h_next_d_z, d_loss_dW: a derivative named by its numerator and denominator (dL/dh_next)
    (r"(?<![\w.])d_([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)_d_?([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)(?![\w(])",
     r"d\1/d\2"),
    # top_diff_h, bottom_diff_s (Caffe's blob names, nicodjimenez's lstm.py): the gradient arriving from above, of the
    # node's own output (dh_next, as CS231n's dnext_h), and the one sent below, to the step before (ds_prev)
    (r"(?<![\w.])top_diff_([A-Za-z][A-Za-z0-9]*)(?![\w(])", r"d\1_next"),
    (r"(?<![\w.])bottom_diff_([A-Za-z][A-Za-z0-9]*)(?![\w(])", r"d\1_prev"),
    (r"(?<![\w.])(?:grad|nabla)_(?=[A-Za-z])", "d"),       # grad_W_hh, nabla_W (\nabla_W L): the gradient, dW_hh
    # hPrev, dhNext, cPrev (camel case): h_prev, dh_next, c_prev
    (r"(?<![\w.])(d?[a-z][a-z0-9]{0,3})Prev(?![\w(])", r"\1_prev"),
    (r"(?<![\w.])(d?[a-z][a-z0-9]{0,3})Next(?![\w(])", r"\1_next"),
    (r"(?<![\w.])([A-Za-z]\w*?)(?:" + "|".join(s for s in GRADIENT_SUFFIXES if len(s) > 2) + r")(?![\w(])", r"d\1"),
    # zgrad, hgrad (mygrad's GRU: the gradient of z, of h): a short name run into "grad", dz and dh
    (r"(?<![\w.])([a-z][a-z0-9]{0,3})grad(?![\w(])", r"d\1"),
    # wi_diff, x_grad (nicodjimenez's lstm.py, TF kernels): dwi, dx
    # np.asarray(M): M itself; dz * np.ones_like(x): dz itself (pangolulu's gates)
    (r"(?<![\w.])(?:np\.)?asarray\(", "("),
    # ddi.ravel(), da[:, np.newaxis], h.reshape(-1, 1): a vector as one axis or as a column is the vector itself
    # (the reader's vectors are columns)
    (r"(?<=[\w\])])\.(?:ravel|flatten)\(\s*\)", ""),
    # (not beside a `*`: v[:, None] * W scales W's rows, a product the reader does not read so)
    (r"(?<![*\w.\]])(\s*)([A-Za-z_][\w.]*)\[\s*:\s*,\s*(?:(?:np|numpy)\.newaxis|None)\s*\](?!\s*\*)", r"\1\2"),
    (r"\s*\*\s*(?:np\.)?ones_like\(\s*[\w.]+\s*\)", ""),
    (r"(?<![\w.])(\d+)\.(?![\w.])", r"\1.0"),        # 1. - values ** 2: the number 1
    (r"(?<![\w.\\])([A-Za-z][A-Za-z0-9]*)_(?![\w{])", r"\1\\_"),    # h_, dh_ (EpyNN: a pre-activation): h\_
    # h_c_x_ (gstechgeek's stacked input): a name of its own, one token (h\_c\_x\_); not a slice's bound
    # (x[:, 0:hidden_layer_], 2*hidden_layer_: the slice reader's sizes)
    (r"(?<![\w.\\:*])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)_(?![\w{(\]:])", lambda m: m[1].replace("_", "\\_") + "\\_"),
    (r"(?<![\w.])(d?)(prev|next)_([A-Za-z][A-Za-z0-9]*)(?![\w(])", r"\1\3_\2"),     # prev_h, dnext_c (CS231n): h_prev
    # current_h, dcurrent_h beside prev_h (a CS231n step written with current for next): the step's value, h_next
    (r"(?<![\w.])(d?)current_([A-Za-z][A-Za-z0-9]*)(?![\w(])", r"\1\2_next"),
    (r"(?<![\w.])_(?=[a-z]+\s*\()", ""),          # self._sigmoid(z): a private helper named as the function
    (r"(?<![\w.])(?!d?(?:next|prev)\b)(d?[a-z][a-z0-9]*?)(next|prev)(?![\w(])", r"\1_\2"),    # dhnext: dh_next
    (r"\b(?:np|numpy|torch|jnp|math)\.(?=[a-z])", ""),
    (r"(?<=[A-Za-z0-9_])\.shape\[\s*(0|1)\s*\]", r".size(axis=\1)"),     # dy.shape[0]: the rows of dy
    # xt, dxt, ft (Coursera's notebooks): the input or a gate's letter run into the step letter is it at step t (not
    # a state's letter: at = ft * a_prev is a code temporary beside a_next)
    (r"(?<![\w.\\])(d?)([xfiogzru])t(?![\w(\[]|\\_)", r"\1\2_{t}"),     # (zt_, a name of its own: kept)
    # c_current, h_curr (beside c_prev): the value at the row's step (one letter: ds_cur, a gradient carried and
    # summed in a loop, is a name of the code)
    (r"(?<![\w.\\])(?!d_)([a-z])_(?:current|curr|cur)(?![\w(\[])", r"\1_{t}"),
    # it_gate, ft_gate (OT1devl's LSTM): the gate's letter at step t, with the word gate after it
    (r"(?<![\w.\\])(d?)([fiogzru])t_gate(?![\w(\[])", r"\1\2_{t}"),
    # z_f[t], c_curr[t-1]: a labelled name's value at a step, z_{f,t} (as z_{f,t} in LaTeX), not z_f_{t}
    (r"(?<![\w.\\])([A-Za-z][A-Za-z0-9]*)_([A-Za-z][A-Za-z0-9]*)" + _STEP_INDEX, _labelled_step),
    # h_h_p[t] (guide2dl's GRU: the pre-activation of h_h): letters, the label h_p, h_{h\_p,t} (not a name of words,
    # tanh_cell_states[t], which is read whole)
    (r"(?<![\w.\\])([A-Za-z][A-Za-z0-9]?)_([A-Za-z][A-Za-z0-9]?_[A-Za-z0-9])" + _STEP_INDEX, _labelled_step),
    # h[t], x[:, t] (a batch of sequences), xs[:, t, :] (batch, time, features), a[:, :, t] (Coursera's (n, m, T)),
    # s[:, t-1] (MATLAB's s(:,t-1)), h[t + 1]: the value at that step
    (r"(?<=[A-Za-z0-9_])" + _STEP_INDEX, lambda m: f"_{{{m['t']}{m['sign'] or ''}{m['n'] or ''}}}"),
)

#: A library's name of an activation or of its derivative (``tanh_forward_npdl``, ``sigmoid_bwd``): spelled as the
#: function (CODE_SPELLINGS), never inlined from a body the fence gives it.
_LIBRARY_ACTIVATION = re.compile(r"(?:sigmoid|tanh)_(?:forward|fwd|activation|backward|bwd|derivative|deriv|prime)"
                                 r"(?:_[A-Za-z0-9]+)?$")


#: numpy's calls that are an operator of the math (``np.dot(W, np.multiply(r, h))`` is ``W @ (r * h)``): a function
#: of two arrays -> the operator between them; ``square``: a power; ``copy``: the value itself. Methods (``a.dot(b)``,
#: ``x.copy()``) are read the same way.
CODE_OPERATOR_CALLS = {"dot": "@", "matmul": "@", "multiply": "*", "add": "+", "subtract": "-", "divide": "/",
                       "true_divide": "/", "square": "**2", "copy": "", "outer": ".T", "sum": "\\sum",
                       "power": "**", "tensordot": "@", "transpose": "^T", "squeeze": ""}
_OPERATOR_CALL = re.compile(r"(?<![\w.])(?:(?:np|numpy|jnp|torch)\.(?P<fn>" + "|".join(CODE_OPERATOR_CALLS) + r")"
                            r"|(?<![\w.])(?P<bare>dot|matmul)(?=\s*\([^()]*,))\s*\("
                            r"|(?<=[\w)\]])\.(?P<method>dot|matmul|copy)\s*\(")
_ATOM = re.compile(r"\s*[\w.]+(?:\[[^\[\]]*\])*\s*")


def _operator_calls(line: str, depth: int = 0) -> str:
    """The line with numpy's operator calls (CODE_OPERATOR_CALLS) written as the operators, innermost first; a
    call whose brackets do not close on the line, or with other arguments than the operator takes, is left."""
    if depth > 8 or depth == 0 and sum(1 for _ in itertools.islice(_OPERATOR_CALL.finditer(line), 65)) > 64:
        return line         # (a line of more than 64 calls is no formula: left as it is, in linear time)
    out, pos = "", 0
    for m in _OPERATOR_CALL.finditer(line):
        if m.start() < pos:
            continue
        j = _call_end(line, m.end())
        if j is None:
            return line
        raw = split_outside(line[m.end():j - 1])
        fn = m["fn"] or m["bare"]      # (dot(x, w_z): numpy's dot imported by name, or a library's own)
        op = CODE_OPERATOR_CALLS[fn] if fn else None
        if fn == "tensordot":       # np.tensordot(W, x, 1), axes=1: the last axis of one with the first of the other
            if len(raw) != 3 or not re.fullmatch(r"\s*(?:axes\s*=\s*)?1\s*", raw[2]):
                out, pos = out + line[pos:m.end()], m.end()
                continue
            raw = raw[:2]
        wanted = (0 if m["method"] == "copy" else 1) if m["method"] else 1 if op in ("", "**2", "\\sum", "^T") else 2
        if len(raw) != wanted and not (m["method"] == "copy" and raw == [""]):
            out, pos = out + line[pos:m.end()], m.end()     # not the operator's arguments: read on inside it
            continue
        args = [_operator_calls(a, depth + 1) for a in raw]      # (each argument once: linear in the nesting)
        args = [a if _ATOM.fullmatch(a) else f"({a.strip()})" for a in args]
        if m["method"]:
            start = _receiver_start(line, m.start(), pos)
            recv = line[start:m.start()]
            if m["method"] == "copy" and line[m.end():j - 1].strip() == "":
                out += line[pos:m.start()]
            elif m["method"] != "copy" and len(args) == 1:
                out += line[pos:start] + f"({recv} @ {args[0].strip()})"
            else:
                out, pos = out + line[pos:m.end()], m.end()
                continue
        else:
            op = CODE_OPERATOR_CALLS[fn]
            if op == "^T" and len(args) == 1:            # np.transpose(d * act')
                out += line[pos:m.start()] + f"({args[0].strip()}).T"
            elif op == "\\sum" and len(args) == 1:          # np.sum(v): the sum of its entries
                out += line[pos:m.start()] + f"\\sum ({args[0].strip()})"
            elif op in ("", "**2") and len(args) == 1:
                out += line[pos:m.start()] + (f"{args[0].strip()}" if op == "" else f"{args[0].strip()} ** 2")
            elif op == ".T" and len(args) == 2:        # np.outer(a, b): a_i b_j, whichever way the reader lays
                out += line[pos:m.start()] + f"({args[0].strip()} \\otimes {args[1].strip()})"    # vectors out
            elif op not in ("", "**2", ".T", "\\sum") and len(args) == 2:
                out += line[pos:m.start()] + f"({args[0].strip()} {op} {args[1].strip()})"
            else:           # np.sum(d, axis=0): left to the spellings (its inner calls are still read)
                out, pos = out + line[pos:m.end()], m.end()
                continue
        pos = j
    return out + line[pos:]


def _receiver_start(line: str, end: int, floor: int) -> int:
    """Where the object of a method call ending at ``end`` starts (``W.T`` in ``x + W.T.dot(d)``, ``(a + b)`` in
    ``(a + b).dot(c)``), not before ``floor``."""
    k = end
    while k > floor:
        ch = line[k - 1]
        if ch.isalnum() or ch in "_.":
            k -= 1
        elif ch in ")]":
            close, open_ = ch, "(" if ch == ")" else "["
            level = 0
            while k > floor:
                k -= 1
                level += {close: 1, open_: -1}.get(line[k], 0)
                if level == 0:
                    break
        else:
            break
    return k


#: The functions a numpy statement may call and still be a formula (others, ``zeros_like``, ``split``, ``copy``,
#: ``range``, build or move arrays: the statement is code, not read).
CODE_CALLS = ("tanh", "sigmoid", "sigma", "expit", "exp", "otimes", "log", "softmax", "sum", "size", "sqrt", "relu", "dtanh", "dsigmoid",
              "diag", "outer", "mean", "abs", "sech", "cosh", "sinh", "newaxis")

_FENCE = re.compile(r"(?m)^(?P<indent>[ \t]{0,8})(?P<tick>```+|~~~+)[ \t]*(?P<lang>[A-Za-z0-9_+-]*)[^\n]*\n"
                    r"(?P<body>.*?)^[ \t]*(?P=tick)[ \t]*$", re.S)

#: A word that starts a remark in parentheses (not a function applied to its argument).
_FUNCTIONS = ("tanh", "sigmoid", "sigma", "softmax", "exp", "log", "diag", "relu", "sum", "mean", "max", "min",
              "dtanh", "dsigmoid", "sech", "abs", "sqrt", "np")
#: Short words a remark in brackets may start with (``(or learned initialization)``, ``(if t < T)``), before a word.
REMARK_SHORT_WORDS = ("or", "if", "as", "in", "on", "at", "by", "of", "to", "is", "no", "eg", "ie")
_REMARK = re.compile(r"(?<![A-Za-z0-9_)\]}'(])\(\s*(?P<word>[A-Za-z]{3,}|(?:" + "|".join(REMARK_SHORT_WORDS) +
                     r")(?=\s+[A-Za-z]))(?=[\s,:;)\-])[^()@*+^\\]*(?:\([^()]*\)[^()@*+^\\]*)*\)")
#: The end of a line's text where the bracket after it is an operand (``y * (hminus - tanh(C))``), not a remark.
_OPERAND_BEFORE = re.compile(r"[*/@]\s*$")
#: A bracket that is a difference of two names (``(tanha - h_prev)``), not a remark in words.
_NAME_DIFFERENCE = re.compile(r"\(\s*[A-Za-z_][\w.]*\s*-\s*[A-Za-z_][\w.]*\s*\)")
#: A name, a subscript, a derivative written dL/dx or ∂L/∂x: a left side a row may have.
_SCRIPTS = "\u2070-\u209c\u00b9\u00b2\u00b3\u1d40\u1d4f\u1d57\u02b2\u1d62-\u1d6a\u2c7c"    # hₜ₋₁, h⁽ᵗ⁾
_LEFT = re.compile(r"^\s*(?:d?[A-Za-z\u2202\u03b4\u0394\u2207\u0177][A-Za-z0-9_{}\-+,'\\^\u2202\u1d40\u0302\u0303\u0304"
                   r"\u27e8\u27e9\u0177" + _SCRIPTS + r"]*(?:\([tk](?:\s*[+-]\s*\d)?\))?"     # a(t) = ... (MATLAB's)
                   r"(?:\s*/\s*[d\u2202][A-Za-z0-9_{}\-+,'\\^\u1d40\u0302\u0303\u0304\u27e8\u27e9" + _SCRIPTS + r"]+)?\s*)$")
_IDENT = re.compile(r"(?<![A-Za-z0-9_\\])([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)(?![A-Za-z0-9_{(])")
#: "where" before a statement, in the languages of the notes read: ``donde a_t = W_hh·h_{t-1} + ...``.
_LEAD_WORD = re.compile(r"^\s*(?:where|with|and|donde|con|onde|com|où|avec|wobei|mit|wo|gdzie|где|với|trong đó)\s+(?=\S+\s*=)|^\s*(?:其中|这里|此处|ここで|여기서)\s*(?=\S+\s*=)",
                        re.I)
#: A derivative written with slashes: ``dL/dW_hh``, ``∂L/∂h_t``.
_SLASH_D = re.compile(r"(?<![A-Za-z0-9_\\])(d|\u2202)((?:\\(?:hat|tilde|bar)\{[A-Za-z]\}|[A-Za-z][A-Za-z0-9]*)(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
                      r"(?:\^\{[^{}]*\})?)"          # dL/dh^{(t)} (h⁽ᵗ⁾): the superscript is the name's
                      r"\s*/\s*(d|\u2202)((?:\\(?:hat|tilde|bar)\{[A-Za-z]\}|[A-Za-z][A-Za-z0-9]*)(?:_\{[^{}]*\}|_[A-Za-z0-9]+)?"
                      r"(?:\^\{[^{}]*\})?)"
                      r"(?![A-Za-z0-9_{.(\[])")      # (not do_pre / do_t.shape[0]: a division by a size)
#: A code name of a weight with its labels run together: ``Wx_f``, ``dWh_k`` (W_{xf}, dW_{hk}).
_CODE_WEIGHT = re.compile(r"(?<![A-Za-z0-9_\\])(d?)([A-Z])([a-z]{1,3})_([a-z0-9]{1,3})(?![A-Za-z0-9_{(])")
#: A weight or bias whose label is run into its letter (Karpathy's Wxh, Whh, Why; Coursera's Waa, Wax, Wya, ba, by;
#: a gate's Wf, bf; a bias's capital, Br, Bz; a recurrent weight, Rz):
#: ``W_{xh}``, ``b_{a}``, as the same text's LaTeX rows write them.
#: Greff et al.'s recurrent weights R_z, R_i, R_f, R_o typed Rz, Ri, Rf, Ro: a gate's letter only.
_RUN_WEIGHT = re.compile(r"(?<![A-Za-z0-9_\\])(d?)(?:([WUV])([a-z]{2}|[ahoyxfigcuzrvsn])|([bBR])([ahoyxfigcuzrvsn]))(?![A-Za-z0-9_{(]|\\_)")
_NUMBERS_ONLY = re.compile(r"^[\s\d.,\-+\[\]()eE]+$")
_CODE_WORDS = re.compile(r"^\s*(?:for|if|elif|else|while|return|def|import|from|print|class|with|assert)\b")
#: A numerical safeguard nudging a value in place (``x += 1e-12`` before ``np.exp(x)``, ``p -= 1e-8``): no row; the
#: value is read as it was (as cell/stabilizers.py reads an \epsilon added in a loss).
_SAFEGUARD_NUDGE = re.compile(r"^\s*[A-Za-z_][\w.]*\s*[-+]=\s*(?:\d+(?:\.\d*)?[eE]-(?:[5-9]|\d\d)|0\.0{4,}\d+)\s*$")
#: A value multiplied in place by a padding or dropout mask (``dtheta_flat *= mask_flat[:, None]``): no row. The
#: reader reads one whole sequence (a mask of ones), where the value stays as it was.
_MASKED = re.compile(r"^\s*[A-Za-z_][\w.]*\s*\*=\s*\(?\s*(?:self\.)?[A-Za-z_]*mask[\w.]*(?:\[[^\]]*\]|\([^()]*\))*\s*\)?"
                     r"\s*$", re.I)


#: A stacking call on two to eight operands without brackets: ``np.vstack([h_prev, x_t])``, ``np.concatenate((a, x),
#: axis=0)``, ``np.concatenate([r * h_prev, x])``.
_STACK_CALL = re.compile(r"\b(?:np\.|numpy\.)?(?P<fn>vstack|row_stack|concatenate|hstack|column_stack)\(\s*[\[(]"
                         r"(?P<items>[\w. *+\-/@{}]+(?:,[\w. *+\-/@{}]+){1,7}),?\s*[\])]\s*(?:,\s*axis\s*=\s*(?P<axis>-?\d))?\s*\)")
#: A slice of a name by whole numbers and size words along one axis: ``dhx[:self.d_h]``, ``dz[2*H:3*H]``,
#: ``dconcat[:, :input_dim]`` (every row), ``dconcat[self.hidden_size:, :]`` (every column).
_CODE_SLICE = re.compile(r"(?<=[\w)])\[(?P<before>\s*:\s*,)?(?P<lo>[\w*+ ]*):(?P<hi>[\w*+ ]*)(?P<after>,\s*:\s*)?\]")


def _stacked(m) -> str:
    r"""The LaTeX of a stacking call (_STACK_CALL): a column ``\begin{bmatrix} a \\ b \end{bmatrix}`` for vstack
    and concatenate along axis 0 (numpy's vectors are one axis: concatenated, a longer column), a row of blocks for
    hstack and concatenate along axis 1."""
    items = [x.strip() for x in split_outside(m["items"]) if x.strip()]     # (enc_{ht,t-1}: one item)
    across = m["fn"] in ("hstack", "column_stack") and m["axis"] is None or m["axis"] in ("1", "-1")
    return r" \begin{bmatrix} " + (" & " if across else r" \\ ").join(items) + r" \end{bmatrix} "


#: A function a fence defines: ``def sigmoid_grad(x):`` (a method's ``self`` first is skipped) on one line.
_DEF = re.compile(r"^(?P<indent>\s*)def\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?:self\s*,\s*)?(?P<param>[A-Za-z_]\w*)"
                  r"\s*(?::\s*[\w.\[\], ]+)?\)"          # (a type hint: def sig(inp: np.ndarray) -> np.ndarray:)
                  r"\s*(?:->\s*[\w.\[\], ]+)?:\s*$")
#: Functions the reader knows by their names: a fence's own definition of them is not put in their place.
_KNOWN = ("tanh", "sigmoid", "sigma", "exp", "log", "softmax", "sum", "sqrt", "relu", "diag", "outer", "mean", "abs",
          "cosh", "sinh")
#: Bounds on the helpers a fence defines: how many, how long one's formula may grow, how deep calls nest.
MAX_HELPERS, MAX_HELPER_CHARS, MAX_HELPER_DEPTH = 40, 600, 3
#: A helper's body has at most this many lines, and a local value at most this many characters once its names
#: are put in (:func:`_returned_formula`).
MAX_HELPER_LINES, MAX_LOCAL_CHARS = 40, 4000
#: A function of two to six arguments (``def loss_func(pred, target):``, ``def gate(self, wh, wx, b, h_pre, x,
#: activate):``), type hints allowed, no defaults.
_DEF_MANY = re.compile(r"^(?P<indent>\s*)def\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?:self\s*,\s*)?"
                       r"(?P<params>[A-Za-z_]\w*\s*(?::\s*[\w.\[\] ]+)?(?:\s*,\s*[A-Za-z_]\w*\s*(?::\s*[\w.\[\] ]+)?){1,5})"
                       r"\s*\)\s*(?:->\s*[\w.\[\], ]+)?:\s*$")
_LAMBDA = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*lambda\s+(?P<param>[A-Za-z_]\w*)\s*:(?P<formula>.+)$")
#: A function of one argument defined on one line: ``def tanh_f(x): return np.tanh(x)``.
_DEF_ONE_LINE = re.compile(r"^\s*def\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?P<param>[A-Za-z_]\w*)\s*(?::\s*[\w.\[\], ]+)?\)"
                           r"\s*(?:->\s*[\w.\[\], ]+)?:\s*return\s+(?P<formula>.+)$")
#: A function with a switch for its derivative (``def tanh(x, derv=False):``, iamtrask's ``def nonlin(x,
#: deriv=False):``): one argument and a flag that defaults to False.
FLAG_DEF = re.compile(r"^(?P<indent>\s*)def\s+(?P<name>[A-Za-z_]\w*)\s*\(\s*(?:self\s*,\s*)?(?P<param>[A-Za-z_]\w*)"
                      r"\s*,\s*(?P<flag>[A-Za-z_]\w*)\s*=\s*False\s*\)\s*:\s*$")
#: The test of such a flag (``if derv:``, ``if(deriv==True):``, ``if not deriv:``), the branch's return on its
#: line or below.
_FLAG_TEST = r"if\s*\(?\s*(?P<neg>not\s+)?{flag}\s*(?:==\s*True|is\s+True)?\s*\)?\s*:\s*(?:return\s+(?P<inline>.+))?$"


#: A step's values kept as one tuple: ``io.append((X[t], h, z, r, v))`` in a forward loop.
_TUPLE_APPEND = re.compile(r"^\s*(?:self\.)?[A-Za-z_]\w*\.append\(\s*\((?P<items>[^()]*)\)\s*\)\s*$")
#: The tuple unpacked at a step: ``xt, ht, zt, rt, vt = inp[t]``.
_TUPLE_FETCH = re.compile(r"^(?P<indent>\s*)(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=\s*(?:self\.)?"
                          r"[A-Za-z_]\w*\[\s*t\s*\]\s*$")
_STEP_ITEM = re.compile(r"[A-Za-z_]\w*(?:\[\s*t\s*\])?")


def step_tuples(bodies: list) -> dict:
    """{arity: items} of the tuples a forward loop over t keeps at each step (``io.append((X[t], h, z, r, v))``),
    each item as the loop reads it there: a name the loop assigns only below the append is the value of the step
    before (``h_prev``: the append keeps the state the step started from), one assigned above it the step's own;
    ``X[t]`` the input at the step. Only arities kept by one such tuple in the fences, every item such a name."""
    found = {}
    for body in bodies:
        lines = _logical_lines(body.split("\n"))
        for k, line in enumerate(lines):
            if _FOR_RANGE.match(line) is None:
                continue
            block = _block(lines, k)
            for j in block:
                m = _TUPLE_APPEND.match(lines[j])
                if m is None:
                    continue
                items = [x.strip() for x in m["items"].split(",") if x.strip()]
                if len(items) < 2 or not all(_STEP_ITEM.fullmatch(x) for x in items):
                    continue
                out = []
                for x in items:
                    assigned = [i for i in block if re.match(rf"\s*{re.escape(x)}\s*=(?!=)", lines[i])]
                    out.append(x if "[" in x or not assigned or min(assigned) < j else f"{x}_prev")
                found.setdefault(len(items), []).append(tuple(out))
    return {n: ts[0] for n, ts in found.items() if len(set(ts)) == 1}


#: A name bound to what a file holds: ``data = np.load(file_name)``, ``with np.load(f) as data:``, pickle's, torch's.
_LOAD = re.compile(r"^\s*(?:(?P<name>[A-Za-z_]\w*)\s*=\s*|with\s+)(?:np|numpy|pickle|json|torch|joblib)\.load\w*\("
                   r"[^\n]*?(?:\)\s*as\s+(?P<as>[A-Za-z_]\w*)\s*:)?\s*$")


#: A name given its own value as a column: ``self.x = self.x.reshape((self.d, 1))``, ``h = np.reshape(h, (-1, 1))``,
#: ``self.x_t = self.x_t.reshape((self.x_t.shape[0], 1))``
#: (not as a row, ``self.x.reshape(1, -1)``: the code's layout then is rows).
_SELF_RESHAPE = re.compile(r"^\s*(?P<name>(?:self\.)?[A-Za-z_]\w*)\s*=\s*(?:(?P=name)\.reshape\(|(?:np|numpy)\.reshape"
                           r"\(\s*(?P=name)\s*,)\s*(?P<c>\()?\s*(?:-1|(?:self\.)?[A-Za-z_][\w.]*(?:\[\s*\d\s*\])?)\s*,\s*1\s*(?(c)\))\s*\)\s*$")


def _self_reshapes(lines: list) -> list:
    """The lines with each statement that only gives a name its own value as a column blanked (11-785's GRU
    backward: ``self.hidden = self.hidden.reshape((self.h, 1))``): no formula, and no new value of the name (the
    reader's vectors are columns); and ``h_prev_t`` written ``h_prev`` (:data:`_PREV_T`)."""
    return ["" if _SELF_RESHAPE.match(line) else _PREV_T.sub(r"\1_prev", line) for line in lines]


#: A vector of a function given its own value as a row: ``self.x = self.x.reshape(1, -1)`` (CMU 11-785's GRU backward:
#: "derivatives are row vectors and actuals are column vectors").
_ROW_RESHAPE = re.compile(r"^\s*(?P<name>(?:self\.)?[a-z_]\w*)\s*=\s*(?P=name)\.reshape\(\s*(?P<c>\()?\s*1\s*,\s*(?:-1|"
                          r"(?:self\.)?[A-Za-z_]\w*)\s*(?(c)\))\s*\)\s*$")
#: Names that are no vector of the cell in such a function: modules, keywords of calls, constants.
_NOT_VECTORS = frozenset({"np", "numpy", "math", "self", "axis", "dtype", "keepdims", "out", "True", "False", "None",
                          "range", "len", "print", "return", "for", "in", "if", "else", "not", "and", "or"})
_VECTOR_NAME = re.compile(r"(?<![\w.])(?P<self>self\.)?(?P<name>[A-Za-z_]\w*)(?P<after>\.T(?!\w)|\.(?=[A-Za-z_]\w*\s*\()|"
                          r"\.(?=[A-Za-z_])|(?=\s*\())?")


def _as_rows(line: str) -> str:
    """``line`` with every vector name written as its transpose (``delta`` as ``delta.T``, ``dr.T`` as ``dr``): the
    line as the reader's columns hold it, in a function that made its vectors rows (:func:`_row_functions`)."""
    def put(m):
        name, after = m["name"], m["after"]
        if name in _NOT_VECTORS or name in LEARNING_RATE_NAMES or name == "learning_rate" or name[0].isupper() or \
                re.match(r"d_?[A-Z]", name) or (after not in (None, ".T") and not re.match(r"(?:dot|sum)\b", line[m.end():])):
            return m.group()            # a matrix (W, dW), a module, a call, an attribute (x.shape)
        if after == ".T":
            return (m["self"] or "") + name
        return (m["self"] or "") + name + ".T" + (after or "")     # (dz.dot(W): dz.T.dot(W))
    out = _VECTOR_NAME.sub(put, line)
    m = re.match(r"^(?P<lhs>\s*(?:self\.)?[A-Za-z_]\w*)\.T\s*(?P<op>[-+*/]?=)(?!=)\s*(?P<rhs>.+?)\s*$", out)
    if m is not None:           # dz.T = delta.T * (h.T - n.T): dz = (delta.T * (h.T - n.T)).T, a column
        out = f"{m['lhs']} {m['op']} ({m['rhs']}).T"
    return out


def _row_functions(lines: list) -> list:
    """The lines of each function that makes the cell's 1-D vectors rows (``self.x = self.x.reshape(1, -1)``, in a
    backward method whose forward wrote ``W @ x``) with the rows' names read as the transposes of the reader's
    columns from there on (numpy's 1-D vectors beside such rows broadcast as rows too), the reshapes no rows:
    ``dz = delta * (h - n)`` is ``dz.T = delta.T * (h.T - n.T)``, ``dx = dz.dot(Wzx)`` is ``dx.T = dz.T @ Wzx``,
    ``dWrx = np.dot(dr.T, x)`` is ``dr @ x.T``."""
    out = list(lines)
    for k, line in enumerate(lines):
        if not re.match(r"\s*def\s", line):
            continue
        body = _block(lines, k)
        first = next((j for j in body if _ROW_RESHAPE.match(lines[j])), None)
        if first is None:
            continue
        for j in body:
            if j < first or not lines[j].strip() or \
                    re.match(r"\s*(?:#|(?:return|for|while|if|elif|else|with|def|class|assert|raise)\b|print\()", lines[j]):
                continue
            out[j] = "" if _ROW_RESHAPE.match(lines[j]) else _as_rows(_AS_ROW.sub("", lines[j]))
    return out


#: A value made a row in a function whose vectors are rows (``(dh * self.h_act.derivative()).reshape(1, -1)``):
#: the row it already is there (:func:`_row_functions`).
_AS_ROW = re.compile(r"(?<=[\w)\]])\.reshape\(\s*(?P<c>\()?\s*1\s*,\s*(?:-1|(?:self\.)?[A-Za-z_]\w*)\s*(?(c)\))\s*\)")


#: A name the code writes with both the time word and the step (``h_prev_t``, ``dh_prev_t``: 11-785's GRU cell):
#: the state before, ``h_prev`` (rewritten before the reader's own carried names, which it spells so too).
_PREV_T = re.compile(r"(?<![\w.])(d?[A-Za-z][A-Za-z0-9]*)_prev_t(?![\w(\[])")


def _loaded_reads(lines: list) -> list:
    """The lines with the statements that read from what a file holds (``self.w_rx = data["arr_0"]`` after ``data
    = np.load(f)``) blanked: parameters restored from storage, no formula of the cell (read as one, ``w_rx =
    arr_0`` would rename the weight after the file's key)."""
    names = {m["name"] or m["as"] for m in map(_LOAD.match, lines) if m is not None and (m["name"] or m["as"])}
    if not names:
        return lines
    pattern = re.compile(r"=(?!=)\s*(?:" + "|".join(map(re.escape, sorted(names))) + r")\s*\[")
    return ["" if pattern.search(line) else line for line in lines]


def _fetched_tuples(lines: list, tuples: dict) -> list:
    """The lines with a step's tuple unpacked under names of its own (``xt, ht, zt, rt, vt = inp[t]``, step_tuples)
    read as the items the forward loop kept (``X[t]``, ``h_prev``, ``z``, ...) in the rest of the loop, the
    unpacking itself no formula. Names the loop assigns again are left."""
    if not tuples:
        return lines
    out = list(lines)
    for k, line in enumerate(lines):
        m = _TUPLE_FETCH.match(line)
        names = [x.strip() for x in m["names"].split(",")] if m is not None else []
        if not names or len(names) not in tuples:
            continue
        loop = next((i for i in range(k - 1, -1, -1) if lines[i].strip() and _indent(lines[i]) < _indent(line)), None)
        if loop is None:
            continue
        rest = [j for j in _block(lines, loop) if j > k]
        alias = {a: b for a, b in zip(names, tuples[len(names)]) if a != b and not any(
            re.match(rf"\s*{re.escape(a)}\s*[-+*/]?=(?!=)", lines[j]) for j in rest)}
        if not alias:
            continue
        pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(alias, key=len, reverse=True))) +
                             r")(?![\w(\[])")
        out[k] = ""
        for j in rest:
            out[j] = pattern.sub(lambda n: alias[n[1]], out[j])
    return out


def flag_branches(lines: list, k: int):
    """(flag, {line: (formula, derivative?)}) of the function with a derivative switch defined on logical line
    ``k`` (:data:`FLAG_DEF`): its body tests the flag and returns one formula when it is set and another when not
    (``s = 1 / (1 + np.exp(-x)); if derv: return s * (1 - s); return s``, its straight-line assignments put into
    both), each keyed by the line of its ``return``; a derivative branch of ``pass`` leaves the function's formula
    alone; None for any other body (a loop, a second branch, an assignment inside a branch)."""
    m = FLAG_DEF.match(lines[k])
    if m is None:
        return None
    param, flag = m["param"], m["flag"]
    test = re.compile(_FLAG_TEST.format(flag=re.escape(flag)))
    values, out, pending, branch, skipped = {}, {}, None, None, 0
    for j in _block(lines, k):
        st = lines[j].strip()
        if re.match(r"^[rRbBuU]?[\"']", st):      # (a docstring line)
            continue
        t, r = test.match(st), re.match(r"^return\s+(.+)$", st)
        a = re.match(r"^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$", st)
        if t is not None and branch is None:
            branch = not t["neg"]
            if t["inline"]:
                out[j] = (_put_values(t["inline"], values), branch)
            else:
                pending = branch
        elif r is not None and pending is not None:
            out[j], pending = (_put_values(r[1], values), pending), None
        elif st == "pass" and pending is not None and not skipped:
            pending, skipped = None, 1          # if derivative: pass (no derivative given): the function alone
        elif re.fullmatch(r"else\s*:\s*(?:return\s+(?P<r>.+))?", st) and branch is not None and \
                len(out) + skipped == 1:
            e = re.fullmatch(r"else\s*:\s*return\s+(.+)", st)
            if e is not None:
                out[j] = (_put_values(e[1], values), not branch)
            else:
                pending = not branch
        elif r is not None and branch is not None and len(out) + skipped == 1:
            out[j] = (_put_values(r[1], values), not branch)
        elif a is not None and branch is None and a[1] not in (param, flag):
            values[a[1]] = _put_values(a[2], values)
        elif not _SAFEGUARD_NUDGE.match(st):          # (x += 1e-12: the value as it was)
            return None
    if skipped and len(out) == 1 and not next(iter(out.values()))[1]:
        return flag, out
    if len(out) != 2 or sorted(d for _, d in out.values()) != [False, True]:
        return None
    return flag, out


def code_helpers(bodies: list) -> dict:
    """{name: (parameter, formula)} of the functions the numpy fences define as a formula (parameters, a tuple,
    for a function of two to four arguments that only returns a formula: ``def loss_func(pred, target): return
    -np.sum(target * np.log(pred))``)
    (``def tanh_grad(x):  t = LSTM.tanh(x);  return 1.0 - t * t``: its straight-line assignments put into its
    return), for :func:`_inline_helpers`. A function whose body does anything else (a branch, a loop, an
    attribute or element assigned) is not one; nor one named like a function the reader knows
    (``sigmoid``: read as the sigmoid whatever its code)."""
    helpers = {}
    for body in bodies:
        lines = _logical_lines(body.split("\n"))
        for k, line in enumerate(lines):
            m = _LAMBDA.match(line) or _DEF_ONE_LINE.match(line)     # sigmoid_prime = lambda x: ..., def f(x): return ...
            if m is not None and m["name"].lstrip("_") not in _KNOWN and len(helpers) < MAX_HELPERS and \
                    len(m["formula"]) <= MAX_HELPER_CHARS and not re.search(r"[\"'\[\]]|\b(?:if|for|lambda)\b",
                                                                             m["formula"]):
                helpers[m["name"]] = (m["param"], _known_body(m["param"], m["formula"].strip()))
                continue
            flagged = flag_branches(lines, k)
            if flagged is not None and len(helpers) < MAX_HELPERS - 1:
                # def tanh(x, derv=False): tanh(c, derv=True) is the derivative's formula on c (_flag_calls), and
                # a call without the switch is the function's formula (or the function its name says)
                f, (flag, branches) = FLAG_DEF.match(line), flagged
                for formula, derivative in branches.values():
                    if len(formula) > MAX_HELPER_CHARS or re.search(r"[\"'\[\]]|\b(?:if|for|lambda)\b", formula):
                        break
                    if derivative:
                        helpers[f"{FLAG_CALL}{flag}{FLAG_CALL}{f['name']}"] = (f["param"], formula)
                    elif f["name"].lstrip("_").lower() not in _KNOWN:
                        helpers[f["name"]] = (f["param"], _known_body(f["param"], formula))
                continue
            m = _DEF.match(line) or _DEF_MANY.match(line)
            if m is None or m["name"].lstrip("_").lower() in _KNOWN or len(helpers) >= MAX_HELPERS:
                continue
            params = _def_params(m)
            if _LIBRARY_ACTIVATION.match(m["name"]) and len(params) != 1:
                continue            # (tanh_backward(dout, cache): read as the function its name says, CODE_SPELLINGS;
                #                    tanh_derivative(x): 1 - np.tanh(x)**2, its body says at what it is taken)
            formula = _returned_formula(lines, k, params)
            if len(params) > 1 and (formula is None or "self." in formula or any(
                    not re.match(r"return\b|[rRbBuU]?[\"']", lines[j].strip()) for j in _block(lines, k))):
                continue        # (a function of the cell's steps, or reading the model's weights, states the cell)
            if formula is not None and len(formula) <= MAX_HELPER_CHARS and \
                    not re.search(r"[\"'\[\]]|\b(?:if|for|lambda)\b|\bself\.(?![A-Za-z_]\w*\s*\()", formula):
                # (Tanh's backward(self, dout): dout * (1.0 - self.output ** 2) reads the object's kept output: a
                # method of its object, read at its calls, no helper; an LSTM's own backward is not its body)
                helpers[m["name"]] = (params[0], _known_body(params[0], formula)) if len(params) == 1 else \
                    (params, formula)
    return helpers


#: How a helper's derivative branch is kept among the helpers: ``__flag__derv__tanh`` (no name of code has it).
FLAG_CALL = "__flag__"


def _flag_calls(line: str, helpers: dict) -> str:
    """The line with each call that sets a helper's derivative switch (``tanh(c, derv=True)``, ``nonlin(l1,
    True)``, ``nonlin(l1, deriv=True)``) written as a call of the helper's derivative branch, which
    :func:`_inline_helpers` then puts in its place; ``tanh(c, derv=False)`` is the plain call."""
    flags = {}
    for key in helpers:
        if key.startswith(FLAG_CALL):
            flag, _, name = key[len(FLAG_CALL):].partition(FLAG_CALL)
            flags[name] = flag
    if not flags:
        return line
    pattern = re.compile(r"(?<![\w.])(?:self\.|[A-Z]\w*\.)?(" + "|".join(map(re.escape, flags)) + r")\s*\(")
    out, pos = "", 0
    for m in pattern.finditer(line):
        if m.start() < pos:
            continue
        j = _call_end(line, m.end())
        if j is None:
            return line
        args = split_outside(line[m.end():j - 1])
        if len(args) != 2:
            continue
        switch = re.fullmatch(rf"\s*(?:{re.escape(flags[m[1]])}\s*=\s*)?(True|False|1|0)\s*", args[1])
        if switch is None:
            continue
        on = switch[1] in ("True", "1")
        name = f"{FLAG_CALL}{flags[m[1]]}{FLAG_CALL}{m[1]}" if on else m[1]
        out += line[pos:m.start()] + f"{name}({args[0].strip()})"
        pos = j
    return out + line[pos:]


def _def_params(m) -> tuple:
    """The parameter names of a ``_DEF`` or ``_DEF_MANY`` match (type hints dropped)."""
    if "params" not in m.re.groupindex:
        return (m["param"],)
    return tuple(x.split(":")[0].strip() for x in _params(m["params"]))


def _returned_formula(lines: list, k: int, params) -> str | None:
    """What the function defined on logical line ``k`` returns, its straight-line assignments of local names put
    into its ``return``; None when its body does anything else (a branch, a loop, a parameter, an attribute or an
    element assigned, a statement after the return). Docstrings before the return are skipped."""
    values, formula = {}, None
    body = _block(lines, k)
    if len(body) > MAX_HELPER_LINES:
        return None         # (a helper is a few lines: a long function is no formula of one)
    for j in body:
        st = lines[j].strip()
        if formula is not None:
            return None
        if re.match(r"^[rRbBuU]?[\"']", st):      # (a docstring line)
            continue
        r = re.match(r"^return\s+(.+)$", st)
        a = re.match(r"^([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$", st)
        if r is not None:
            formula = _put_values(r[1], values)
        elif a is not None and a[1] not in params:
            values[a[1]] = _put_values(a[2], values)
            if len(values[a[1]]) > MAX_LOCAL_CHARS:
                return None     # (v = t * t, w = v * v, ...: a value that doubles at each line)
        elif not _SAFEGUARD_NUDGE.match(st):          # (x += 1e-12: the value as it was)
            return None
    return formula


#: Bodies of helpers that are a function the reader knows, whatever the helper's name (``def expit(v): return 1 /
#: (1 + np.exp(-v))`` is the sigmoid, read as one, so its argument is a pre-activation): the function, and the
#: body's spelling with X for the parameter (spaces, ``np.`` and ``1.0`` for ``1`` dropped before matching).
KNOWN_BODIES = (("sigmoid", ("1/(1+exp(-X))", "1/(exp(-X)+1)", "exp(X)/(1+exp(X))", "expit(X)")),
                ("tanh", ("(exp(X)-exp(-X))/(exp(X)+exp(-X))", "tanh(X)")))


def _known_body(param: str, formula: str) -> str:
    """``formula`` (a helper's body in ``param``), or the known function it spells applied to ``param``."""
    plain = re.sub(r"\b(?:np|numpy|math)\.|\s+", "", formula)
    plain = re.sub(r"(?<![\w.])1\.0*(?![\w.])", "1", plain)
    plain = re.sub(rf"(?<![\w.]){re.escape(param)}(?![\w(])", "X", plain)
    while plain.startswith("(") and plain.endswith(")") and _call_end(plain, 1) == len(plain):
        plain = plain[1:-1]
    for name, bodies in KNOWN_BODIES:
        if plain in bodies:
            return f"{name}({param})"
    return formula


_LIST_INIT = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*\[\s*(?P<first>[A-Za-z_][\w.]*"
                        r"(?:\((?:[^()]|\([^()]*\))*\))?)?\s*\]\s*(?:#.*)?$")     # ([np.zeros((B, H))]  # h_0)
_LISTS_INIT = re.compile(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=\s*(?P<lists>(?:\[\s*(?:[A-Za-z_]\w*\s*)?\]|"
                         r"\{\s*\})(?:\s*,\s*(?:\[\s*(?:[A-Za-z_]\w*\s*)?\]|\{\s*\}))+)"
                         r"\s*$")      # (outputs, hidden_states = [], [h0]: the second starts with the initial state)
#: One list of :data:`_LISTS_INIT`, empty or given one name.
_ONE_LIST = re.compile(r"\[\s*(?P<first>[A-Za-z_]\w*)?\s*\]|\{\s*\}")
_APPEND = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\.append\(\s*(?:self\.)?(?P<value>[A-Za-z_]\w*)(?:\.copy\(\))?"
                     r"\s*\)\s*$")      # (self.hidden_states.append(self.h): the state h)
#: A dictionary of the steps: ``Hs = {}``, then ``Hs[t] = H`` in the loop (``Hs[-1] = np.copy(H)``: its start).
_DICT_INIT = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*(?:\{\s*(?:-?\d+\s*:[^{}:]*)?\}|dict\(\s*\))\s*$")
#: An array of zeros made to be filled step by step (``O = np.zeros((T, 1, H))`` before ``O[t] = ot``).
_ARRAY_INIT = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*(?:np|numpy)\.(?:zeros|empty)(?:_like)?\(.*\)\s*$")
_STEP_STORE = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\[\s*t\s*\]\s*=\s*(?P<value>[A-Za-z_]\w*)(?:\.copy\(\))?\s*$")
#: Values stored at a step in one statement: ``zs[t], rs[t], hs[t] = z, r, h``.
_STORES_AT_STEP = re.compile(r"^\s*(?P<items>(?:self\.)?[A-Za-z_]\w*\[\s*t\s*\](?:\s*,\s*(?:self\.)?[A-Za-z_]\w*\[\s*t\s*\])+)"
                             r"\s*=\s*(?P<values>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*$")
#: A step function's returns stored at a step: ``H[t+1], C[t+1], candt, ot = forward_cell(x[t], H[t], C[t])``.
_TUPLE_STORE = re.compile(r"^\s*(?P<items>[A-Za-z_][\w\[\] +]*(?:,\s*[A-Za-z_][\w\[\] +]*)+)\s*=\s*"
                          r"(?:self\.)?(?P<fn>[A-Za-z_]\w*)\((?P<args>[^=]*)\)\s*$")
_STORED_ITEM = re.compile(r"(?P<name>[A-Za-z_]\w*)\[\s*t\s*(?:\+\s*(?P<n>\d))?\s*\]")


def _returns(bodies: list) -> dict:
    """{function: the names it returns} of the functions of the fences that end in one ``return a, b, c`` of
    plain names."""
    out = {}
    for body in bodies:
        lines = _logical_lines(body.split("\n"))
        for k, line in enumerate(lines):
            m = re.match(r"\s*def\s+([A-Za-z_]\w*)\s*\(", line)
            if m is None:
                continue
            rets = [lines[j].strip() for j in _block(lines, k) if re.match(r"\s*return\b", lines[j])]
            r = re.fullmatch(r"return\s+\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*\)?", rets[0]) \
                if len(rets) == 1 else None
            if r is not None:
                out.setdefault(m[1], []).append([x.strip() for x in r[1].split(",")])
    return {f: rs[0] for f, rs in out.items() if len(rs) == 1}


def _stored_name(value: str) -> str:
    """The name a step store keeps, without the step it carries (``a_t``, ``ht``: a; ``candt`` stays)."""
    stem, step = _name_at(value)
    return stem if step == 0 and len(stem) == 1 else value


def list_caches(bodies: list) -> tuple:
    """(caches, stores). ``caches``: {list name: (name of the value it keeps, offset)} of the lists a fence fills
    step by step: ``self.hiddens = [h0]`` then ``self.hiddens.append(h)`` in the loop (offset 1: ``hiddens[t + 1]``
    is h at step t, ``hiddens[t]`` the step before), ``hs = []`` then ``hs.append(h)`` (offset 0), ``self.a = {0:
    h0}`` then ``self.a[i + 1] = a_t`` in a loop over the steps (offset 1). Only a list given one name, and given it
    once. ``stores``: the same, and also arrays of zeros filled at the steps (``O = np.zeros(...)`` then ``O[t] =
    ot``; ``H[t+1], C[t+1], ... = forward_cell(...)``, offset 1, through the names the function returns): the
    backward loop's fetches from them (``h_prev = H[t]``) are no formulas (:func:`_no_formula`). Also read: a list
    given the initial state above the loop that appends the step's (``h_s.append(h_prev)`` there and in the loop:
    offset 1), values stored at a step in one statement (``zs[t], hs[t] = z, h``), dictionaries made together
    (``xs, hs = {}, {}``), and a function's parameters named as the lists another returns (:func:`_list_parameters`)."""
    inits, values, array_inits, tuple_values, returns = {}, {}, {}, {}, None
    ctor_inits = {}     # the lists __init__ makes
    started = {}        # h_s.append(h_prev) above the loop that appends h_s.append(h): the start, offset 1
    fences = []         # each body's logical lines (read once, for _list_parameters too)
    for body in bodies:
        logical = _logical_lines(body.split("\n"))
        fences.append(logical)
        looped = {j for k, line in enumerate(logical) if _FOR_RANGE.match(line) and "reversed(" not in line
                  for j in _block(logical, k)}
        ctor = {j for k, line in enumerate(logical) if re.match(r"\s*def\s+__init__\s*\(", line)
                for j in _block(logical, k)}
        for k, line in enumerate(logical):
            loop = _step_loop(line, logical)
            if loop is None:
                continue
            for j in _block(logical, k):       # self.a[i + 1] = a_t in a loop over the steps: a_t is a at step i
                st = re.match(rf"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\[\s*{loop['var']}\s*\+\s*(?P<n>\d)\s*\]\s*=\s*"
                              r"(?P<value>[A-Za-z_]\w*)(?:\.copy\(\))?\s*$", logical[j])
                if st is not None and st["name"] != st["value"]:
                    values.setdefault(st["name"], []).append((_stored_name(st["value"]), int(st["n"])))
        for at, line in enumerate(logical):
            m = _TUPLE_STORE.match(line)
            if m is not None and _STORED_ITEM.search(m["items"]):
                returns = _returns(bodies) if returns is None else returns
                items = [x.strip() for x in m["items"].split(",")]
                names = returns.get(m["fn"], [])
                for item, value in zip(items, names) if len(names) == len(items) else ():
                    st = _STORED_ITEM.fullmatch(item)
                    if st is not None and st["name"] != value:     # H[t+1] = ht: h at step t, H offset 1
                        tuple_values.setdefault(st["name"], []).append((_stored_name(value), int(st["n"] or 0)))
            m = _LIST_INIT.match(line)
            if m is not None:       # (self.h_cache = [] in __init__, [h0] again in forward: forward's counts)
                (ctor_inits if at in ctor else inits).setdefault(m["name"], set()).add(1 if m["first"] else 0)
            m = _LISTS_INIT.match(line)
            names = split_outside(m["names"]) if m is not None else []
            lists = list(_ONE_LIST.finditer(m["lists"])) if m is not None else []
            if names and len(names) == len(lists):
                for name, one in zip(names, lists):     # outputs, hidden_states = [], [h0]; xs, hs = {}, {}
                    inits.setdefault(name.strip(), set()).add(1 if one["first"] else 0)
            m = _APPEND.match(line)
            if m is not None:
                values.setdefault(m["name"], []).append((m["value"], None))
                started.setdefault(m["name"], []).append(at in looped)
            m = _DICT_INIT.match(line)
            if m is not None:
                inits.setdefault(m["name"], set()).add(0)
            m = _ARRAY_INIT.match(line)
            if m is not None:
                array_inits.setdefault(m["name"], set()).add(0)
            m = _STEP_STORE.match(line)
            if m is not None and m["name"] != m["value"]:
                values.setdefault(m["name"], []).append((m["value"], None))     # Hs[t] = H: H at step t
            m = _STORES_AT_STEP.match(line)
            items = [x.strip() for x in split_outside(m["items"])] if m is not None else []
            names = [x.strip() for x in split_outside(m["values"])] if m is not None else []
            for item, value in zip(items, names) if len(items) == len(names) else ():
                st = re.fullmatch(r"(?:self\.)?([A-Za-z_]\w*)\[\s*t\s*\]", item)
                if st is not None and re.fullmatch(r"[A-Za-z_]\w*", value) and st[1] != value:
                    values.setdefault(st[1], []).append((value, None))     # zs[t], hs[t] = z, h

        for line in logical:        # for i, x in enumerate(inputs): inputs[i] is x at step i
            m = _ENUMERATE_LOOP.match(line)
            if m is not None and m["name"] not in values:
                values[m["name"]] = [(m["value"], 0)]
                inits.setdefault(m["name"], set()).add(0)
    for name, first in ctor_inits.items():
        inits.setdefault(name, first)
    for name, where in started.items():
        if where == [False, True] and len(values[name]) == 2 and inits.get(name) == {0}:
            value = values[name][1][0]
            values[name] = [(_prev_stem(value) or value, 1)]

    def table(values, inits):       # (one value, or the same in each branch: ls.append(s) under if t == 0 and else)
        return {name: (vals[0][0], next(iter(inits[name])) if vals[0][1] is None else vals[0][1])
                for name, vals in values.items() if len(set(vals)) == 1 and len(inits.get(name, ())) == 1}
    both = {name: values.get(name, []) + tuple_values.get(name, []) for name in {*values, *tuple_values}}
    caches = table(values, inits)
    stores = table(both, {name: inits.get(name, set()) | array_inits.get(name, set())
                          for name in {*inits, *array_inits}})
    aliases = _list_parameters(fences, caches, _returns(bodies) if returns is None else returns)
    for logical in fences:      # self.last_inputs = inputs: the list kept in an attribute, read by step
        text = "\n".join(logical)
        for line in logical:
            m = re.match(r"^\s*self\.(?P<a>[A-Za-z_]\w*)\s*=\s*(?P<b>[A-Za-z_]\w*)\s*$", line)
            if m is not None and m["b"] in caches and m["a"] not in caches and m["a"] not in values and \
                    re.search(rf"self\.{re.escape(m['a'])}\[", text):
                aliases.setdefault(m["a"], m["b"])
    return {**caches, **{p: caches[r] for p, r in aliases.items()}}, \
        {**stores, **{p: stores[r] for p, r in aliases.items() if r in stores}}


def _list_parameters(fences: list, caches: dict, returns: dict) -> dict:
    """{parameter: list}: the parameters of a function that takes the lists another function returns, named as
    their elements (``def backward(z, f, i, g, C, o, h, v, outputs, ...)`` beside ``return z_s, f_s, ..., C_s, o_s,
    h_s, v_s, output_s`` of the forward pass): ``h[t]`` reads the list ``h_s`` kept, at its offset. Only where three
    or more parameters pair so, and for a parameter the function does not assign. ``fences``: each fence's logical
    lines."""
    def pairs(param, ret):
        base = re.sub(r"_?(?:s|list|lst)$", "", ret)
        return ret != param and base and (param == base or param == base + "s")
    out = {}
    for logical in fences:
        for params, fbody in _functions(logical):
            for rets in returns.values():
                found = {p: r for p in params for r in rets if r in caches and pairs(p, r)}
                if len(found) < 3:
                    continue
                for p, r in found.items():
                    if p not in caches and not any(re.match(rf"\s*{re.escape(p)}\s*(?:\[[^\]]*\])?\s*[-+*/]?=(?!=)",
                                                            logical[j]) for j in fbody):
                        out[p] = r
    return out


def _step_stem(value: str) -> str:
    """The name a list keeps without its step (``h_t``, ``ht``: h), for reading the list at other steps."""
    return re.sub(r"^(\w+?)_t$|^([A-Za-z])t$|^([A-Za-z])_(?:current|curr|cur)$", lambda m: m[1] or m[2] or m[3],
                  value)      # (h_current: the spellings write it h_t, at the row's step)


def _last_reads(lines: list, caches: dict) -> list:
    """The lines with each read of a step-filled list's last value (``self.h[-1]``) written as the value it keeps at
    the step before (``h_prev``), in a function that appends to the list after the read (``self.h.append(h)``: the
    step's forward pass, where the last value kept is the previous step's)."""
    if not caches:
        return lines
    out = list(lines)
    for k, line in enumerate(lines):
        if not re.match(r"\s*def\s", line):
            continue
        body = _block(lines, k)
        for name, (value, _) in caches.items():
            appends = [j for j in body if re.match(rf"\s*(?:self\.)?{re.escape(name)}\.append\(", lines[j])]
            if not appends:
                continue
            last = re.compile(rf"(?<![\w.])(?:self\.)?{re.escape(name)}\[\s*-\s*1\s*\]")
            stem = _step_stem(value)            # h_t kept: h_prev read
            for j in body:
                if j < appends[0]:
                    out[j] = last.sub(f"{stem}_prev", out[j])
    return out


#: A name set to itself (``h_prev = h_prev``), to a slice of itself by columns or rows (``h_prev = h_prev[:, :H]``),
#: or to itself padded (``h_prev = np.concatenate((h_prev, padding), axis=-1)``).
_RESIZED = re.compile(r"\s*(?P<x>[A-Za-z_]\w*)\s*=\s*(?:(?P=x)(?:\[[\s:,\w+\-*]*\])?|(?:np\.|numpy\.)?(?:concatenate|hstack|"
                      r"vstack)\(\s*[\[(]\s*(?P=x)\s*,\s*[A-Za-z_]\w*\s*[\])]\s*(?:,\s*axis\s*=\s*-?\d\s*)?\))\s*(?:#.*)?")


def _no_formula(line: str, caches: dict, stores: dict) -> bool:
    """A line that only keeps or fetches a step's value: ``Hs[t] = H`` (the dictionary list_caches reads) and, in
    the backward loop, ``I = Is[t]`` (I at step t is I: a name for the value the rows already call so), ``h_prev =
    H[t]`` after ``H[t+1], ... = forward_cell(...)`` (``stores``: list_caches's second table; a fetch of another step
    than its name says stays a formula, and is judged). Statements joined by ``;`` (``z = zs[t]; r = rs[t]``): when
    each is such a line. A name set to ``None``, or to an empty dictionary or list, is no formula either."""
    parts = [x for x in split_outside(line, ";") if x.strip()] if ";" in line else []
    if len(parts) > 1:
        return all(_no_formula(x, caches, stores) for x in parts)
    if re.fullmatch(r"\s*(?:self\.)?[A-Za-z_]\w*\s*=\s*(?:None|\{\s*\}|\[\s*\]|dict\(\s*\)|list\(\s*\))\s*"
                    r"(?:#.*)?", line):
        return True             # dWx = None  # omitted; self.h = {}: a store to fill, empty: no value, no formula
    if _RESIZED.fullmatch(line):
        return True             # h_prev = h_prev[:, :hidden_size], h_prev = np.concatenate((h_prev, padding), axis=-1):
        #                         an argument cut or padded to the layer's size, no formula of the cell
    if re.fullmatch(r"\s*(?P<x>[A-Za-z]\w*?)_?t\s*=\s*(?P=x)\s*\[\s*(?::\s*,\s*)?t\s*(?:,\s*:\s*)?\]"
                    r"(?:\.reshape\(\s*\(?\s*-1\s*,\s*1\s*\)?\s*\))?\s*(?:#.*)?", line):
        return True             # x_t = x[t], xt = x[:, t].reshape(-1, 1): the step's item of a sequence, fetched
    if re.fullmatch(r"\s*(?P<x>[A-Za-z]\w*)_prev\s*=\s*self\.(?P=x)(?:\.copy\(\))?\s*(?:#.*)?", line):
        return True             # h_prev = self.h.copy(): the state the object kept from the step before, fetched
    whole = re.fullmatch(r"\s*(?:self\.)?[A-Za-z_]\w*\s*=\s*(?:self\.)?(?P<list>[A-Za-z_]\w*)\s*(?:#.*)?", line)
    if whole is not None and (whole["list"] in caches or whole["list"] in stores):
        return True             # self.cache['h_tilde'] = h_tilde_list: the step-filled list kept, no formula
    m = _STEP_STORE.match(line)
    if m is not None and m["name"] in caches:
        return True
    m = re.match(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:self\.)?(?P<cache>[A-Za-z_]\w*)\[\s*t\s*(?:(?P<sign>[+-])\s*"
                 r"(?P<n>\d))?\s*\]\s*$", line)
    if m is None or m["cache"] not in stores:
        return False
    # (it_gate = I[t] after I[t] = it, h_prev = H[t] after H[t+1] = ht: the name of the value fetched, at its step)
    value, offset = stores[m["cache"]]
    shift = (int(m["n"]) if m["sign"] == "+" else -int(m["n"]) if m["sign"] else 0) - offset
    (stem, step), (name, at) = _name_at(value), _name_at(m["name"])
    return stem == name and step + shift == at


def _name_at(name: str) -> tuple:
    """(stem, step) of a code name as CODE_SPELLINGS write it: ``it_gate``, ``it``: (i, 0); ``h_prev``: (h, -1);
    ``ht``, ``h_t``, ``h``: (h, 0)."""
    for a, b in CODE_SPELLINGS:
        name = re.sub(a, b, name)
    name = name.replace("{", "").replace("}", "").replace("\\", "")
    m = re.fullmatch(r"(?P<stem>[A-Za-z]\w*?)_?(?:(?P<prev>prev)|next|t)?", name)
    return (m["stem"], -1 if m["prev"] else 0) if m is not None else (name, 0)


_ONES = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:np|numpy|jnp|torch)\.ones(?:_like)?\(.*\)\s*$")
_ASSIGNED = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?:[-+*/@]?=)(?!=)")


#: A vector's shape unpacked into two names (``N, H = h_prev.shape``, Coursera's ``n_x, m = xt.shape``): the code's
#: vectors are two-dimensional arrays (a batch), whose ``.T`` is a real transpose (``dA.T @ Wh.T`` is no 1-D
#: array's ``dA @ Wh.T``: numprod.py). Not a sequence's shape (``T, D = x.shape``: its steps are 1-D arrays).
BATCH_SHAPES = re.compile(r"^\s*(?!(?:T|seq_len\w*|seq_length|time_?steps?|n_steps|num_steps|sequence_length|steps)\s*,)"
                          r"[A-Za-z_]\w*\s*,\s*[A-Za-z_]\w*\s*=\s*(?:self\.)?[a-z_]\w*\.shape\s*$", re.M)

#: Names of the number of examples in a batch (``grads['Wo'] += np.dot(da_o, z.T) / batch_size``): the reader's
#: runs hold one example, so where the code reads the count off its data (``batch_size = len(y_true)``, ``N, H =
#: h.shape``) or never sets it, it is 1 (a mean over one example is that example's gradient).
BATCH_SIZE_WORDS = ("batch_size", "batchsize", "n_batch", "num_batch", "mb_size", "minibatch_size")
#: A count read off an array: ``len(y)``, ``y.shape[0]``.
_COUNT_READ = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:len\([^()]*\)|[\w.]+\.shape\[\s*-?\d\s*\])\s*$")


def unit_names(bodies: list) -> frozenset:
    """Names the fences give only an array of ones (``ones = np.ones_like(zs[t])``): in a formula (``ones - zs[t]``)
    such a name is the number 1, element-wise; and the batch's size (BATCH_SIZE_WORDS) read off the data."""
    ones, other = set(), set()
    counts = set()
    for body in bodies:
        for line in _logical_lines(body.split("\n")):
            m = _ONES.match(line)
            if m is not None:
                ones.add(m["name"])
                continue
            m = _COUNT_READ.match(line)
            if m is not None and m["name"] in BATCH_SIZE_WORDS:
                counts.add(m["name"])
                continue
            m = _TUPLE.match(line)
            if m is not None and re.fullmatch(r"\s*[\w.]+\.shape\s*", m["values"]):
                counts.update(x.strip() for x in split_outside(m["names"]) if x.strip() in BATCH_SIZE_WORDS)
                continue
            m = _ASSIGNED.match(line)
            if m is not None:
                other.add(m["name"])
    return frozenset((ones | counts) - other)


_ELEMENT_SET = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\s*(?:[-+*/]?=)(?!=)")


def element_set_names(bodies: list) -> frozenset:
    """Names the fences change element by element (``dy[targets[t]] -= 1`` after ``dy = np.copy(ps[t])``): an
    assignment of the whole name is not the value the rows below it read, so it is no row."""
    out = set()
    for body in bodies:
        lines = _slice_fills(_logical_lines(body.split("\n")))       # (a column filled block by block: stacked)
        known = {j for k, x in enumerate(lines) if (d := _DEF_MANY.match(x) or _DEF.match(x)) is not None and
                 d["name"].lstrip("_").lower() in _KNOWN for j in _block(lines, k)}
        for k, line in enumerate(lines):
            if k in known:      # z[neg_mask] = np.exp(x[neg_mask]) inside def sigmoid: the function, not a name
                continue        # of the cell's (sigmoid is read as itself, whatever its code)
            m = _ELEMENT_SET.match(line)
            if m is not None:
                out.add(m["name"])
                if re.fullmatch(r"d_[A-Za-z]\w*", m["name"]):
                    out.add("d" + m["name"][2:])        # d_y, as _delta_names spells it: dy
    return frozenset(out)


def scoped_changes(logical: list, changed: frozenset) -> list:
    """For each logical line of a fence, the names of :func:`element_set_names` changed element by element in the
    outermost function holding the line (the fence's top level outside functions): ``dbh[l] += dhraw`` in one
    class's backward does not make another class's ``dbh += dhraw`` a whole-name reset."""
    if not changed:
        return [changed] * len(logical)
    scope, outer = [], None          # outer: (def line index, its indent)
    for k, line in enumerate(logical):
        if line.strip():
            if outer is not None and _indent(line) <= outer[1]:
                outer = None
            if outer is None and re.match(r"\s*(?:async\s+)?def\s", line):
                outer = (k, _indent(line))
        scope.append(outer[0] if outer is not None else -1)
    by_scope = {}
    for k, line in enumerate(logical):
        m = _ELEMENT_SET.match(line)
        if m is not None and (m["name"] in changed or "d" + m["name"][2:] in changed):
            by_scope.setdefault(scope[k], set()).update({m["name"], "d" + m["name"][2:]} if
                                                        re.fullmatch(r"d_[A-Za-z]\w*", m["name"]) else {m["name"]})
    # (a name changed in no function of this fence keeps the fence-wide reading: its element set is elsewhere)
    elsewhere = changed - {n for names in by_scope.values() for n in names}
    return [frozenset(by_scope.get(scope[k], set())) | elsewhere for k in range(len(logical))]


def _sets_changed(line: str, changed: frozenset) -> bool:
    """Does the line assign a whole name of :func:`element_set_names` (``dy = np.copy(ps[t])``)?"""
    m = _ASSIGNED.match(line)
    return bool(changed) and m is not None and m["name"] in changed and not _ELEMENT_SET.match(line)


def _put_units(line: str, units: frozenset) -> str:
    """The line with each name of :func:`unit_names` read as 1 (not on the left of its own assignment)."""
    if not units or _ONES.match(line):
        return line
    return re.sub(r"(?<![\w.])(?:" + "|".join(map(re.escape, sorted(units))) + r")(?![\w(\[])", "1", line)


_DICT_SET = re.compile(r"^\s*(?:self\.)?(?P<dict>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<key>\w+)(?P=q)\s*\]\s*=\s*"
                       r"(?:self\.)?(?P<value>[A-Za-z_]\w*)\s*$")


_DICT_LITERAL = re.compile(r"^\s*(?:self\.)?(?P<dict>[A-Za-z_]\w*)\s*=\s*\{(?P<items>[^{}]*)\}\s*$")
_DICT_ITEM = re.compile(r"^\s*(?P<q>['\"])(?P<key>\w+)(?P=q)\s*:\s*(?P<value>[A-Za-z_]\w*)\s*$")


_DICT_FETCH = re.compile(r"^\s*[A-Za-z_]\w*\s*=\s*(?:self\.)?[A-Za-z_]\w*\[\s*(['\"])\w+\1\s*\]\s*$")


def dict_caches(bodies: list) -> dict:
    """{(dictionary, key): name} of the values a fence keeps in a dictionary under one key, each time the same name
    (``self.cache['z'] = z``, ``gradients = {"dxt": dxt, "da_prev": da_prev}``): a read ``self.cache['z']``,
    ``gradients["dxt"]`` elsewhere is that name's value."""
    found = {}
    for body in bodies:
        for line in _logical_lines(body.split("\n")):
            m = _DICT_SET.match(line)
            if m is not None:
                found.setdefault((m["dict"], m["key"]), set()).add(m["value"])
            m = _DICT_LITERAL.match(line)
            if m is not None:
                for item in split_outside(m["items"]):
                    i = _DICT_ITEM.match(item)
                    if i is not None:
                        found.setdefault((m["dict"], i["key"]), set()).add(i["value"])
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}


#: Step-filled arrays of dictionaries read by their keys, at most (a file with more reads none so).
MAX_KEYED_ARRAYS = 100
#: A dictionary's array filled at the loop's step (``status['ig'][t] = self.gate(...)``).
_KEYED_STEP_SET = re.compile(r"^\s*(?:self\.)?(?P<dict>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<key>[A-Za-z_]\w*)(?P=q)\s*\]"
                             r"\[\s*[a-z]\s*\]\s*=(?!=)")


def keyed_step_arrays(bodies: list) -> dict:
    """{dictionary: {key, ...}} of the arrays a fence keeps in a dictionary and fills at the loop's step
    (``status['ig'][t] = ...``, ``status['cg'][t] = status['fg'][t] * status['cg'][t - 1] + ...``), whose key no
    statement also assigns as a bare name: each such array read at a step (``status['cg'][t - 1]``) is the array
    ``cg`` read there, as Karpathy's ``hs[t]`` is."""
    found = {}
    for body in bodies:
        for line in body.split("\n"):
            m = _KEYED_STEP_SET.match(line)
            if m is not None:
                found.setdefault(m["dict"], set()).add(m["key"])
    if sum(map(len, found.values())) > MAX_KEYED_ARRAYS:
        return {}       # (each key is looked up in the whole text: a bound on the work)
    text = "\n".join(bodies)
    # (ig = np.array([np.zeros(...)] * (T + 1)) in init_status: the array allocated, then kept under its key)
    return {d: {k for k in keys if not re.search(rf"(?m)^\s*{re.escape(k)}\s*(?:\[[^\]]*\]\s*)?=(?!=)"
                                                   r"(?!.*\b(?:zeros|empty|ones)(?:_like)?\()", text)}
            for d, keys in found.items()}


def _keyed_steps(line: str, arrays: dict) -> str:
    """The line with each step-filled array of a dictionary (:func:`keyed_step_arrays`) written by its key."""
    if not arrays:
        return line

    def put(m):
        return m["key"] if m["key"] in arrays.get(m["dict"], ()) else m.group()
    keyed = r"(?<![\w.])(?:self\.)?(?P<dict>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<key>[A-Za-z_]\w*)(?P=q)\s*\]"
    fetch = re.fullmatch(r"\s*[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*=\s*(?P<values>[^=].*?)\s*", line)
    if fetch is not None and all(
            (v := re.fullmatch(keyed + r"\s*\[[^\[\]]*\]", x.strip())) is not None and v["key"] in arrays.get(v["dict"], ())
            for x in split_outside(fetch["values"])):
        return ""       # f_t, i_t = cache["f"][t], cache["i"][t]: the backward fetching the steps' values, no formula
    return re.sub(keyed + r"(?=\s*\[)", put, line)


def _dict_reads(line: str, kept: dict) -> str:
    """The line with each read of a kept value (``self.cache['new_cell']``, :func:`dict_caches`) written as the name
    it keeps; the line that keeps it is left as it is (no formula: it has a string)."""
    if not kept or _DICT_SET.match(line):
        return line
    if _DICT_FETCH.match(line):        # da_prevt = gradients["da_prev"]: a value fetched from a result, no formula
        return ""

    def put(m):
        return kept.get((m["dict"], m["key"]), m.group())
    return re.sub(r"(?<![\w.])(?:self\.)?(?P<dict>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<key>\w+)(?P=q)\s*\]", put, line)


_KEYED = re.compile(r"(?<![\w.'\"])(?:self\.)?(?:[A-Za-z_]\w*\.)*(?P<dict>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<key>[A-Za-z_]\w*)(?P=q)"
                    r"\s*\](?:\[\s*:\s*,\s*(?P<step>[a-z])\s*\])?(?!\s*\[(?![^\]]*:))"     # (a slice may follow: W['f'][:, :H])
                    r"(?!\s*\.append\()")      # (cache["h_prev"].append(h_pre): a list of the steps, not h_prev)


#: Activation functions a code applies through a configurable attribute (EpyNN's ``layer.activate(h_)``,
#: ``layer.activate_forget(f_)``, ``self.activation(z)``, numpy-ml's ``self.gate_fn(z)``, Keras's
#: ``self.recurrent_activation(z)``), its derivative with ``deriv=True`` or a method (numpy-ml's
#: ``self.act_fn.grad(z)``: the derivative at z): each an arbitrary
#: smooth function of its own, numbered in the order the fence first applies them (written \phi_1, \phi_2).
_GENERIC_ACT = re.compile(r"(?<![\w.])(?:[A-Za-z_]\w*\.)?(?P<fn>activate\w*|activation\w*|act_fn\w*|gate_fn\w*|"
                          r"recurrent_activation\w*|inner_activation\w*)"
                          r"(?P<grad>\.(?:grad|gradient|derivative|deriv|prime))?\s*\(")


def _generic_activations(lines: list) -> list:
    r"""The lines with each configurable activation (_GENERIC_ACT) applied as ``actfnK(x)`` and its derivative
    (``f(x, deriv=True)``, ``f(x, True)``) as ``dactfnK(x)``, K its number (plain_latex writes \phi_K); other
    arguments are left as written (not read)."""
    numbers, out = {}, []
    for line in lines:
        pos, parts = 0, []
        for m in _GENERIC_ACT.finditer(line):
            if m.start() < pos or line[:m.start()].rstrip().endswith("def"):
                continue
            end = _call_end(line, m.end())
            if end is None:
                break
            args = split_outside(line[m.end():end - 1])
            deriv = len(args) == 2 and re.fullmatch(r"\s*(?:deriv\w*\s*=\s*)?True\s*", args[1]) is not None
            if len(args) != 1 and not deriv:
                continue
            deriv = deriv or m["grad"] is not None      # numpy-ml's self.act_fn.grad(Ct): the derivative at Ct
            k = numbers.setdefault(m["fn"], len(numbers) + 1)
            parts.append(line[pos:m.start()] + f"{'d' if deriv else ''}actfn{k}({args[0].strip()})")
            pos = end
        out.append("".join(parts) + line[pos:])
    return out


#: Names of a dictionary of gradients kept under the parameters' names (``g["W"] += np.outer(da, h_prev)``: dW).
GRADIENT_DICTS = frozenset({"g", "grad", "grads", "gradient", "gradients", "dparams", "d_params", "derivatives",
                            "dparameters", "param_grads"})


def _keyed_name(m) -> str:
    key = m["key"]
    if m["dict"] in GRADIENT_DICTS and not re.match(r"(?:d[A-Z_]|d[a-z]{1,2}(?:_\w*)?$|grad)", key):
        return "d" + key            # g["W"] (a gradient dict under the parameter's name): dW
    return key


_STEP_BEFORE = re.compile(r"(?<![\w])(?P<d>d?)(?P<x>[A-Za-z])(?:t_1|_tm1|tm1|_t_minus_1|_t_m1|_?minus)(?![\w(])")


#: A choice of the state before a step by the step's index (``h_prev = H[t-1] if t > 0 else h0``, ``h0 if t == 0
#: else H[t-1]``): the stored value of the step before, the initial state at the first step.
_FIRST_STEP_CHOICE = re.compile(
    r"^(?P<head>\s*[A-Za-z_][\w.]*\s*=\s*)(?:(?P<a>[^=]*?\[[^\[\]]*\b(?P<v>[A-Za-z_]\w*)\s*-\s*1\s*[^\[\]]*\][^=]*?)"
    r"\s+if\s+\(?\s*(?P=v)\s*(?:>\s*0|>=\s*1|!=\s*0)?\s*\)?\s+else\s+[^=]+|[^=]+?\s+if\s+\(?\s*(?P<w>[A-Za-z_]\w*)\s*==\s*0"
    r"\s*\)?\s+else\s+(?P<b>[^=]*?\[[^\[\]]*\b(?P=w)\s*-\s*1\s*[^\[\]]*\][^=]*?))\s*$")


#: The same choice in parentheses inside a formula: ``df = dc * (c[t-1] if t > 0 else 0.0)``.
_INNER_STEP_CHOICE = re.compile(
    r"\((?P<a>[^()=]*?\[[^\[\]]*\b(?P<v>[A-Za-z_]\w*)\s*-\s*1\s*[^\[\]]*\][^()=]*?)\s+if\s+\(?\s*(?P=v)\s*"
    r"(?:>\s*0|>=\s*1|!=\s*0)\s*\)?\s+else\s+(?P<else>[^()=]+)\)")
#: The same choice as an item of a list: ``np.concatenate([x, self.h_list[t-1] if t > 0 else np.zeros_like(h)])``
#: (the stored state itself, the initial state at the first step).
_ELEMENT_STEP_CHOICE = re.compile(
    r"(?<=[\[,])(?P<a>\s*(?:self\.)?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\[\s*(?P<v>[A-Za-z_]\w*)\s*-\s*1\s*\])\s+if\s+"
    r"\(?\s*(?P=v)\s*(?:>\s*0|>=\s*1|!=\s*0)\s*\)?\s+else\s+[^,\[\]()=]+(?:\([^()]*\))?(?=\s*[\],])")


def _first_step_choices(lines: list) -> list:
    """The lines with a choice of the state before a step by the step's index (:data:`_FIRST_STEP_CHOICE`) written
    as the stored value it takes after the first step: the reader's name of a step before the first is the
    initial state, which the choice's other branch gives (a GRU notebook's ``h_prev = H[t-1] if t > 0 else
    h0``), also in parentheses inside a formula (:data:`_INNER_STEP_CHOICE`)."""
    out = []
    for line in lines:
        m = _FIRST_STEP_CHOICE.match(line)
        if m is not None and (m["a"] or m["b"]).count("(") != (m["a"] or m["b"]).count(")"):
            m = None        # df = dc * (c[t-1] if t > 0 else 0.0): the choice is a factor's, in parentheses
        out.append(line if m is None else m["head"] + (m["a"] if m["a"] is not None else m["b"]).strip())
        if m is None and " else " in line:
            out[-1] = _INNER_STEP_CHOICE.sub(_inner_choice, line)
            out[-1] = _ELEMENT_STEP_CHOICE.sub(lambda c: c["a"].rstrip(), out[-1])
    return out


def _inner_choice(c) -> str:
    """``(c[t-1] if t > 0 else 0.0)`` as ``(c[t-1])``, ``(v * h[t-1] if t > 0 else 0)`` as ``(v * h[t-1])``: the
    step before's value, which the other branch gives at the first step for a zero initial state. Not ``(h_hat -
    h[t-1] if t > 0 else 0)``: there the first step's 0 is not the formula's value at a zero state (h_hat), and the
    choice is left as written (not read)."""
    a = c["a"].strip()
    if re.fullmatch(r"\s*0(?:\.0*)?\s*", c["else"]) and len(split_outside(a, "+")) + len(split_outside(a, "-")) > 2:
        return c.group()
    return "(" + a + ")"


def _step_names(lines: list) -> list:
    """The lines with a state named with its step (``ht_1``, ``Ct_1``, Keras's ``h_tm1``: at t-1) as the code's
    other states are: ``h_prev``; and where a fence so names a letter's state at t-1, ``ht``, ``dCt`` are that
    letter's own value and gradient (``h``, ``dC``: a bare name is the step's), as are the fence's other names of
    a letter and t it assigns (``self.ft``, ``it``) and its input ``xt``: one spelling for the step's values."""
    letters = {m["x"] for line in lines for m in _STEP_BEFORE.finditer(line)}
    if not letters:
        return lines
    # the fence's other step names too (self.ft = ..., it, ot; the input xt): all bare, as ht is (not f_t beside h)
    letters |= {m[1] for line in lines for m in re.finditer(r"(?<![\w.])(?:self\.)?([a-z])t\s*=(?!=)", line)}
    letters |= {"x"} if any(re.search(r"(?<![\w.])xt(?![\w(])", line) for line in lines) else set()
    now = re.compile(r"(?<![\w.])((?:self\.)?d?)([" + "".join(sorted(letters)) + r"])t(?![\w(])")
    return [now.sub(r"\1\2", _STEP_BEFORE.sub(lambda m: f"{m['d']}{m['x']}_prev", line)) for line in lines]


_LOSS_GRADIENT = re.compile(r"(?:(?<![\w.])|(?<=self\.))d(?:(?:[lL]|loss|E|J)_?|(?:Loss|LOSS|cost|Cost|error|Error)_)d(?P<x>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_?)"
                            r"(?![\w(])")


def _loss_gradient_names(lines: list) -> list:
    """The lines with a gradient named by the loss and the quantity (``dldh``, ``dL_dU``) written as code's d-name
    ``dh``, ``dU`` (read as d-names are: ``dL_dU`` may hold U's pre-activation's gradient), unless the fence
    assigns that d-name itself (``dCt = ... + dldC`` after ``Ct`` is C: ``dldC`` is then ``dL/dC``, a gradient of
    its own beside dC)."""
    found = {m["x"] for line in lines for m in _LOSS_GRADIENT.finditer(line)}
    if not found:
        return lines
    assigned = _assigned(lines, range(len(lines)))
    return [_LOSS_GRADIENT.sub(lambda m: f"dL/d{m['x']}" if "d" + m["x"] in assigned else "d" + m["x"], line)
            for line in lines]


#: A gradient named "d<through>_wrt_<by>" (``dy_wrt_h``, ``da_wrt_pre_a``, ``dpre_a_wrt_ba``: a makemore GRU),
#: and the loss's own, ``dloss_wrt_y``, which shows that the names hold the loss's gradients.
_WRT_NAME = re.compile(r"(?<![\w.])d(?P<of>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*?)_wrt_(?P<x>[A-Za-z][A-Za-z0-9]*"
                       r"(?:_[A-Za-z0-9]+)?)(?![\w(])")
_WRT_LOSS = ("loss", "l", "L", "E", "J", "cost", "error", "err")


def _wrt_names(lines: list) -> list:
    """The lines with each ``d<through>_wrt_<by>`` written as code's d-name of what it is by (``dy_wrt_h``: dh,
    ``dpre_a_wrt_ba``: dba), where the fence names the loss's gradient so too (``dloss_wrt_y``): the author names
    each gradient of the loss by the last factor of its chain, and its value is the loss's gradient (``dy_wrt_h =
    dloss_wrt_y @ Wy.T + dhnext``). Without the loss's own, a name may be a local derivative (``dh_wrt_z = 1 -
    h**2``), and the lines are left as they are."""
    if not any(m["of"] in _WRT_LOSS for line in lines for m in _WRT_NAME.finditer(line)):
        return lines
    return [_WRT_NAME.sub(lambda m: "d" + m["x"], line) for line in lines]


_DELTA_NAME = re.compile(r"(?<![\w.])(?:delta_|delt_|d_)(?P<x>[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)(?![\w(])")


#: A branch of a loop over the steps taken at the last step only: ``if t == seq_len - 1:``, ``if (i == T-1):``.
_LAST_STEP_TEST = re.compile(r"^\s*if\s*\(?\s*t\s*==\s*(?:len\(\s*[\w.]+\s*\)|[A-Za-z_][\w.]*)\s*-\s*1\s*\)?\s*:\s*$")


def _last_step_branches(logical: list, lines: list) -> list:
    """The lines with the rows of a branch taken at the last step only (``if t == seq_len - 1:`` in a loop
    over the steps; a many-to-one output's gradient enters there) written at that step: ``a_{t}`` is ``a_{T}``,
    ``dV = a_{t}^{T} dy`` is ``dV = a_{T}^{T} dy`` (the branch's ``else`` holds at the other steps, as written)."""
    out = list(lines)
    for k, line in enumerate(logical):
        if _LAST_STEP_TEST.match(line) is None:
            continue
        for j in _block(logical, k):
            out[j] = re.sub(r"(?<=_)(\{?)t(?=(?:\s*[-+]\s*\d)?\}|(?![\w{]))", r"\1T", out[j])
    return out


#: A test that the step is not the first (``if t > 0:``, ``if t != 0:``, ``if t >= 1:``) in a loop over the steps.
#: A test that the step is the first (``if t == 0:``), whose branch is the special case beside an ``else``.
_FIRST_TEST = re.compile(r"^\s*if\s*\(?\s*(?:t|k)\s*==\s*0\s*\)?\s*:\s*$")
_NOT_FIRST_TEST = re.compile(r"^\s*if\s*\(?\s*(?:t|k)\s*(?:>\s*0|!=\s*0|>=\s*1)\s*\)?\s*:\s*$")


def _first_step_elses(logical: list, lines: list) -> list:
    """The lines with the ``else`` branch of a test that the step is not the first blanked (guide2dl's GRU:
    ``if t > 0: _dbz = dh[t] * ... * (h_h[t] - h[t - 1])`` ``else: _dbz = dh[t] * ... * h_h[t]``): the first step's
    special case, the general row with the state before it zero, which the reader's run (an initial state of its
    own) does not take; the rows of the test's own branch hold at every step."""
    out = list(lines)
    for k, line in enumerate(logical):
        first = _FIRST_TEST.match(line) is not None
        if _NOT_FIRST_TEST.match(line) is None and not first:
            continue
        e = block_end(logical, k)
        if e < len(logical) and _indent(logical[e]) == _indent(line) and re.match(r"\s*else\s*:\s*$", logical[e]):
            for j in _block(logical, k if first else e):
                if first and re.match(r"\s*[A-Za-z_][\w.]*\s*\[", logical[j]):
                    continue    # (z_p[t] = W_z x[t] + b_z under if t == 0: stored at its step, read there: kept)
                out[j] = ""     # (if t == 0: s = a * i, else: s = a * i + ls[t-1] * f: the first branch is the case)
    return out


#: A loop backwards over the steps: ``for t in reversed(range(n)):``.
_REVERSED_LOOP = re.compile(r"\s*for\s+[a-z]\s+in\s+reversed\(")


#: An array made of another's shape only (``np.zeros_like(dh_next)``).
_ZERO_LIKE = re.compile(r"=\s*(?:np\.|numpy\.|torch\.)?(?:zeros|ones|empty)_like\(\s*[\w.]+\s*\)\s*$")


def _before_backward_loop(logical: list, lines: list) -> list:
    """The lines with a gradient set just above a function's loop backward over the steps, which the loop reads and
    sets anew (the gradient it carries), written at the last step where the forward pass is many-to-one (a row
    reads a quantity at the last step, ``y = W_{hy} h_{T} + b_{y}``: :func:`_after_forward_loop`): Victor Zhou's
    RNN, ``d_h = self.Why.T @ d_y`` above ``for t in reversed(range(n)):`` whose body reads d_h and ends with
    ``d_h = self.Whh @ temp``, is ``dh_{T} = W_{hy}^{T} dy``; so is ``dh_next = Wy.T @ dy`` above a loop that
    opens with ``dh = dh_next`` and sets dh_next last. Read at every step, it failed."""
    if not any("_{T}" in x for x in lines):
        return lines
    out = list(lines)
    at_last = sorted({m[1] for x in lines for m in re.finditer(r"(?<![\w\\])([A-Za-z])_\{T\}", x)})
    last = re.compile(r"(?<![\w.\\])d_?([" + "".join(at_last) + r"])(?![\w({\[])") if at_last else None
    for k, line in enumerate(logical):
        if not _REVERSED_LOOP.match(line):
            continue
        body = _block(logical, k)
        outer = next((i for i in range(k - 1, -1, -1) if logical[i].strip() and _indent(logical[i]) < _indent(line)),
                     -1)    # (the function or the loop the backward loop stands in, or the top of the fence)
        if not body:
            continue
        for j in range(outer + 1, k):
            g = re.match(r"^\s*(?P<name>d_?[A-Za-z]\w*)\s*=(?!=)", logical[j])
            if g is None or _indent(logical[j]) != _indent(line) or re.search(r"zeros|empty", logical[j]):
                continue
            word = re.compile(rf"(?<![\w.]){re.escape(g['name'])}(?![\w(\[])")
            sets = [i for i in body if re.match(rf"\s*{re.escape(g['name'])}\s*=(?!=)", logical[i])]
            if sets and any(word.search(logical[i].split("=", 1)[1]) for i in body if i < sets[0] and "=" in
                            logical[i]) and not any(word.search(logical[i]) and not _ZERO_LIKE.search(logical[i])
                                                    for i in range(j + 1, k)):
                # (dc_next = np.zeros_like(dh_next) between them reads its shape only)
                out[j] = re.sub(r"^(\s*d_?[A-Za-z]+?)(?:_?next)?(\s*=)", r"\1_{T}\2", out[j], count=1)
                # (dh_next = Wy.T @ dy above a loop opening dh = dh_next: what enters the last step, dh_T)
                if last:        # (dh = (dy @ Wy).T where the rows read y at the last step: dy there too)
                    e = out[j].find("=")
                    out[j] = out[j][:e + 1] + last.sub(r"d\1_{T}", out[j][e + 1:])
    return out


def _carried_back(logical: list, lines: list) -> list:
    """The lines with a state's gradient, named by its letter alone (``d_h``, ``dh``, ``dc``), that a loop backward
    over the steps reads before setting it and sets last (``temp = (1 - h**2) * d_h`` ... ``d_h = self.Whh @
    temp``, Victor Zhou's RNN) written at the step before on its last set, ``dh_{t-1} = W_{hh} temp``: what the
    step hands to the step before. Read as dh at step t, the set came before the rows that read it. Not where the
    loop adds to the name (``dh += ...``: the step's own part joins it)."""
    out = list(lines)
    for k, line in enumerate(logical):
        if not _REVERSED_LOOP.match(line):
            continue
        body = [j for j in _block(logical, k) if logical[j].strip() and not logical[j].lstrip().startswith("#")]
        for name in sorted({g[1] for j in body if (g := re.match(r"^\s*(d_?[a-z])\s*=(?!=)", logical[j]))}):
            word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w(\[])")
            uses = [j for j in body if word.search(logical[j])]
            sets = [j for j in uses if re.match(rf"\s*{re.escape(name)}\s*=(?!=)", logical[j])]
            if len(sets) != 1 or uses[-1] != sets[0] or uses[0] == sets[0] or \
                    any(re.match(rf"\s*{re.escape(name)}\s*[-+*/]=", logical[j]) for j in uses) or \
                    word.search(logical[sets[0]].split("=", 1)[1]):
                continue
            out[sets[0]] = re.sub(r"^(\s*[A-Za-z]\w*)(\s*=)", r"\1_{t-1}\2", out[sets[0]], count=1)
    return out


#: A loop over the inputs themselves, ``for x in xs:`` (a plural list's name, or a sequence's: ``for val in seq:``):
#: a loop forward over the steps.
_EACH_INPUT = re.compile(r"^\s*for\s+[a-z]\w*\s+in\s+(?:self\.)?(?:[a-z]\w*s|seq|sequence|x_seq|input_seq)\s*:")


def _after_forward_loop(logical: list, lines: list) -> list:
    """The lines with the statements of a function after its loop forward over the steps reading what the
    loop computed last: ``y_hat = a_t @ self.V + self.by.T`` below ``for i in range(len(x)): ... a_t = tanh(s_t)``
    (or ``for x in xs:``, :data:`_EACH_INPUT`) reads a at the last step, ``a_{T}`` (a many-to-one output,
    numeric/laststep.py). Only the names the loop's rows assign at step t (``a_{t}``, or bare), up to the
    function's next loop."""
    out = list(lines)
    for k, line in enumerate(logical):
        m = _step_loop(line, logical) or _EACH_INPUT.match(line)
        if m is None or "reversed" in line or re.search(r",\s*-\s*1\s*\)\s*:", line):
            continue
        body = _block(logical, k)
        if not body:
            continue
        named = set()
        for j in body:
            a = re.match(r"^\s*([A-Za-z][A-Za-z0-9]*)(?:_t|_\{t\})?\s*=(?!=)", out[j])
            if a is not None:
                named.add(a[1])
            a = re.match(r"^\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)+)\s*=(?!=)\s*(?:self\.)?[A-Za-z_]\w*\s*\(",
                         logical[j])
            # (ht, yt = self.cell(x, ht): each name the step's call returns, a function or method of the fence's
            # own; not self.encoder.forward(...), another object's, whose rows are not this model's)
            named.update(x.strip() for x in (a[1].split(",") if a is not None else ())
                         if re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", x.strip()))
        fn = next((i for i in range(k - 1, -1, -1) if re.match(r"\s*def\s", logical[i]) and
                   _indent(logical[i]) < _indent(line)), None)
        if not named or fn is None:
            continue
        reads = re.compile(r"(?<![\w\\{])(" + "|".join(map(re.escape, sorted(named, key=len, reverse=True))) +
                           r")(?:_t|_\{t\})?(?![\w{(])")
        for j in _block(logical, fn):
            if j <= body[-1] or not logical[j].strip():
                continue
            if _indent(logical[j]) <= _indent(line) and re.match(r"\s*(?:for|while)\s", logical[j]):
                break
            out[j] = _read_at_last(out[j], reads)
    return out


#: ``z, f, i, g, o, c, h, c_prev = self.cache[-1]``: the names of the tuple a loop kept last, fetched.
_LAST_FETCH = re.compile(r"^(?P<indent>\s*)(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=\s*(?:self\.)?"
                         r"[A-Za-z_]\w*\s*\[\s*-\s*1\s*\]\s*$")


def _read_at_last(line: str, reads) -> str:
    """``line`` with the names ``reads`` matches on its right side written at the last step (``h`` -> ``h_{T}``),
    unless the line writes a last step already."""
    e = line.find("=")
    return line[:e + 1] + reads.sub(r"\1_{T}", line[e + 1:]) if e > 0 and "_{T}" not in line else line


def _last_fetches(logical: list, lines: list) -> list:
    """The lines with the names a statement fetches from the last entry of a list of the steps' tuples (``z, f, i,
    g, o, c, h, c_prev = self.cache[-1]``, a many-to-one backward starting at the last step) read at the last step
    (``y = self.Wy @ h + self.by`` there is y_T, as the forward's head after its loop is), in the statements after
    it at its indentation, up to a loop or a statement setting the name again. Only the names of one letter (or a
    letter and t): a name for the step before (c_prev) is another step's."""
    out = list(lines)
    for k, line in enumerate(logical):
        m = _LAST_FETCH.match(line)
        if m is None:
            continue
        names = [x.strip() for x in m["names"].split(",") if re.fullmatch(r"[A-Za-z](?:_?t)?", x.strip())]
        if not names:
            continue
        out[k] = ""         # (the fetch itself: no formula)
        reads = re.compile(r"(?<![\w\\{])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) +
                           r")(?:_t|_\{t\})?(?![\w{(])")
        for j in range(k + 1, len(logical)):
            x = logical[j]
            if not x.strip():
                continue
            if _indent(x) < len(m["indent"]) or re.match(r"\s*(?:for|while|def)\s", x):
                break
            out[j] = _read_at_last(out[j], reads)
            if re.match(r"\s*(" + "|".join(map(re.escape, names)) + r")\s*=(?!=)", x):
                break
    return out


def _delta_names(lines: list) -> list:
    """The lines with a gradient named ``delta_c``, ``delt_c``, ``delta_c_curr`` (the error signal of c) or ``d_y_t``,
    ``d_h_next`` written as code's d-name ``dc``, ``dc_curr``, ``dy_t``, ``dh_next``, unless the fence uses that
    d-name itself (``delta_h[t] = dh[t] + delta_h[t+1]``: there dh is another gradient, the step's own part, and
    delta_h stays a name of its own). A derivative named by both ends (``d_h_next_d_z``) is left to the spellings."""
    found = {m["x"] for line in lines for m in _DELTA_NAME.finditer(line) if not re.search(r"_d_?[A-Za-z]", m["x"])}
    if not found:
        return lines
    used = {w for line in lines for w in re.findall(r"(?<![\w.])d[A-Za-z]\w*", line)}
    keep = {x for x in found if "d" + x in used}

    def name(m):
        x = m["x"]
        return m.group() if x in keep or x not in found else "d" + x
    return [_DELTA_NAME.sub(name, line) for line in lines]


_FETCH = re.compile(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=\s*(?P<values>.+?)\s*$")
_FETCHED = re.compile(r"^(?P<dict>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<key>[A-Za-z_]\w*)(?P=q)\s*\]$")


#: ``cache["h_prev"].append(h_pre)``: a step's value kept in a dictionary's list.
_KEYED_APPEND = re.compile(r"^\s*(?:self\.)?(?P<d>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<k>\w+)(?P=q)\s*\]\.append\(\s*"
                           r"(?P<v>[A-Za-z_]\w*)(?:\.copy\(\s*\)|\.clone\(\s*\))?\s*\)\s*$")
#: ``h_prev_list = cache['h_prev']``: the list under another name.
_KEYED_ALIAS = re.compile(r"^\s*(?P<n>[A-Za-z_]\w*)\s*=\s*(?:self\.)?(?P<d>[A-Za-z_]\w*)\[\s*(?P<q>['\"])(?P<k>\w+)(?P=q)\s*\]\s*$")
#: ``h_prev = h_prev_list[t]``, ``x = cache["x"][t]``: the value kept at the loop's step, fetched.
_KEYED_FETCH = re.compile(r"^(?P<ind>\s*)(?P<a>[A-Za-z_]\w*)\s*=\s*(?:(?P<n>[A-Za-z_]\w*)|(?:self\.)?(?P<d>[A-Za-z_]\w*)"
                          r"\[\s*(?P<q>['\"])(?P<k>\w+)(?P=q)\s*\])\[\s*(?P<var>[a-z])\s*\]\s*$")


#: At most this many fetches from a dictionary's lists are read in one fence (a hostile file holds more).
MAX_KEYED_FETCHES = 64


def _keyed_list_fetches(lines: list) -> list:
    """The lines with the backward's fetches from a dictionary's lists of the steps (``cache["h_t"].append(h)`` in
    the forward loop, then ``h_t_list = cache['h_t']`` and ``h_t = h_t_list[t]`` in the loop backwards) blank: a
    fetch, no formula. Where the fetched name is another quantity's than the value the list keeps (``h_prev =
    h_prev_list[t]`` from ``cache["h_prev"].append(h_pre)``), the lines below it in its block read the value kept
    (``dWhh += h_pre.T @ da``): what the code computes with. Only lists given one value by name."""
    kept = {}
    for line in lines:
        m = _KEYED_APPEND.match(line)
        if m is not None:
            kept.setdefault((m["d"], m["k"]), set()).add(m["v"])
    kept = {dk: next(iter(v)) for dk, v in kept.items() if len(v) == 1}
    if not kept:
        return lines
    aliases = {}
    for line in lines:
        m = _KEYED_ALIAS.match(line)
        if m is not None and (m["d"], m["k"]) in kept:
            aliases.setdefault(m["n"], set()).add((m["d"], m["k"]))
    aliases = {n: next(iter(v)) for n, v in aliases.items() if len(v) == 1}
    out = list(lines)
    on = {}             # word -> the lines it is on (one pass: a long fence stays fast)
    fetches = 0
    for j, line in enumerate(lines):
        for w in set(_NAME.findall(line)):
            on.setdefault(w, []).append(j)
    for j, line in enumerate(lines):
        m = _KEYED_FETCH.match(line)
        dk = (aliases.get(m["n"]) if m["n"] else (m["d"], m["k"])) if m is not None else None
        if dk not in kept:
            continue
        fetches += 1
        if fetches > MAX_KEYED_FETCHES:
            break
        out[j] = ""
        value = kept[dk]
        if name_stem(value) == name_stem(m["a"]):
            continue
        word = re.compile(rf"(?<![\w.]){re.escape(m['a'])}(?!\w)")
        end = next((i for i in range(j + 1, len(lines)) if lines[i].strip() and _indent(lines[i]) < len(m["ind"])),
                   len(lines))
        for i in on.get(m["a"], ()):
            if i <= j or i >= end:
                continue
            if re.match(rf"\s*{re.escape(m['a'])}\s*=(?!=)", lines[i]):
                break           # (set again: the fetched value ends here)
            out[i] = word.sub(value, out[i])
    return out


def _fetched_names(lines: list) -> list:
    """The lines with the names a tuple statement fetches from one dictionary (Coursera's ``dxt, da_prevt, dWaxt =
    gradients["dxt"], gradients["da_prev"], gradients["dWax"]``, the step function's gradients) read as the keys
    they fetch (``dWax += dWaxt``: the step's dWax added to the sum, read as ``dWax += gradients["dWax"]`` is); the
    fetching statement is no formula (blank). Only names the fence assigns nowhere else."""
    alias, at = {}, {}
    for k, line in enumerate(lines):
        m = _FETCH.match(line)
        if m is None:
            continue
        names, values = [x.strip() for x in split_outside(m["names"])], split_outside(m["values"])
        fetched = [_FETCHED.match(v.strip()) for v in values]
        if len(names) != len(values) or None in fetched or len({f["dict"] for f in fetched}) != 1:
            continue
        for name, f in zip(names, fetched):
            if name != f["key"]:
                alias[name] = f["key"]
        at[k] = names
    if not alias:
        return lines
    assigned = {}
    for k, line in enumerate(lines):
        e = _top_equals(line)
        if e > 0 and k not in at:
            for name in split_outside(line[:e].rstrip("+-*/")):
                assigned[name.strip()] = assigned.get(name.strip(), 0) + 1
    alias = {a: key for a, key in alias.items() if not assigned.get(a)}
    if not alias:
        return lines
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(alias, key=len, reverse=True))) +
                         r")(?![\w(])")
    return ["" if k in at else pattern.sub(lambda m: alias[m[1]], line) for k, line in enumerate(lines)]


#: A tuple assignment of names: ``di, df, dg = dc * g, dc * c_prev, dc * i`` (indent, names, values).
_TUPLE = re.compile(r"^(?P<indent>\s*)(?P<names>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)+)\s*=(?!=)\s*"
                    r"(?P<values>[^=].*?)\s*$")


_CUT = re.compile(r"^(?P<name>(?:self\.)?[A-Za-z_]\w*)\[(?P<cols>\s*:\s*,)?(?P<lo>[\w*+ ]*):(?P<hi>[\w*+ ]*)"
                  r"(?P<rows>,\s*:\s*)?\]$")


def _block_cuts(line: str) -> str:
    """A tuple assignment cutting one array into blocks that follow each other from its start (``Wxrz, Wxn =
    Wx[:, :2*H], Wx[:, 2*H:3*H]``; ``bxrz, bxn = bx[:2*H], bx[2*H:3*H]``) as the array stacked from them
    (``Wx = np.hstack((Wxrz, Wxn))``, vstack for rows): the blocks are its parts, as the row ``W_x = [W_{xz},
    W_{xn}]`` says (cell/paramstacks.py). Any other line is returned as it is."""
    m = _TUPLE.match(line)
    if m is None or ";" in line:
        return line
    names = [x.strip() for x in split_outside(m["names"])]
    cuts = [_CUT.match(v.strip()) for v in split_outside(m["values"])]
    if len(names) < 2 or len(cuts) != len(names) or None in cuts or len({c["name"] for c in cuts}) != 1 or \
            len({bool(c["cols"]) for c in cuts}) != 1 or any(c["cols"] and c["rows"] for c in cuts) or \
            cuts[0]["lo"].strip() not in ("", "0") or any(not c["hi"].strip() for c in cuts[:-1]) or \
            any(re.sub(r"\s", "", a["hi"]) != re.sub(r"\s", "", b["lo"]) for a, b in zip(cuts, cuts[1:])):
        return line
    whole, blocks = re.sub(r"^self\.", "", cuts[0]["name"]), [re.sub(r"^self\.", "", n) for n in names]
    if whole in blocks or not all(n.startswith(whole) for n in blocks):
        return line         # (Wxz, Wxr, Wx = self.Wx[:, :H], ...: DLFS names a block as the whole, read elsewhere;
        #                     Whz, Whr, Wz = Wh[...]: a block not named for its array, a slip the rows may show)
    fn = "hstack" if cuts[0]["cols"] else "vstack"
    return f"{m['indent']}{cuts[0]['name']} = np.{fn}(({', '.join(names)}))"


def _tuple_statements(line: str) -> str:
    """A tuple assignment with one value per name (``i, f, o = sigmoid(z[:H]), sigmoid(z[H:2*H]), ...``) as its
    statements one after the other on the same line (``i = ...; f = ...; o = ...``; ``i, f = sigmoid(i), sigmoid(f)``
    too), when that is what Python does: no value reads a name the statement assigns before it (``h, c = o *
    tanh(c), f * h`` reads the old h). A statement only cutting an array into blocks (``Wxz, Wxr, Wx = Wx[:, :H],
    Wx[:, H:2*H], Wx[:, 2*H:]``: the blocks are the cell's weights, not formulas) or keeping or fetching values
    under other names (``self.Wx, self.Wh = Wx, Wh``; ``Wf, bf = parameters["Wf"], parameters["bf"]``; ``dWx, dWh =
    None, None``) stays one, for the passes that read those. Any other line is returned as it is."""
    m = _TUPLE.match(line)
    if m is None or ";" in line:
        return line
    names = [x.strip() for x in split_outside(m["names"])]
    values = [v.strip() for v in split_outside(m["values"])]
    bare = [re.sub(r"(?<![\w.])self\.", "", v) for v in values]
    if len(names) != len(values) or len(set(names)) != len(names) or not all(values) or \
            all(re.fullmatch(r"[A-Za-z_][\w.]*\s*(?:\[[^\]]*\])?|[\w.]+", v) for v in bare) or \
            any(re.search(rf"(?<![\w.]){re.escape(re.sub(r'^self[.]', '', n))}(?![\w(])", v)
                for j, v in enumerate(bare) for n in names[:j]):
        return line
    return m["indent"] + "; ".join(f"{n} = {v}" for n, v in zip(names, values))


#: The field a parameter's record keeps under its name (``params_dict['W_f']['value']`` and ``['deriv']``, DLFS's
#: layers): the prefix its reading takes (W_f and dW_f).
PARAM_FIELDS = {"value": "", "val": "", "v": "", "data": "", "w": "",
                "deriv": "d", "grad": "d", "gradient": "d", "d": "d", "g": "d", "dw": "d"}
_PARAM_FIELD = re.compile(r"(?<![\w.'\"])(?:self\.)?(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*\[\s*(?P<q>['\"])(?P<key>[A-Za-z_]\w*)(?P=q)"
                          r"\s*\]\[\s*(?P<q2>['\"])(?P<field>" + "|".join(PARAM_FIELDS) + r")(?P=q2)\s*\]")


def _keyed_reads(line: str) -> str:
    """The line with each value a dictionary keeps under a name read as that name (``layer.p['U']`` is U,
    ``parameters['Wf']`` is Wf, ``layer.fc['h_'][:, s]`` is h_ at the loop's step, ``layer.g['dU'] += ...`` adds to
    dU): code keeps a model's arrays under their own names. A keyed list read at an index (``cache['h'][t]``: which
    step the list holds there is the code's) is left as it is. A statement assigning one value to a name and to its
    keyed store (``h_ = layer.fc['h_'][:, s] = ...``) is one assignment; a statement only fetching a value under
    another name (``da_prevt = gradients["da_prev"]``) is left as it is (not read)."""
    if "][" in line:
        line = _PARAM_FIELD.sub(lambda m: PARAM_FIELDS[m["field"]] + m["key"], line)
    fetch = re.fullmatch(r"\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<rest>.+?)\s*", line)
    if fetch is not None:
        whole = _KEYED.fullmatch(fetch["rest"])
        if whole is not None:
            return "" if whole["key"] == fetch["name"] else line
    store = re.fullmatch(r"\s*(?P<keyed>.+?)\s*=\s*(?P<name>[A-Za-z_]\w*)\s*(?:#.*)?", line)
    kept = _KEYED.fullmatch(store["keyed"]) if store is not None else None
    if kept is not None and kept["key"][:1].islower() and store["name"] not in ("None", "True", "False"):
        return ""       # self.cache['h_prev'] = h_prev_: a value kept under a key, no formula (a weight's key,
        #                 self.weights['Whh'] = stiefel_Whh, is the weight set to another array: a row)
    new = _KEYED.sub(_keyed_name, line)
    if new == line:
        return line
    cuts = [k for k in _relation_equals(new) if new[k - 1:k] not in ("+", "-", "*", "/")]
    if len(cuts) >= 2:
        targets = [new[:cuts[0]]] + [new[a + 1:b] for a, b in zip(cuts, cuts[1:])]
        if len({t.strip() for t in targets}) == 1:      # h_ = h_ = (...): one assignment
            new = new[:cuts[0]] + new[cuts[-1]:]
    return new


def _cache_reads(line: str, caches: dict) -> str:
    """The line with each read of a step-filled list at the step letter (``self.hiddens[t + 1]``) written as the
    value it keeps at that step (``h_{t}``; list_caches)."""
    if not caches:
        return line
    stems = {}
    for value, _ in caches.values():
        stems.setdefault(_step_stem(value), set()).add(value)
    pattern = re.compile(r"(?<![\w.])(?:self\.)?(d?)(" + "|".join(map(re.escape, caches)) +
                         r")\[\s*t\s*(?:([+-])\s*(\d))?\s*\]")

    def put(m):
        # (dZs[t] beside Zs.append(Y): the gradient of Y at the step, handed to the backward function by step)
        d, name, sign, n = m.groups()
        value, offset = caches[name]
        # (outputs.append(y_t): outputs[t] is y at t, not y_{t,t}; unless another list keeps another value of that
        # stem: h.append(ht) beside h_.append(h_t), a candidate named h_t, keep their names)
        value = d + value if d or len(stems.get(_step_stem(value), ())) > 1 else _step_stem(value)
        shift = (int(n) if sign == "+" else -int(n) if sign else 0) - offset
        step = f"t{'+' if shift > 0 else '-'}{abs(shift)}" if shift else "t"
        if _TWO_WORDS.fullmatch(value):
            return f"{value}[{step}]"       # hidden_state kept in hidden_states: hidden_{state,t} (the spellings)
        return f"{value}_{{{step}}}"
    return pattern.sub(put, line)


def _helper_bodies(lines: list, helpers: dict) -> set:
    """Indexes of the lines of a fence that define one of ``helpers`` (its ``def`` and body): the helper's own
    statements (``s = sigmoid(x)`` on its argument) restate nothing of the cell; its calls are read in its place."""
    out = set()
    for k, line in enumerate(lines):
        f = FLAG_DEF.match(line)
        if f is not None and (f"{FLAG_CALL}{f['flag']}{FLAG_CALL}{f['name']}" in helpers or
                              flag_branches(lines, k) is not None):
            # def tanh(x, derv=False): its branches are its calls' formulas (def softmax(x, derivative=False) with
            # no derivative given too: its locals, x_safe, f, are not the cell's; helperdefs.py checks its return)
            out |= {k, *_block(lines, k)}
            continue
        m = _DEF.match(line) or _DEF_MANY.match(line)
        if m is None or m["name"] not in helpers or _LIBRARY_ACTIVATION.match(m["name"]):
            continue                    # (def tanh_derivative(x): its body is read as the rows it always was)
        params = _def_params(m)         # (a method of another class named as a helper is not that helper)
        if helpers[m["name"]][0] != (params[0] if len(params) == 1 else params):
            continue
        out |= {k, *_block(lines, k)}
    return out


def _put_values(text: str, values: dict) -> str:
    """``text`` with each name of ``values`` (not an attribute, not a call) put in as its value, in one pass."""
    if not values:
        return text.strip()
    return _LOCAL_NAME.sub(lambda m: "(" + values[m[1]] + ")" if m[1] in values else m[0], text).strip()


#: A name in a helper's body that may be a local value (not an attribute ``x.T``, not a call ``f(x)``).
_LOCAL_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?![\w(])")


#: A function passed by its name as an argument (``sigmoid``, ``np.tanh``).
_FUNCTION_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?")


def _inline_helpers(line: str, helpers: dict, depth: int = 0) -> str:
    """The line with each call of a fence's own helper (``self.tanh_grad(c_t)``, ``LSTM.sigmoid_grad(z)``) replaced
    by its formula on the argument; a call whose argument's brackets do not close on the line is left."""
    if not helpers or depth >= MAX_HELPER_DEPTH:
        return line
    line = _flag_calls(line, helpers)
    pattern = re.compile(r"(?<![\w.])(?:self\.|[A-Z]\w*\.)?(" + "|".join(map(re.escape, helpers)) + r")\s*\(")
    out, pos = "", 0
    for m in pattern.finditer(line):
        if m.start() < pos:
            continue
        j = _call_end(line, m.end())
        if j is None:
            return line
        param, formula = helpers[m[1]]
        arg = line[m.end():j - 1]
        if isinstance(param, tuple):        # loss_func(p_t[t], target[t]): each argument in its parameter's place
            args = [a.strip() for a in split_outside(arg)]
            if len(args) != len(param) or any(not a or "=" in a for a in args):
                return line
            values = dict(zip(param, (_inline_helpers(a, helpers, depth + 1) for a in args)))
            body = re.sub(r"(?<![\w.])(" + "|".join(map(re.escape, param)) + r")(?![\w(])",
                          lambda _m: "(" + values[_m[1]] + ")", formula)
            # activate(wh.dot(h_pre) + ...) with activate=sigmoid: a function passed by its name is called
            body = re.sub(r"(?<![\w.])(" + "|".join(map(re.escape, param)) + r")(?=\s*\()",
                          lambda _m: values[_m[1]] if _FUNCTION_NAME.fullmatch(values[_m[1]]) else _m[0], body)
            out += line[pos:m.start()] + "(" + _inline_helpers(body, helpers, depth + 1) + ")"
            pos = j
            continue
        if "," in arg and len(split_outside(arg)) > 1:
            return line
        known = re.fullmatch(rf"(\w+)\({re.escape(param)}\)", formula)
        if known is not None:           # expit(v) = 1 / (1 + exp(-v)): the sigmoid itself (_known_body)
            out += line[pos:m.start()] + known[1] + "(" + _inline_helpers(arg, helpers, depth + 1) + ")"
            pos = j
            continue
        body = re.sub(rf"(?<![\w.]){param}(?![\w(])", lambda _m: "(" + arg.strip() + ")", formula)
        out += line[pos:m.start()] + "(" + _inline_helpers(body, helpers, depth + 1) + ")"
        pos = j
    return out + line[pos:]


#: A gradient divided by a count in place (``dWf = dWf / T``, ``dW /= len(xs)``), as one statement of a line.
_RESCALE = re.compile(r"(?:(?<=;)|^)\s*(?:self\.)?(?P<g>d[A-Za-z]\w*)\s*(?:/=|=\s*(?:self\.)?(?P=g)\s*/)\s*"
                      r"(?P<n>[A-Za-z_]\w*|\(\s*[A-Za-z_]\w*\s*\)|(?:len|float)\(\s*[\w.]+\s*\))\s*(?=;|$)")


#: A call's keyword argument giving the type of its value (``dtype='float32'``, ``dtype=np.float64``).
_DTYPE_ARG = re.compile(r"""\s*,\s*dtype\s*=\s*(?:(?:np|numpy|torch)\.\w+|['"]\w+['"]|\w+)(?=\s*\))""")


def _stored_value(line: str) -> bool:
    """``self.inputs = x``: a value kept on the object, no formula; not ``self.dbin = dn_sum`` (CMU's GRU cell: the
    gradient of one name kept as another's, a formula: the bias's gradient is the pre-activation's)."""
    m = re.fullmatch(r"\s*self\.(?P<attr>\w+)\s*=\s*(?P<value>[A-Za-z_]\w*)\s*", line)
    return m is not None and not (re.fullmatch(r"d[A-Za-z]\w*", m["attr"]) and re.fullmatch(r"d[A-Za-z]\w*", m["value"])
                                  and m["attr"] != m["value"])


def _code_line(line: str) -> str:
    """A line of a numpy fence in the plain spelling, or '' when it is not a formula: a statement with a string,
    an index other than the step or a one-axis slice, a tuple on its left or a call that builds or moves arrays
    (stacking two names, ``np.vstack([h_prev, x_t])``, is a stacked column)."""
    line = re.sub(r"#.*$", "", line)
    line = re.sub(r",\s*\)", ")", line)     # np.outer(a, b,): a call's trailing comma (black's one argument a line)
    line = _DTYPE_ARG.sub("", line)         # np.tanh(z, dtype='float32'): the precision of the value, not a formula's
    line = with_meant_numpy(line)           # np.tahn(c): np.tanh meant (the row fails as written: codecalls.py)
    if "=" not in line or not line.strip() or _CODE_WORDS.match(line) or re.search(r"[\"']|\b(?:lambda|if|else)\b", line):
        return ""
    if re.fullmatch(r"\s*(?:self\.)?(?P<n>[A-Za-z_]\w*)\s*=\s*(?!self\.)[a-z_]\w*\.(?P=n)\s*", line):
        return ""           # self.Wr = weights.Wr: a value fetched from an object under its own name
    if re.fullmatch(r"\s*[A-Za-z_]\w*\s*=\s*self\.\w+\s*", line) or \
            _stored_value(line) or \
            re.search(r"=\s*(?:None|True|False)\s*$", line):
        return ""           # h = self.h_prev, self.inputs = x: a value stored or fetched; grad_W = None: no formula
    # dWf = dWf / T, dW /= len(xs): a sum made a mean (its scale is the loss's): no formula (each statement of a
    # line, dWf = dWf / T;  dRf = dRf / T;, blanked where it stands)
    line = _RESCALE.sub(lambda m: m.group() if re.match(r"d[A-Za-z]", m["n"]) else " " * len(m.group()), line)
    if not line.strip(" ;"):
        return ""
    if re.fullmatch(r"\s*[A-Za-z_][\w.]*\s*=\s*(?:self\.|np\.|numpy\.)?(?:sigma|sigmoid|tanh|softmax|relu)\s*", line):
        return ""           # hsz = sigma (a count named sigma), self.act = np.tanh (a function kept): no formula
    if re.fullmatch(r"\s*[A-Za-z_][\w.]*\s*\[[^\]]*\]\s*=\s*[A-Za-z_][\w.]*?_?(?:next|prev)\s*", line):
        return ""           # a[:, :, t] = a_next: the step function's output stored at its step (a_next is a_t there)
    for a, b in PRE_SPELLINGS:
        line = re.sub(a, b, line)
    line = _operator_calls(line)
    for a, b in CODE_SPELLINGS:
        line = re.sub(a, b, line)
    line = _STACK_CALL.sub(_stacked, line)
    if not re.match(r"\s*[A-Za-z_][\w.]*\s*=\s*\\begin\{bmatrix\}", line):
        # np.dot(dft, np.concatenate((a_prev, xt), axis=0).T): the stack's transpose (but a name bound to one,
        # concat = np.concatenate(...).T in a backward pass, rebinds the forward's concat: left unread)
        line = re.sub(r"(\\end\{bmatrix\})\s*\.T(?![A-Za-z0-9_(])", r"\1^{T}", line)
    slices = [m for m in _CODE_SLICE.finditer(line)
              if not any(len(w) == 1 and w.islower() for w in re.findall(r"[A-Za-z_]\w*", m["lo"] + " " + m["hi"]))]
    bare = line
    for m in reversed(slices):      # (X[t:t+1]: a step, not a slice of widths: the line is not read)
        bare = bare[:m.start()] + bare[m.end():]
        line = line[:m.start()] + "[" + (":, " if m["before"] else "") + m["lo"].strip().replace("_", "\\_") + \
            ":" + m["hi"].strip().replace("_", "\\_") + (", :" if m["after"] else "") + "]" + line[m.end():]
    k = _top_equals(line)
    if k > 0 and line[:k].strip() == line[k + 1:].strip():
        return ""           # self.hidden_size = hidden_size: an argument kept, no formula
    if k > 0 and re.match(r"\s*\(", line[k + 1:]) and _one_group(line[k + 1:].strip()) and \
            len(split_outside(line[k + 1:].strip()[1:-1])) > 1:
        return ""           # cache = (x_t, h_prev, ...): a tuple of values kept, not a formula (not (W.T @ d)[H:, :])
    if k > 0 and _SIZE_OF.fullmatch(line[k + 1:].strip()) and re.fullmatch(r"\s*[A-Za-z]\w*\s*", line[:k]):
        return ""           # H = Whh.shape[1]: a size read off an array (as N, H = h.shape), not a formula
    if k > 0 and _SPLIT.match(line[k + 1:]) and "[" not in bare and \
            all(_LEFT.match(x.strip()) and not _GRADIENT_VIEW.match(x.strip()) for x in split_outside(line[:k])):
        return line         # ai, af, ao, ag = split(A, 4, axis=1): the names are the equal parts of A (_unpacked)
        #                     (not dWr, dWz, dWh = np.split(dW_ih, 3, axis=1): views of a gradient's zeros, filled
        #                     in place by the rows below)
    if k <= 0 or "," in _BRACED.sub("", line[:k]) or "[" in bare or "]" in bare or ":" in bare:
        return ""
    if any(m[1].split(".")[-1] not in CODE_CALLS and not re.fullmatch(r"d?actfn\d+", m[1]) or
           "." in m[1] and m[1].split(".")[0] in ("random", "linalg")
           for m in re.finditer(r"(?<![\w.])([A-Za-z_][\w.]*)\s*\(", line[k + 1:])):
        return ""           # (np.random.randn(...): random.randn, a call that builds an array)
    return line


_SPLIT_STATEMENT = re.compile(r"^\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*=\s*(?:np\.|numpy\.)?"
                              r"(?:split|array_split|chunk)\(")


def _rebound_splits(lines: list) -> set:
    """Indexes of the lines splitting a value into names that a later line of the same block rebinds through
    themselves (``i, f, g, o = np.split(z, 4, axis=1)`` then ``i = 1 / (1 + np.exp(-i))``): the parts are the
    pre-activations under the gates' names, which the reader reads from the rebinding rows, not as the split's
    names (two definitions of i)."""
    out = set()
    for k, line in enumerate(lines):
        m = _SPLIT_STATEMENT.match(line)
        if m is None:
            continue
        names = [x.strip() for x in m["names"].split(",")]
        for j in range(k + 1, len(lines)):
            if lines[j].strip() and _indent(lines[j]) < _indent(line):
                break
            a = re.match(r"\s*([A-Za-z_]\w*)\s*=(?!=)(.*)$", lines[j])
            if a is not None and a[1] in names and re.search(rf"(?<![\w.]){re.escape(a[1])}(?![\w(])", a[2]):
                out.add(k)
                break
    return out


#: A gradient's name (``dWr``, ``d_x``, ``grad_W``): a split into such names makes views to fill, not a formula.
_GRADIENT_VIEW = re.compile(r"(?:d[A-Z_]|grad|delta)\w*$|d[a-z]{1,2}$")


def _one_group(text: str) -> bool:
    """``(a, b)``: the text is one bracketed group (its first '(' closes at its end), not ``(a @ b)[H:, :]``."""
    depth = 0
    for j, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0:
            return j == len(text) - 1
    return False


#: A size read off an array, as CODE_SPELLINGS write it (``Whh.shape[1]``: ``W_{hh}.size(axis=1)``).
_SIZE_OF = re.compile(r"[A-Za-z_][\w{}\\]*\.size\(axis=\d\)")


#: A dict literal opened alone on its line (``grads = {``), one ``'key': value,`` per line, closed alone (``}``).
_DICT_OPEN = re.compile(r"^\s*(?:self\.)?(?P<dict>[A-Za-z_]\w*)\s*=\s*\{\s*(?:#.*)?$")
_DICT_ENTRY = re.compile(r"^(?P<indent>\s*)(?P<q>['\"])(?P<key>[A-Za-z_]\w*)(?P=q)\s*:\s*(?P<value>.+?)\s*,?\s*(?:#.*)?$")


def _dict_entries(lines: list) -> list:
    """The lines of a fence with a dict literal of formulas written one entry per line (``grads = {`` ...
    ``'dW_h': np.dot(dh_tilde.T, x_t),`` ... ``}``) read as one statement per entry, on its line (``dW_h =
    np.dot(dh_tilde.T, x_t)``): the gradients a step function returns by name; in a dict of gradients
    (GRADIENT_DICTS) under the parameters' names, ``'W_r': np.outer(dr_pre, x_t)`` is ``dW_r = ...``
    (_keyed_name). Left as it is unless every line between the braces is such an entry whose value closes its
    brackets on its line, and unless the dict is one of gradients or every key names a gradient (``dW_h``)."""
    out = list(lines)
    k = 0
    while k < len(lines):
        opened = _DICT_OPEN.match(lines[k])
        if opened is None:
            k += 1
            continue
        j, entries = k + 1, []
        while j < len(lines) and not re.match(r"^\s*\}\s*$", lines[j]):
            m = _DICT_ENTRY.match(lines[j])
            if m is None or _balance(m["value"]) != 0:
                break
            entries.append((j, m))
            j += 1
        names = [_keyed_name({"dict": opened["dict"], "key": m["key"]}) for _, m in entries]
        if entries and j < len(lines) and re.match(r"^\s*\}\s*$", lines[j]) and \
                (opened["dict"] in GRADIENT_DICTS or all(re.match(r"d[A-Za-z_]|grad", n) for n in names)):
            out[k] = out[j] = ""
            for (i, m), name in zip(entries, names):
                out[i] = f"{m['indent']}{name} = {m['value']}"
        k = j + 1
    return out


#: A line that starts a statement of its own: an assignment, a definition, a loop, a return.
_NEW_STATEMENT = re.compile(r"^\s*(?:[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*(?:[-+*/@]?=)(?!=)|(?:def|class|for|while|return|if)\b)")


def _logical_lines(lines: list) -> list:
    """Python's logical lines of a code fence, each on the line where it starts ('' on the lines it continues
    over): a statement goes on while a bracket it opened is open (``cache = (x_t, h_prev,`` ... ``)``) or its line
    ends in a backslash. Comments are dropped first (a bracket in a comment opens nothing)."""
    out, current, depth, quote = [], None, 0, _open_docstring(lines)
    for line in lines:
        code = line if quote is not None else _uncommented(line)
        if current is not None and depth > 0 and quote is None and _NEW_STATEMENT.match(code) and \
                _indent(code) <= _indent(out[current]):
            current, depth = None, 0        # bc = np.random.randn(n  (a bracket never closed): the next statement
        if current is not None:
            out[current] += " " + code.strip().rstrip("\\")
            out.append("")
        else:
            current = len(out)
            out.append(code.rstrip().rstrip("\\"))
        for q in re.findall(r'"""|\'\'\'', code):       # a docstring over several lines: one statement
            quote = q if quote is None else (None if q == quote else quote)
        if quote is None:
            depth = max(0, depth + _balance(re.sub(r'"""|\'\'\'', "", code)))
        if quote is None and depth == 0 and not code.rstrip().endswith("\\"):
            current = None
    return out


#: A statement that opens a block or ends a function: its line is not cut at its ';' (``for t in T: a; b``).
_COMPOUND = re.compile(r"\s*(?:for|while|if|elif|else|def|class|with|try|except|finally|return|lambda|async)\b")


def _split_statements(lines: list):
    """(lines, line_of, column_of): a fence's lines with the simple statements a line holds after one another
    (``h_prev = h[t]; c_prev = c[t]``, ``dWf += np.outer(df, z); dbf += df``) on lines of their own, each at the
    line's indent, so the analyses that read a statement per line read each; ``line_of[k]`` is the fence's line
    the k-th comes from, ``column_of[k]`` the offset its text is moved by. A line inside brackets or a docstring
    left open, a block's header and a ``;`` in a string or brackets are left as they are."""
    out, line_of, column_of = [], [], []
    depth, quote = 0, None
    for k, line in enumerate(lines):
        code = _uncommented(line) if quote is None else line
        cuts = [] if depth or quote is not None or _COMPOUND.match(code) or '"""' in code or "'''" in code \
            else _top_semicolons(code)
        marks = re.findall(r'"""|\'\'\'', line)
        for q in marks:
            quote = q if quote is None else (None if q == quote else quote)
        if quote is None and not marks:
            depth = max(0, depth + _balance(code))
        pieces = [(a + 1, code[a + 1:b]) for a, b in zip([-1] + cuts, cuts + [len(code)])]
        pieces = [(a + len(x) - len(x.lstrip()), x.strip()) for a, x in pieces if x.strip()]
        if len(pieces) < 2:
            out.append(line)
            line_of.append(k)
            column_of.append(0)
            continue
        indent = code[:len(code) - len(code.lstrip())]
        for a, x in pieces:
            out.append(indent + x)
            line_of.append(k)
            column_of.append(a - len(indent))
    return out, line_of, column_of


def _top_semicolons(code: str) -> list:
    """The offsets of the ``;`` of a line outside its strings and brackets."""
    if ";" not in code:
        return []
    out, depth, q = [], 0, None
    for k, ch in enumerate(code):
        if q is not None:
            q = None if ch == q else q
        elif ch in "\"'":
            q = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append(k)
    return out


def _open_docstring(lines: list):
    """The quote of a docstring the fence starts inside (an excerpt cut after a method's docstring opened: its
    first triple quote stands alone on a line, no statement before it, and code follows it: ``def``, or two
    statements before the next triple quote), else None."""
    marks = [k for k, line in enumerate(lines) if re.search(r'"""|\'\'\'', line)]
    if not marks or lines[marks[0]].strip() not in ('"""', "'''"):
        return None
    if any(_NEW_STATEMENT.match(line) for line in lines[:marks[0]]):
        return None
    after = lines[marks[0] + 1:marks[1] if len(marks) > 1 else len(lines)]
    math = [bool(_MATH_SIGN.search(line)) for line in after]       # f_t = σ(W_f z + ...): not Python's
    statements = sum(bool(_NEW_STATEMENT.match(line)) and not m for line, m in zip(after, math))
    prose = sum(m or bool(_PROSE_LINE.search(line)) and not _NEW_STATEMENT.match(line) for line, m in zip(after, math))
    defines = any(re.match(r"\s*def\s+\w+\s*\(", line) for line in after)
    if prose >= max(statements, 1) and not defines:
        return None     # a module's docstring stating its formulas in prose (f_t = σ(W_f z + ...) among words)
    if defines or statements >= 2:
        return lines[marks[0]].strip()
    return None


#: A line of prose: three words in a row.
_PROSE_LINE = re.compile(r"^\s*(?![#@])[^=#]*?[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")
#: A sign of mathematics that Python does not write (σ, ⊙, a braced script h_{t-1}, a LaTeX command).
_MATH_SIGN = re.compile(r"[σ⊙∘∑∂·×∈→]|[_^]\{|\\[A-Za-z]{2,}")


def _uncommented(line: str) -> str:
    """The line without its comment (a ``#`` outside a string)."""
    if "#" not in line:
        return line
    q = None
    for k, ch in enumerate(line):
        if q is None and ch == "#":
            return line[:k]
        if ch in "\"'" and (q is None or q == ch):
            q = ch if q is None else None
    return line


#: A loop over the steps: ``for t in range(T):``, ``for t, x_t in enumerate(X):`` (var: the index), or over the
#: sequence itself, ``for x_t in X:``, ``for x in inputs[1:]:`` (var: the element).
_FOR_RANGE = re.compile(r"^(?P<indent>\s*)for\s+(?P<var>[A-Za-z_]\w*)(?:\s*,\s*[A-Za-z_]\w*)?\s+in\s+"
                        r"(?:x?range\(|enumerate\(|(?:self\.)?[A-Za-z_]\w*\s*(?:\[[^\]]*\])?\s*:)")
_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?![\w(])")


_LOOP = re.compile(r"^\s*(?:for|while)\b")
_COPY = re.compile(r"^\s*(?P<a>[A-Za-z_]\w*)\s*=\s*(?P<b>[A-Za-z_]\w*)\s*$")


#: Words naming a cell at the start or end of a function's name (``rnn_step_forward``, ``lstm_backward``,
#: ``backward_gru``): a file's functions of one cell form one model, as a class's methods do.
CELL_FAMILY_WORDS = ("rnn", "lstm", "gru", "mgu", "mingru", "minlstm", "peephole")


def _cell_family(name: str) -> str:
    """The cell a function belongs to by its name's first or last word (CELL_FAMILY_WORDS), else ''."""
    words = name.lower().strip("_").split("_")
    for w in (words[0], words[-1]):
        if w in CELL_FAMILY_WORDS:
            return "def:" + w
    return ""


_ZEROS = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*(?:np|numpy|jnp)\.(?:zeros|empty)(?:_like)?\(.*\)\s*$")
_FILL = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\[\s*(?P<cols>:\s*,\s*)?(?P<lo>[\w*+ ]*?)\s*:\s*(?P<hi>[\w*+ ]*?)\s*"
                   r"(?:,\s*:\s*)?\]\s*=\s*(?P<value>[^=].*?)\s*$")


def _slice_fills(lines: list) -> list:
    """The lines with a column filled block by block (Coursera's ``concat = np.zeros(...)``, ``concat[: n_a, :] =
    a_prev``, ``concat[n_a :, :] = xt``; a row's blocks of columns ``concat[:, :H] = h_prev``, stacked with axis=1)
    written as one stacking statement on the last block's line (``concat =
    np.concatenate((a_prev, xt), axis=0)``) and the block lines blank: the blocks cover the column in order, from
    its top (an empty or 0 start) to its end (an empty stop), each starting where the one before stopped."""
    out = list(lines)
    for k, line in enumerate(lines):
        m = _ZEROS.match(line)
        if m is None:
            continue
        name, blocks, stop, j, axis = m["name"], [], None, k + 1, None
        while j < len(lines) and len(blocks) < 8:
            if not lines[j].strip():
                j += 1
                continue
            f = _FILL.match(lines[j])
            if f is None or f["name"] != name or (axis is not None and axis != bool(f["cols"])):
                break
            axis = bool(f["cols"])          # concat[:, :H] = h_prev: blocks of columns, side by side (row layout)
            lo = re.sub(r"\s", "", f["lo"])
            if (stop is None and lo not in ("", "0")) or (stop is not None and lo != stop):
                break
            blocks.append((j, f["value"]))
            stop = re.sub(r"\s", "", f["hi"])
            j += 1
            if stop == "":
                break
        if len(blocks) >= 2 and stop == "":
            for b, _ in blocks:
                out[b] = ""
            last = blocks[-1][0]
            out[last] = (f"{m['indent']}{name} = np.concatenate(("
                         + ", ".join(v for _, v in blocks) + f"), axis={int(axis)})")
    return out


#: Activation objects a course's handout builds for its students (CMU 11-785's mytorch ``GRUCell.__init__``:
#: ``self.r_act = Sigmoid()``, ``self.z_act = Sigmoid()``, ``self.h_act = Tanh()``): a student's cell that is
#: transcribed without its ``__init__`` still applies them under these names.
HANDOUT_ACTIVATION_OBJECTS = {"r_act": "sigmoid", "z_act": "sigmoid", "h_act": "tanh"}
_ACT_OBJECT = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*(?:(?:torch\.)?nn\.|layers?\.)?"
                         r"(?P<cls>[A-Za-z]+)\(\s*\)\s*$")
#: The methods of such an object: applying it, its derivative at its last input (CMU 11-785's ``derivative()``), a
#: layer's backward pass (DLFS: ``backward(dout)`` is dout times the derivative), the derivative at a given output
#: (``derivative(state=y)``).
_ACT_CALL = re.compile(r"(?<![\w.])(?:self\.)?(?P<name>[A-Za-z_]\w*)(?:\.(?P<method>forward|derivative|backward))?"
                       r"\s*\(")


#: numpy's new axis on a 1-D vector (``d[:, np.newaxis] @ x[np.newaxis, :]``, the outer product d x^T).
_NEW_AXIS = re.compile(r"\[\s*(?:(?P<col>:\s*,\s*(?:np\.newaxis|None))|(?P<row>(?:np\.newaxis|None)(?:\s*,\s*:)?))\s*\]")


def _new_axes(line: str) -> str:
    """The line with ``v[:, np.newaxis]`` (``v[:, None]``) written ``v.newaxis(1)``, v as a column, and
    ``v[np.newaxis, :]`` (``v[None]``) ``v.newaxis(0)``, as a row (numprod.AXIS_FUNCTIONS), after a name or a closing
    bracket; not beside a ``*`` (``v[:, None] * W`` scales W's rows by broadcasting, a product not read so)."""
    col = r"\[\s*:\s*,\s*(?:np\.newaxis|None)\s*\]"
    def put(m):
        after, before = line[m.end():], line[:m.start()]
        scaled = re.match(r"\s*\*(?!\*)", after) and not (m["col"] and re.match(rf"\s*\*\s*[\w.]+{col}", after)) or \
            re.search(r"(?<!\*)\*\s*[\w.]*(?:\[[^\]]*\])*$", before) and not (
                m["col"] and re.search(rf"{col}\s*\*\s*[\w.]*(?:\[[^\]]*\])*$", before))
        if not re.search(r"[\w)\]]\s*$", before) or scaled:
            return m.group()        # (two columns multiplied, a[:, None] * b[:, None], are element-wise)
        return ".newaxis(1)" if m["col"] else ".newaxis(0)"
    return _NEW_AXIS.sub(put, line)


def _activation_objects(lines: list) -> list:
    """The lines with the activation objects a fence builds (``self.r_act = Sigmoid()``) written as the functions they
    apply: ``self.r_act(z)`` and ``self.r_act.forward(z)`` are ``sigmoid(z)``; ``self.r_act.derivative()`` is
    the derivative at the object's last output (``self.r = self.r_act(...)`` above: ``dsigmoid(r)``, r (1 - r)),
    ``.backward(d)`` is ``d`` times it, ``.derivative(state=r)`` the derivative at the output r. The object's own
    line goes; its last output is the name its latest application above (in the order of the lines) is assigned
    to. An object whose last application is not so assigned, or called with other arguments, is left as written
    (not read)."""
    objects, built = {}, set()
    for line in lines:
        m = _ACT_OBJECT.match(line)
        if m is not None:
            built.add(m["name"])
            if m["cls"].lower() in ACTIVATION_CLASSES:
                objects[m["name"]] = ACTIVATION_CLASSES[m["cls"].lower()]
    applied = {c["name"] for line in lines for c in _ACT_CALL.finditer(line) if line[c.start():].startswith("self.")}
    for name, fn in HANDOUT_ACTIVATION_OBJECTS.items():
        if name in applied and name not in built and not any(n in built for n in HANDOUT_ACTIVATION_OBJECTS):
            objects[name] = fn          # (the handout's objects, its __init__ not transcribed)
    if not objects:
        return lines
    out, last = [], {}          # object -> the name its latest application is assigned to
    loops, within = {}, {}      # object -> the loop its latest application is in; line -> the loops around it
    for k, line in enumerate(lines):
        if _LOOP.match(line):
            for j in _block(lines, k):
                within.setdefault(j, set()).add(k)
    for at, line in enumerate(lines):
        m = _ACT_OBJECT.match(line)
        if m is not None and m["name"] in objects:
            out.append("")
            continue
        put = re.match(r"^\s*(?:self\.)?(?P<out>[A-Za-z_]\w*)\s*=\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)"
                       r"(?:\.forward)?\s*\(", line)
        pos, parts = 0, []
        for c in _ACT_CALL.finditer(line):
            if c.start() < pos or c["name"] not in objects:
                continue
            end = _call_end(line, c.end())
            if end is None:
                break
            args, fn = line[c.end():end - 1].strip(), objects[c["name"]]
            method = c["method"]
            if method in (None, "forward") and args:
                text = f"{fn}({args})"
                if put is not None and put.end() == c.end() and end == len(line.rstrip()):
                    last[c["name"]] = put["out"]        # self.z = self.z_act(...): its output is z
                    loops[c["name"]] = within.get(at, set())
                else:
                    last.pop(c["name"], None)
            elif c["name"] in last and not loops.get(c["name"], set()) <= within.get(at, set()):
                continue    # (one object applied at every step of the forward loop keeps the last step's output:
                #            its derivative in the backward loop is at that step, not at the loop's; not read)
            elif method in ("derivative", "backward") and not args and c["name"] in last:
                # (written through the output: dsigmoid(z) = z (1 - z); backward() of the 2021 handout so named)
                text = f"d{fn}({last[c['name']]})"
            elif method in ("derivative", "backward") and re.fullmatch(r"state\s*=\s*[^=].*", args):
                text = f"d{fn}({args.partition('=')[2].strip()})"
            elif method == "derivative" and args and re.fullmatch(r"[A-Za-z_][\w.]*", args):
                text = f"d{fn}({args})"         # derivative(n): at the output n, as derivative(state=n) is
            elif method == "backward" and args and c["name"] in last and "," not in args:
                # (in brackets: W.T @ act.backward(d) is W^T (d * act'), not (W^T d) * act')
                text = f"d{fn}({last[c['name']]})" if args == "1" else f"(({args}) * d{fn}({last[c['name']]}))"
            elif method == "backward" and re.fullmatch(r"[^,=]+,\s*state\s*=\s*[^,=]+", args):
                grad, _, state = args.partition(",")        # backward(d, state=n): d times the derivative at n
                text = f"(({grad.strip()}) * d{fn}({state.partition('=')[2].strip()}))"
            else:
                continue
            parts.append(line[pos:c.start()] + text)
            pos = end
        out.append("".join(parts) + line[pos:])
    return out


_CLASS = re.compile(r"^(?P<indent>\s*)class\s+\w+")
_METHOD = re.compile(r"^(?P<indent>\s*)def\s+(?P<name>\w+)\s*\((?P<args>[^()]*)\)")
_ATTR_ALIAS = re.compile(r"^\s*self\.(?P<attr>[A-Za-z_]\w*)\s*=\s*(?P<value>[A-Za-z_]\w*)\s*$")
_RETURN_ONE = re.compile(r"^\s*return\s+(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*$")
#: Suffixes of the new state a cell's forward step returns (``h_t``, ``h_next``): the argument of that name without
#: the suffix is the state of the step before (CMU 11-785's ``def forward(self, x, h)`` returning ``h_t``).
NEW_STATE_SUFFIXES = ("_t", "_next", "_new")


#: A loop backwards over the steps counted by t: ``for t in reversed(range(T)):``, ``for t in range(T - 1, -1, -1):``.
_BACKWARD_LOOP = re.compile(r"\s*for\s+t\s+in\s+(?:reversed\(|range\([^:]*,\s*-\s*1\s*\)\s*:)")
#: A gradient's sum at a step of such a loop: the handed gradient read at t and the one carried from step t+1,
#: ``dh = dH[t] + dh_next``, ``dh_total = dout[:, t, :] + dh_next``, ``d_h_next = d_h_stack[:, t, :] + d_h_prev``.
_AT_T = r"\[\s*(?::\s*,\s*)*t\s*(?:,\s*:\s*)*\]"          # [t], [:, t], [:, t, :]
_UPSTREAM_SUM = re.compile(
    r"^(?P<head>\s*(?:d|grad|delta)\w*\s*=\s*)(?P<open>\(\s*)?(?:(?P<a>(?P<p>[A-Za-z_]\w*)" + _AT_T +
    r")\s*\+\s*(?P<c>[A-Za-z_]\w*)|(?P<c2>[A-Za-z_]\w*)\s*\+\s*(?P<b>(?P<q>[A-Za-z_]\w*)" + _AT_T + r"))\s*"
    r"(?(open)\)\s*\*\s*[^=]+)$")      # (dz = (dy[t] + dh_next) * (1 - h ** 2): the sum times a derivative)


def _upstream_reads(lines: list) -> list:
    """The lines with the gradient a backward function is handed by the layer's outputs (``def backward(self,
    dH)``, ``rnn_backward(dh, cache)``'s array), read at step t in a sum with the gradient carried from step t+1
    (``dh = dH[t] + dh_next``), written as the loss's gradient reaching the output at t directly, Delta_t: the
    array holds each step's own part (its name says the gradient of the outputs, not of the state's total). Only
    an argument the function never assigns but from itself (``dhs = dhs[:T]``), in a loop backwards over t, beside
    a name the loop assigns; and not where the fence stores a state at the step after its own (``H[t + 1] = h``:
    the arrays' steps and the handed gradient's may then differ by one)."""
    out = list(lines)
    if any(re.search(r"\[[^\]]*\bt\s*\+\s*1\b[^\]]*\]\s*=(?!=)", line) for line in lines):
        return out
    for args, body in _functions(lines):
        params = set(args) - {"self", "cache", "caches", ""}
        assigned = {m[1] for j in body for m in [re.match(r"\s*([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)?[-+*/]?=(?!=)(.*)",
                                                            lines[j])]
                    if m and not re.match(rf"\s*{re.escape(m[1])}\b", m[2])}
        for j in body:
            if not _BACKWARD_LOOP.match(lines[j]):
                continue
            loop = _block(lines, j)
            carried = {x.strip() for i in loop for m in [re.match(r"\s*([A-Za-z_][\w\s,]*?)\s*=(?!=)", lines[i])] if m
                       for x in m[1].split(",")}
            for i in loop:
                m = _UPSTREAM_SUM.match(lines[i])
                if m is None:
                    continue
                p, c, part = (m["p"], m["c"], "a") if m["a"] else (m["q"], m["c2"], "b")
                if p in params and p not in assigned and c in carried and c != p:
                    out[i] = lines[i][:m.start(part)] + "UPSTREAM_AT_T" + lines[i][m.end(part):]
    return out


def _prev_read_first(lines: list) -> list:
    """The lines with a gradient named for the step before (``dh_prev``, ``dc_prev``) that a loop backwards over
    the steps reads before it sets it (``dh = dh_next[t] + dh_prev`` at the top, ``dh_prev = dz @ U.T`` at the
    bottom) named, where it is read, as the gradient carried from the step after, ``dh_next``: what the last
    iteration (step t+1) set for its step before, step t. Not where the loop's body already writes that name, nor
    where the loop adds to the name (``dh_prev += ...``)."""
    out = list(lines)
    for k, line in enumerate(lines):
        if not _BACKWARD_LOOP.match(line):
            continue
        body = _block(lines, k)
        sets, where = {}, {}
        for j in body:
            m = re.match(r"\s*(d\w*?)_?prev\s*(=(?!=)|[-+*/]=)", lines[j])
            if m is not None:
                sets.setdefault(m[0].split("=")[0].rstrip("+-*/ ").strip(), (j, m[2]))
            for w in set(_WORD.findall(lines[j])):
                where.setdefault(w, []).append(j)      # (one pass: a loop of 3000 names stays linear)
        for name, (first, op) in sets.items():
            new = re.sub(r"_?prev$", "", name) + "_next"
            above = [j for j in where.get(name, ()) if j < first]
            if op != "=" or not above or new in where:
                continue
            word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w(])")
            for j in above:
                out[j] = word.sub(new, out[j])
    return out


def _params(args: str) -> list:
    """The parameter names of a ``def``'s argument list (defaults dropped: ``ht_1 = None`` is ht_1)."""
    return [x.strip().split("=")[0].strip() for x in args.split(",")]


def _self_methods(lines) -> list:
    """(name, parameters but self) of every method (an indented ``def name(self, ...)``) of ``lines``."""
    out = []
    for m in map(_METHOD.match, lines):
        params = [p for p in _params(m["args"]) if p] if m is not None and m["indent"] else []
        if params[:1] == ["self"]:
            out.append((m["name"], params[1:]))
    return out


def _forward_arity(lines) -> set:
    """The numbers of arguments (self aside) of the forward methods of ``lines`` transcribed without their class:
    a cell's takes the input and the state (``forward(self, x, h)``), an activation's one (``forward(self, x)``)."""
    return {len(params) for name, params in _self_methods(lines) if name == "forward"}


def _assigned(lines: list, rows, attributes: bool = True) -> set:
    """The names the lines ``rows`` (indexes) assign (``h = ...``, ``dx += ...``; ``self.h = ...`` when
    ``attributes``)."""
    pattern = re.compile(r"^\s*" + (r"(?:self\.)?" if attributes else "") + r"([A-Za-z_]\w*)\s*[-+*/]?=(?!=)")
    return {m[1] for j in rows for m in [pattern.match(lines[j])] if m}


def _cell_classes(lines: list) -> list:
    """The lines with what a cell class's methods mean by their names (CMU 11-785's GRU_Cell, layer classes):
    ``self.hidden = h`` in one method makes ``self.hidden`` elsewhere ``h`` (an argument kept under another name,
    assigned once); a forward method ``def forward(self, x, h)`` that assigns ``h_t`` (NEW_STATE_SUFFIXES) takes
    the step before's state, so the class's ``h`` is ``h_prev`` and its ``dh`` is ``dh_prev`` (and ``h_t``,
    ``dh_t`` are ``h_next``, ``dh_next``: the code's bare names are the step's own values); a backward method
    of one argument (``def backward(self, delta)``) takes the gradient of what the forward method returns
    (``return h_t``: delta is ``dh_t``); a name another method assigns that is an argument of the forward method
    (``xx = np.zeros_like(self.x)`` in backward, beside ``forward(self, xx, ...)``) is that method's own
    (``xx_local``). Methods transcribed without their ``class`` line (a ``def forward(self, ...)`` indented under
    nothing) are read as one class's."""
    out = list(lines)
    classes = [_block(lines, k) for k, line in enumerate(lines) if _CLASS.match(line) is not None]
    if not classes and (_forward_arity(lines) or any(name == "backward" for name, _ in _self_methods(lines))):
        # methods transcribed without their class (or a forward method's body cut above its def line)
        classes = [[j for j, line in enumerate(lines) if line.strip()]]
    for block in classes:
        init = set()            # __init__ sets sizes and weights up (self.h = hidden_dim): not read as the cell's
        for j in block:
            d = _METHOD.match(lines[j])
            if d is not None and d["name"] == "__init__":
                init |= {j, *_block(lines, j)}
        body = [j for j in block if j not in init]
        stores = {}
        for j in body:
            a = _ATTR_ALIAS.match(out[j])
            if a is not None and a["attr"] != a["value"] and a["value"] not in ("None", "True", "False"):
                stores.setdefault(a["attr"], set()).add(a["value"])     # (self.db = None: no alias of db)
        aliases = {a: next(iter(v)) for a, v in stores.items() if len(v) == 1}
        for j in body:
            if aliases and not _ATTR_ALIAS.match(out[j]) and not re.fullmatch(r"\s*\w+\s*=\s*self\.\w+\s*", out[j]):
                out[j] = re.sub(r"(?<![\w.])self\.(" + "|".join(map(re.escape, aliases)) + r")(?!\w)",
                                lambda m: aliases[m[1]], out[j])
        defs = [(j, _METHOD.match(out[j])) for j in body if _METHOD.match(out[j])]
        forward = next((d for d in defs if d[1]["name"] == "forward"), None)
        backward = next((d for d in defs if d[1]["name"] == "backward"), None)
        renames = {}
        if forward is not None:
            params = _params(forward[1]["args"])[1:]
            f_body = _block(out, forward[0])
            assigned = _assigned(out, f_body)
            bare = _assigned(out, f_body, attributes=False)
            for p in params:
                own = re.compile(rf"\s*self\.{re.escape(p)}\s*=(?!=)(?!\s*{re.escape(p)}\s*$)")
                if re.fullmatch(r"[A-Za-z]\w*", p) and p not in bare and any(own.match(out[j]) for j in f_body):
                    # forward(self, x, h) setting self.h = (1 - z) * h + z * g: the argument is the step before's
                    # state, the attribute the new one (CMU 11-785 GRU cells that keep it)
                    renames[p], renames["d" + p] = p + "_prev", "d" + p + "_prev"
                sliced = re.compile(rf"\s*(?:self\.)?{re.escape(p)}(?:{'|'.join(NEW_STATE_SUFFIXES)})\s*=\s*"
                                    rf"{re.escape(p)}\s*\[")
                if re.fullmatch(r"[A-Za-z]\w*", p) and any(p + suf in assigned for suf in NEW_STATE_SUFFIXES) and \
                        not any(sliced.match(out[j]) for j in f_body):
                    # (not x_t = x[t] in a loop over the steps: the argument is the inputs' sequence, x_t its item)
                    renames[p], renames["d" + p] = p + "_prev", "d" + p + "_prev"
                    # (h_t, the new state beside h_prev, is h_next: a bare name is the step's own value)
                    renames[p + "_t"], renames["d" + p + "_t"] = p + "_next", "d" + p + "_next"
            if backward is not None:
                _backward_argument(out, backward, [m["name"] for j in f_body for m in [_RETURN_ONE.match(out[j])] if m]
                                   or [p + suf for p in params for suf in NEW_STATE_SUFFIXES if p + suf in assigned][:1])
                #   (no return transcribed: the new state it assigns, h_t beside its argument h, is what it returns)
        elif backward is not None:
            # a forward method's body cut above its def line (the excerpt starts inside it): the backward method's
            # one argument is the gradient of what the lines above it return (return h_t: delta is dh_t)
            above = [j for j in body if j < backward[0] and not any(j in _block(out, j0) or j == j0 for j0, _ in defs)]
            _backward_argument(out, backward, [m["name"] for j in above for m in [_RETURN_ONE.match(out[j])] if m])
        if forward is not None:
            # def backward(...): xx = np.zeros_like(self.x); xx += ...: a local of another method that reuses the
            # name of the forward step's argument (its input xx) is a name of its own there
            for j0, d in defs:
                if d is forward[1] or d["name"] == "__init__":
                    continue
                d_body = _block(out, j0)
                local = _assigned(out, d_body, attributes=False) & set(params) - set(_params(d["args"]))
                if local:
                    word = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(local))) + r")(?!\w)")
                    for j in d_body:
                        out[j] = word.sub(r"\1_local", out[j])
        if renames:
            pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, renames)) + r")(?!\w)")
            for j in body:
                if not _METHOD.match(out[j]):
                    out[j] = pattern.sub(lambda m: renames[m[1]], out[j])
    return out


#: How a step's backward function is named after its forward one (``gru_step`` and ``gru_step_backward``).
STEP_BACKWARD_NAMES = ("{f}_backward", "{f}_back", "{f}_bwd", "backward_{f}", "{f}_grad")


def _step_pairs(lines: list) -> list:
    """The lines with a step function's state argument read as the step before's (``def gru_step(self, x, h)``
    that assigns ``h_new = (1 - z) * h + z * n``: h is h_prev, its gradient dh_prev; h_t there is h_next) in the
    function and in its backward function (``gru_step_backward``, whose cache hands the same h back), as
    :func:`_cell_classes` reads a class's forward and backward methods. A name that the two functions already
    write (``dh_prev``) is left: it would merge with the renamed one."""
    out = list(lines)
    defs = {m["name"]: (k, m) for k, m in ((k, _DEF_LINE.match(x)) for k, x in enumerate(lines)) if m is not None}
    # (_DEF_LINE: defined below, with the other definitions' patterns)
    for name, (k, m) in defs.items():
        back = next((defs[b.format(f=name)] for b in STEP_BACKWARD_NAMES if b.format(f=name) in defs), None)
        if back is None or name in ("forward", "backward"):
            continue        # (forward/backward methods: _cell_classes)
        f_body, b_body = _block(lines, k), _block(lines, back[0])
        text = "\n".join(lines[j] for j in f_body + b_body)
        renames = {}
        for p in _params(m["params"]):
            if p == "self" or not re.fullmatch(r"[A-Za-z]\w*", p):
                continue
            new = re.compile(rf"\s*(?:self\.)?{re.escape(p)}(?:{'|'.join(NEW_STATE_SUFFIXES)})\s*=(?!=)(?P<rhs>.*)")
            reads = re.compile(rf"(?<![\w.]){re.escape(p)}(?![\w(\[])")
            if any((n := new.match(lines[j])) and reads.search(n["rhs"]) for j in f_body):
                for a, b in ((p, p + "_prev"), ("d" + p, "d" + p + "_prev"), (p + "_t", p + "_next"),
                             ("d" + p + "_t", "d" + p + "_next")):
                    if not re.search(rf"(?<![\w.]){re.escape(b)}(?!\w)", text):
                        renames[a] = b
        if renames:
            word = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, renames)) + r")(?!\w)")
            for j in f_body + b_body:
                out[j] = word.sub(lambda w: renames[w[1]], out[j])
    return out


def _backward_argument(out, backward, returned):
    """``out`` with a backward method's one argument (``def backward(self, delta)``) written as the gradient of the
    one name the forward step returns (``dh_t``), in the method's body."""
    b_args = [x.split(":")[0].strip() for x in backward[1]["args"].split(",")][1:]
    if len(b_args) == 1 and re.fullmatch(r"[A-Za-z_]\w*", b_args[0]) and len(set(returned)) == 1 and \
            b_args[0] != "d" + returned[0]:
        arg = re.compile(rf"(?<![\w.]){re.escape(b_args[0])}(?!\w)")
        for j in _block(out, backward[0]):
            out[j] = arg.sub("d" + returned[0], out[j])


#: MATLAB's operators and indexing in numpy's spelling (applied in order to a line of a MATLAB fence): the element-wise
#: operators, the matrix product, a column of a matrix by the loop's index, the transpose, a statement's semicolon.
MATLAB_SPELLINGS = (
    (r"\.\*", " \x00 "), (r"\./", " / "), (r"\.\^", " ** "), (r"(?<![*\x00])\*(?![*])", " @ "), (r"\x00", "*"),
    (r"(?<=[\w)\]])'", ".T"),
    (r"(?<![\w.])([A-Za-z_]\w*)\(\s*:\s*,\s*:\s*,\s*([^(),]+?)\s*\)", r"\1[:, :, \2]"),     # z(:,:,t): (n, batch, T)
    (r"(?<![\w.])([A-Za-z_]\w*)\(\s*:\s*,\s*([^(),]+?)\s*\)", r"\1[:, \2]"),
    (r"(?<![\w.])sum\(\s*([^(),]+?)\s*,\s*2\s*\)", r"np.sum(\1, axis=1)"),     # sum(X, 2): over each row
    (r"(?<![\w.])sum\(", "np.sum("),
    (r";\s*$", ""),
)
_MATLAB_FUNCTION = re.compile(r"^(?P<indent>\s*)function\s+(?:\[[^\]]*\]\s*=\s*|\w+\s*=\s*)?(?P<name>\w+)\s*"
                              r"\((?P<args>[^)]*)\)?.*$")
_MATLAB_FOR = re.compile(r"^(?P<indent>\s*)for\s+(?P<var>[A-Za-z_]\w*)\s*=\s*(?P<a>[^:]+?)\s*:\s*(?:(?P<step>-?\s*\d+)\s*:\s*)?"
                         r"(?P<b>.+?)\s*$")


#: A MATLAB anonymous function: ``dsigmoid = @(x) sigmoid(x).*(1 - sigmoid(x));``.
_MATLAB_HANDLE = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*@\((?P<args>[\w\s,]*)\)\s*(?P<body>[^;%]+?)\s*;?\s*"
                            r"(?:%.*)?$")


def _matlab_as_python(body: str) -> str:
    """A MATLAB fence's lines in numpy's spelling, line for line (``z(:,t) = sigmoid(U_z*x(:,t) + W_z*s(:,t-1))`` is
    ``z[:, t] = sigmoid(U_z @ x[:, t] + W_z @ s[:, t-1])``): functions become ``def``, ``end`` lines go, a loop's
    index is the step letter t in its body (``for wordI = 2:n`` is a loop over t, ``n:-1:2`` counts down)."""
    out, loops = [], []          # loops: (indent, variable) of the open for-loops
    for line in body.split("\n"):
        indent = len(line) - len(line.lstrip())
        while loops and line.strip() and indent <= loops[-1][0]:
            loops.pop()
        if re.fullmatch(r"\s*end\s*;?\s*", line):
            out.append("")
            continue
        f = _MATLAB_FUNCTION.match(line)
        if f is not None:
            out.append(f"{f['indent']}def {f['name']}({f['args']}):")
            continue
        f = _MATLAB_HANDLE.match(line)
        if f is not None:           # dtanh = @(x) 1 - tanh(x).^2; : a function of one line
            line = f"{f['indent']}{f['name']} = lambda {f['args']}: {f['body']}"
        m = _MATLAB_FOR.match(line)
        if m is not None:
            loops.append((indent, m["var"]))
            down = m["step"] is not None and m["step"].replace(" ", "").startswith("-")
            out.append(f"{m['indent']}for t in " + ("reversed(range(1, n))" if down else "range(1, n)") + ":")
            continue
        for var in {v for _, v in loops}:
            line = re.sub(rf"(?<![\w.]){re.escape(var)}(?!\w)", "t", line)
        line = re.sub(r"(?:^|(?<=[\s;,]))%", "#", line, count=1)      # a comment (MATLAB has no % operator)
        for a, b in MATLAB_SPELLINGS:
            line = re.sub(a, b, line)
        out.append(line)
    return "\n".join(out)


def _loss_increment(line: str) -> str:
    """``L = L + 0.5 * sum(...)``: the loss added up in the loop, as ``L += ...`` (not a state the loop carries)."""
    acc = re.match(r"^(\s*)([A-Za-z_]\w*)\s*=\s*\2\s*\+(?!=)(.+)$", line)
    return f"{acc[1]}{acc[2]} += {acc[3].strip()}" if acc is not None and acc[2] in LOSS_NAMES else line


#: A function that draws a weight's first values (``def init_weight(rng, fan_in, fan_out):``, ``xavier_init``).
_INITIALIZER = re.compile(r"\s*def\s+_*(?:init(?:ialize|ialise)?_?(?:weights?|params|parameters|matrix|w)?|xavier\w*|"
                          r"glorot\w*|he_init\w*|orthogonal\w*)\s*\((?!\s*self\b)", re.I)
#   (a function, not a method: a class's initialize_weights(self) keeps its lines, which the class's rows read)


_DRAW = re.compile(r"\b(?:random|randn|rand|uniform|normal|standard_normal|orthogonal)\b")


def _initializer_bodies(lines: list) -> set:
    """Indexes of the lines of a function that draws a weight's first values (_INITIALIZER: its body calls a random
    generator) other than the draws: ``limit = np.sqrt(6.0 / (fan_in + fan_out))`` is a scale of the draw, no
    formula of the cell."""
    out = set()
    for k, line in enumerate(lines):
        if _INITIALIZER.match(line):
            body = _block(lines, k)
            drawn = {j for j in body if _DRAW.search(lines[j])}
            if drawn:
                out |= set(body) - drawn     # (the draws stay: self.Wr = np.random.uniform(-k, k, (D, H)) gives
                #                              the weight's shape, and so the layout)
    return out


def _init_bodies(lines: list) -> set:
    """Indexes of the lines of a class's ``__init__`` that set a local name the cell's functions assign too
    (``z = n_in + n_hidden``, a count there and the stack [h; x] in forward), and of those that read one
    (``scale = np.sqrt(1.0 / z)``): sizes, no formula of the cell. Its other lines stay (``shape = (1, H, D)``,
    ``self.W = np.random.randn(H, D)``: the weights' shapes); a function defined inside it is one of its own."""
    inits = []
    for k, line in enumerate(lines):
        if re.match(r"\s*def\s+__init__\s*\(", line):
            body = _block(lines, k)
            nested = {j for i in body if re.match(r"\s*def\s", lines[i]) for j in [i, *_block(lines, i)]}
            inits.append(sorted(set(body) - nested))
    if not inits:
        return set()
    inside = {j for body in inits for j in body}
    elsewhere = {m[1] for k, line in enumerate(lines) if k not in inside
                 for m in [re.match(r"\s*([A-Za-z_]\w*)\s*=(?!=)", line)] if m is not None}
    out = set()
    for body in inits:
        clashing = set()
        for j in body:
            m = re.match(r"\s*([A-Za-z_]\w*)\s*=(?!=)(.*)$", lines[j])
            if m is not None and (m[1] in elsewhere or any(re.search(rf"(?<![\w.]){re.escape(x)}(?!\w)", m[2])
                                                           for x in clashing)):
                clashing.add(m[1])
                out.add(j)
    return out


def _carry_copies(lines: list) -> set:
    """Indexes of the lines that hand a value to the backward loop's next pass (``dhnext = dh`` at the end of a loop
    over the steps backwards whose lines above read ``dhnext``; ``dhn = dh`` before the lines of the loop that
    assign dh, EpyNN's): a copy of one name into a name the loop read before it, or of a name the loop assigns
    only after it, no formula. (In a forward loop, ``h = h_new`` is the state's row: :func:`_carried`.)"""
    out = set()
    for k, line in enumerate(lines):
        if not _LOOP.match(line) or not re.search(r"\breversed\(|,\s*-\s*1\s*\)\s*:", line):
            continue
        body = _block(lines, k)
        for n, j in enumerate(body):
            m = _COPY.match(lines[j])
            if m is None or m["a"] == m["b"]:
                continue
            word = re.compile(rf"(?<![\w.]){re.escape(m['a'])}(?!\w)")
            if any(word.search(lines[i].partition("=")[2] if "=" in lines[i] else lines[i]) for i in body[:n]):
                out.add(j)
            source = re.compile(rf"^\s*{re.escape(m['b'])}\s*=(?!=)")
            added = re.compile(rf"^\s*{re.escape(m['a'])}\s*\+=")
            if any(source.match(lines[i]) for i in body[n + 1:]) and \
                    not any(source.match(lines[i]) for i in body[:n]) and \
                    not any(added.match(lines[i]) for i in body[n + 1:]):
                # (not dh = dhnext before dh += Why.T @ dy: the start of a sum of the paths, a row: partials.py)
                out.add(j)          # dhn = dh at the top of the loop: dh as the pass before (step t+1) left it
        above = k - 1
        while above >= 0 and not lines[above].strip():
            above -= 1
        m = _COPY.match(lines[above]) if above >= 0 and _indent(lines[above]) == _indent(line) else None
        if m is not None and m["a"] != m["b"] and \
                any(re.match(rf"\s*{re.escape(m['a'])}\s*=(?!=)", lines[j]) for j in body):
            out.add(above)      # dh = dh_last above the loop that sets dh = dh_prev: where the carried gradient
            #                     starts (given from outside the steps), no formula
    return out


def _at_step(name: str, var: str, shift: str) -> str:
    """``hidden_state[t]``, ``hidden_state[t-1]``: a state named with a label (two words) at a step of a loop over t
    or k, as the spellings read it (``hidden_{state,t}``); '' for another name (``h``: h_t, h_prev) or loop letter."""
    if var not in ("t", "k") or not _TWO_WORDS.fullmatch(name) or \
            any(part in (*TIME_WORDS, "t", "k") for part in name.split("_")):
        return ""
    return f"{name}[{var}{shift}]"


#: A loop over a sequence's elements: ``for inp in inputs:``, ``for t, x in enumerate(xs):`` (elem: the element).
_FOR_ELEMENT = re.compile(r"^\s*for\s+(?:(?P<index>[A-Za-z_]\w*)\s*,\s*)?(?P<elem>[A-Za-z_]\w*)\s+in\s+(?:enumerate\(\s*)?"
                          r"(?:self\.)?(?P<seq>[A-Za-z_]\w*)\s*\)?\s*:\s*$")


def _timed_element(elem: str) -> bool:
    """Is a loop's element a step letter or already named at a step (``t``, ``x_t``, ``xt``, ``x_prev``)?"""
    return elem in ("t", "k", "i", "j") or \
        re.search(r"(?:_t|^[A-Za-z]t|_(?:" + "|".join(TIME_WORDS) + r"))$", elem) is not None


def _loop_elements(lines: list) -> list:
    """The logical lines of a fence with the element of a loop over a sequence (``for inp in inputs:``, ``for t, x
    in enumerate(xs):``) read in the loop's body as the sequence's value at the step, ``inp_t``: an input of the
    cell at each step, not a parameter. An element already named at a step (``x_t``, ``xt``, ``x_prev``) or the
    input's own name (``x``), one the body assigns, one counted by another letter than t (``for i, x in ...``: the
    loop's steps are i) or a sequence of the loop's own (``range``, ``zip``) is left as it is."""
    out = list(lines)
    for k, line in enumerate(lines):
        m = _FOR_ELEMENT.match(line)
        if m is None or m["seq"] in ("range", "xrange", "zip", "reversed") or m["elem"] in ("x", m["seq"]) or \
                m["index"] not in (None, "t"):
            continue
        elem = m["elem"]
        if _timed_element(elem):
            continue
        body = _block(lines, k)
        pattern = re.compile(rf"(?<![\w.]){re.escape(elem)}(?![\w(\[])")
        if any(re.match(rf"\s*{re.escape(elem)}\s*(?:[-+*/]?=)(?!=)", lines[j]) for j in body):
            continue
        for j in body:
            out[j] = pattern.sub(elem + "_t", out[j])
    return _sequence_reads(lines, out)


#: At most this many sequences walked by a loop are read at their steps elsewhere (a file walks one or two).
MAX_WALKED = 8


def _sequence_reads(lines: list, out: list) -> list:
    """``out`` with the reads of a sequence at the step (``inputs[t]``, ``inputs[t-1]``) written as the element a
    loop over it names (``for x in inputs:`` above: ``x_t``, ``x_{t-1}``), in the lines outside that loop (the
    backward loop's ``dW_xh += np.dot(dh_raw, inputs[t].T)``). Only a sequence one such loop walks, never assigned
    item by item, and an element of one letter or a plain name without a time word."""
    walked = {}
    for k, line in enumerate(lines):
        m = _FOR_ELEMENT.match(line)
        if m is None or m["index"] is not None or m["seq"] in ("range", "xrange", "zip", "reversed", "enumerate"):
            continue
        elem = m["elem"]
        if _timed_element(elem):
            continue
        walked.setdefault(m["seq"], []).append((elem, k, set(_block(lines, k))))
    for seq, loops in list(walked.items())[:MAX_WALKED]:
        if len(loops) != 1 or any(re.match(rf"\s*(?:self\.)?{re.escape(seq)}\s*\[[^\]]*\]\s*(?:[-+*/]?=)(?!=)", x)
                                  for x in lines):
            continue
        elem, k, body = loops[0]
        pattern = re.compile(rf"(?<![\w.])(?:self\.)?{re.escape(seq)}\[\s*t\s*(?:-\s*(?P<n>1))?\s*\]")
        for j in range(len(out)):
            if j != k and j not in body:
                out[j] = pattern.sub(lambda m: f"{elem}_{{t-1}}" if m["n"] else f"{elem}_t", out[j])
    return out


#: An object made from a class of the fences (``mulGate = MultiplyGate()``, ``self.act = Tanh()``).
_OBJECT = re.compile(r"^\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<cls>[A-Za-z_]\w*)\(\s*\)\s*$")
#: A call of an object's method: ``mulGate.forward(U, x)``, ``self.act.backward(z, ds)``.
_METHOD_CALL = re.compile(r"(?<![\w.])(?:self\.)?(?P<obj>[A-Za-z_]\w*)\.(?P<method>[A-Za-z_]\w*)\s*\(")
#: Bounds on the classes' methods read as formulas: how many, how long one formula may grow.
MAX_METHODS = 60


def class_methods(bodies: list) -> dict:
    """{class: {method: (parameters, formulas)}} of the methods the fences' classes define as formulas of their
    arguments: straight-line assignments of local names put into a ``return`` of one value or of a tuple
    (``def backward(self, W, x, dz): dW = np.dot(...); dx = np.dot(np.transpose(W), dz); return dW, dx``), a call
    of the class's own methods (``output = self.forward(x)``) put in its place. A method that reads or sets the
    object's attributes (``self.out``: a state kept between calls), branches or loops is none: its object is read
    as it is elsewhere (_activation_objects)."""
    raw = {}
    for body in bodies:
        lines = _logical_lines(body.split("\n"))
        for k, cls, m in _class_methods_at(lines):
            if sum(len(v) for v in raw.values()) >= MAX_METHODS:
                break
            params = [p.partition(":")[0].strip() for p in m["args"].split(",") if p.strip()]   # (type hints go)
            if not params or params[0] != "self" or any(not re.fullmatch(r"[A-Za-z_]\w*", p) for p in params[1:]):
                continue
            formula = _returned_formula(lines, k, params)
            formulas = [x.strip() for x in split_outside(formula)] if formula is not None else None
            if formulas and all(len(f) <= MAX_HELPER_CHARS for f in formulas) and \
                    not any(re.search(r"[\"']|\b(?:if|for|lambda)\b|\bself\.(?![A-Za-z_]\w*\s*\()", f)
                            for f in formulas):
                raw.setdefault(cls, {})[m["name"]] = (params[1:], formulas)
    for methods in raw.values():        # output = self.forward(x) inside backward: the class's own method
        for name, (params, formulas) in list(methods.items()):
            own = {n: (p, f[0]) for n, (p, f) in methods.items() if n != name and len(f) == 1}
            methods[name] = (params, [_call_own(f, own) for f in formulas])
    out = {c: {n: v for n, v in ms.items() if not re.search(r"\bself\.", " ".join(v[1]))} for c, ms in raw.items()}
    return {c: ms for c, ms in out.items() if ms}


def _call_own(text: str, own: dict) -> str:
    """``text`` with the calls ``self.NAME(args)`` of the class's own one-formula methods put in place."""
    for name, (params, formula) in own.items():
        m = re.search(rf"\bself\.{re.escape(name)}\s*\(", text)
        if m is None:
            continue
        end = _call_end(text, m.end())
        args = split_outside(text[m.end():end - 1]) if end is not None else []
        if end is None or len(args) != len(params):
            continue
        text = text[:m.start()] + "(" + _put_args(formula, params, args) + ")" + text[end:]
    return text


def _put_args(formula: str, params: list, args: list) -> str:
    marks = {p: f"\x00{k}\x00" for k, p in enumerate(params)}
    for p, mark in marks.items():
        formula = re.sub(rf"(?<![\w.]){re.escape(p)}(?![\w(])", mark, formula)
    for k, a in enumerate(args):
        a = a.strip()
        formula = formula.replace(f"\x00{k}\x00", a if re.fullmatch(r"[A-Za-z_][\w.]*", a) else "(" + a + ")")
    return formula


def _object_calls(lines: list, methods: dict) -> list:
    """The logical lines of a fence with the methods of the objects it makes from the fences' classes read as
    their formulas (class_methods): ``self.mulu = mulGate.forward(U, x)`` is ``self.mulu = (np.dot((U), (x)))``,
    and a tuple the method returns goes to the names it is unpacked into, one statement each (``dV, dsv =
    mulGate.backward(V, self.s, dmulv)``: ``dV = ...; dsv = ...``). The objects' own lines go; a call with other
    arguments than the method takes, or of a method not read, is left as written."""
    objects = {}
    for line in lines:
        m = _OBJECT.match(line)
        if m is not None and m["cls"] in methods:
            objects[m["name"]] = methods[m["cls"]]
    if not objects:
        return lines
    out = []
    for line in lines:
        m = _OBJECT.match(line)
        if m is not None and m["name"] in objects:
            out.append("")
            continue
        c = _METHOD_CALL.search(line)
        unpack = re.match(r"^(?P<indent>\s*)(?P<names>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)+)\s*=\s*", line)
        if unpack is not None and c is not None and c.start() == unpack.end() and c["obj"] in objects and \
                c["method"] in objects[c["obj"]]:
            end = _call_end(line, c.end())
            params, formulas = objects[c["obj"]][c["method"]]
            names = [n.strip() for n in unpack["names"].split(",")]
            args = split_outside(line[c.end():end - 1]) if end is not None else []
            if end is not None and not line[end:].strip() and len(args) == len(params) and \
                    len(names) == len(formulas):
                out.append(unpack["indent"] + "; ".join(f"{n} = {_unwrapped(_put_args(f, params, args))}"
                                                        for n, f in zip(names, formulas)))
                continue
        parts, pos = [], 0
        for c in _METHOD_CALL.finditer(line):
            if c.start() < pos or c["obj"] not in objects or c["method"] not in objects[c["obj"]]:
                continue
            end = _call_end(line, c.end())
            params, formulas = objects[c["obj"]][c["method"]]
            args = split_outside(line[c.end():end - 1]) if end is not None else []
            if end is None or len(formulas) != 1 or len(args) != len(params):
                continue
            parts.append(line[pos:c.start()] + "(" + _put_args(formulas[0], params, args) + ")")
            pos = end
        out.append("".join(parts) + line[pos:])
    return out


def _unwrapped(text: str) -> str:
    """``text`` without the brackets around the whole of it (``(dz * np.ones_like(x1))``)."""
    text = text.strip()
    while text.startswith("(") and _call_end(text, 1) == len(text):
        text = text[1:-1].strip()
    return text


def _class_methods_at(lines: list):
    """(index, class, _METHOD match) of each ``def`` line directly or deeper inside a ``class`` block."""
    cls, cls_indent = None, -1
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        c = re.match(r"^(\s*)class\s+([A-Za-z_]\w*)", line)
        if c is not None:
            cls, cls_indent = c[2], _indent(line)
            continue
        if cls is not None and _indent(line) <= cls_indent:
            cls = None
        m = _METHOD.match(line)
        if cls is not None and m is not None:
            yield k, cls, m


def _method_bodies(lines: list, methods: dict) -> set:
    """Indexes of the lines of the methods :func:`class_methods` reads (their ``def`` and body): read at their
    calls, they restate nothing of the cell where they are written."""
    out = set()
    for k, cls, m in _class_methods_at(lines):
        if m["name"] in methods.get(cls, {}):
            out |= {k, *_block(lines, k)}
    return out


#: A local name for an object that holds a step's values (``state = self.lstm_node_list[i].state``, ``param =
#: self.params``): the name is the attribute it fetches.
_HOLDER_ALIAS = re.compile(r"^(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*(?:self\.)?(?:[A-Za-z_]\w*(?:\[[^\[\]]*\])?\.)*"
                           r"(?P=name)\s*$")
#: A step's node in a list of nodes, then an attribute: ``self.lstm_node_list[i].s_prev``, ``nodes[t].state.h``.
_NODE_PATH = re.compile(r"(?<![\w.])(?:self\.)?[A-Za-z_]\w*\[\s*[A-Za-z_]\w*\s*\]\."
                        r"(?!(?:T|shape|size|ndim|dtype|real|output|input|out|value|grad)\b)(?=[A-Za-z_]\w*(?![\w(]))")


#: Loop variables that count no steps of the sequence (``for epoch in range(len(data)):``, ``for layer in ...``).
NON_STEP_LOOP_WORDS = ("epoch", "layer", "trial", "sample", "batch", "iter", "unit", "neuron", "row", "col",
                       "head", "example", "minibatch", "run", "fold")
#: A loop variable: a letter, or a lower-case name (``tt``, ``tau``, ``step``, ``char`` of a character model) that
#: is none of :data:`NON_STEP_LOOP_WORDS` (nor one with such a word in it: ``layer_idx``).
_LOOP_VAR = r"(?P<var>(?![a-z0-9_]*(?:" + "|".join(NON_STEP_LOOP_WORDS) + r"))[a-z][a-z0-9_]*)"
#: A loop over a sequence's steps counted by another letter than t: ``for i in range(len(inputs)):``, ``for j in
#: reversed(range(1, len(xs))):``, ``for i in range(seq_len):``, ``for char in range(len(data)):``.
def _range_loop(bound: str):
    """A loop over ``range`` (forwards, reversed, or counting down) bounded by ``bound``'s pattern: ``for t in
    reversed(range(T)):``, ``for t in range(T - 1, -1, -1):``."""
    return re.compile(r"^\s*for\s+" + _LOOP_VAR + r"\s+in\s+(?:reversed\(\s*)?(?:list\(\s*)?range\(\s*(?:\d+\s*,\s*)?"
                      + bound + r"\s*(?:-\s*1\s*)?(?:,\s*-?\d+\s*)*\)\s*\)?\s*\)?\s*:")


_STEP_LOOP = _range_loop(r"(?:len\(\s*(?:self\.)?[A-Za-z_]\w*\s*\)|(?:self\.)?(?:T|seq_len\w*|time_?steps?|n_steps|"
                         r"num_steps|sequence_length|steps)\b)")
#: A loop over the inputs, numbered: ``for i, x in enumerate(inputs):`` (Victor Zhou's RNN): ``x`` is
#: ``inputs[i]``, the input at step i.
_ENUMERATE_LOOP = re.compile(r"^\s*for\s+" + _LOOP_VAR + r"\s*,\s*(?P<value>[A-Za-z_]\w*)\s+in\s+enumerate\("
                             r"\s*(?:self\.)?(?P<name>[A-Za-z_]\w*)\s*\)\s*:")


#: A loop over a range bounded by a name (``for step in reversed(range(n)):``): a loop over the steps where the fence
#: sets that name to a length (``n = len(self.inputs)``, _step_loop).
_NAMED_RANGE_LOOP = _range_loop(r"(?P<bound>[A-Za-z_]\w*)")


#: A loop over a range bounded by an array's length along an axis (``for t in range(x.shape[0]):``): over the steps
#: where its variable is a step's (STEP_LOOP_WORDS); an axis's length is as often a batch's or a layer's size.
_SHAPE_RANGE_LOOP = _range_loop(r"(?:self\.)?[A-Za-z_]\w*\.shape\[\s*[0-2]\s*\]")
#: Loop variables that count steps.
STEP_LOOP_WORDS = ("t", "step", "time", "timestep", "time_step", "ts")


def _step_loop(line: str, lines=None):
    """The match of a loop over the steps (:data:`_STEP_LOOP` or :data:`_ENUMERATE_LOOP`; group ``var``), else None.
    A loop variable of a word (``timestep``), where ``lines`` (the fence's) also take it as a function's parameter
    or assign it (``def forward(self, X, timestep)``: a step handed in), is no loop's own: None."""
    m = _STEP_LOOP.match(line) or _ENUMERATE_LOOP.match(line)
    if m is None and lines is not None and (n := _NAMED_RANGE_LOOP.match(line)) is not None and \
            n["bound"] in _length_names(tuple(lines)):
        m = n
    if m is None and (n := _SHAPE_RANGE_LOOP.match(line)) is not None and n["var"] in STEP_LOOP_WORDS:
        m = n           # for t in range(x.shape[0]): a length read off the sequence, counted by a step's letter
    if m is not None and len(m["var"]) > 1 and lines is not None and m["var"] in _bound_words(tuple(lines)):
        return None
    return m


@functools.lru_cache(maxsize=64)
def _length_names(lines: tuple) -> frozenset:
    """The names a fence's lines set to a length and to nothing else (``n = len(self.inputs)``)."""
    values = {}
    for line in lines:
        a = re.match(r"\s*([A-Za-z_]\w*)\s*[-+*/]?=(?!=)\s*(.*?)\s*$", line)
        if a is not None:
            values.setdefault(a[1], set()).add(bool(re.fullmatch(r"len\(\s*(?:self\.)?[A-Za-z_]\w*\s*\)", a[2])))
    return frozenset(name for name, kinds in values.items() if kinds == {True})


@functools.lru_cache(maxsize=64)
def _bound_words(lines: tuple) -> frozenset:
    """The names a fence's lines take as parameters of a function or assign (``name = ...``)."""
    out = set()
    for line in lines:
        d = re.match(r"\s*def\s+\w+\s*\((?P<args>[^()]*)\)", line)
        if d is not None:
            out.update(x.split(":")[0].strip() for x in _params(d["args"]))
        a = re.match(r"\s*([A-Za-z_]\w*)\s*[-+*/]?=(?!=)", line)
        if a is not None:
            out.add(a[1])
    return frozenset(out)


def _loop_steps(lines: list) -> list:
    """The logical lines of a fence with a loop over the steps counted by another letter (``for i in
    range(len(inputs)):``) counted by t in its body, as the reader counts steps: ``f_t[i] = sig(W @ h_x)`` is f at
    step i, ``inputs[i]`` the input there. A name that carries the step already and is indexed by it
    (``h_t[t - 1]``, ``c_t[t]``: dicts filled step by step) is the name's letter at that step (``h[t - 1]``). A
    loop whose body uses t for anything else is left as it is. Beside such dicts, a gradient named with the
    letter run into the step (``d_ht``, ``dct`` beside ``h_t[t]``, ``c_t[t]``) is the gradient of the letter at
    the step (``dh_t``), and so is a capital's (``d_Y`` beside ``y_t[t]``, where the fence writes no ``Y``)."""
    out = list(lines)
    letters = sorted({m[1] for line in lines for m in re.finditer(r"(?<![\w.])([A-Za-z])_t\[", line)})
    glued = re.compile(rf"(?<![\w.])d_?([{''.join(letters)}])t(?![\w(\[])") if letters else None
    text = "\n".join(lines)        # d_Y beside y_t[t] and no Y of its own: the gradient of y at the step
    upper = [x for x in letters if x.islower() and not re.search(rf"(?<![\w.]){x.upper()}(?![a-z(])", text) and
             re.search(rf"(?<![\w.])d_?{x.upper()}(?![\w(\[])", text)]
    cased = re.compile(rf"(?<![\w.])d_?([{''.join(x.upper() for x in upper)}])(?![\w(\[])") if upper else None
    for k, line in enumerate(lines):
        m = _step_loop(line, lines)
        if m is None:
            continue
        body = _block(lines, k)
        if m["var"] != "t" and any(re.search(r"(?<![\w.'\"])t(?![\w'\"])", lines[j]) for j in body):
            continue
        var = re.compile(rf"(?<![\w.'\"]){m['var']}(?![\w'\"(])")
        out[k] = line[:m.start("var")] + "t" + line[m.end("var"):]
        for j in body:
            if re.fullmatch(r"\s*[A-Za-z_][\w.]*\s*\[[^\]]*\]\s*=\s*[A-Za-z_][\w.]*\s*", out[j]):
                continue        # contextArr[i] = c: a value stored at its step (an element set, not read)
            out[j] = re.sub(r"(?<![\w.])([A-Za-z][A-Za-z0-9]*)_t\[(?=\s*t\s*(?:[-+]\s*\d\s*)?\])", r"\1[",
                            var.sub("t", out[j]))
            if glued is not None:
                out[j] = glued.sub(r"d\1_t", out[j])
            if cased is not None:
                out[j] = cased.sub(lambda c: f"d{c[1].lower()}_t", out[j])
    return out


def _holder_paths(lines: list) -> list:
    """The logical lines of a fence with the objects that hold a step's values read through: ``state =
    self.lstm_node_list[i].state`` then ``ds = dh * state.o`` reads ``o`` as the forward pass's ``self.state.o``
    is read (the attribute prefixes of ``self`` go, CODE_SPELLINGS); a step's node fetched from a list of nodes
    (``self.lstm_node_list[i].param.dwy += ...``, ``self.nodes[t].s_prev``) is read so too. The alias's own line
    fetches no formula: it goes. Only in the block the alias is made in (its function), and only for an alias
    named as the attribute it fetches; a method call (``state.copy()``) is left as it is."""
    out = list(lines)
    for k, line in enumerate(lines):
        if _NODE_PATH.search(line):
            out[k] = _NODE_PATH.sub("self.", out[k])
    for k, line in enumerate(lines):
        m = _HOLDER_ALIAS.match(out[k])
        if m is None or not re.search(r"[.\]]", line[m.end("name"):]):
            continue
        name, indent = m["name"], len(m["indent"].expandtabs())
        pattern = re.compile(rf"(?<![\w.]){re.escape(name)}\.(?=[A-Za-z_]\w*(?![\w(]))")
        j = k + 1
        while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) >= indent):
            if _HOLDER_ALIAS.match(out[j]) and _HOLDER_ALIAS.match(out[j])["name"] == name:
                break
            out[j] = pattern.sub("self." + name + ".", out[j])
            j += 1
        out[k] = ""
    return out


def _functions(lines: list):
    """(parameters, body line indices) of each function a fence's logical lines define (``def name(args):``)."""
    for k, line in enumerate(lines):
        m = re.match(r"\s*def\s+\w+\s*\((?P<args>[^()]*)\)\s*(?:->[^:]*)?:\s*$", line)
        if m is not None:
            yield _params(m["args"]), _block(lines, k)


def _plural_parameters(lines: list) -> list:
    """The logical lines of a fence with a function's parameter named as the plural of the steps' array another
    function of the fence fills (``def backward(self, x, a, y_preds, targets)`` beside the forward's ``y_pred[t] =
    ...; return x, a, y_pred``) read under the array's name in that function: the caller hands the forward's
    array over. Only a parameter the function never assigns, whose singular (a name with ``_`` or of four letters or
    more, not read in the function) is indexed by an assignment outside it."""
    out = list(lines)
    for args, body in _functions(lines):
        inside = set(body)
        for name in args:
            stem = name[:-1]
            if not name.endswith("s") or name.endswith("ss") or not ("_" in stem or len(stem) >= 4):
                continue
            own = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w(])")
            single = re.compile(rf"(?<![\w.]){re.escape(stem)}(?![\w(])")
            if any(single.search(lines[j]) or re.match(rf"\s*{re.escape(name)}\s*(?:\[[^\]]*\])?\s*[-+*/]?=(?!=)",
                                                      lines[j]) for j in body):
                continue
            if not any(re.match(rf"\s*(?:self\.)?{re.escape(stem)}\s*\[[^\]]+\]\s*=(?!=)", lines[j])
                       for j in range(len(lines)) if j not in inside):
                continue
            for j in body:
                out[j] = own.sub(stem, out[j])
    return out


def _gradient_aliases(lines: list) -> list:
    """The logical lines of a fence with a step function's gradient parameter given a second name (``def
    _backward_cpu(self, context, dy): ... y = dy``, ReNom's layers) read under the parameter's own name after that
    line, the aliasing line left blank: the alias is no equation of the cell. Only a plain name bound once in the
    function, which is no gradient's name itself."""
    out = list(lines)
    for args, body in _functions(lines):
        grads = {x for x in args if re.fullmatch(r"(?:d|grad_?|delta_?)[A-Za-z]\w*", x)}
        for j in body:
            a = re.fullmatch(r"\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<value>[A-Za-z_]\w*)\s*", lines[j])
            if a is None or a["value"] not in grads or re.match(r"(?:d[A-Z_]|d[a-z]{1,3}$|grad|delta)", a["name"]):
                continue
            name = re.escape(a["name"])
            if any(re.match(rf"\s*{name}\s*[-+*/]?=(?!=)", lines[i]) for i in body if i != j):
                continue        # (bound again in the function: a name of its own)
            out[j] = ""
            for i in body:
                if i > j:
                    out[i] = re.sub(rf"(?<![\w.]){name}(?![\w(])", a["value"], out[i])
    return out


def _rebound_parameters(lines: list) -> list:
    """The logical lines of a fence with a step function's state parameter that the function assigns again from its
    own value (``def forward(self, x, h): ... h = u*z + (1 - u)*h``, Wolter's GRU cell) read as the step before's
    value (``h_prev``) above that assignment and on its right side; the assignment's left side is the new state.
    Not a gradient handed in and updated (``dh``), nor a function that writes ``h_prev`` itself."""
    out = list(lines)
    for args, body in _functions(lines):
        params = [x for x in args if re.fullmatch(r"[a-ce-z][A-Za-z0-9]{0,2}", x) and x != "self"]
        for name in params:
            pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w(])")
            lefts = [j for j in body if re.match(rf"\s*{re.escape(name)}\s*[-+*/]?=(?!=)", lines[j])]
            if len(lefts) != 1 or re.match(rf"\s*{re.escape(name)}\s*[-+*/]=", lines[lefts[0]]):
                continue
            j0 = lefts[0]
            e = _top_equals(lines[j0])
            if not pattern.search(lines[j0][e + 1:]) or any(f"{name}_prev" in lines[j] for j in body):
                continue        # (h = tanh(W @ x): a new value, not from its own; h_prev written: the code's own)
            if any(re.match(r"\s*(?:for|while)\b", lines[j]) and _indent(lines[j]) < _indent(lines[j0])
                   for j in body if j < j0):
                continue        # (assigned in a loop of the function: the loop's state, _carried's to read)
            for j in body:
                if j < j0:
                    out[j] = pattern.sub(f"{name}_prev", out[j])
                elif j == j0:
                    out[j] = out[j][:e + 1] + pattern.sub(f"{name}_prev", out[j][e + 1:])
    return out


#: ``np.exp(`` (or ``exp(``, MATLAB's) opening a call whose argument may be shifted by its maximum.
_EXP_CALL = re.compile(r"(?<![\w.])(?:(?:np|numpy|math)\.)?exp\(")
#: The argument of such a call: ``A - np.max(A)`` (the maximum over the whole vector; a maximum along an axis is
#: kept as written: which axis holds the units is the layout's question, ``axis=-1`` on columns is a published bug).
_MAX_SHIFT = re.compile(r"^\s*(?P<a>[^()]+?|\(.*\))\s*-\s*(?:(?:np|numpy)\.)?(?:max|amax)\(\s*(?P<b>[^()]+?|\(.*\))\s*\)\s*$")


def _unshifted(line: str) -> str:
    """``line`` with each ``exp(A - max(A))`` written ``exp(A)``."""
    out, k = line, 0
    while True:
        m = _EXP_CALL.search(out, k)
        if m is None:
            return out
        end = _call_end(out, m.end())
        if end is None:
            return out
        s = _MAX_SHIFT.match(out[m.end():end - 1])
        if s is not None and re.sub(r"\s+", "", s["a"]) == re.sub(r"\s+", "", s["b"]):
            out = out[:m.end()] + s["a"].strip() + out[end - 1:]
        k = m.end()


def _shifted_exps(lines: list) -> list:
    """The logical lines of a fence with the stabilising shift of a softmax taken out: ``e = np.exp(y - np.max(y))``
    whose name is then divided by its own sum (``p = e / np.sum(e)``), or a line that divides such an exponential by
    the sum of the same, reads ``np.exp(y)``. The shift cancels in the ratio ("subtract the max for stability"); the
    reader's exp would otherwise differ from the author's by the factor exp(-max y). An exponential shifted so and
    never normalised is kept as written, and so is the body of a function named softmax (read by its name)."""
    out = list(lines)
    for k, line in enumerate(lines):
        if "max" not in line or _EXP_CALL.search(line) is None:
            continue
        fixed = _unshifted(line)
        if fixed == line:
            continue
        owner = next((re.match(r"\s*(?:async\s+)?def\s+(\w+)", x) for x in reversed(lines[:k])
                      if re.match(r"\s*(?:async\s+)?def\s", x) and _indent(x) < _indent(line)), None)
        if owner is not None and "softmax" in owner[1].lower():
            continue        # (the body of a softmax helper: the helper is read by its name, its body is no row)
        a = re.match(r"\s*(?P<name>[A-Za-z_]\w*)\s*=(?!=)", line)
        normalised = re.search(r"/\s*(?:(?:np|numpy)\.)?sum\(", fixed) is not None or a is not None and any(
            re.search(rf"(?<![\w.]){a['name']}\s*\.?/\s*(?:(?:np|numpy)\.)?sum\(\s*{a['name']}\b|(?<![\w.]){a['name']}"
                      rf"\s*\.?/\s*{a['name']}\.sum\(", x) for x in lines[k + 1:])
        if normalised:
            out[k] = fixed
    return out


#: A name bound to the transpose of a stacking call: ``concat = np.concatenate((a_prev, xt), axis=0).T``.
_STACK_TRANSPOSED = re.compile(r"(?P<indent>\s*)(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<stack>(?:np\.|numpy\.)?(?:vstack|row_stack|"
                               r"concatenate|hstack|column_stack)\(.*\))\.T\s*$")
#: The same written with numpy's transpose: ``concat_T = np.transpose(np.concatenate((a_prev, xt)))``.
_STACK_TRANSPOSE_CALL = re.compile(r"^(?P<head>\s*[A-Za-z_]\w*\s*=\s*)(?:np\.|numpy\.)?transpose\(\s*(?P<stack>(?:np\.|numpy\.)?"
                                   r"(?:vstack|row_stack|concatenate|hstack|column_stack)\(.*\))\s*\)\s*$")


def _transposed_stacks(lines: list) -> list:
    """The logical lines of a fence with a name bound to a stack's transpose (``concat = np.concatenate((a_prev,
    xt), axis=0).T`` in a backward pass, where the forward pass's ``concat`` is the column) read under a name of its
    own from there on (``concatT = (np.concatenate(...)).T``, ``np.dot(dft, concatT)``) until the name is assigned
    again: the rows below read the row, not the forward's column."""
    lines = [_STACK_TRANSPOSE_CALL.sub(r"\g<head>\g<stack>.T", line) for line in lines]
    bound = [(k, m) for k, m in enumerate(map(_STACK_TRANSPOSED.match, lines)) if m is not None]
    if not bound:
        return lines
    out = list(lines)
    where = {}                      # word -> the lines it is on (one scan; each binding reads only its name's lines)
    for j, line in enumerate(lines):
        for w in set(re.findall(r"\w+", line)):
            where.setdefault(w, []).append(j)
    defs = [(j, _indent(x)) for j, x in enumerate(lines) if re.match(r"\s*(?:async\s+)?def\s", x)]
    for k, m in bound:
        name, fresh = m["name"], m["name"] + "T"
        while fresh in where:
            fresh += "T"
        where[fresh] = []
        out[k] = f"{m['indent']}{fresh} = ({m['stack']}).T"
        end = next((j for j, ind in defs if j > k and ind <= _indent(lines[k]) - 4), len(lines))
        use = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
        for j in where.get(name, ()):
            if j <= k:
                continue
            if j >= end or re.match(rf"\s*{re.escape(name)}\s*(?:\[[^\]]*\])?\s*=(?!=)", lines[j]):
                break           # out of the function the binding is in, or assigned again
            out[j] = use.sub(fresh, out[j])
    return out


def _self_states(lines: list) -> list:
    """The logical lines of a fence with a state a forward loop keeps on its object (``self.hidden =
    tanh.forward(np.dot(self.W_aa, self.hidden) + ...)``: assigned in the loop from its own value) named without
    ``self.`` in the loop's body, so that :func:`_carried` reads it as the state it carries (hidden_t from
    hidden_{t-1}). Other attributes are left as they are."""
    out = list(lines)
    for k, line in enumerate(lines):
        m = _FOR_RANGE.match(line)
        if m is None or re.search(r",\s*-\s*\d+\s*\)\s*:", line) or "reversed(" in line:
            continue
        body = _block(lines, k)
        states, first_read = set(), {}      # attribute -> the first body line reading it in a formula (one pass)
        for j in body:
            if re.fullmatch(r"\s*\w+\s*=\s*self\.\w+\s*(?:#.*)?", lines[j]):
                continue        # (h_prev = self.h: a copy names the step before)
            e = max(_top_equals(lines[j]), 0)
            for a in re.findall(r"(?<![\w])self\.([A-Za-z_]\w*)(?![\w(\[])", lines[j][e:]):
                first_read.setdefault(a, j)
        for j in body:
            e = _top_equals(lines[j])
            t = re.fullmatch(r"\s*self\.([A-Za-z_]\w*)\s*", lines[j][:e]) if e > 0 else None
            if t is not None and first_read.get(t[1], j + 1) <= j:
                states.add(t[1])        # (read on its right side, or above: f = sigmoid(x @ Wf + self.h @ Uf),
                #                         then self.h = ...; not only copied above, h_prev = self.h)
        for name in states:
            pattern = re.compile(rf"(?<![\w.])self\.{name}(?![\w(])")
            for j in body:
                out[j] = pattern.sub(name, out[j])
    return out


#: A name of the step before (``h_prev``, ``c_tm1``): a loop that sets it at its end carries it.
_PREV_NAME = re.compile(r"(?:_?prev|_tm1|_old)$")


def _prev_stem(name: str) -> str:
    """The name without its step-before word (``h_prev``, ``c_tm1``: h, c); '' for a name without one."""
    return _PREV_NAME.sub("", name).rstrip("_") if _PREV_NAME.search(name) else ""


def _prev_states(lines: list) -> list:
    """The logical lines of a fence with a step-before name that a forward loop assigns the step's own value
    (``C_prev = f*C_prev + i*g``, then ``h_prev = o*np.tanh(C_prev)``: the state carried to the next step is
    computed under the name it has there) named for that value from the assignment on: ``C = f*C_prev + i*g``,
    ``h = o*np.tanh(C)``. Above the assignment (``z = np.row_stack((h_prev, x))``) and on its own right side the
    name is the step before's. Only a name the loop reads before it assigns it (the state it carries), assigned
    once by a formula (not a copy ``h_prev = h`` nor a fetch ``h_prev = hs[t]``), whose plain name the function
    does not use otherwise. Loops backwards are left as they are. One pass over each loop's lines (a table of the
    lines each name is on), so a long loop costs its length."""
    out = list(lines)
    for k, line in enumerate(lines):
        m = _FOR_RANGE.match(line)
        if m is None or "reversed(" in line or re.search(r",\s*-\s*\d+\s*\)\s*:", line):
            continue
        body = _block(lines, k)
        start = next((j for j in range(k - 1, -1, -1) if re.match(r"\s*(?:async\s+)?def\s", lines[j]) and
                      _indent(lines[j]) < _indent(line)), -1)
        function = set(_NAME.findall(" ".join(lines[j] for j in (_block(lines, start) if start >= 0
                                                                   else range(len(lines))))))
        where, sets = {}, {}          # name -> the body lines it is on; name -> the body lines assigning it
        for j in body:
            for name in set(_NAME.findall(lines[j])):
                where.setdefault(name, []).append(j)
            a = re.match(r"\s*([A-Za-z_]\w*)\s*=(?!=)", lines[j])
            if a is not None:
                sets.setdefault(a[1], []).append(j)
        for name, on in where.items():
            stem = _prev_stem(name)
            if not stem or len(sets.get(name, ())) != 1 or stem in function:
                continue
            j0 = sets[name][0]
            right = lines[j0][_top_equals(lines[j0]) + 1:].strip()
            if re.fullmatch(r"[\w.]+(?:\[[^\]]*\])*(?:\.copy\(\))?", right) or \
                    not (any(j < j0 for j in on) or name in _NAME.findall(right)):
                continue            # a copy or a fetch; a name the loop does not read before it sets it
            use = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w(])")
            e = _top_equals(out[j0])
            out[j0] = out[j0][:e].replace(name, stem, 1) + out[j0][e:]
            for j in on:
                if j > j0:
                    out[j] = use.sub(stem, out[j])
    return out


#: A state named at the loop's step by its letter (``ht``, ``c_t``, ``h_current``, ``h_cur``): carried by the loop,
#: the name read above its assignment is the step before's (``h_prev``).
_STEP_NAMED = re.compile(r"[A-Za-z](?:_?t|_(?:current|curr|cur))")
#: Those named by a word for the current step, whose later reads the spellings write at the step (h_current: h_t).
_CURRENT_NAMED = re.compile(r"[A-Za-z]_(?:current|curr|cur)")


#: A string literal (a dictionary's key: ``cache["h_prev"]``).
_STRING = re.compile(r"'[^'\n]{0,80}'|\"[^\"\n]{0,80}\"")
#: The list of an append: ``h_prev.append(``.
_APPENDED = re.compile(r"(?<![\w.])[A-Za-z_]\w*\s*\.append\(")


def _carried(lines: list) -> list:
    """The logical lines of a fence with the state a forward loop carries named so: in the body of ``for t in
    range(T):``, a name read before the statement that assigns it (``z = W_hh @ h + ...`` above ``h =
    np.tanh(z)``) is the value of the step before, ``h_prev`` (a time word, TIME_WORDS), and so is it on the right
    of the line assigning it (``h = (1 - z) * h + z * c``), unless the loop already writes that name or the name
    has a time word; in a loop over ``t``, that line's left side is ``h_t`` (and ``h`` below it, ``h_t``). The
    statements above the loop that give the carried names their start (``h = h0``, ``h, c = h0, c0``) are no rows.
    Loops over the steps backwards (``reversed``, ``range(n - 1, -1, -1)``) are left as they are (their carried
    gradients are named ``dh_next`` by the code)."""
    out = list(lines)
    for k, line in enumerate(lines):
        m = _FOR_RANGE.match(line)
        if m is None or re.search(r",\s*-\s*\d+\s*\)\s*:", line):
            continue            # (range(n - 1, -1, -1): a loop backwards)
        body = _block(lines, k)
        assigned = {}           # name -> the first body line assigning it
        for j in body:
            e = _top_equals(lines[j])
            target = lines[j][:e].strip().rstrip("+-*/").strip() if e > 0 else ""
            if re.fullmatch(r"[A-Za-z_]\w*", target) and target not in assigned:
                assigned[target] = j
        # (a list the loop appends to, h_prev.append(h) from cache["h_prev"].append(h), writes no name h_prev)
        every = _APPENDED.sub("", _STRING.sub("", " ".join(lines[j] for j in body)))
        carried = set()             # names read in the body above the line assigning them
        for j in body:
            e = _top_equals(lines[j])
            if e > 0:
                own = lines[j][:e].strip() if lines[j][e - 1] not in "+-*/" else ""     # h = tanh(W @ h + ...)
                carried |= {n for n in _NAME.findall(lines[j][e + 1:]) if assigned.get(n, -1) > j or n == own}

        def renamed(name):
            """Does the loop write ``name`` at its steps (h_prev, h_t)? Not a name with a time word (h_prev, ht)
            nor one whose _prev the loop writes itself."""
            timed = any(name.endswith(w) and len(name) > len(w) for w in (*TIME_WORDS, "t"))
            return not timed and name not in LOSS_NAMES and not re.search(rf"(?<![\w.]){name}_prev(?!\w)", every)
        for j in body:
            e = _top_equals(out[j])
            if e <= 0:
                continue

            def rename(n, j=j):
                name = n[1]
                if name in carried and assigned.get(name, -1) >= j and _STEP_NAMED.fullmatch(name) and \
                        not re.search(rf"(?<![\w.]){name[0]}_prev(?!\w)", every):
                    return name[0] + "_prev"        # ct = f * ct + i * g, ft = sigmoid(W @ ht) above ht = ...:
                    #                                 the step before's c and h (a step-named state the loop carries;
                    #                                 h_current = (1 - z) * h_current + z * h_tilde too)
                later = assigned.get(name, -1) > j or name in carried and assigned.get(name) == j
                if later and renamed(name):
                    return _at_step(name, m["var"], "-1") or name + "_prev"
                if m["var"] == "t" and name in carried and assigned.get(name, j) < j and renamed(name) and \
                        not re.search(rf"(?<![\w.]){name}_t(?!\w)", every):
                    return _at_step(name, "t", "") or name + "_t"   # h = o * np.tanh(c) below c = f * c + ...
                return name
            left = out[j][:e]
            target = left.strip().rstrip("+-*/").strip()
            if m["var"] == "t" and target in carried and not re.search(rf"(?<![\w.]){target}_t(?!\w)", every):
                left = left.replace(target, target[0] + "_t" if _CURRENT_NAMED.fullmatch(target) else
                                    _at_step(target, "t", "") or target + "_t", 1)   # h = (1 - z_t) * h + ...
            out[j] = left + out[j][e:e + 1] + _NAME.sub(rename, out[j][e + 1:])
        for j in range(k - 1, -1, -1):      # h = h0 above the loop: the state's start, no formula of the cell
            above = lines[j]
            if re.match(r"\s*(?:async\s+)?def\s", above) and _indent(above) <= _indent(line):
                break
            e = _top_equals(above)
            targets = [x.strip() for x in split_outside(above[:e])] if e > 0 and above[e - 1] not in "+-*/" else []
            if targets and all(x in carried and (renamed(x) or x in assigned and (_PREV_NAME.search(x) or
                                                                                  _STEP_NAMED.fullmatch(x)))
                               for x in targets):
                out[j] = ""             # (only names the loop renames, or a step-before name the loop sets at its
                #                          end, h_prev = h0 above h_prev = h_t: h_t = h_prev above a loop over h_t stays)
    return out


def _relation_equals(s: str):
    """Offsets of the '=' of relations outside brackets (not ==, <=, >=, !=, and not axis=0), in order."""
    return (k for k, ch in outside_brackets(s)
            if ch == "=" and s[k - 1:k] not in ("=", "<", ">", "!") and s[k + 1:k + 2] != "=")


def _top_equals(s: str) -> int:
    """Offset of the first '=' of a relation outside brackets (:func:`_relation_equals`), else -1."""
    return next(_relation_equals(s), -1)


def _balance(s: str) -> int:
    return sum(s.count(c) for c in "([{") - sum(s.count(c) for c in ")]}")


#: A code variable named as a function word, the left factor of a matrix product (``dtanh @ h_prev.T`` after
#: ``dtanh = (1 - h ** 2) * dh``): written with a product sign, or juxtaposed with the bracket after it it would
#: read as the function applied.
_FUNCTION_NAME_PRODUCT = re.compile(r"(?<![\w\\.])(d?(?:tanh|sigmoid|sigma|sigm|relu|softmax))\s*@\s*(?=\()")


#: Weights the code names with a t after their label as variables of their own (``def step(x, Wx, Wxt)``: Wxt beside
#: Wx, the candidate's weight), set by fenced_rows for the text it reads: never W_x at step t (dWxt alone is).
_OWN_T_NAMES: contextvars.ContextVar = contextvars.ContextVar("own_t_names", default=frozenset())
#: The names the file's code fences assign (``ao = np.concatenate((a, a_))``), for the readers of code names that
#: must not take an assigned name for another's spelling (numgrad's pre-activation letters); set by fenced_rows.
CODE_ASSIGNED: contextvars.ContextVar = contextvars.ContextVar("code_assigned", default=frozenset())
#: The names the file's code assigns only values that read a gradient (``da_o = act.backward(do_t)``, not ``da_r =
#: self.r_act.backward()``, a local derivative kept under a gradient's name); set by fenced_rows.
CODE_GRADIENT_VALUED: contextvars.ContextVar = contextvars.ContextVar("code_gradient_valued", default=frozenset())
_T_NAME = re.compile(r"(?<![\w.])([WUV][a-z]t)(?!\w)")
#: A gradient-like name read in an assigned value (``do_t``, ``grad_h``, ``delta``; not a call, ``dsigmoid(r)``).
_GRADIENT_WORD = re.compile(r"(?<![\w.])(?:d[A-Za-z_]\w*|grad\w*|delta\w*)(?!\w|\s*\()")


def _gradient_valued(bodies) -> frozenset:
    """The assigned names each of whose assignments reads a gradient-like name (:data:`CODE_GRADIENT_VALUED`)."""
    seen = {}
    for b in bodies:
        for line in b.split("\n"):
            m = re.match(r"^\s*(?:self\.)?([A-Za-z_]\w*)\s*[-+*/]?=(?!=)(.*)$", line.split("#", 1)[0])
            if m is not None:
                seen.setdefault(m[1], []).append(_GRADIENT_WORD.search(m[2]) is not None)
    return frozenset(name for name, reads in seen.items() if all(reads))


def _own_t_names(bodies) -> frozenset:
    """The names Wxt of :data:`_OWN_T_NAMES` in ``bodies``: read bare (not only as dWxt) beside a bare Wx."""
    text = "\n".join(bodies)
    return frozenset(n for n in set(_T_NAME.findall(text)) if re.search(rf"(?<![\w.]){n[:-1]}(?!\w)", text))


def _run_weight(m) -> str:
    if not m[4] and m[2] + m[3] in _OWN_T_NAMES.get():
        return m[0]
    return f"{m[1]}{m[2] or m[4]}_{{{m[3] or m[5]}}}"


def plain_latex(s: str) -> str:
    """The LaTeX of one plain-text statement (PLAIN_SPELLINGS; ``x_t`` -> ``x_{t}``, ``dh_ext_t`` -> ``dh_{ext\\_t}``)."""
    for a, b in PLAIN_SPELLINGS:
        s = re.sub(a, b, s)
    s = _SLASH_D.sub(lambda m: f"\\frac{{{m[1]}{m[2]}}}{{{m[3]}{m[4]}}}", s)      # dL/dW_hh
    s = _CODE_WEIGHT.sub(r"\1\2_{\3\4}", s)
    s = _RUN_WEIGHT.sub(_run_weight, s)
    s = _FUNCTION_NAME_PRODUCT.sub(r"\1 \\cdot ", s)    # dtanh @ h.T (a variable named dtanh): no application
    s = re.sub(r"\s*@\s*", " ", s)        # x_t @ W: the matrix product, written by juxtaposition
    s = _IDENT.sub(lambda m: f"{m[1]}_{{{m[2].replace('_', chr(92) + '_')}}}", s)
    s = re.sub(r"(?<![\w\\])(d?)actfn(\d+)\(", lambda m: f"\\phi_{{{m[2]}}}{chr(39) if m[1] else ''}(", s)
    return s


#: A column after a wide gap stating a value's set (``h_t in (-1, 1)``, ``dW_xh in R^(D x H)``, ``Each in R^(B x H)``,
#: ``z ∈ (0, 1)``): a remark beside the statement, not part of it.
_SHAPE_COLUMN = re.compile(r"(?<!\s)\s{3,}(?:[A-Za-z_][\w.]*|[Ee]ach|[Aa]ll)\s+(?:in|\u2208)\s.*$")


def _statements(line: str):
    """(offset, text) of the statements of one line: comments and remarks dropped, split at ';' and at wide gaps."""
    line = re.sub(r"\s#.*$|^#.*$", "", line)
    line = _LEAD_WORD.sub(lambda m: " " * len(m.group()), line)     # donde a_t = ...: "where"
    line = re.sub(r"\s(?:\u2192|->)\s.*$", "", line)        # h_3 = [...]  →  1 - h_3² = [...]: the arrow's note
    line = re.sub(r"(?<!\s)\s{2,}(?:for|where|with)\s+[A-Za-z]\w*\s+(?:in|=|\u2208)\s.*$", "", line)   # for k in f,i,o,g
    column = _SHAPE_COLUMN.search(line)
    if column is not None and _top_equals(line[:column.start()]) > 0:
        line = line[:column.start()]        # h_t = ...      h_t in (-1, 1): a column stating the value's range or shape
    remarks = []

    def drop(m):        # (not a derivative written with slashes: (dht /do); not a difference of names, (tanha - h_prev);
        #                 not one name raised or multiplied, (candt)**2: a helper's formula put in its call's place)
        return " " * len(m.group()) if m["word"].lower() not in _FUNCTIONS and not _SLASH_D.search(m.group()) \
            and not _NAME_DIFFERENCE.fullmatch(m.group()) and not _OPERAND_BEFORE.search(m.string[:m.start()]) \
            and not (
                re.fullmatch(r"\(\s*[A-Za-z_]\w*\s*\)", m.group()) and
                re.match(r"\s*(?:\*|\^|@|/|\.[A-Za-z])", m.string[m.end():])) \
            and not (   # (1-(output)): one name in brackets after a sign, a helper's formula put in its call's place
                re.fullmatch(r"\(\s*[A-Za-z_]\w*\s*\)", m.group()) and re.search(r"[-+]\s*$", m.string[:m.start()])) \
            else m.group()

    for m in re.finditer(r"(?<![A-Za-z0-9_)\]}'])\(([^()]*=[^()]*)\)\s*$", line):
        if _LEFT.match(m[1][:_top_equals(m[1])]) if _top_equals(m[1]) > 0 else False:
            remarks.append((m.start(1), m[1]))          # (∂C_t/∂f_t = C_prev): a row of its own
            line = line[:m.start()] + " " * (m.end() - m.start()) + line[m.end():]
    line = _REMARK.sub(drop, line)
    out, start = [], 0
    pieces = []
    gaps = [(m.start(), m.end(), m.group() == ";") for m in re.finditer(r";|\s{3,}", line)]   # (linear: no lookahead)
    for k, (a, b, semicolon) in enumerate(gaps):
        nxt = gaps[k + 1][0] if k + 1 < len(gaps) else len(line)
        if semicolon or (b < len(line) and _top_equals(line[b:nxt]) > 0 and line[b] not in "=+-*/@"):
            # a wide gap before another statement (name = ...), not before the '=' of this one (z_ifo   = ...)
            pieces.append((start, line[start:a]))
            start = b
    pieces.append((start, line[start:]))
    for off, p in remarks + pieces:
        if p.strip():
            out.append((off + len(p) - len(p.lstrip()), p.strip()))
    return out


#: LaTeX commands that make a plain fence's body a formula (not code or plain-text equations).
_LATEX_COMMAND = re.compile(r"\\(?:frac|partial|begin|prod|sum|sigma|tanh|odot|widetilde|tilde|hat|nabla|cdot|left)"
                            r"(?![A-Za-z])")
#: What makes a fence's body code, whatever commands its comments hold.
_CODE_MARK = re.compile(r"\bdef |\bimport |\bnp\.|\breturn\b|#")
#: The rest of a fence's opening line that leaves its body a formula: nothing, or the name of the language.
_LATEX_OPENING = re.compile(r"^(?:latex|tex|katex)?[ \t]*$")


def _latex_display(m, clean: str):
    r"""A fence without a language (or latex, tex) whose body is LaTeX (``\frac``, ``\begin{aligned}``; no code),
    as blogs write a formula: the fence as a display, offsets kept; else None."""
    body = m["body"]
    opening = clean[m.end("tick"):m.start("body") - 1]
    if len(body) > 20000 or not _LATEX_OPENING.match(opening.strip()) or not _LATEX_COMMAND.search(body) or \
            _CODE_MARK.search(body) or "=" not in body:
        return None
    head = clean[m.start():m.start("body")]
    tail = clean[m.end("body"):m.end()]
    return "$$" + re.sub(r"[^\n]", " ", head[2:]) + body + re.sub(r"[^\n]", " ", tail[:-2]) + "$$"


#: A fence body that is Python whatever its fence says: a function defined at the start of a line
#: (``def lstm_backward(self, prob, y_train, d_next, cache):``), a module imported, an attribute set
#: (``self.H = 128``), numpy called (``np.random.randn(Z, self.H)``).
_PYTHON_BODY = re.compile(r"^[ \t]*(?:def [A-Za-z_]\w*\s*\([^)\n]*\)\s*(?:->[^:\n]*)?:|import [A-Za-z_]\w*|"
                          r"from [A-Za-z_][\w.]* import |self\.\w+\s*=[^=])|\bnp\.[a-z]\w*\(", re.M)


def _language(m) -> str:
    """A fence's language: as written; a fence without one whose body is Python code (_PYTHON_BODY) is python."""
    lang = m["lang"].lower()
    return "python" if lang == "" and _PYTHON_BODY.search(m["body"]) else lang


#: A type annotation on an assignment (``h: np.ndarray = (1 - z) * h + z * h_tilde``, ``outputs: list[np.ndarray] =
#: []``): the statement is the assignment; the annotation is blanked (the line keeps its length and columns).
#: A name given its own values again in another type or as a copy (``z = np.asarray(z)``, ``x = x.astype(np.float64)``,
#: ``x = np.array(x, dtype=float)``, ``dh = dh.copy()``): no formula (the line is kept, blank); no new value of a
#: helper's parameter either (judging/helperdefs).
CONVERTED = re.compile(r"^[ \t]*(?:self\.)?(?P<n>[A-Za-z_]\w*)[ \t]*=[ \t]*(?:(?:np|numpy)\.(?:asarray|asanyarray|array|float64|float32|"
                        r"atleast_2d)\([ \t]*(?:self\.)?(?P=n)[ \t]*(?:,[ \t]*dtype[ \t]*=[ \t]*[\w.]+[ \t]*)?\)|"
                        r"(?:np|numpy)\.expand_dims\([ \t]*(?P=n)[ \t]*,[ \t]*(?:axis[ \t]*=[ \t]*)?0[ \t]*\)|(?:self\.)?(?P=n)\."
                        r"(?:astype\([ \t]*[\w.]+[ \t]*\)|copy\([ \t]*\)))[ \t]*(?:#[^\n]*)?$", re.M)
_ANNOTATION = re.compile(r"(?m)^(?P<name>[ \t]*(?!(?:else|try|finally|elif|if|while|for|with|def|class|lambda|return|"
                         r"except|match|case)\b)(?:self\.)?[A-Za-z_]\w*)(?P<annotation>[ \t]*:[ \t]*[A-Za-z_][\w.]*"
                         r"(?:\[[\w., \[\]|]{0,80}\])?(?:[ \t]*\|[ \t]*[A-Za-z_][\w.]*){0,4}[ \t]*)(?==(?!=))")


def _unannotated(m) -> str:
    return m["name"] + " " * len(m["annotation"])


#: Array modules that spell numpy's calls (CuPy's cp.dot, an array-API module's xp.tanh): read as numpy's.
ARRAY_MODULES = ("cp", "xp", "cupy")
_ARRAY_MODULE = re.compile(r"(?<![\w.])(?:" + "|".join(ARRAY_MODULES) + r")\.(?=[a-z_])")


def _as_numpy(m) -> str:
    return "np.".rjust(len(m[0]))           # (as wide: every column keeps its place)


#: PyTorch's spellings of numpy's calls (a ``torch.autograd.Function``'s hand-written backward): read as numpy's.
#: ``F.linear(x, w, b)`` is ``x w^T + b``, ``F.sigmoid`` torch's sigmoid, ``torch.mm(a, b.t())`` is ``np.dot(a,
#: b.T)``, ``torch.cat((a, b), dim=0)`` a concatenation, ``w.chunk(3, 0)`` the equal parts of w (np.split),
#: ``d.sum(0)`` a sum over axis 0.
TORCH_SPELLINGS = (
    (r"(?<![\w.])(?:F|torch\.nn\.functional)\.linear\(\s*([A-Za-z_][\w.]*)\s*,\s*([A-Za-z_][\w.]*)\s*,\s*"
     r"([A-Za-z_][\w.]*)\s*\)", r"(\1.dot(\2.T) + \3)"),
    (r"(?<![\w.])(?:F|torch\.nn\.functional)\.linear\(\s*([A-Za-z_][\w.]*)\s*,\s*([A-Za-z_][\w.]*)\s*\)",
     r"(\1.dot(\2.T))"),
    (r"(?<![\w.])(?:F|torch\.nn\.functional)\.(sigmoid|tanh|relu)\(", r"torch.\1("),
    (r"(?<![\w.])torch\.(?:mm|matmul)\(", "np.dot("),
    (r"(?<![\w.])torch\.mul\(", "np.multiply("),
    (r"(?<=[\w)\]])\.mm\(", ".dot("),
    (r"(?<=[\w)\]])\.t\(\s*\)", ".T"),
    (r"(?<![\w.])torch\.t\(\s*([A-Za-z_][\w.]*)\s*\)", r"\1.T"),
    (r"(?<![\w.])torch\.cat\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?),\s*dim\s*=\s*(-?\d)\s*\)", r"np.concatenate(\1, axis=\2)"),
    (r"(?<![\w.])torch\.cat\(", "np.concatenate("),
    (r"(?<![\w.])([A-Za-z_][\w.]*)\.chunk\(\s*(\d)\s*(?:,\s*(?:dim\s*=\s*)?(-?\d)\s*)?\)",
     lambda m: f"np.split({m[1]}, {m[2]}" + (f", axis={m[3]})" if m[3] else ")")),
    (r"(?<![\w.])torch\.chunk\(\s*([A-Za-z_][\w.]*)\s*,\s*(\d)\s*(?:,\s*(?:dim\s*=\s*)?(-?\d)\s*)?\)",
     lambda m: f"np.split({m[1]}, {m[2]}" + (f", axis={m[3]})" if m[3] else ")")),
    (r"(?<=[\w)\]])\.(sum|mean)\(\s*(-?\d)\s*\)", r".\1(axis=\2)"),
)


def _torch_as_numpy(body: str) -> str:
    """A fence body with PyTorch's spellings (:data:`TORCH_SPELLINGS`) written as numpy's."""
    if "torch" not in body and ".t()" not in body and ".mm(" not in body and "F." not in body:
        return body
    for a, b in TORCH_SPELLINGS:
        body = re.sub(a, functools.partial(_same_lines, b), body)
    return body


def _same_lines(replacement, m) -> str:
    """``m`` replaced, with the line breaks it spanned kept after it (``torch.cat(\n[a, b],\n dim=1)``: the
    statement keeps its three lines, and every line below its number)."""
    new = replacement(m) if callable(replacement) else m.expand(replacement)
    return new + "\n" * max(0, m.group().count("\n") - new.count("\n"))


def _code_fences(clean: str) -> list:
    """The matches of the text's code fences (numpy, Python), in order."""
    return [m for m in _FENCE.finditer(clean) if _language(m) in CODE_FENCE_LANGUAGES]


def _with_bodies(clean: str, fences: list, bodies: list) -> str:
    """The text with each of ``fences`` (matches in ``clean``, in order) given the body of the same rank."""
    for m, body in reversed(list(zip(fences, bodies))):
        clean = clean[:m.start("body")] + body + clean[m.end("body"):]
    return clean


#: Functions that run a trained model (sampling text, predicting): they restate the forward pass with names of
#: their own (``h = np.tanh(U @ x + W @ h + b)`` beside the training forward's ``hs[t] = ...``): a model of their
#: own, never merged into the training code's cell. ``predict`` and ``infer`` only where the code has a forward
#: function too (some code names its forward pass ``predict``).
INFERENCE_FUNCTIONS = re.compile(r"(?:sample|generate|decode|beam_search|greedy)\w*$")
INFERENCE_IF_FORWARD = re.compile(r"(?:predict|infer|inference)\w*$")
INFERENCE_GROUP = "inference:"
#: The group of an activation's methods transcribed without their class: a model of their own (judge.code_models).
ACTIVATION_GROUP = "activation:"
_FORWARD_FUNCTION = re.compile(r"^\s*(?:async\s+)?def\s+(?:\w*forward\w*|fprop\w*)\s*\(", re.M)


def _inference_lines(logical: list) -> dict:
    """{index: group} of the lines in the bodies of :data:`INFERENCE_FUNCTIONS`: each function's rows are a model of
    their own (group ``inference:NAME``), read apart from the training code's cell."""
    forward = any(_FORWARD_FUNCTION.match(x) for x in logical)
    out = {}
    for k, line in enumerate(logical):
        m = re.match(r"\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", line)
        if m is None or k in out or not (INFERENCE_FUNCTIONS.match(m[1].lower()) or
                                         forward and INFERENCE_IF_FORWARD.match(m[1].lower())):
            continue
        for j in [k, *_block(logical, k)]:
            out[j] = f"{INFERENCE_GROUP}{m[1]}"
    return out


#: A parameter's entry moved by a small step in a numerical gradient check (``mat.flat[i] += epsilon``,
#: ``W[ix] -= 2 * h``, ``x[i] = old + eps``).
_NUDGE = re.compile(r"^\s*[\w.]+(?:\.flat)?\[[^\[\]]+\]\s*(?:[-+]=\s*(?:\d+(?:\.\d*)?\s*\*\s*)?|=\s*[\w.]+\s*[-+]\s*)"
                    r"(?:eps|epsilon|delta|h|step|dx)\s*$")
GRADIENT_CHECK_GROUP = INFERENCE_GROUP + "gradient check"


def _gradient_check_lines(logical: list) -> dict:
    """{index: group} of the lines of a numerical gradient check: the outermost top-level statement (a loop, a
    function) whose body nudges a parameter's entry (:data:`_NUDGE`) and runs the model again. Its rows are a
    model of their own (the training code's cell is not read from them: ``rel_error = abs(a - b) / abs(a + b)``
    is no row of the cell)."""
    out = {}
    for k, line in enumerate(logical):
        if k in out or not _NUDGE.match(line):
            continue
        top = next((j for j in range(k, -1, -1) if logical[j].strip() and not _indent(logical[j])), None)
        if top is None or top == k or not re.match(r"\s*(?:for|while|def)\b", logical[top]):
            continue
        for j in [top, *_block(logical, top)]:
            out[j] = GRADIENT_CHECK_GROUP
    return out


#: A C-style comment closing a line of plain text (``∂L/∂h_t = δ_t // from the layer above``).
_SLASH_COMMENT = re.compile(r"(?<=\S)\s+//(?:\s.*)?$")
#: A combining mark typed before its letter (``̃h_t``: the tilde of text copied from a rendered formula).
_MARK_BEFORE = re.compile(r"(?<![A-Za-z])([\u0302\u0303\u0304])([A-Za-z])")


def _plain_line(line: str) -> str:
    """A line of a plain fence (or of prose read as one) with a label before its equation blanked (``更新门: z_t =
    σ(...)``, ``Update gate: z_t = ...``) or after it in brackets (``【更新门】``), a ``//`` comment cut and a
    combining mark typed before its letter put after it (``̃h_t``: ``h̃_t``). Lengths are kept (columns stay
    right)."""
    line = _COMMENT_LABEL.sub(lambda c: " " * len(c.group()), line)
    line = _SLASH_COMMENT.sub(lambda c: " " * len(c.group()), line)
    line = _BRACKET_LABEL.sub(lambda c: " " * len(c.group()), line)
    return _MARK_BEFORE.sub(lambda c: c[2] + c[1], _arrow_remark_cut(line))


def _arrow_remark_cut(line: str) -> str:
    """The line with a remark pointed at its equation by a left arrow blanked (``da_t = dh_t ⊙ (1 - h_t²)   ←
    derivada de tanh``): the first arrow, after two spaces or more, in a line with its '=' before it, with words
    and no '=' after it (an arrow between names, ``h ← tanh(z)``, is an assignment and stays)."""
    m = _LEFT_ARROW.search(line)
    if m is None or not line[:m.start()].endswith("  ") or "=" not in line[:m.start()]:
        return line
    rest = line[m.end():]
    if "=" in rest or not re.search(r"[A-Za-z0-9\u00c0-\uffff]", rest):
        return line             # (← 43% of ...: a remark cut short by the % that starts a TeX comment)
    start = len(line[:m.start()].rstrip())
    return line[:start] + " " * (len(line) - start)


_LEFT_ARROW = re.compile(r"←|⟵|<--?")


#: A function's header on one line (``def lstm(c_prev, h_prev, xt):``), its final ``return a, b, c`` of plain names,
#: and a call storing the returned tuple at the step (``ft[t], it[t], ct[t], ht[t] = lstm(ct[t-1], ht[t-1], xt[t])``).
_DEF_LINE = re.compile(r"^(?P<indent>[ \t]*)def\s+(?P<name>[A-Za-z_]\w*)\s*\((?P<params>[^()]*)\)\s*(?:->[^:]*)?:\s*(?:#.*)?$")
_RETURN_NAMES = re.compile(r"^\s*return\s+\(?\s*(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*\)?\s*(?:#.*)?$")
_STEP_ITEM_AT = r"[A-Za-z_]\w*\[\s*t\s*(?:[-+]\s*1\s*)?\]"
_TUPLE_CALL = re.compile(r"^(?P<indent>[ \t]*)(?P<targets>" + _STEP_ITEM_AT + r"(?:\s*,\s*" + _STEP_ITEM_AT +
                         r")+)\s*=\s*(?P<fn>[A-Za-z_]\w*)\((?P<args>[^()]*)\)\s*$")
#: At most this many functions are bound to their call (a bound: each is a pass over the fences' lines).
MAX_BOUND_CALLS = 20


def _bindings(lines: list) -> dict:
    """{function: (header index, return index, call index, {name: text})} for each function whose body ends in
    ``return a, b, c`` of plain names and that the lines call exactly once, storing every returned value at the
    step (``A[t], B[t], C[t] = f(x[t], y[t-1], W)``), with as many targets as it returns and as many arguments
    as it has parameters: its parameters are the call's arguments, its returned names the call's targets (a
    name both a parameter and returned is not bound)."""
    calls = {}
    for k, line in enumerate(lines):
        m = _TUPLE_CALL.match(re.sub(r"\s#.*$", "", line)) if "=" in line and "[" in line else None
        if m is not None:
            calls.setdefault(m["fn"], []).append((k, m))
    heads = {}
    for k, line in enumerate(lines):
        m = _DEF_LINE.match(line) if "def" in line else None
        if m is not None and m["name"] in calls:
            heads.setdefault(m["name"], []).append((k, m))
    defs = {}
    for name, found in heads.items():
        if len(found) != 1 or len(calls[name]) != 1 or len(defs) >= MAX_BOUND_CALLS:
            continue        # (one definition and one call each; each function's body is one scan of the lines)
        k, m = found[0]
        params = [x.split(":")[0].split("=")[0].strip() for x in m["params"].split(",") if x.strip()]
        params = [x for x in params if x != "self"]
        body = _block(lines, k)
        last = next((j for j in reversed(body) if lines[j].strip() and not lines[j].lstrip().startswith("#")), None)
        r = _RETURN_NAMES.match(lines[last]) if last is not None else None
        if r is None or not all(re.fullmatch(r"[A-Za-z_]\w*", x) for x in params):
            continue
        defs[name] = (k, last, params, [x.strip() for x in r["names"].split(",")])
    out = {}
    for fn, (head, last, params, returns) in defs.items():
        k, m = calls[fn][0]
        targets = [x.strip() for x in split_outside(m["targets"])]
        args = [x.strip() for x in split_outside(m["args"])]
        if len(targets) != len(returns) or len(args) != len(params) or set(params) & set(returns) or \
                not all(re.fullmatch(r"[\w.]+(?:\[[^\[\]]*\])?", a) for a in args):
            continue
        out[fn] = (head, last, k, {**dict(zip(params, args)), **dict(zip(returns, targets))})
    return out


def bound_calls(clean: str) -> str:
    """The text with each function of :func:`_bindings` written in the names of its one call (``zt = concatenate((
    h_prev, xt))`` in ``def lstm(c_prev, h_prev, xt)`` called as ``... = lstm(ct[t-1], ht[t-1], xt[t])`` reads
    ``concatenate((ht[t-1], xt[t]))``; ``ft = sigmoid(zf)`` returned into ``ft[t]`` reads ``ft[t] = sigmoid(zf)``):
    the cell a loop runs by calling a function of its own, read as the loop's rows. The call and the return
    become blank lines (the line numbers stay)."""
    fences = _code_fences(clean)
    if not fences or "return" not in clean:
        return clean
    spans, lines = [], []
    for m in fences:
        body = m["body"].split("\n")
        spans.append((m, len(lines), len(body)))
        lines += body
    binds = _bindings(lines)
    if not binds:
        return clean
    out = list(lines)
    for head, last, call, names in binds.values():
        word = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) +
                          r")(?![\w(])")
        for j in _block(lines, head):
            if j != last:
                out[j] = word.sub(lambda w: names[w[1]], lines[j])
        out[last] = out[call] = ""
    return _with_bodies(clean, fences, ["\n".join(out[start:start + n]) for _, start, n in spans])


#: A store named for its step (``ht[t]``, ``ct[t-1]``, ``probt[t]``: h, c, prob kept per step under names ending in t).
#: Names of code arrays that end in t as words do (``output[t]``, ``target[t]``): no store named for its step.
WORDS_ENDING_IN_T = ("out", "output", "input", "target", "result", "cost", "dist", "mat", "st", "act", "pt", "last",
                     "first", "next", "text", "set", "gt", "tgt", "est", "pot", "dot")
_STEP_NAMED_STORE = re.compile(r"(?<![\w.])(?P<stem>[a-z][a-z]{0,5})t\[\s*t\s*(?:[-+]\s*1\s*)?\]")


#: A code name of an accented quantity at the step (``h_tilde_t``, ``c_hat_t``): the stem and its accent word.
_ACCENT_AT_STEP = re.compile(r"(?<![\w.])(?P<stem>[A-Za-z][A-Za-z0-9]*_(?:tilde|hat|bar))_t(?![\w])")


def accent_step_names(clean: str) -> str:
    """The code fences with ``h_tilde_t`` written ``h_tilde`` where the fences name its gradient by the stem
    (``dh_tilde = dh * z_t``) and use the stem as no value of its own: a code variable holds its step's value, so
    the two spellings are one quantity (read apart, ``dh_tilde`` was the gradient of a name no row defines)."""
    fences = _code_fences(clean)
    code = re.sub(r"#.*", "", "\n".join(m["body"] for m in fences))         # (not the comments' names)
    stems = {m["stem"] for m in _ACCENT_AT_STEP.finditer(code)}
    stems = {x for x in stems if re.search(rf"(?<![\w.])d_?{x}(?!\w)", code) and
             not re.search(rf"(?<![\w.'\"]){x}(?![\w'\"])", code)}      # (cache['h_tilde']: a key, no value)
    if not stems:
        return clean
    word = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, stems), key=len, reverse=True)) + r")_t(?![\w])")
    return _with_bodies(clean, fences, [word.sub(lambda w: w[1], m["body"]) for m in fences])


def step_named_stores(clean: str) -> str:
    """The code fences with each store named for its step (``ht[t]``, ``ct[t-1]``) renamed to its stem (``h[t]``,
    ``c[t-1]``) where the fences use the stem as no name of its own: the gradients the code writes with the stem
    (``dh``, ``dc``, ``do``) are then those of the stored quantity."""
    fences = _code_fences(clean)
    code = "\n".join(m["body"] for m in fences)
    stems = set()
    for line in code.split("\n"):          # stores written (a left side), not a name read (target[t]: no "targe")
        left = re.match(r"([^=#]*?)(?<![=!<>+\-*/])=(?!=)", line)
        if left is not None:
            stems |= {m["stem"] for m in _STEP_NAMED_STORE.finditer(left[1])}
    # (not a word that ends in t, output[t]; not a name whose gradient the code writes whole, doutput)
    stems = {x for x in stems if not re.search(rf"(?<![\w.])(?:{x}|d_?{x}t)(?![\w])", code)
             and x + "t" not in WORDS_ENDING_IN_T}
    if not stems:
        return clean
    word = re.compile(r"(?<![\w.])(" + "|".join(sorted(stems, key=len, reverse=True)) + r")t(?![\w])")
    return _with_bodies(clean, fences, [word.sub(lambda w: w[1], m["body"]) for m in fences])


_ASSIGNMENT_LIKE = re.compile(r"^[^#]*?(?<![=!<>])=(?!=)")     # a line with an = that is no comparison


#: The rewrites of the code fences' bodies, in order, each from the list of bodies to the list (line for line):
#: private names, splits read by index and autograd Functions' names, numbered nodes, the one-hot pair, a step's
#: loss, the states kept at the steps.
BODY_REWRITES = (private_names, indexed_splits, autograd_gradients, node_labels, one_hot_bodies, step_losses,
                 step_states)


def fenced_rows(clean: str, max_rows: int = 2000):
    """(text with the fences' bodies read blanked and the fences of LaTeX made displays, rows, values, code): rows,
    values and code are (line, column, latex) of the equations typed in plain fences (1-based), values those that
    give a name numbers only, code the formulas of numpy fences, each with the name of the class it is in (a
    fourth item: "" outside classes; each class is a model of its own). More than ``max_rows`` formulas, or more than
    MAX_FENCE_LINES lines of fences, are refused (LatexError) as soon as they are met."""
    plain, values, code, comments = [], [], [], []
    blanks, displays = [], []
    for m in reversed([m for m in _FENCE.finditer(clean) if m["lang"].lower() in MATLAB_FENCE_LANGUAGES]):
        # a MATLAB fence: read as the numpy code it spells (line for line; the fence's language word becomes python)
        clean = (clean[:m.start("lang")] + "python".ljust(len(m["lang"])) + clean[m.end("lang"):m.start("body")] +
                 _matlab_as_python(m["body"]) + clean[m.end("body"):])
    fences = _code_fences(clean)
    from .latexparse import LatexError
    every = list(_FENCE.finditer(clean))            # (the bounds, before any of the analyses below)
    every_body = [m["body"] for m in every]
    longest = max((len(x) for m in every if m["lang"].lower() in CODE_FENCE_LANGUAGES for x in m["body"].split("\n")),
                  default=0)
    if longest > MAX_CODE_LINE:
        # (a Python line of 50000 blanks took 48 s: the analyses' patterns are quadratic in a line's gaps; the
        # longest code line of the 986 kept notes is far below the limit)
        raise LatexError(f"a line of the file's code holds {longest} characters; the limit is {MAX_CODE_LINE}")
    if sum(b.count("\n") for b in every_body) > MAX_FENCE_LINES:
        raise LatexError(f"the file's code fences hold more than {MAX_FENCE_LINES} lines; the limit is "
                         f"{MAX_FENCE_LINES}")
    fenced_chars = sum(map(len, every_body))
    if fenced_chars > MAX_FENCE_CHARS:
        raise LatexError(f"the file's code fences hold {fenced_chars} characters; the limit is {MAX_FENCE_CHARS}")
    # (x[:, 0:1] = a, a slice filled, is no formula)
    assignments = sum(1 for b in every_body for x in b.split("\n") if _ASSIGNMENT_LIKE.search(x) and
                      not _CODE_SLICE.search(x.split("=", 1)[0]))
    if assignments > max_rows:
        # (each such line may become a formula: a fence of thousands of them is refused before the analyses,
        # which take about a millisecond a line)
        raise LatexError(f"the file's code fences hold {assignments} assignments; the limit is {max_rows} formulas")
    same = Counter(m[1] for b in every_body for m in _ASSIGNED_NAME.finditer(b))
    if same and max(same.values()) > MAX_SAME_NAME:
        # (the analyses compare each assignment of a name with the others: 1000 loops each setting h took 35 s;
        # the longest of 930 published notes sets one name 25 times)
        name, n = same.most_common(1)[0]
        raise LatexError(f"the file's code fences assign {name} {n} times; the limit is {MAX_SAME_NAME}")
    bodies = [CONVERTED.sub("", _ARRAY_MODULE.sub(_as_numpy, _torch_as_numpy(_ANNOTATION.sub(_unannotated, m["body"]))))
              for m in fences]
    for rewrite in BODY_REWRITES:
        bodies = rewrite(bodies)
    clean = accent_step_names(step_named_stores(bound_calls(_with_bodies(clean, fences, bodies))))
    bodies = [m["body"] for m in _code_fences(clean)]
    _OWN_T_NAMES.set(_own_t_names(bodies))
    CODE_ASSIGNED.set(frozenset(m[1] for b in bodies for m in _ASSIGNED_NAME.finditer(b)))
    CODE_GRADIENT_VALUED.set(_gradient_valued(bodies))
    # a cell's methods transcribed without their class, forward and backward in fences of their own: the forward
    # method's lines, read before a fence of the class's other methods (_cell_classes)
    # (a cell's forward takes the input and the state: forward(self, x, h); an activation's takes one argument)
    methods_forward = [] if any(_CLASS.match(x) for b in bodies for x in b.split("\n")) else next(
        (_logical_lines(b.split("\n")) for b in bodies if max(_forward_arity(b.split("\n")), default=0) >= 2), [])
    (caches, stores), helpers, units = list_caches(bodies), code_helpers(bodies), unit_names(bodies)
    every_line = _logical_lines("\n".join(bodies).split("\n"))
    switches = switch_helpers(every_line)       # def sigmoid(x, derivative=False, inputY=False): switchhelpers.py
    tuples = step_tuples(bodies)
    made = {m["cls"] for body in bodies for m in map(_OBJECT.match, body.split("\n")) if m is not None}
    methods = {c: ms for c, ms in class_methods(bodies).items() if c in made}     # (the classes made as objects)
    changed, kept = element_set_names(bodies), dict_caches(bodies)
    arrays = keyed_step_arrays(bodies)
    capital = {**g_gradients(bodies), **capital_gradients(bodies), **cased_gradients(bodies)}
    counted, counted_to = 0, 0          # lines before offset counted_to
    fence_lines = 0
    groups, group = {}, ""          # line -> the class a code line is in ("" outside classes)
    spans = []                      # each code fence's formulas: code[a:b]
    for m in _FENCE.finditer(clean):
        fence_lines += m["body"].count("\n")
        if fence_lines > MAX_FENCE_LINES:
            raise LatexError(f"the file's code fences hold more than {MAX_FENCE_LINES} lines; the limit is "
                             f"{MAX_FENCE_LINES}")
        display = _latex_display(m, clean)
        if display is not None:
            displays.append((m.start(), m.end(), display))
            continue
        lang = _language(m)
        if lang in CODE_FENCE_LANGUAGES or lang in COMMENT_FENCE_LANGUAGES:
            # the math an author writes in the code's comments (# h_t = o_t * tanh(c_t)): rows of their own
            at = counted + clean.count("\n", counted_to, m.start("body"))
            body_lines = m["body"].split("\n")
            for k, (col, text) in enumerate(_comments(body_lines, lang)):
                if text is not None:
                    text = _STEP_RUN.sub(lambda c: f"{c[1]}_{{t{c[2] or ''}}}", text)    # ht-1: h_{t-1}
                    text = _COMMENT_LABEL.sub(lambda c: " " * len(c.group()), text)     # "loss: L = ..."
                    text = _COMMENT_TAIL.sub("", text)          # "i = σ(gates_i)     input gate"
                    if k < len(body_lines) and re.fullmatch(r"\s*(?:#+|//)?\s*", body_lines[k][:col]):
                        # "# temp_h = np.tanh(temp2)" on a line of its own: a comment restating a line of code,
                        # its module's calls plain (not a remark after code: x = ...  # C = sigmoid(np.dot(...)))
                        text = re.sub(r"\b(?:np|numpy|torch|jnp|math)\.(?=[A-Za-z_]\w*\s*\()", "", text)
                    if _activation_of_two(text):
                        continue    # "# g(t) = tanh(Wgx * x(t), Wgh * h(t - 1) + bg)": a comma for a plus (in
                        #             numpy, tanh(a, b) writes into b): the comment states no formula
                    for off, st in _statements(text):
                        _emit([at + k + 1, col + off + 1, st, 0], comments, [])
        if lang not in PLAIN_FENCE_LANGUAGES and lang not in CODE_FENCE_LANGUAGES:
            continue
        rows = code if lang in CODE_FENCE_LANGUAGES else plain
        body_start = m.start("body")
        found = False
        current = None          # [line, column, text, open brackets]
        lines = m["body"].split("\n")
        line_of, column_of = range(len(lines)), [0] * len(lines)
        first_code = len(code)
        if lang in CODE_FENCE_LANGUAGES:
            lines, line_of, column_of = _split_statements(lines)
            logical = object_lists([_renamed(x, capital) for x in _logical_lines(_dict_entries(lines))])
            inference = {**_gradient_check_lines(logical), **_inference_lines(logical)}
            if not any(_CLASS.match(x) for x in logical) and _forward_arity(logical) == {1}:
                # an activation's methods transcribed without their class (forward(self, x), derivative(self)):
                # a model of their own, as class Sigmoid's are (judge.code_models)
                group = ACTIVATION_GROUP + str(len(groups))
            elif group.startswith(ACTIVATION_GROUP):
                group = ""                  # (the next fence is not the activation's)
            for k, line in enumerate(logical):
                c = re.match(r"class\s+(\w+)", line)
                f = re.match(r"(?:async\s+)?def\s+([A-Za-z_]\w*)", line)
                if k in inference:
                    groups[counted + clean.count("\n", counted_to, body_start) + line_of[k] + 1] = inference[k]
                    continue        # (a function running the trained model: a model of its own)
                if c is not None:
                    group = c[1]
                elif f is not None and _cell_family(f[1]):
                    group = _cell_family(f[1])      # rnn_step_forward, lstm_step_backward: the functions of one cell
                elif re.match(r"(?:async\s+)?def\s|[A-Za-z_]", line):
                    group = ""              # a top-level function or statement: outside the classes
                groups[counted + clean.count("\n", counted_to, body_start) + line_of[k] + 1] = group
            inlined = _method_bodies(logical, methods)
            logical = ["" if k in inlined else x for k, x in enumerate(_object_calls(logical, methods))]
            dispatched = dispatch_helpers(logical)      # def activation(self, X, a): if a == "tanh": ...
            if dispatched:
                logical = dispatch_lines(logical, dispatched)
            logical = [_tuple_statements(_block_cuts(x)) for x in _fetched_names(_prev_read_first(_upstream_reads(_loop_steps(_holder_paths(
                _fetched_tuples(_loaded_reads(_row_functions(_self_reshapes(_transposed_stacks(_shifted_exps(logical))))), tuples))))))]
            logical = _delta_names(_loss_gradient_names(_wrt_names(_step_names(_first_step_choices(_generic_activations([_keyed_reads(_dict_reads(_keyed_steps(x, arrays), kept))
                                                                             for x in _keyed_list_fetches(logical)]))))))
            if methods_forward and not _forward_arity(logical) and _self_methods(logical):
                # the class's other methods: read after its forward (its arguments, what it returns, the
                # activation objects' outputs), which stands in a fence of its own
                n = len(methods_forward)
                acts = _activation_objects(_cell_classes(methods_forward + logical))[n:]
            else:
                acts = _activation_objects(_step_pairs(_cell_classes(logical)))
            logical = [_loss_increment(_new_axes(x)) for x in _slice_fills(acts)]
            inside = _helper_bodies(logical, helpers) | _carry_copies(logical) | set(carry_copies(logical)) | \
                set(initial_copies(logical))
            changed_at = scoped_changes(logical, changed)
            inside |= _rebound_splits(logical) | helper_lines(logical, switch_helpers(logical)) | \
                _init_bodies(logical) | _initializer_bodies(logical)
            lines = ["" if k in inside or _sets_changed(x, changed_at[k]) or _no_formula(x, caches, stores) or
                     _MASKED.match(x) else
                     _code_line(_put_units(_cache_reads(_inline_helpers(switch_calls(x, switches), helpers),
                                                        caches), units))
                     for k, x in enumerate(_carried(_prev_states(_loop_elements(_self_states(_last_reads(
                         _rebound_parameters(_gradient_aliases(_plural_parameters(logical))), caches))))))]
            lines = _last_fetches(logical, _after_forward_loop(logical, _first_step_elses(
                logical, _last_step_branches(logical, lines))))
            lines = _carried_back(logical, _before_backward_loop(logical, lines))
        else:
            lines = _loss_gradient_names([_plain_line(x) for x in lines])     # dLdy⁽ᵗ⁾ = ∂L⁽ᵗ⁾/∂y⁽ᵗ⁾ in plain text too
        counted = counted + clean.count("\n", counted_to, body_start)      # (fences come in order: counted once)
        counted_to = body_start
        for k, line in enumerate(lines):
            lineno = counted + line_of[k] + 1
            if current is not None and current[3] <= 0 and line.lstrip().startswith("=") and \
                    not line.lstrip().startswith("==") and rows is plain and _top_equals(current[2]) >= 0 and \
                    not _NUMBERS_ONLY.match(line.lstrip()[1:]):
                # a chain of equalities over lines (= diag(z_t) ...): each link a row of its own, as an
                # align's &= rows are (the link is judged, and reported, on its line)
                found |= _emit(current, rows, values)
                text = re.sub(r"\s(?:#|//)\s.*$", "", line)
                current = [lineno, len(line) - len(line.lstrip()) + 1, text.strip(), _balance(text)]
                continue
            if current is not None and (current[3] > 0 or line.lstrip().startswith("=")):
                text = re.sub(r"\s#.*$", "", line)
                current[2] += " " + text.strip()
                current[3] = _balance(current[2])
                continue
            if current is not None:
                found |= _emit(current, rows, values)
                current = None
                if len(plain) + len(values) + len(code) > max_rows:
                    raise LatexError(f"the file's code fences hold more than {max_rows} formulas; the limit "
                                     f"is {max_rows}")
            for col, st in _statements(line):
                if current is not None:
                    found |= _emit(current, rows, values)
                current = [lineno, col + column_of[k] + 1, st, _balance(st)]
        if current is not None:
            found |= _emit(current, rows, values)
        code[first_code:] = [r + (groups.get(r[0], ""),) if len(r) == 3 else r for r in code[first_code:]]
        spans.append((first_code, len(code)))
        if found:
            blanks.append((m.start("body"), m.end("body")))
    code = _top_level_models(code, spans)
    # comments that state a cell (two forward rows or more) are a derivation of their own; comments with
    # gradients only (# d_loss/d_z = dL/d_h * d_h/d_z, or code commented out: # dc_t += d_tanh_c) are not read
    if 2 <= sum(1 for r in comments if not _GRADIENT_LEFT.match(r[2])) and len(comments) <= MAX_COMMENT_ROWS:
        code += [r + (COMMENT_GROUP,) for r in comments if len(r) == 3]
    for a, b in blanks:
        clean = clean[:a] + re.sub(r"[^\n]", " ", clean[a:b]) + clean[b:]
    for a, b, display in displays:          # (each keeps the text's length: the offsets above stay right)
        clean = clean[:a] + display + clean[b:]
    return clean, plain, values, code


#: The groups of a file's formulas outside classes once a fence restates them otherwise: "top:0", "top:1", ...
TOP_GROUP = "top:"
_FETCH_TEXT = re.compile(r"\s*[A-Za-z\\]\w*(?:_\{[^{}]*\}|_\w+)?(?:\^\{[^{}]*\})?\s*")
_GRADIENT_NAME = re.compile(r"(?:d|delta|grad|\\delta|\\partial|\\nabla)")


def _top_level_models(code: list, spans: list) -> list:
    """``code`` with the formulas outside classes grouped by fence into models of their own where a fence assigns
    names an earlier fence outside classes assigned by other formulas (opendl's naive ``f = sigmoid(x @ W_xf + h
    @ W_hf + b_f)``, its ``h`` the previous state, then the fused ``f = sigmoid(z_f)`` ... ``h = o * np.tanh(C)``):
    two statements of the cell, as two classes are (judge.code_models). A fence restating a formula as it stood
    (the forward recomputed in the backward) stays in the model it repeats; so do accumulations (``+=``) and
    gradients (a later fence's ``dh = ...`` completes the step an earlier one began)."""
    def assigned(text):
        left, eq, right = text.partition("=")
        return (left.strip(), right.strip()) if eq and not re.search(r"\\mathrel\{[+-]\}\s*$", left) else None
    models, stated, out = 0, {}, list(code)
    for a, b in spans:
        top = [k for k in range(a, b) if len(code[k]) > 3 and code[k][3] == ""]
        pairs = [p for p in (assigned(code[k][2]) for k in top) if p is not None and not _GRADIENT_NAME.match(p[0])]
        # (two names or more computed anew: C_prev = C[t-2], a fetch in the backward, restates nothing)
        if sum(1 for n, r in pairs if stated.get(n, r) != r and not _FETCH_TEXT.fullmatch(r)) >= 2:
            models, stated = models + 1, {}
        for n, r in pairs:
            stated.setdefault(n, r)
        for k in top:
            out[k] = code[k][:3] + (TOP_GROUP + str(models),)
    if not models:
        return code
    return out


_WORD = re.compile(r"(?<![\w.])[A-Za-z_]\w*")


_ANY_WORD = re.compile(r"(?<![\w])[A-Za-z_]\w*")


def g_gradients(bodies: list) -> dict:
    """``gWh``, ``gbzr`` beside ``self.Wh``, ``self.bzr`` (a textbook's code, whose other gradients are d-named): g for
    the gradient of a weight or a bias, read as d (``dWh``), for a name after the g that the code writes (an
    argument, a local or an attribute) and whose d-spelling it does not."""
    words = set()
    for body in bodies:
        words.update(_ANY_WORD.findall(body))
    named = {w for w in words if len(w) > 1 and w[0] == "g" and w[1:] in words and "d" + w[1:] not in words}
    params = {w for w in named if re.fullmatch(r"g(?:[WUVR]\w*|b[a-z0-9]\w{0,4})", w)}
    assigned = {m[1] for body in bodies for m in re.finditer(r"(?m)^[ \t]*(?:self\.)?([A-Za-z_]\w*)[ \t]*[-+*/]?=(?!=)",
                                                               body)}
    lower = {a.lower() for a in assigned}
    if any(w in assigned and w[1:].lower() in lower for w in (named | {w for w in assigned if w[:1] == "g"}) - params):
        return {}       # (Chainer's gu, gh_tm1 beside gWu, gS beside s: every gradient g-named, a convention read
        #                 as it is)
    return {w: "d" + w[1:] for w in sorted(params)}


def cased_gradients(bodies: list) -> dict:
    """``dwh``, ``dwx`` beside ``Wh``, ``Wx`` (a student's lower-case gradient names of the weights the code writes in
    capitals): d-name -> d + the weight's own spelling, where the code writes no ``wh`` and one weight so cased (a
    ``dWh`` elsewhere, another class's, is the same name)."""
    words = set()
    for body in bodies:
        words.update(_WORD.findall(body))
    weights = {}
    for w in words:
        if re.fullmatch(r"[WUV][A-Za-z0-9_]+", w):
            weights.setdefault(w.lower(), set()).add(w)
    out = {}
    for w in words:
        if len(w) > 2 and w[0] == "d" and w[1:] not in words and len(weights.get(w[1:].lower(), ())) == 1:
            out[w] = "d" + next(iter(weights[w[1:].lower()]))      # (dwh in one class, dWh in another: one name)
    return out


def capital_gradients(bodies: list) -> dict:
    """``Doutput_gate``, ``Dtemp`` beside ``output_gate``, ``temp`` (a capital D for the gradient, where the code's
    own ``d`` names are the function's arguments): D-name -> d-name, for a name after the D that the code writes and
    whose d-spelling is no function's argument (``Dcurrent_c`` beside an argument ``dcurrent_c`` is left: two
    gradients, one spelling; ``dprev_c = Dprev_c`` before the return is a copy, one name)."""
    words, params = set(), set()
    for body in bodies:
        words.update(_WORD.findall(body))
        for m in re.finditer(r"\bdef\s+\w+\s*\(([^)]*)\)", body):
            params.update(_WORD.findall(m[1]))
    return {w: "d" + w[1:] for w in sorted(words)
            if len(w) > 2 and w[0] == "D" and w[1].islower() and w[1:] in words and "d" + w[1:] not in params}


def _renamed(line: str, names: dict) -> str:
    """``line`` with each word of ``names`` spelt as it maps (code names only: never after a dot)."""
    if not names:
        return line
    return _WORD.sub(lambda m: names.get(m.group(), m.group()), line)


#: ``i_t, f_t, o_t = split(sigmoid(z_ifo), 3)``: names taking the equal parts of one stacked value.
#: (``axis=1``: a row's columns, batch rows as CS231n's A = prev_h.dot(Wh) + x.dot(Wx) + b: the parts side by side)
_SPLIT = re.compile(r"^\s*(?:np\.)?(?:split|array_split|chunk)\((?P<body>.*),\s*(?P<n>\d)\s*"
                    r"(?:,\s*(?:axis|dim)\s*=\s*(?P<axis>-?\d)\s*)?\)\s*$")


def _unpacked(text, k):
    """The statements of a tuple assignment (``a, b = x, y``: a = x and b = y; ``i, f, o = split(z, 3)``: the
    stacked names equal z), else None."""
    names = [x.strip() for x in split_outside(text[:k])]
    if len(names) < 2 or not all(_LEFT.match(x) for x in names):
        return None
    right = text[k + 1:]
    m = _SPLIT.match(right)
    if m is not None and int(m["n"]) == len(names) and _balance(m["body"]) == 0:
        stacked = r"\begin{bmatrix} " + (r" & " if m["axis"] == "1" else r" \\ ").join(plain_latex(x) for x in names) + \
            r" \end{bmatrix}"
        return [(stacked + " = " + plain_latex(m["body"].strip()), 1)]
    values = split_outside(right)
    if len(values) != len(names):
        return None
    return [(f"{a} = {b.strip()}", 0) for a, b in zip(names, values)]


#: A subscript with a component after a comma, in plain text (``h_t,j``, ``z_f,j``): one subscript, ``h_{t,j}``.
_COMMA_SUBSCRIPT = re.compile(r"(?<![\w\\])([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9]+),([a-z])(?![\w(\[{])")


#: A step written in angle brackets after a caret in plain text (``a^<t>``, ``h^<t-1>``).
_ANGLE_TIME = re.compile(r"(?<=[\w\u0303\u0302\u0304)\]~])(?:\^\s*<\s*([A-Za-z](?:\s*[-+]\s*\d+)?)|<(t(?:[-+]1)?))\s*>")


def _emit(current, rows, values) -> bool:
    line, col, text, _ = current
    text = _ANGLE_TIME.sub(lambda m: f"\u27e8{m[1] or m[2]}\u27e9", text)
    # (h^<t-1>: h⟨t-1⟩, Coursera's h^{<t-1>} typed in plain text; a<t-1> too, the caret left out)
    text = _COMMA_SUBSCRIPT.sub(r"\1_{\2,\3}", text)
    k = _top_equals(text)
    if k == 0 and rows and rows[-1][0] < line and not text.startswith("==") and len(text) <= 2000:
        rows.append((line, col, plain_latex(text)))     # = ...: a link of the chain the row above starts
        return True
    if k <= 0 or _CODE_WORDS.match(text) or len(text) > 2000 or _SAFEGUARD_NUDGE.match(text):
        return False
    if "," in _BRACED.sub("", text[:k]):        # a, b = x, y; i_t, f_t, o_t = split(sigmoid(z), 3) (not z_{f,t})
        parts = _unpacked(text, k)
        found = False
        for piece, written in parts or ():
            if written:             # already LaTeX (a stacked left side)
                rows.append((line, col, piece))
                found = True
            else:
                found |= _emit([line, col, piece, 0], rows, values)
        return found
    left = text[:k].rstrip("+-*/ ")
    if not _LEFT.match(left):
        return False
    if text[k - 1:k] in ("*", "/") and text[k - 2:k - 1] not in ("*", "/"):
        # di *= i * (1 - i): the name rebound to its value times the right side (rebinding.py reads it)
        text = f"{left} = {left} {text[k - 1]} ({text[k + 1:].strip()})"
        k = len(left) + 1
    latex = plain_latex(text.replace("+=", r" \mathrel{+}= ").replace("-=", r" \mathrel{-}= ")
                        if re.search(r"[+\-]=", text[:k + 1]) else text)
    rest = text[k + 1:]
    if _NUMBERS_ONLY.match(rest) and _top_equals(rest) < 0:
        values.append((line, col, latex))
        return True
    rows.append((line, col, latex))
    return True


#: Inline code spans looked at in one file (a bound: the rest are prose).
MAX_SPANS = 5000
_SPAN = re.compile(r"(?<!`)`(?P<body>[^`\n]{3,300})`(?!`)")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+$")


#: A line opening or closing a fenced block (its mark, its language).
_FENCE_LINE = re.compile(r"^[ \t]{0,8}(```+|~~~+)[ \t]*([A-Za-z0-9_+-]*)")


def fence_blocks(text: str, languages) -> list:
    """(index of the block's first line in ``text.split("\n")``, its language in lower case, its lines) of each
    fenced block of ``text`` whose language is in ``languages`` ("" for a fence without one)."""
    lines = text.split("\n")
    out, fence, start = [], None, 0
    for k, line in enumerate(lines):
        m = _FENCE_LINE.match(line)
        if m is None:
            continue
        if fence is None:
            fence, start = m, k + 1
        elif m[1][0] == fence[1][0] and len(m[1]) >= len(fence[1]) and not m[2]:
            if fence[2].lower() in languages:
                out.append((start, fence[2].lower(), lines[start:k]))
            fence = None
    return out


def inline_code_rows(clean: str):
    """(rows, values) of equations typed in inline code spans of the prose (``- `dh_t = dh_ext_t + dh_next` —
    ...``): a span opening a list item or standing alone on its line is a row; a span that gives a name numbers
    (``Recall `y_3 = -0.2055` ``) anywhere is a value of a worked example."""
    import bisect
    rows, values = [], []
    starts = [0] + [k + 1 for k, ch in enumerate(clean) if ch == "\n"]
    for n, m in enumerate(_SPAN.finditer(clean)):
        if n > MAX_SPANS:
            break
        text = m["body"].strip()
        k = _top_equals(text)
        if k <= 0 or _CODE_WORDS.match(text) or not _LEFT.match(text[:k].rstrip("+-*/ ")):
            continue
        line = bisect.bisect_right(starts, m.start())
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(clean)
        col = m.start("body") - start + 1
        latex = plain_latex(text)
        if _NUMBERS_ONLY.match(text[k + 1:]) and _top_equals(text[k + 1:]) < 0:
            values.append((line, col, latex))
        elif (_ITEM.match(clean[start:m.start()]) or not clean[start:m.start()].strip()) and \
                (not clean[m.end():end].strip() or re.match(r"\s*(?:\u2014|--|:|,|\.|;)", clean[m.end():end])):
            rows.append((line, col, latex))
    return rows, values
