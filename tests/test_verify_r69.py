r"""Round 69: a forward loop that computes the carried state under its step-before name, lists started with the
initial state, and Markdown's indented code blocks.

* hannaofficial's LSTM with Adam (derivations/firstcontact/round68-c) and the DTU notebook it copies compute the
  step's cell and hidden state as ``C_prev = f*C_prev + i*g`` and ``h_prev = o*np.tanh(C_prev)``: below those
  lines ``C_prev`` is C_t, not C_{t-1} (codefences._prev_states). Their lists start with the initial state
  (``h_s.append(h_prev)`` above the loop), so ``h[t]`` in the backward function, which takes the forward's lists
  as ``backward(z, f, i, g, C, o, h, ...)``, is h_{t-1} and C_t is ``C[t+1]`` (codefences.list_caches,
  _list_parameters).
* A README that walks through its numpy code in indented blocks (Nahuel77's Spanish RNN README, round69-a): the
  blocks are read as Python fences (sourcefiles.indented_code).

Every expected verdict is worked out by hand in the comments.
"""
from symlstm.verify.judging.judge import verify_derivation

LSTM = """```python
def forward(inputs, h_prev, C_prev, p):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = p
    z_s, f_s, i_s, g_s = [], [], [], []
    C_s, o_s, h_s, v_s, output_s = [], [], [], [], []
    h_s.append(h_prev)
    C_s.append(C_prev)
    for x in inputs:
        z = np.row_stack((h_prev, x))
        z_s.append(z)
        f = sigmoid(np.dot(W_f, z) + b_f)
        f_s.append(f)
        i = sigmoid(np.dot(W_i, z) + b_i)
        i_s.append(i)
        g = np.tanh(np.dot(W_g, z) + b_g)
        g_s.append(g)
        C_prev = f*C_prev + i*g
        C_s.append(C_prev)
        o = sigmoid(np.dot(W_o, z) + b_o)
        o_s.append(o)
        h_prev = o*np.tanh(C_prev)
        h_s.append(h_prev)
        v = np.dot(W_v, h_prev) + b_v
        v_s.append(v)
        output = softmax(v)
        output_s.append(output)
    return z_s, f_s, i_s, g_s, C_s, o_s, h_s, v_s, output_s


def backward(z, f, i, g, C, o, h, v, outputs, targets, p):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = p
    W_v_d = np.zeros_like(W_v)
    W_f_d = np.zeros_like(W_f)
    dh_next = np.zeros_like(h[0])
    dC_next = np.zeros_like(C[0])
    loss = 0
    for t in reversed(range(len(outputs))):
        loss += -np.sum(np.log(outputs[t]) * targets[t])
        C_prev = C[t]
        dv = np.copy(outputs[t])
        dv[np.argmax(targets[t])] -= 1
        W_v_d += np.dot(dv, h[t+1].T)
        dh = np.dot(W_v.T, dv) + dh_next
        do = dh * np.tanh(C[t+1]) * o[t] * (1 - o[t])
        dC = dC_next + dh * o[t] * (1 - np.tanh(C[t+1])**2)
        dg = dC * i[t] * (1 - g[t]**2)
        di = dC * g[t] * i[t] * (1 - i[t])
        df = dC * C_prev * f[t] * (1 - f[t])
        W_f_d += np.dot(df, z[t].T)
        dz = np.dot(W_f.T, df) + np.dot(W_i.T, di) + np.dot(W_g.T, dg) + np.dot(W_o.T, do)
        dh_prev = dz[:hidden_size, :]
        dC_prev = f[t] * dC
        dh_next = dh_prev
        dC_next = dC_prev
    return loss, W_v_d, W_f_d
```
"""

