"""Round 33 notations: the cell stated in a sentence, objects holding a step's values in code, a theme's macros.

* lecture notes state the RNN only in passing ("Taking the RNN's equation $h_t = \\tanh(W_{hh} h_{t-1} + W_{xh}
  x_t)$, ...") and derive its Jacobians in displays: the sentence's equation is the cell;
* a numpy LSTM keeps each step's values on node objects (``state = self.lstm_node_list[i].state``, ``ds = dh *
  state.o + ds_next``, ``self.lstm_node_list[i].param.dwy += ...``);
* a blog writes ``\\pd{a}{b}`` for a partial derivative, a macro of its theme that the file never defines;
* a code comment labels a formula with an arrow (``---> update hidden state``), or writes a comma for a plus inside
  an activation (``tanh(Wgx * x(t), Wgh * h(t - 1) + bg)``: no formula).

Every verdict is worked out by hand; the Jacobians and the LSTM step's gradients are confirmed below by central
finite differences of numpy forward passes written here (independent of symlstm).
"""
import numpy as np

from symlstm.verify import verify_file
from symlstm.verify.text.texfile import _latex_images
from symlstm.verify.text.codefences import (_activation_of_two, _dict_entries, _holder_paths, _loop_steps, _object_calls,
                                            class_methods)
from _timing import within

#: The RNN stated only in a sentence, its one-step Jacobian and their product in displays (after jeronimo's notes).
PREMISE = r"""Em uma tarefa many-to-many, $$E = \sum_{t = 1}^{T}E_{t}$$

Tomando como base a equação da RNN $h_{t} = \tanh(W_{hh}h_{t - 1} + W_{xh}x_{t})$, podemos calcular

$$\frac{\partial h_{j}}{\partial h_{j - 1}} = \operatorname{diag}\left( 1 - h_j^{2} \right)W_{hh}$$

e então $$\frac{\partial h_{t}}{\partial h_{k}} = \prod_{j = k + 1}^{t}\frac{\partial h_{j}}{\partial h_{j - 1}}$$

Considere a decomposição SVD $W_{hh} = U\Sigma V^{T}$.
"""
#: The Jacobian transposed (the published slip of jeronimo's notes, line 48).
PREMISE_MUTANT = PREMISE.replace(r"\right)W_{hh}$$", r"\right)W_{hh}^{T}$$")

#: The same cell stated in a display: the sentence only restates it (a claim, judged, never the cell).
RESTATED = r"""$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)$$

Since $h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)$, we have

$$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2) W_{hh}$$
"""

#: A single-layer LSTM after N. Jimenez's (h = s * o), its values kept on node objects.
NODES = '''\
```python
class LSTM_Node:
    def forward_pass(self, x, s_prev, h_prev):
        xc = np.hstack((x, h_prev))
        self.state.g = np.tanh(np.dot(self.param.wg, xc) + self.param.bg)
        self.state.i = sigmoid(np.dot(self.param.wi, xc) + self.param.bi)
        self.state.f = sigmoid(np.dot(self.param.wf, xc) + self.param.bf)
        self.state.o = sigmoid(np.dot(self.param.wo, xc) + self.param.bo)
        self.state.s = self.state.g * self.state.i + s_prev * self.state.f
        self.state.h = self.state.s * self.state.o

    def feed_backward(self, target):
        for i, tt in reversed(list(enumerate(target))):
            state = self.lstm_node_list[i].state
            ds = dh * state.o + ds_next
            dg = state.i * ds
            di = state.g * ds
            df = self.lstm_node_list[i].s_prev * ds
            do = dh * state.s
            dg_input = (1.0 - state.g ** 2) * dg
            di_input = (1.0 - state.i) * state.i * di
            ds_next = state.f * ds
```
'''
#: Two slips: the forget gate's gradient through the cell itself (s, not s_prev), the input gate's sigmoid' on g.
NODES_MUTANT = NODES.replace("df = self.lstm_node_list[i].s_prev * ds", "df = state.s * ds").replace(
    "(1.0 - state.i) * state.i * di", "(1.0 - state.g) * state.g * di")

