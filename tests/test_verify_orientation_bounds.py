r"""Vectors compared up to orientation where the text identifies them, layer-below names, free bound letters.

hanbingtao_lstm_bptt writes ``\delta_t^T \circ \tanh(c_t) \circ o_t`` (a row and columns under ``\circ``: the
text states ``a^T diag[b] = a \circ b``) and ``\delta_{t-1} = \delta_{o,t}^T W_{oh} + ...``: in such a file a row
and a column of one vector are the same vector (judging/orientation.py); matrix products stay strict, so a
weight on the wrong side (``\delta^T W^T``, ``W \delta``) still fails. A file that writes no such product keeps
orientation strict. ``net_t^{l-1}`` (the layer below a one-layer cell) is unreadable, never a fail.

scutan90_rnn_bptt writes ``\sum_{t=1}^{n}`` (n the number of steps, in prose only: the last step) and
``\prod_{j=k+1}^{t}`` with k free ("the time k"): the row is checked at every step k <= t (judging/freebounds.py).
"""
import os

from symlstm.verify.judging.judge import verify_derivation

HERE = os.path.join(os.path.dirname(__file__), "derivations")


def _judge(sid, **edits):
    with open(os.path.join(HERE, sid + ".tex"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line, (old, new) in edits.items():
        n = int(line[1:])
        assert old in lines[n - 1], (n, old)
        lines[n - 1] = lines[n - 1].replace(old, new)
    out = {}
    for r in verify_derivation("\n".join(lines)).results:
        out.setdefault(r.line, r)
    return out


HB = "hanbingtao_lstm_bptt"
SC = "scutan90_rnn_bptt"


def test_hanbingtao_rows_up_to_orientation_pass():
    got = _judge(HB)
    for line in (74, 75, 76, 123, 124, 128, 129, 130):
        assert got[line].status == "pass", (line, got[line].why)
    assert got[131].status == "fail"          # (1 - \tilde c^2): no time index, a published slip
    for line in (144, 145, 146):
        assert got[line].status == "unreadable", (line, got[line].why)
        assert "another layer" in got[line].why


def test_hanbingtao_mutants_fail():
    cases = {
        "l128": (r"\circ\mathbf{o}_t\circ(1-\mathbf{o}_t)", r"\circ\mathbf{o}_t"),      # sigma' dropped
        "l130": (r"\circ\mathbf{i}_t\circ(1-\mathbf{i}_t)", r"\circ\mathbf{f}_t\circ(1-\mathbf{f}_t)"),
        "l124": (r"\delta_{o,t}^T W_{oh}", r"\delta_{o,t}^T W_{oh}^T"),                   # weight transposed
        "l76": (r"\delta_{t}^T\frac{\partial{\mathbf{h_t}}}{\partial{\mathbf{h_{t-1}}}}",
                r"\frac{\partial{\mathbf{h_t}}}{\partial{\mathbf{h_{t-1}}}}\delta_{t}"),     # J delta, not J^T delta
        "l145": (r"\delta_{f,t}^TW_{fx}", r"\delta_{f,t}^TW_{fh}"),     # stays unread (never a pass)
    }
    for key, edit in cases.items():
        got = _judge(HB, **{key: edit})
        line = int(key[1:])
        want = "unreadable" if line == 145 else "fail"
        assert got[line].status == want, (key, got[line].status, got[line].why)


def test_hanbingtao_weight_on_the_wrong_side_never_passes():
    got = _judge(HB, l124=(r"\delta_{o,t}^T W_{oh}", r"W_{oh}\delta_{o,t}"))
    assert got[124].status != "pass"


def test_strict_file_keeps_orientation():
    # the same rows with no row-vector under \circ: a column left side against a row right side is not equal
    edits = {f"l{n}": (r"\delta_t^T\circ", r"\delta_t\circ") for n in (128, 129, 130, 131)}
    got = _judge(HB, **edits)
    assert got[123].status != "pass" and got[124].status != "pass"


def test_scutan90_bounds():
    got = _judge(SC)
    assert got[28].status == "pass", got[28].why
    assert got[41].status == "fail" and got[42].status == "fail"


def test_scutan90_bound_mutants():
    got = _judge(SC, l28=(r"\sum_{t=1}^{n}", r"\sum_{t=1}^{n-1}"))
    assert got[28].status != "pass"
    good = r"\prod_{j=k+1}^{t}\mathrm{diag}(\phi'(Ux^{(j)}+Wh^{(j-1)}+b))W"      # phi: the file's activation
    got = _judge(SC, l41=(r"\prod_{j=k+1}^{t}{tanh^{'}}\cdot W_{s}", good))
    assert got[41].status == "pass", got[41].why
    for bad in (good + "^T", good[:-1], r"\prod_{j=k+1}^{t}{tanh^{'}}\cdot W", good.replace("j=k+1", "j=k"),
                good.replace("^{t}", "^{t-1}")):
        got = _judge(SC, l41=(r"\prod_{j=k+1}^{t}{tanh^{'}}\cdot W_{s}", bad))
        assert got[41].status == "fail", (bad, got[41].status, got[41].why)


def test_free_bound_letter_outside_the_table_stays_unread():
    got = _judge(SC, l41=(r"\prod_{j=k+1}^{t}{tanh^{'}}\cdot W_{s}", r"\prod_{j=m+1}^{t}\mathrm{diag}(\phi'(Ux^{(j)}+Wh^{(j-1)}+b))W"))
    assert got[41].status != "pass"