#: The published indices (hanna's): C[t-1] for the previous cell, h[t] and C[t] for this step's.
PUBLISHED = LSTM.replace("C_prev = C[t]\n", "C_prev = C[t-1]\n").replace("h[t+1].T", "h[t].T") \
    .replace("np.tanh(C[t+1])", "np.tanh(C[t])")


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def test_the_carried_state_under_its_step_before_name_and_lists_started_with_it_read_right():
    got = _verdicts(LSTM)
    # (line numbers: the fence opens on line 1)
    # 9-25: the forward rows (z = [h_{t-1}; x_t], the gates, C_t = f C_{t-1} + i g, h_t = o tanh(C_t), v, softmax)
    # 42 dW_v += dv h[t+1]^T: h_t is h[t+1] (h_s starts with h_0): step t's part of dW_v, pass
    # 43 dh = W_v^T dv + dh_next: dL/dh_t, dh_next carried from step t+1 (lines 53-54), pass
    # 44 do = dh tanh(C[t+1]) o (1 - o): C_t is C[t+1]; o's pre-activation gradient, pass
    # 45 dC = dC_next + dh o (1 - tanh^2(C_t)): dL/dC_t, pass
    # 46-48 dg, di, df: the pre-activation gradients (C_prev = C[t] is C_{t-1}, line 39), pass
    # 49 dW_f += df z_t^T, 50 dz = sum of W^T (pre-activation gradients), pass
    # 51 dh_prev = dz[:H]: what step t sends back to h_{t-1}; 52 dC_prev = f_t dC_t: to C_{t-1}, pass
    for line in (9, 11, 13, 15, 17, 19, 21, 23, 25, *range(42, 53)):
        assert got[line][0] == "pass", (line, got[line])
    # 39 C_prev = C[t]: a fetch of C_{t-1} into the name that says so: no formula
    assert 39 not in got, got.get(39)
    assert not [line for line, v in got.items() if v[0] != "pass"], got


def test_the_published_indices_fail_where_they_read_the_step_before():
    got = _verdicts(PUBLISHED)
    # 39 C_prev = C[t-1]: C[t-1] is C_{t-2} (C[0] is the initial state): fail
    # 42 dW_v += dv h[t]^T: h[t] is h_{t-1}, the output reads h_t: fail
    # 44 do = dh tanh(C[t]) o (1 - o): tanh(C_{t-1}) for tanh(C_t): fail
    # 45 dC = dC_next + dh o (1 - tanh^2(C[t])): tanh'(C_{t-1}) for tanh'(C_t): fail
    for line in (39, 42, 44, 45):
        assert got[line][0] == "fail", (line, got[line])
    # the rows that read no list at a wrong step still hold (43, 46-52); the forward rows too
    for line in (9, 11, 13, 15, 17, 19, 21, 23, 25, 43, 46, 47, 48, 49, 50, 51, 52):
        assert got[line][0] == "pass", (line, got[line])


README = """## Forward

We keep the states in dictionaries, the start at index -1.

    xs, hs, ys, ps = {}, {}, {}, {}
    hs[-1] = np.copy(h_prev)
    loss = 0
    for t in range(len(inputs)):
        xs[t] = np.zeros((vocab_size, 1))
        xs[t][inputs[t]] = 1
        hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)
        ys[t] = np.dot(Why, hs[t]) + by
        ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
        loss += -np.log(ps[t][targets[t], 0])

## Backward

    for t in reversed(range(len(inputs))):
        dy = np.copy(ps[t])
        dy[targets[t]] -= 1

The output weights:

    dWhy += np.dot(dy, hs[t].T)
    dby += dy

The hidden state's gradient, through tanh:

    dh = np.dot(Why.T, dy) + dh_next
    dh_raw = (1 - hs[t] ** 2) * dh
    dbh += dh_raw
    dWxh += np.dot(dh_raw, xs[t].T)
    dWhh += np.dot(dh_raw, hs[t].T)
    dh_next = np.dot(Whh.T, dh_raw)
"""