#: A blog's theme macros: \pd{a}{b} a partial derivative, \pa{...} a bracket (never defined in the file).
THEME = r"""$$h_t = \tanh\pa{W h_{t-1} + U x_t}$$

$$\pd{h_t}{h_{t-1}} = \operatorname{diag}(1 - h_t^2) W$$

$$\pd{h_t}{x_t} = \operatorname{diag}(1 - h_t^2) U^\top$$
"""

#: A header comment whose formulas end in labels after an arrow.
ARROWS = '''\
```python
# Equations:
#   i(t) = sigmoid(Wi * x(t) + Ui * h(t - 1)) ---> input Gate
#   f(t) = sigmoid(Wf * x(t) + Uf * h(t - 1)) ---> forget Gate
#   g(t) = tanh(Wg * x(t) + Ug * h(t - 1))
#   o(t) = sigmoid(Wo * x(t) + Uo * h(t - 1)) ---> output Gate
#   c(t) = f(t) * c(t - 1) + i(t) * g(t)  ---> update Cell State c(t)
#   h(t) = o(t) * tanh(c(t)) ---> update hidden state
```
'''


def _statuses(tmp_path, text, name="note.md"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    out = {}
    for r in verify_file(None, str(p)).results:
        out.setdefault(r.line, []).append(r.status)
    return out


def test_a_cell_stated_in_a_sentence_is_the_cell(tmp_path):
    got = _statuses(tmp_path, PREMISE)
    assert got == {1: ["pass"], 3: ["pass"], 5: ["pass"], 7: ["pass"]}     # (the SVD's W_{hh} = U Sigma V^T: none)
    got = _statuses(tmp_path, PREMISE_MUTANT)
    assert got == {1: ["pass"], 3: ["pass"], 5: ["fail"], 7: ["pass"]}


def test_a_sentence_restating_a_displayed_cell_stays_a_claim(tmp_path):
    assert _statuses(tmp_path, RESTATED) == {1: ["pass"], 3: ["pass"], 5: ["pass"]}
    assert _statuses(tmp_path, RESTATED.replace("Since $h_t = \\tanh(", "Since $h_t = \\sigma(")) == \
        {1: ["pass"], 3: ["fail"], 5: ["pass"]}


def test_the_rnn_jacobian_by_finite_differences():
    rng = np.random.default_rng(3)
    n, m = 4, 3
    W, U, x, h0 = rng.normal(size=(n, n)), rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)

    def step(h):
        return np.tanh(W @ h + U @ x)
    h1 = step(h0)
    eps = 1e-6
    fd = np.stack([(step(h0 + eps * e) - step(h0 - eps * e)) / (2 * eps) for e in np.eye(n)], axis=1)
    assert np.allclose(fd, np.diag(1 - h1 ** 2) @ W, atol=1e-8)
    assert not np.allclose(fd, np.diag(1 - h1 ** 2) @ W.T, atol=1e-2)
    fdx = np.stack([(np.tanh(W @ h0 + U @ (x + eps * e)) - np.tanh(W @ h0 + U @ (x - eps * e))) / (2 * eps)
                    for e in np.eye(m)], axis=1)
    assert np.allclose(fdx, np.diag(1 - h1 ** 2) @ U, atol=1e-8)        # (THEME's U^T: a 3x4 for a 4x3)


def test_values_kept_on_node_objects(tmp_path):
    got = _statuses(tmp_path, NODES)
    assert got == {k: ["pass"] for k in (4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 18, 19, 20, 21, 22)}
    got = _statuses(tmp_path, NODES_MUTANT)
    assert got == {**{k: ["pass"] for k in (4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 19, 20, 22)}, 18: ["fail"], 21: ["fail"]}


