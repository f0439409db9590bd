r"""A notebook that states a bias-free LSTM in a markdown cell and then the code's cell with biases, some of whose
statements are left blank (f =, i =, o =): the code block starts a new cell (a restatement that reads a new
parameter, b_g, is another cell), and the rows of that cell are not judged against a guessed cell: the gate o,
computed only by the markdown cell, would be read as a given input, so its backward rows are unreadable,
never failed (nor passed)."""
from symlstm.verify.judging.judge import verify_derivation

MD = r"""$i = \sigma ( W^i [h_{t-1}, x_t])$
$f = \sigma ( W^f [h_{t-1},x_t])$
$o = \sigma ( W^o [h_{t-1},x_t])$
$g = \mathrm{tanh}( W^g [h_{t-1}, x_t])$
$c_t = c_{t-1} \circ f + g \circ i$
$h_t = \mathrm{tanh}(c_t) \circ o$
"""

PART = MD + r"""$$ z = [h\_prev; x] $$
$$ g = tanh(W\_g z + b\_g) $$
$$ h\_prev = o \odot tanh(C\_prev) $$
$$ v = W\_v h\_prev + b\_v $$
$$ output = softmax(v) $$
$$ C\_prev = C_{t-1} $$
$$ dv = output - y $$
$$ dh = W\_v^T dv $$
$$ do = dh \odot tanh(C\_prev) $$
$$ W\_o\_d \mathrel{+}= do \, z^T $$
"""

FULL = MD + r"""$$ z_t = [h_{t-1}; x_t] $$
$$ f_t = \sigma(W_f z_t + b_f) $$
$$ i_t = \sigma(W_i z_t + b_i) $$
$$ g_t = \tanh(W_g z_t + b_g) $$
$$ o_t = \sigma(W_o z_t + b_o) $$
$$ c_t = f_t \odot c_{t-1} + i_t \odot g_t $$
$$ h_t = o_t \odot \tanh(c_t) $$
$$ \frac{\partial L}{\partial g_t} = \frac{\partial L}{\partial c_t} \odot i_t $$
$$ \frac{\partial L}{\partial b_g} = \sum_t \frac{\partial L}{\partial c_t} \odot i_t \odot (1 - g_t^2) $$
"""


def _results(text):
    return {r.line: r for r in verify_derivation(text).results}


def test_code_block_with_a_bias_starts_a_new_cell():
    res = _results(PART)
    # the markdown rows and the code's forward rows all define their cell: b_g is the code cell's parameter
    assert {k: res[k].status for k in range(1, 12)} == {k: "pass" for k in range(1, 12)}


def test_rows_of_a_cell_that_leaves_gates_to_the_earlier_cell_are_unreadable():
    res = _results(PART)
    for k in range(13, 17):
        assert res[k].status == "unreadable", (k, res[k].why)
        assert "computed by the cell stated before (line 3)" in res[k].why


def test_mutated_rows_of_that_cell_never_fail_nor_pass():
    for a, b in [(r"do = dh \odot tanh(C\_prev)", r"do = dh \odot C\_prev"),
                 (r"dh = W\_v^T dv", r"dh = W\_v dv"),
                 (r"W\_o\_d \mathrel{+}= do \, z^T", r"W\_o\_d \mathrel{+}= dh \, z^T")]:
        text = PART.replace(a, b)
        assert text != PART
        res = _results(text)
        assert {res[k].status for k in range(13, 17)} == {"unreadable"}


def test_a_complete_restated_cell_with_biases_is_judged():
    res = _results(FULL)
    assert {k: r.status for k, r in res.items()} == {k: "pass" for k in range(1, 16)}


def test_a_complete_restated_cell_catches_errors():
    res = _results(FULL.replace(r"\frac{\partial L}{\partial c_t} \odot i_t $$", r"\frac{\partial L}{\partial c_t} \odot g_t $$"))
    assert res[14].status == "fail"
    assert all(res[k].status == "pass" for k in range(1, 14))
    res = _results(FULL.replace(r"(1 - g_t^2)", r"(1 - g_t)"))
    assert res[15].status == "fail"


def test_notebook_source_has_no_false_fail():
    import pathlib
    import sys
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    from test_corpus import score
    s = score("nicklashansen_lstm_from_scratch")
    for e, r in s["rows"]:
        if e["expected"] == "pass" and r is not None:
            assert r.status != "fail", (e["line"], r.why)
    bad = {e["line"] for e, r in s["rows"] if r is not None and r.status == "pass" and e["expected"] == "fail"}
    assert bad <= {58}        # loss += -mean(...): the known wrong pass (test_corpus KNOWN_WRONG_PASSES)