def test_indented_code_blocks_of_a_readme_are_read_as_python():
    got = _verdicts(README)
    # 11-14: h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), y_t = Why h_t + by, p_t = softmax(y_t), the loss: pass
    # 19-20 dy = p_t - onehot(target): dL/dy_t; 24-25 dWhy += dy h_t^T, dby += dy: pass
    # 29 dh = Why^T dy + dh_next; 30 dh_raw = (1 - h_t^2) dh; 31-32 dbh, dWxh: pass
    # 33 dWhh += dh_raw hs[t]^T: the recurrent weight multiplies h_{t-1}, so hs[t-1] is right: fail
    # 34 dh_next = Whh^T dh_raw: what reaches h_{t-1} through step t, pass
    for line in (11, 12, 13, 14, 19, 20, 24, 25, 29, 30, 31, 32, 34):
        assert got[line][0] == "pass", (line, got[line])
    assert got[33][0] == "fail", got[33]


def test_indented_text_that_is_no_python_stays_prose():
    from symlstm.verify.text.sourcefiles import indented_code
    text = ("Steps:\n\n- first\n\n    x = 1 continues the item\n\nThe math:\n\n    $h_t = W h_{t-1}$\n\n"
            "A table of numbers:\n\n    0.62 0.23 -0.95\n\nCode:\n\n    dh = W.T @ dy\n\nend")
    out = indented_code(text)
    assert out.split("\n") == text.replace("\n\n    dh = W.T @ dy\n\n", "\n```python\ndh = W.T @ dy\n```\n") \
        .split("\n")
    assert out.count("\n") == text.count("\n")          # every line keeps its number


def test_a_quotient_in_an_identity_is_a_quotient():
    # leovan.me's RNN post: sigma(x) = 1 / (1 + e^{-x}) = (tanh(x/2) + 1) / 2, true (tanh(x/2) = (e^x - 1)/(e^x + 1),
    # so (tanh(x/2) + 1)/2 = e^x / (e^x + 1)); the identity reader multiplied by a number it should divide by
    rows = {r"\sigma \left(x\right) = \dfrac{1}{1 + e^{-x}} = \dfrac{\tanh \left(x / 2\right) + 1}{2}": "pass",
            r"a/2 = 0.5 a": "pass",
            r"x/2 = 2x": "fail",            # x/2 - 2x = -1.5 x
            r"x/y = x \cdot y": "fail"}     # at y = 2: x/2 against 2x
    for row, verdict in rows.items():
        got = _verdicts(f"$$\n{row}\n$$\n")
        assert got[2][0] == verdict, (row, got)


# ------------------------------------------------------------------ stores at a step in one statement
#: Nahuel77's numpy GRU (round69-a): ``zs[t], rs[t], hs[t] = z, r, h`` keeps the step's values in dicts made by
#: ``xs, hs, ys, zs, rs = {}, {}, {}, {}, {}``; the backward fetches them with ``z = zs[t]; r = rs[t]`` and
#: writes ``dWx = None`` for a gradient it leaves out.
GRU = """```python
def forward(inputs, h_prev):
    xs, hs, ys, zs, rs = {}, {}, {}, {}, {}
    hs[-1] = np.copy(h_prev)
    for t in range(len(inputs)):
        x = np.zeros((vocab_size, 1))
        x[inputs[t]] = 1
        xs[t] = x
        z = sigmoid(np.dot(Wz, x) + np.dot(Uz, hs[t-1]) + bz)
        r = sigmoid(np.dot(Wr, x) + np.dot(Ur, hs[t-1]) + br)
        h_tilde = np.tanh(np.dot(Wh, x) + np.dot(Uh, r * hs[t-1]) + bh)
        h = (1 - z) * hs[t-1] + z * h_tilde
        zs[t], rs[t], hs[t] = z, r, h
        ys[t] = np.dot(Why, h) + by
    return xs, hs, ys, zs, rs

def backward(xs, hs, ys, zs, rs, targets):
    dh_next = np.zeros_like(hs[0])
    for t in reversed(range(len(targets))):
        dy = softmax(ys[t])
        dy[targets[t]] -= 1
        dWhy += np.dot(dy, hs[t].T)
        dh = np.dot(Why.T, dy) + dh_next
        z = zs[t]; r = rs[t]
        h_tilde = np.tanh(np.dot(Wh, xs[t]) + np.dot(Uh, r * hs[t-1]) + bh)
        dh_tilde = dh * z * (1 - h_tilde**2)
        dz = dh * (h_tilde - hs[t-1]) * z * (1 - z)
        dr = np.dot(Uh.T, dh_tilde) * hs[t-1] * r * (1 - r)
        dWx = None  # omitted
        dWz += np.dot(dz, xs[t].T)
        dUz += np.dot(dz, hs[t-1].T)
        dUr += np.dot(dr, hs[t-1].T)
        dh_next = (1 - z) * dh + np.dot(Uz.T, dz) + np.dot(Ur.T, dr) + np.dot(Uh.T, dh_tilde) * r
```
"""