def test_how_holder_paths_read():
    lines = ["    def back(self):", "        state = self.nodes[i].state", "        ds = dh * state.o + ds_next",
             "        dw = np.outer(self.nodes[i].param.dwy, x)", "        y = state.copy()",
             "        hT = self.nodes[t].T", "    def other(self):", "        ds = state.o"]
    got = _holder_paths(lines)
    assert got[1] == "" and got[2] == "        ds = dh * self.state.o + ds_next"
    assert got[3] == "        dw = np.outer(self.param.dwy, x)"
    assert got[4] == "        y = state.copy()" and got[5] == "        hT = self.nodes[t].T"     # a method; a transpose
    assert got[7] == "        ds = state.o"           # (another function: the alias is not made there)


def test_the_lstm_steps_gradients_by_finite_differences():
    rng = np.random.default_rng(5)
    n, d = 3, 2
    W = {k: rng.normal(size=(n, n + d)) for k in "gifo"}
    b = {k: rng.normal(size=n) for k in "gifo"}
    x, h_prev, s_prev, dh, ds_next = (rng.normal(size=d), rng.normal(size=n), rng.normal(size=n),
                                      rng.normal(size=n), rng.normal(size=n))

    def sig(v):
        return 1 / (1 + np.exp(-v))

    def loss(pre):          # the step's loss as a function of the gates' pre-activations
        g, i, f, o = np.tanh(pre["g"]), sig(pre["i"]), sig(pre["f"]), sig(pre["o"])
        s = g * i + s_prev * f
        return dh @ (s * o) + ds_next @ s
    xc = np.concatenate([x, h_prev])
    pre = {k: W[k] @ xc + b[k] for k in "gifo"}
    g, i, f, o = np.tanh(pre["g"]), sig(pre["i"]), sig(pre["f"]), sig(pre["o"])
    s = g * i + s_prev * f
    ds = dh * o + ds_next
    got = {"g": (1 - g ** 2) * (i * ds), "i": (1 - i) * i * (g * ds)}
    eps = 1e-6
    for k in "gi":
        fd = np.array([(loss({**pre, k: pre[k] + eps * e}) - loss({**pre, k: pre[k] - eps * e})) / (2 * eps)
                       for e in np.eye(n)])
        assert np.allclose(fd, got[k], atol=1e-8)
    fdf = np.array([(loss({**pre, "f": pre["f"] + eps * e}) - loss({**pre, "f": pre["f"] - eps * e})) / (2 * eps)
                    for e in np.eye(n)])
    assert np.allclose(fdf, (1 - f) * f * (s_prev * ds), atol=1e-8)
    assert not np.allclose(fdf, (1 - f) * f * (s * ds), atol=1e-3)       # the mutant's df = s * ds
    wrong_i = (1 - g) * g * (g * ds)
    assert not np.allclose(got["i"], wrong_i, atol=1e-3)


def test_a_themes_derivative_macros(tmp_path):
    assert _statuses(tmp_path, THEME) == {1: ["pass"], 3: ["pass"], 5: ["fail"]}
    own = "$$\\newcommand{\\pd}[2]{\\frac{\\partial #2}{\\partial #1}}$$\n" + THEME.replace(
        "\\pd{h_t}{h_{t-1}}", "\\pd{h_{t-1}}{h_t}")      # the file's own \pd (arguments swapped) wins
    assert _statuses(tmp_path, own)[4] == ["pass"]


def test_comment_labels_after_an_arrow_and_two_argument_activations(tmp_path):
    got = _statuses(tmp_path, ARROWS)
    assert got == {k: ["pass"] for k in range(3, 9)}
    assert _activation_of_two("  g(t) = tanh(Wgx * x(t), Wgh * h(t - 1) + bg)")
    assert not _activation_of_two("  g = tanh(W @ np.concatenate([h, x]) + b)")
    assert not _activation_of_two("  f_t = \\sigma(W_f [h_{t-1}, x_t] + b_f)")


#: An RNN whose output layer the rows never state: its weights' gradients name a layer the derivation leaves out.
HEADLESS = r"""$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$$

$$\frac{\partial L}{\partial W_{hy}} = \sum_t (\hat y_t - y_t) h_t^\top$$

$$\frac{\partial L}{\partial b_y} = \sum_t (\hat y_t - y_t)$$

$$\frac{\partial L}{\partial W_{xh}} = \sum_t \left(\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)\right) x_t^\top$$

$$\frac{\partial L}{\partial W_{fh}} = \sum_t \left(\frac{\partial L}{\partial h_t} \odot (1 - h_t^2)\right) h_{t-1}^\top$$
"""


