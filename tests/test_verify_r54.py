r"""Round 54 notations.

* Code: a name bound to a stack's transpose in a backward pass (``concat = np.concatenate((a_prev, xt),
  axis=0).T`` where the forward pass's ``concat`` is the column) is read under a name of its own from there on,
  so ``np.dot(dft * ft * (1 - ft), concat)`` is the outer product it is.
* Code: a derivative helper with a library's name (``def tanh_derivative(x): return 1 - np.tanh(x) ** 2``) is
  read from its body: called on the activation ``h_t`` it is 1 - tanh(h_t)^2, not 1 - h_t^2.
* Code: a stacking call whose items carry steps (``np.concatenate((enc_ht[t-1], enc_et[t]), axis=0)``) keeps
  each item whole.
* Code: ``dldy_`` (a gradient named by the loss and a name ending in ``_``) is the gradient of ``y_``.
* A decoder restating a GRU with its own weights (``\mathbf{W}^{dec}_u``) and leaving the gates' activations
  (``u_t = \sigma(z_u)``) to the encoder's statement takes those rows over; an embedding ``e_t =
  W_{emb}[word\_idx]`` (from a weight and an input alone) is the restated cell's input, not a name it leaves out.
* Code: ``xi = x[t] @ Wx`` read by the cell's next row is the cell's name, not the loss \xi; ``target[t]`` (only
  read) is not a store named for its step (``ht[t]``), so it keeps its name.
* LaTeX: ``\lbrack``/``\rbrack`` are brackets, ``\cfrac`` a fraction, ``\overset{def} =`` a defining sign, a
  ``\checkmark`` after a row a remark.
* A defining link that names a part of the link before it (``f_t = \sigma(W_f z + b_f) \overset{def} =
  \sigma(y_f)``) defines that name (y_f, which no row defines otherwise); only rows typed with a defining sign.
* A weight written without the label that tells the two cells apart (``W_u`` for ``W^{dec}_u``) is read as the one
  parameter it shortens; where it shortens several, the row is unreadable, never failed on the name.

Expected verdicts were worked out by hand; the notes' own (derivations/firstcontact/round47-a, round54-c) also by
their finite-difference scripts, which do not use symlstm.
"""
from pathlib import Path

from verifycheck import mutant as _mutant, statuses as _statuses

from symlstm.verify import verify_file
from symlstm.verify.text.codefences import fenced_rows
from _timing import within

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
COURSERA_LSTM = ROOT / "round47-a" / "pengzhendong_rnn_lstm_bptt_zh.md"
CODE_RNN = ROOT / "round54-c" / "asishjose_rnn_from_scratch.md"


def test_a_transposed_stack_rebinding_in_a_backward_step():
    got = _statuses(COURSERA_LSTM)
    # concat = np.concatenate((a_prev, xt), axis=0).T, then dW* = np.dot(gate delta, concat): step t's outer products
    for line in (318, 319, 320, 321, 322):
        assert got[line] == ["pass"], line


def test_transposed_stack_mutants_fail(tmp_path):
    # the stack left a column: np.dot(column, column) does not multiply
    got = _statuses(_mutant(tmp_path, COURSERA_LSTM, "concat = np.concatenate((a_prev, xt), axis=0).T",
                            "concat = np.concatenate((a_prev, xt), axis=0)"))
    assert all(got[line] == ["fail"] for line in (319, 320, 321, 322))
    # the stack in the wrong order: the forward's W_f acts on [a_prev; x_t]
    got = _statuses(_mutant(tmp_path, COURSERA_LSTM, "concat = np.concatenate((a_prev, xt), axis=0).T",
                            "concat = np.concatenate((xt, a_prev), axis=0).T"))
    assert "pass" not in got[319]
    # a wrong gate derivative, read against the transposed stack
    got = _statuses(_mutant(tmp_path, COURSERA_LSTM, "dWf = np.dot(dft * ft * (1 - ft), concat)",
                            "dWf = np.dot(dft * (1 - ft), concat)"))
    assert got[319] == ["fail"] and got[320] == ["pass"]


def test_a_derivative_helper_is_read_from_its_body():
    got = _statuses(CODE_RNN)
    # dh_raw = dh * tanh_derivative(self.hs[t]) with tanh_derivative(x) = 1 - tanh(x)^2 at the activation h_t:
    # tanh taken twice (the source's error); the rest of the backward loop holds
    assert got[65] == ["fail"]
    for line in (61, 62, 64, 67, 69, 71):
        assert got[line] == ["pass"], line