def test_values_stored_at_a_step_in_one_statement_are_the_steps_values():
    got = _verdicts(GRU)
    # 9-12 z, r, h~ and h = (1 - z) h_{t-1} + z h~ with hs[t-1] = h_{t-1}; 14 ys = Why h: pass
    # 22 dWhy += dy h_t^T; 23 dh = Why^T dy + dh_next; 25 h~ recomputed as the forward does: pass
    # 26 dh~ (pre-activation) = dh z (1 - h~^2); 27 dz = dh (h~ - h_{t-1}) z (1 - z); 28 dr = (Uh^T dh~) h_{t-1}
    #    r (1 - r) (reset applied before Uh); 30-32 dWz, dUz, dUr: step t's parts; 33 dh_next = what reaches
    #    h_{t-1} through step t: (1 - z) dh + Uz^T dz + Ur^T dr + (Uh^T dh~) r: pass
    for line in (9, 10, 11, 12, 14, 22, 23, 25, 26, 27, 28, 30, 31, 32, 33):
        assert got[line][0] == "pass", (line, got[line])
    # 24 z = zs[t]; r = rs[t]: fetches, no formula; 29 dWx = None: no value, no formula
    assert 24 not in got and 29 not in got, (got.get(24), got.get(29))
    # the reset gate's path dropped from dh_next: Uh^T dh~ without r is wrong
    bad = _verdicts(GRU.replace("np.dot(Uh.T, dh_tilde) * r\n", "np.dot(Uh.T, dh_tilde)\n"))
    assert bad[33][0] == "fail", bad[33]


# ------------------------------------------------------------------ index -1 of an array of zeros
#: PyNN's LSTM (round69-d): the forward fills ``self.c[:, t]`` of an array of zeros T steps long and reads
#: ``self.c[:, t-1]``, a zero at t = 0 while the last slot is unfilled; after the loop that slot holds the last
#: step, so the backward's ``self.c[:, t-1]`` at t = 0 is c_{T-1}, not the zero start.
WRAP = """```python
def forward(self, x):
    self.c = np.zeros((self.batch_size, self.sequence_length, self.units))
    for t in range(self.sequence_length):
        self.f[:, t] = sigmoid(np.dot(x[:, t], self.wf.T) + np.dot(self.h[:, t-1], self.uf.T) + self.bf)
        self.c[:, t] = self.f[:, t] * self.c[:, t-1] + self.i[:, t] * self.c_bar[:, t]

def backward(self, dy):
    for t in reversed(range(self.sequence_length)):
        dc = dy[:, t] * self.o[:, t] + dc_next
        df = dc * self.c[:, t-1]
        dc_next = dc * self.f[:, t]
```
"""


def test_an_array_of_zeros_filled_at_t_holds_the_last_step_at_minus_one_after_its_loop():
    from symlstm.verify.judging.wrapindex import wrap_results
    got = {r.line: r.why for r in wrap_results(WRAP)}
    # line 11: df = dc * self.c[:, t-1] in the loop down to t = 0: fail; lines 5, 6 (the forward) are no claims
    assert list(got) == [11] and "index -1" in got[11], got
    # one row more (T + 1): index -1 is never filled and stays the zero start, so t - 1 at t = 0 is right
    longer = WRAP.replace("self.sequence_length, self.units))", "self.sequence_length + 1, self.units))")
    assert wrap_results(longer) == []