def test_an_output_layer_the_rows_never_state_is_not_a_crossed_label(tmp_path):
    got = _statuses(tmp_path, HEADLESS)
    assert got[3] == ["unreadable"] and got[5] == ["unreadable"]       # W_{hy}, b_y: y names nothing here
    assert got[7] == ["pass"]
    assert got[9] == ["fail"]          # W_{fh}: f is no letter of an output layer; a crossed label (W_{hh} meant)


#: An RNN step built from operation units (after pangolulu's rnn-from-scratch): objects of the fence's own classes,
#: whose methods are formulas of their arguments, one of them returning a tuple.
GATES = '''\
```python
mulGate = MultiplyGate()
addGate = AddGate()
activation = Tanh()

class RNNLayer:
    def forward(self, x, prev_s, U, W, V):
        self.mulu = mulGate.forward(U, x)
        self.mulw = mulGate.forward(W, prev_s)
        self.add = addGate.forward(self.mulw, self.mulu)
        self.s = activation.forward(self.add)
        self.mulv = mulGate.forward(V, self.s)

    def backward(self, x, prev_s, U, W, V, diff_s, dmulv):
        dV, dsv = mulGate.backward(V, self.s, dmulv)
        ds = dsv + diff_s
        dadd = activation.backward(self.add, ds)
        dmulw, dmulu = addGate.backward(self.mulw, self.mulu, dadd)
        dW, dprev_s = mulGate.backward(W, prev_s, dmulw)
        dU, dx = mulGate.backward(U, x, dmulu)
```

```python
class MultiplyGate:
    def forward(self, W, x):
        return np.dot(W, x)
    def backward(self, W, x, dz):
        dW = np.asarray(np.dot(np.transpose(np.asmatrix(dz)), np.asmatrix(x)))
        dx = np.dot(np.transpose(W), dz)
        return dW, dx

class AddGate:
    def forward(self, x1, x2):
        return x1 + x2
    def backward(self, x1, x2, dz):
        dx1 = dz * np.ones_like(x1)
        dx2 = dz * np.ones_like(x2)
        return dx1, dx2

class Tanh:
    def forward(self, x):
        return np.tanh(x)
    def backward(self, x, top_diff):
        output = self.forward(x)
        return (1.0 - np.square(output)) * top_diff
```
'''
#: tanh' without its square (line 17).
GATES_MUTANT = GATES.replace("(1.0 - np.square(output))", "(1.0 - output)")


def test_objects_of_the_fences_own_classes(tmp_path):
    got = _statuses(tmp_path, GATES)
    # (line 15's dsv, the part of ds through the output, names no quantity; line 16 reads it: neither is read; line
    # 42, Tanh.forward, is an activation helper judged by its name)
    # (since round 81 the gate classes are judged against their own forward too, opclasses.py: MultiplyGate's
    # dW = dz x^T (28) and dx = W^T dz (29), AddGate's dx1 = dx2 = dz (36, 37), Tanh's (1 - y^2) top_diff (45),
    # and their forwards' definitions (26, 34, 42, and 44, the forward's value at the same argument): all right)
    assert got == {8: ["pass"], 9: ["pass"], 10: ["pass"], 11: ["pass"], 12: ["pass"], 15: ["pass"],
                   16: ["unreadable"], 17: ["pass"], 18: ["pass", "pass"], 19: ["pass", "pass"], 20: ["pass", "pass"],
                   26: ["pass"], 28: ["pass"], 29: ["pass"], 34: ["pass"], 36: ["pass"], 37: ["pass"],
                   42: ["pass"], 44: ["pass"], 45: ["pass"]}     # (16: reported unreadable since round 60)
    got = _statuses(tmp_path, GATES_MUTANT)       # (the rows after it are judged locally: dmulw = dadd holds)
    # the slip fails where the layer inlines it (17) and in the Tanh class itself (45)
    assert got == {**{k: v for k, v in _statuses(tmp_path, GATES).items() if k not in (17, 45)},
                   17: ["fail"], 45: ["fail"]}


