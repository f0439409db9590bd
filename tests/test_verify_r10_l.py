"""Round 10, helper L: stacked layers - the author's value of a name a failing row gives (authorvalues.py), a layer
digit written as a subscript where the rows run it on (digitnames.py)."""
from functools import lru_cache
from pathlib import Path

from symlstm.verify.judging.judge import verify_derivation

_SRC = (Path(__file__).parent / "derivations" / "aiedu_deep_rnn_pr550.tex").read_text(encoding="utf-8")
_WRONG17 = r"&=(dh1_{t+1} \cdot W1^T) \odot \sigma'(s1_t) \rightarrow dh1_t"
_RIGHT17 = r"&=(dh1_{t+1} \cdot W1^T + dh2_t \cdot Q^T) \odot \sigma'(s1_t) \rightarrow dh1_t"
_CHAIN17 = (r"\frac{\partial Loss}{\partial h1_t} &= \frac{\partial Loss}{\partial h1_{t+1}}\frac{\partial h1_{t+1}}"
            r"{\partial s1_t}\frac{\partial s1_t}{\partial h1_t} \\")
_DW1 = r"\frac{\partial Loss}{\partial W1}=s1^T_{t-1} \cdot dh_1 \rightarrow dW1"
_DU = r"\frac{\partial Loss}{\partial U}=\frac{\partial Loss}{\partial h1}\frac{\partial h1}{\partial U}=x^T \cdot dh1"


@lru_cache(maxsize=None)
def _status(text):
    out = {}
    for r in verify_derivation(text).results:
        out.setdefault(r.line, []).append(r.status)
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in out.items()}


def _line(text, piece):
    return next(i + 1 for i, l in enumerate(text.splitlines()) if piece in l)


def _fixed():
    t = _SRC.replace(_WRONG17, _RIGHT17).replace(_CHAIN17, r"\frac{\partial Loss}{\partial h1_t} \\")
    assert t != _SRC
    return t


def test_author_value_of_a_failing_recursion():
    # the recursion of dh1 misses the layer above (fails); x^T dh1 then fails with the author's dh1
    st = _status(_SRC)
    assert st[_line(_SRC, _WRONG17)] == "fail"
    assert st[_line(_SRC, _DU)] == "fail"
    assert st[_line(_SRC, r"s2^T_{t-1} \cdot dh2")] == "pass"         # dh2's rows hold: untouched
    assert st[_line(_SRC, r"=s1^T \cdot dh2 \rightarrow dQ")] == "pass"


def test_author_value_of_a_right_recursion():
    # with the recursion right, x^T dh1 passes; its mutants (a wrong transpose, a swapped layer) fail
    t = _fixed()
    st = _status(t)
    assert st[_line(t, _RIGHT17)] == "pass"
    assert st[_line(t, _DU)] == "pass"
    m = t.replace(r"=x^T \cdot dh1 \rightarrow dU", r"=x^T \cdot dh2 \rightarrow dU")
    assert _status(m)[_line(m, r"=x^T \cdot dh2 \rightarrow dU")] == "fail"
    m = t.replace(r"=s2^T_{t-1} \cdot dh2 \rightarrow dW2", r"=s2^T_{t-1} \cdot dh1 \rightarrow dW2")
    assert _status(m)[_line(m, r"=s2^T_{t-1} \cdot dh1 \rightarrow dW2")] == "fail"


def test_layer_digit_as_subscript_fails():
    # dh_1 where the rows name h1, h2 (layer digits run on, subscripts time steps): the run-on name's slip
    t = _fixed()
    st = _status(t)
    assert st[_line(t, _DW1)] == "fail"
    ok = t.replace(_DW1, r"\frac{\partial Loss}{\partial W1}=s1^T_{t-1} \cdot dh1 \rightarrow dW1")
    assert _status(ok)[_line(ok, r"\cdot dh1 \rightarrow dW1")] == "pass"


def test_subscript_of_a_defined_name_is_a_step():
    # where h itself is a quantity (h_t = ...), h_1 is h at step 1: the slip rule does not apply
    from symlstm.verify.numeric.digitnames import run_on_digit

    class V:
        time_var = "t"
        quantities = {"h", "h1", "h2"}

        def known(self, k):
            return k in self.quantities
    assert run_on_digit("h_1", V()) == ""
    V.quantities = {"h1", "h2"}
    assert run_on_digit("h_1", V()) == "h1"
    V.quantities = {"h1"}
    assert run_on_digit("h_1", V()) == ""        # one name with a digit: no layer digits



# a recursion X_t = A_t + J_t X_{t-1} substituted into itself, its innermost group opened by the dots
_NEST = r"""\documentclass{article}
\begin{document}
$$ h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t) $$
$$ \frac{\partial h_t}{\partial W_{hh}} = \frac{\partial h_t}{\partial W_{hh}} + \frac{\partial h_t}{\partial h_{t-1}} \cdot \left( \frac{\partial h_{t-1}}{\partial W_{hh}} + \frac{\partial h_{t-1}}{\partial h_{t-2}} \cdot \left( \ldots + \frac{\partial h_1}{\partial W_{hh}} \right) \right) $$
\end{document}
"""


def test_nested_form_opened_by_dots():
    # the groups go on to the tail's step (nestedforms.py)
    assert _status(_NEST)[4] == "pass"
    assert _status(_NEST.replace("h_1}", "h_2}"))[4] == "fail"           # the nest stops a step early
    skip = _NEST.replace(r"\partial h_{t-2}} \cdot \left( \ldots", r"\partial h_{t-3}} \cdot \left( \ldots")
    assert _status(skip)[4] == "fail"                                      # a Jacobian skips a step