def test_a_state_named_with_minus_is_the_step_before():
    # ReNom's GRU: hminus is h at the step before (h = sigmoid(A) * hminus + ...)
    text = """```python
def forward(x, hminus, w_z, u_z, b_z, w_h, u_h, b_h):
    A = dot(x, w_z) + dot(hminus, u_z) + b_z
    C = dot(x, w_h) + dot(hminus, u_h) + b_h
    h = sigmoid(A) * hminus + (1 - sigmoid(A)) * tanh(C)
    return h
```
"""
    got = _verdicts(text)
    # 3-5: the gate, the candidate and the state, row vectors times weights on the right: forward rows, pass
    for line in (3, 4, 5):
        assert got[line][0] == "pass", (line, got[line])



#: rnn_fundamentals_zh (round69-c): "其中 $z_t = W_{hy} h_t + b_y$ 是softmax前的logits" ("where z_t = ... is the logits
#: before the softmax") names the output's pre-activation after the row that uses it.
ZH = r"""**前向传播：**

$$
h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h) \\
\hat{y}_t = \text{softmax}(W_{hy} h_t + b_y)
$$

$$
\mathcal{L}_t = -\sum_{i} y_{t,i} \log(\hat{y}_{t,i})
$$

$$
\frac{\partial \mathcal{L}_t}{\partial z_t} = \hat{y}_t - y_t
$$

其中 $z_t = W_{hy} h_t + b_y$ 是softmax前的logits。

$$
\frac{\partial \mathcal{L}_t}{\partial b_y} = y_t - \hat{y}_t
$$
"""


def test_a_name_the_prose_defines_after_where_in_chinese_is_read():
    got = _verdicts(ZH)
    # 13 dL_t/dz_t = yhat_t - y_t: softmax with cross-entropy, pass (unreadable before: z was not defined)
    assert got[13][0] == "pass", got[13]
    # 19 dL_t/db_y = y_t - yhat_t: the sign is wrong (dL_t/db_y = dL_t/dz_t): fail
    assert got[19][0] == "fail", got[19]


def test_an_elided_formula_in_the_prose_defines_nothing():
    from symlstm.verify.text.texfile import read_tex
    given = read_tex("考虑 $h_t = \\tanh(z_t)$，其中 $z_t = W_{hh} h_{t-1} + \\dots$。\n").given
    assert not [e.text for e in given if "dots" in e.text], given
    given = read_tex(r"where $\Lambda = \operatorname{diag}(\lambda_1, \dots, \lambda_n)$ holds" + "\n").given
    assert [e.text.replace(" ", "") for e in given] == [r"\Lambda=\operatorname{diag}(\lambda_1,\dots,\lambda_n)"]


def test_indented_code_keeps_every_line_and_its_number_on_any_text():
    from hypothesis import given, settings, strategies as st
    from symlstm.verify.text.sourcefiles import indented_code
    pieces = ["", "    x = 1", "    dh = W.T @ dy", "        for t in range(T):", "\t$h$", "```", "$$", "- item",
              "text", "    <b>", "    0.5 0.2"]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=40))
    def check(lines):
        text = "\n".join(lines)
        out = indented_code(text)
        assert out.count("\n") == text.count("\n")
        # the lines it leaves alone are unchanged; the ones it turns into fences were blank
        for a, b in zip(text.split("\n"), out.split("\n")):
            assert a == b or b in ("```python", "```") and not a.strip() or a.lstrip() == b.lstrip()
    check()