def test_how_class_methods_are_read():
    methods = class_methods([GATES.split("```python\n")[2].split("```")[0]])
    assert methods["MultiplyGate"]["forward"] == (["W", "x"], ["np.dot(W, x)"])
    assert methods["Tanh"]["backward"][1] == ["(1.0 - np.square(((np.tanh(x))))) * top_diff"]
    line = "        dW, dprev_s = mulGate.backward(W, prev_s, dmulw)"
    got = _object_calls(["mulGate = MultiplyGate()", line], methods)
    assert got[0] == "" and got[1] == ("        dW = np.asarray(np.dot(np.transpose(np.asmatrix(dmulw)), "
                                       "np.asmatrix(prev_s))); dprev_s = np.dot(np.transpose(W), dmulw)")
    kept = class_methods(["class Sigmoid:\n    def forward(self, x):\n        self.out = 1 / (1 + np.exp(-x))\n"
                          "        return self.out\n    def backward(self, dout):\n"
                          "        return dout * (1.0 - self.out) * self.out\n"])
    assert kept == {}           # a state kept on the object: read as an activation object (_activation_objects)


def test_the_rnn_steps_gradients_by_finite_differences():
    rng = np.random.default_rng(7)
    n, m, k = 3, 2, 4
    U, W, V = rng.normal(size=(n, m)), rng.normal(size=(n, n)), rng.normal(size=(k, n))
    x, prev_s, dmulv, diff_s = rng.normal(size=m), rng.normal(size=n), rng.normal(size=k), rng.normal(size=n)

    def loss(U, W, V, prev_s):
        s = np.tanh(U @ x + W @ prev_s)
        return dmulv @ (V @ s) + diff_s @ s
    s = np.tanh(U @ x + W @ prev_s)
    ds = V.T @ dmulv + diff_s
    dadd = (1 - s ** 2) * ds
    eps = 1e-6

    def fd(f, a):
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            e = np.zeros_like(a)
            e[idx] = eps
            g[idx] = (f(a + e) - f(a - e)) / (2 * eps)
        return g
    assert np.allclose(fd(lambda a: loss(U, a, V, prev_s), W), np.outer(dadd, prev_s), atol=1e-7)
    assert np.allclose(fd(lambda a: loss(a, W, V, prev_s), U), np.outer(dadd, x), atol=1e-7)
    assert np.allclose(fd(lambda a: loss(U, W, a, prev_s), V), np.outer(dmulv, s), atol=1e-7)
    assert np.allclose(fd(lambda a: loss(U, W, V, a), prev_s), W.T @ dadd, atol=1e-7)
    assert not np.allclose(fd(lambda a: loss(U, a, V, prev_s), W), np.outer((1 - s) * ds, prev_s), atol=1e-3)


from hypothesis import given, settings, strategies as st  # noqa: E402

_TOKENS = st.sampled_from(["self.", "state", "param", "nodes[i].", "g = G()", "g.forward(", "g.backward(", "return ",
                           "def f(self, a, b):", "class G:", "    ", "a", "b", ", ", "(", ")", " = ", "np.dot(", "+",
                           "*", "np.transpose(", "np.asmatrix(", "np.ones_like(", "tanh(", "#", "--->", "\\pd{",
                           "}", "{"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_TOKENS, min_size=1, max_size=25).map("".join), min_size=1, max_size=10))
def test_hostile_code_lines_through_this_rounds_passes(lines):
    # The object methods, holder paths, comment labels and theme macros never raise and never hang on broken text.
    from symlstm.verify.text.codefences import fenced_rows
    from symlstm.verify.text.texfile import read_tex
    body = "\n".join(["class G:", "    def forward(self, a, b):", "        return np.dot(a, b)", "g = G()",
                      "def back(self):"] + ["    " + x for x in lines])

    def read():
        fenced_rows("```python\n" + body + "\n```\n")
        read_tex("$$" + " ".join(lines) + "$$\n")

    seconds, _ = within(1.0, read)
    assert seconds < 1.0