def test_a_derivative_helper_taken_at_the_output_passes(tmp_path):
    # the same helper written for the activation (1 - x^2): the author's call is then right
    got = _statuses(_mutant(tmp_path, CODE_RNN, "    return 1 - np.tanh(x) ** 2", "    return 1 - x ** 2"))
    assert got[65] == ["pass"]
    assert "fail" not in {s for v in got.values() for s in v}


def test_stacked_items_with_steps_stay_whole():
    text = ("```python\nfor t in range(T):\n"
            "    z = np.concatenate((enc_h[t-1], enc_x[t]), axis=0)\n"
            "    h = np.tanh(W @ z)\n```\n")
    _, _, _, code = fenced_rows(text)
    row = next(r[2] for r in code if r[2].lstrip().startswith("z"))
    items = row.split(r"\begin{bmatrix}")[1].split(r"\end{bmatrix}")[0].split(r"\\")
    assert len(items) == 2 and "t-1" in items[0] and "," in items[0], row


def test_a_loss_gradient_name_ending_in_an_underscore():
    # dldy_ = y - y_ (y_ the prediction, y the target; no loss stated): the gradient of y_, whose sign is wrong
    # for any squared error; before, dldy_ was a new name and the row held as a definition (a wrong pass)
    got = _statuses(ROOT / "round54-c" / "thsis_rnn_backprop.md")
    assert "pass" not in got.get(70, [])


def test_a_softmax_size_read_from_a_static_value():
    # the forward equations ran into a key without a step (a crash message reached the row)
    res = verify_file(None, str(ROOT / "round24-cb" / "fileid61516179129_ktu_seq2seq_bptt_exam_notes.md"),
                      timeout=10)
    assert not any("too many values to unpack" in (r.why or "") for r in res.results)
    assert any(r.line == 52 and r.status == "pass" for r in res.results)


def test_many_transposed_stacks_are_read_in_bounded_time():
    body = "".join(f"c{k} = np.concatenate((a, b), axis=0).T\n" for k in range(3000))

    def read():
        try:
            fenced_rows("```python\n" + body + "```\n", max_rows=100_000)
        except Exception:
            pass                        # a bound's clean error is an answer too

    seconds, _ = within(5, read)
    assert seconds < 5


SEQ2SEQ = ROOT / "round54-c" / "ahmadraza_seq2seq_gru.md"


def test_a_decoder_restating_the_gru_with_its_gates_left_out():
    res = verify_file(None, str(SEQ2SEQ), timeout=10).results
    got = {}
    for r in res:
        got.setdefault(r.line, []).append(r)
    # the decoder's h_t = (1 - u_t) h~_t + u_t h_{t-1}, its gate gradients, and its weight gradients named without
    # the label dec (W_u for W^{dec}_u): all hold (worked out by hand; fd_ahmadraza_seq2seq_gru.py)
    for line in (46, 188, 190, 193, 198, 203, 207, 212, 217, 218, 221, 222, 227, 230, 233, 255):
        assert [r.status for r in got[line]] == ["pass"], line
    assert "read as W_{udec}" in got[217][0].why


def test_restated_decoder_mutants_fail(tmp_path):
    # the update gate's weight gradient with the reset gate's pre-activation gradient
    old = r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}_u} = \sum_{t=0}^{T-1} \frac{\partial \mathcal{L}}{\partial \mathbf{z}_u}"
    new = r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}_u} = \sum_{t=0}^{T-1} \frac{\partial \mathcal{L}}{\partial \mathbf{z}_r}"
    got = _statuses(_mutant(tmp_path, SEQ2SEQ, old, new))
    assert got[217] == ["fail"] and got[221] == ["pass"]
    # the coefficient of h~_t taken as u_t (the decoder's own row, read with the taken-over activations)
    old = r"$$\frac{\partial \mathcal{L}}{\partial \tilde{\mathbf{h}}_t} = \frac{\partial \mathcal{L}}{\partial \mathbf{h}_t} \odot (1 - \mathbf{u}_t)$$"
    new = r"$$\frac{\partial \mathcal{L}}{\partial \tilde{\mathbf{h}}_t} = \frac{\partial \mathcal{L}}{\partial \mathbf{h}_t} \odot \mathbf{u}_t$$"
    got = _statuses(_mutant(tmp_path, SEQ2SEQ, old, new))
    assert got[198] == ["fail"]