# ------------------------------------------------------------------ a helper defined on one line
#: A numpy GRU with a causal TCN (round69-d, "R5"): ``def tanh_f(x): return np.tanh(x)`` on one line is the tanh
#: its forward and backward call; before, the rows calling it were not read.
R5 = r'''```python
def sigmoid(x): return 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))
def tanh_f(x): return np.tanh(x)

class GRU:
        """X: (T, n_features). Returns (output, cache)."""
        T = X.shape[0]
        h = np.zeros(self.hidden)
        outputs = np.zeros(T)
        cache = {"h_prev": [np.zeros(self.hidden)]}
        caches = {"r": [], "z": [], "h_tilde": [], "h": []}
        
        for t in range(T):
            x = X[t]
            r = sigmoid(x @ self.W_r + h @ self.U_r + self.b_r)
            z = sigmoid(x @ self.W_z + h @ self.U_z + self.b_z)
            h_tilde = tanh_f(x @ self.W_h + r * (h @ self.U_h) + self.b_h)
            h_new = z * h + (1 - z) * h_tilde
            out = float((h_new @ self.W_out).flatten()[0] + self.b_out)
            outputs[t] = out
            caches["r"].append(r)
            caches["z"].append(z)
            caches["h_tilde"].append(h_tilde)
            caches["h"].append(h_new)
            h = h_new
        
    def backward(self, dL_dy: np.ndarray, cache: tuple) -> dict:
        """Backprop through time. dL_dy: (T,)"""
        caches, X = cache
        dh_next = np.zeros(H)
        for t in range(T - 1, -1, -1):
            x = X[t]
            h_prev = caches["h"][t-1] if t > 0 else np.zeros(H)
            r = caches["r"][t]
            z = caches["z"][t]
            h_tilde = caches["h_tilde"][t]
            h_new = caches["h"][t]
            
            dy = dL_dy[t]
            dW_out += np.outer(h_new, np.array([dy]))
            db_out += dy
            dh = dy * self.W_out.flatten() + dh_next
            
            dz = dh * (h_tilde - h_prev)
            dh_tilde = dh * (1 - z)
            dr = dh_tilde * (tanh_f(x @ self.W_h + h_prev @ self.U_h + self.b_h) * (1 - tanh_f(x @ self.W_h + r * (h_prev @ self.U_h) + self.b_h)**2))
            
            dz_pre = dz * z * (1 - z)
            dr_pre = dr * r * (1 - r)
            dh_tilde_pre = dh_tilde * (1 - tanh_f(x @ self.W_h + r * (h_prev @ self.U_h) + self.b_h)**2)
            
            dW_out += 0  # already done
            dW_z += np.outer(x, dz_pre)
            dU_z += np.outer(h_prev, dz_pre)
            db_z += dz_pre
            dW_r += np.outer(x, dr_pre)
            dU_r += np.outer(h_prev, dr_pre)
            db_r += dr_pre
            dW_h += np.outer(x, dh_tilde_pre)
            dU_h += np.outer(r * h_prev, dh_tilde_pre)
            db_h += dh_tilde_pre
            
            dh_next = (dz_pre @ self.U_z.T) + (dr_pre @ self.U_r.T) + (dh_tilde_pre * r) @ self.U_h.T
```
'''


def test_a_helper_defined_on_one_line_is_read_as_its_formula():
    got = _verdicts(R5)
    # forward (h_new = z h + (1 - z) h~, the reset applied after U_h): 14-17 r, z, h~, h_new: pass
    for line in (14, 15, 16, 17):
        assert got[line][0] == "pass", (line, got[line])
    # 44 dz = dh (h~ - h_prev): with h = z h_prev + (1 - z) h~, dL/dz = dh (h_prev - h~): a sign slip, fail
    # 46 dr = dh~ tanh(x W_h + h_prev U_h + b_h) (1 - h~^2): the factor is h_prev U_h, not a tanh of it: fail
    # 60 dU_h += outer(r h_prev, dh~_pre): h~ reads r (h_prev U_h), so dU_h = outer(h_prev, r dh~_pre): fail
    # 63 dh_next = U_z dz_pre + U_r dr_pre + U_h (r dh~_pre): the direct path z dh is missing: fail
    for line in (44, 46, 60, 63):
        assert got[line][0] == "fail", (line, got[line])
    # 45 dh~ = dh (1 - z); 48-50 the pre-activation gradients; 53-59, 61 the weights' parts of step t: pass
    for line in (45, 48, 49, 50, 53, 54, 55, 56, 57, 58, 59, 61):
        assert got[line][0] == "pass", (line, got[line])