#: A GRU step returning its parameters' gradients in a dict written one entry per line, under the parameters' names.
GRADS_DICT = '''\
```python
def forward(x_t, h_prev):
    r_t = sigmoid(W_r @ x_t + U_r @ h_prev + b_r)
    z_t = sigmoid(W_z @ x_t + U_z @ h_prev + b_z)
    h_tilde = np.tanh(W_n @ x_t + U_n @ (r_t * h_prev) + b_n)
    h_t = (1 - z_t) * h_prev + z_t * h_tilde
    return h_t

def backward(dh_t):
    dz_t = dh_t * (h_tilde - h_prev)
    dh_tilde = dh_t * z_t
    dn_pre = dh_tilde * (1 - h_tilde ** 2)
    dz_pre = dz_t * z_t * (1 - z_t)
    grads = {
        'W_z': np.outer(dz_pre, x_t),
        'U_n': np.outer(dn_pre, r_t * h_prev),
        'b_n': dn_pre
    }
    return grads
```
'''


def test_a_dict_of_gradients_one_entry_per_line(tmp_path):
    got = _statuses(tmp_path, GRADS_DICT)
    assert got == {k: ["pass"] for k in (3, 4, 5, 6, 10, 11, 12, 13, 15, 16, 17)}
    got = _statuses(tmp_path, GRADS_DICT.replace("np.outer(dn_pre, r_t * h_prev)", "np.outer(dn_pre, h_prev)"))
    assert got[16] == ["fail"] and got[15] == ["pass"]       # (U_n acts on r_t * h_prev)
    lines = ["    cache = {", "        'x_t': x_t,", "        'h': h", "    }"]
    assert _dict_entries(lines) == lines            # (a cache of values, not of gradients: left as it is)


def test_the_gru_candidates_weight_gradient_by_finite_differences():
    rng = np.random.default_rng(11)
    n, m = 3, 2
    Wn, Un, Wr, Ur = rng.normal(size=(n, m)), rng.normal(size=(n, n)), rng.normal(size=(n, m)), rng.normal(size=(n, n))
    x, h_prev, dh_t, z = rng.normal(size=m), rng.normal(size=n), rng.normal(size=n), rng.uniform(0.1, 0.9, size=n)
    r = 1 / (1 + np.exp(-(Wr @ x + Ur @ h_prev)))

    def loss(U):
        return dh_t @ ((1 - z) * h_prev + z * np.tanh(Wn @ x + U @ (r * h_prev)))
    h_tilde = np.tanh(Wn @ x + Un @ (r * h_prev))
    dn_pre = dh_t * z * (1 - h_tilde ** 2)
    fd = np.zeros_like(Un)
    for idx in np.ndindex(Un.shape):
        e = np.zeros_like(Un)
        e[idx] = 1e-6
        fd[idx] = (loss(Un + e) - loss(Un - e)) / 2e-6
    assert np.allclose(fd, np.outer(dn_pre, r * h_prev), atol=1e-7)
    assert not np.allclose(fd, np.outer(dn_pre, h_prev), atol=1e-3)


#: A README whose formulas are images of TeXify's kind (codecogs addresses holding the URL-encoded LaTeX), after
#: wanesta's LSTM notes: an RNN step, one inline image in the prose and displays centred in <p> tags.
IMAGES = '''\
The state <img src="https://latex.codecogs.com/gif.latex?h_{t}"/> is computed as

<p align="center"><img src="https://latex.codecogs.com/gif.latex?h_{t}=&#x5C;tanh(W%20h_{t-1}+U%20x_{t})"/></p>

<p align="center"><img src="https://latex.codecogs.com/gif.latex?&#x5C;frac{&#x5C;partial%20h_{t}}{&#x5C;partial%20h_{t-1}}=diag[1-h_{t}^{2}]W"/></p>

![](https://latex.codecogs.com/svg.latex?%5Cfrac%7B%5Cpartial%20h_%7Bt%7D%7D%7B%5Cpartial%20x_%7Bt%7D%7D%3Ddiag%5B1-h_%7Bt%7D%5E%7B2%7D%5DU)
'''