def test_a_weight_shortening_two_parameters_is_unreadable(tmp_path):
    text = (r"$$z_t = W^{enc}_u x_t + W^{dec}_u h_{t-1}$$" "\n"
            r"$$h_t = \tanh(z_t)$$" "\n"
            r"$$L = \sum_t h_t$$" "\n"
            r"$$\frac{\partial L}{\partial W_u} = \sum_t (1 - h_t^2) x_t^T$$" "\n")
    p = tmp_path / "short.md"
    p.write_text(text, encoding="utf-8")
    got = {r.line: r for r in verify_file(None, str(p), timeout=10).results}
    assert got[4].status == "unreadable" and "which one it shortens is not stated" in got[4].why


XI_RNN = """```python
h = np.zeros((1, H))
for t in range(T):
    xi = x[t] @ Wx
    h = np.tanh(xi + h @ Wh + b)
    hs[t] = h
```
"""


def test_a_code_name_xi_is_no_loss(tmp_path):
    p = tmp_path / "xi.md"
    p.write_text(XI_RNN, encoding="utf-8")
    got = _statuses(p)
    # (xi was the loss \xi: the row reading it failed, "a column vector times a matrix on its right")
    assert got[4] == ["pass"] and got[5] == ["pass"]
    # the same cell with another name for xi reads the same
    p.write_text(XI_RNN.replace("xi", "xa"), encoding="utf-8")
    assert _statuses(p) == got


def test_a_read_array_ending_in_t_keeps_its_name():
    from symlstm.verify.text.codefences import step_named_stores
    text = "```python\nfor t in range(T):\n    ht[t] = np.tanh(W @ x[t])\n    dy = y - target[t]\n```\n"
    out = step_named_stores(text)
    assert "h[t] = np.tanh" in out and "target[t]" in out


def test_latex_spellings_of_brackets_fractions_and_signs():
    from symlstm.verify.text.rowparse import parse_row
    assert parse_row(r"a = \lbrack b, c \rbrack") == parse_row(r"a = [b, c]")
    assert parse_row(r"x = \cfrac{a}{b}") == parse_row(r"x = \frac{a}{b}")
    assert parse_row(r"f_t \overset{def} = \sigma(y_f)") == parse_row(r"f_t = \sigma(y_f)")
    assert parse_row(r"a = b \checkmark") == parse_row(r"a = b")


HONGQIN = ROOT / "round16-ua" / "hongqin_lstm_jacobians.md"


def test_a_defining_link_that_names_a_part():
    got = _statuses(HONGQIN)
    # f_t = \sigma(W_f z + b_f) \overset{def} = \sigma(y_f), and the three other gates: the forward rows hold
    for line in (8, 9, 10, 11, 13, 14):
        assert got[line] == ["pass"], line


def test_a_defining_link_that_names_nothing_it_replaces_fails(tmp_path):
    # the naming link with another function: no part is named, y_f is defined nowhere, the row is not passed
    got = _statuses(_mutant(tmp_path, HONGQIN, r"\overset{def} = \sigma(\mathbf{y}_f)",
                            r"\overset{def} = \tanh(\mathbf{y}_f)"))
    assert "pass" not in got[8] and got[9] == ["pass"]
    from symlstm.verify.judging.namedlinks import named_parts
    from symlstm.verify.text.names import Vocab
    from symlstm.verify.text.rowparse import parse_row
    texts = [r"h_t = o_t \odot \tanh(c_t) \overset{def}{=} o \odot \tanh(c)",      # a renaming, not a part named
             r"a_t = W h_{t-1}",
             r"h_t = \tanh(W h_{t-1} + U x_t) \overset{def}{=} \tanh(a_t)",        # a_t is defined by a row
             r"g_t = \tanh(W h_{t-1} + U x_t) = \tanh(z_t)"]                        # no defining sign: as written
    rows = [parse_row(t) for t in texts]
    assert named_parts(rows, texts, Vocab(time_var="t")) == {}
    texts[3] = texts[3].replace("= \\tanh(z_t)", "\\triangleq \\tanh(z_t)")
    rows[3] = parse_row(texts[3])
    assert list(named_parts(rows, texts, Vocab(time_var="t"))) == [3]