def test_formulas_served_as_images(tmp_path):
    assert _statuses(tmp_path, IMAGES) == {3: ["pass"], 5: ["pass"], 7: ["pass"]}
    assert _statuses(tmp_path, IMAGES.replace("diag[1-h_{t}^{2}]W", "diag[1-h_{t}]W")) == \
        {3: ["pass"], 5: ["fail"], 7: ["pass"]}
    text = _latex_images(IMAGES)
    assert len(text) == len(IMAGES) and "$h_{t}$" in text.splitlines()[0]
    assert text.splitlines()[2].startswith('<p align="center">$$h_{t}=\\tanh(W h_{t-1}+U x_{t})$$')
    assert "$$\\frac{\\partial h_{t}}{\\partial x_{t}}=diag[1-h_{t}^{2}]U$$" in text.splitlines()[6]
    odd = '<img src="https://latex.codecogs.com/gif.latex?a%24b"/>'         # (a dollar inside: left as an image)
    assert _latex_images(odd) == odd


#: An LSTM whose steps are counted by i forward and by t backward, its values kept in dicts named with the step
#: (f_t[i], h_t[t - 1]), its sigmoid a helper with type hints (after gstechgeek's LSTM_from_scratch).
STEP_DICTS = '''\
```python
def sig(inp: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-inp))

def train(inputs, h_prev, c_prev):
    for i in range(len(inputs)):
        h_x = np.concatenate((h_t[i - 1], inputs[i]))
        f_t[i] = sig(Wf @ h_x + bf)
        i_t[i] = sig(Wi @ h_x + bi)
        c_[i] = np.tanh(Wc @ h_x + bc)
        c_t[i] = c_t[i - 1] * f_t[i] + i_t[i] * c_[i]
        o_t[i] = sig(Wo @ h_x + bo)
        h_t[i] = o_t[i] * np.tanh(c_t[i])
        y_t[i] = Wy @ h_t[i] + by
        p_t[i] = softmax(y_t[i])
    for t in reversed(range(len(inputs))):
        h_x = np.concatenate((h_t[t - 1], inputs[t]))
        d_Y = p_t[t] - target[t]
        d_ht = Wy.T @ d_Y
        d_ct = d_ht * o_t[t] * (1 - np.tanh(c_t[t]) ** 2)
        dWo += (d_ht * np.tanh(c_t[t]) * o_t[t] * (1 - o_t[t])) @ h_x.T
        dWi += (d_ct * c_[t] * i_t[t] * (1 - i_t[t])) @ h_x.T
        dWc += (d_ct * i_t[t] * (1 - c_[t] ** 2)) @ h_x.T
```
'''


def test_steps_counted_by_another_letter_and_dicts_named_with_the_step(tmp_path):
    # d_ht and d_ct lack what reaches h_t and c_t from step t+1 (gstechgeek's published omission: no BPTT), so
    # their rows fail (d_ht read as h's gradient at step t, round 36); dWo's, dWi's and dWc's rows hold with d_ht
    # and d_ct read as h's and c's gradients
    got = _statuses(tmp_path, STEP_DICTS)
    assert got == {3: ["pass"], **{k: ["pass"] for k in range(7, 16)}, 17: ["pass"], 18: ["unreadable"],
                   19: ["fail"], 20: ["fail"], 21: ["pass"], 22: ["pass"], 23: ["pass"]}
    got = _statuses(tmp_path, STEP_DICTS.replace("(1 - c_[t] ** 2)", "(1 - c_t[t] ** 2)"))      # gstechgeek's slip
    assert got[23] == ["fail"]
    lines = ["for i in range(len(xs)):", "    h_t[i] = np.tanh(W @ h_t[i - 1] + xs[i])",
             "for j in range(hidden):", "    s += w[j]"]
    assert _loop_steps(lines) == ["for t in range(len(xs)):", "    h[t] = np.tanh(W @ h[t - 1] + xs[t])"] + lines[2:]
