"""Finite-difference check of mypar_tpnn_rnn_regression_bptt.md (numpy only).

The three code fences (rnn.py, activation_functions.py, metrics.py lines 1-44) are exec'd verbatim
as stub modules TPNN_2023.lab2.* / rnn.  An independent forward pass of the author's model
(column vectors; a^t = U x^t + W h^{t-1} + b_h with h^{-1} = 0, h^t = f(a^t), o^t = V h^t + b_o,
out^t = f(o^t); loss L = 1/2 sum_t ||out^t - y^t||^2 as the docstring intends) with injection points
gives central-difference adjoints.  Lines whose inputs come from a wrong upstream line are checked
"locally": the author's learn_step is re-run with the upstream line corrected (a textual patch of
that one line), so that only the line under test can cause a mismatch.
For each annotated line the script prints OK or MISMATCH and compares with expected.json.
"""
import enum
import json
import os
import re
import sys
import types

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'mypar_tpnn_rnn_regression_bptt.md')
NAME = os.path.basename(MD)
text = open(MD).read()
rnn_src, act_src, met_src = re.findall(r"```python\n(.*?)```", text, flags=re.S)

# ---- stub package TPNN_2023.lab2 (Perceptron and tools are not part of the note)
pkg = types.ModuleType('TPNN_2023')
lab2 = types.ModuleType('TPNN_2023.lab2')
perc = types.ModuleType('TPNN_2023.lab2.Perceptron')


class Layer:  # minimal base class
    pass


class ConfigLevel(enum.IntEnum):
    LOW = 0
    MEDIUM = 1
    HIGH = 2


perc.Layer, perc.ConfigLevel = Layer, ConfigLevel
tools = types.ModuleType('TPNN_2023.lab2.tools')
tools.default_init = lambda array_shape: np.zeros(array_shape)
tools.uniform_init = lambda interval, array_shape: np.random.uniform(*interval, size=array_shape)
tools.print_matrix = lambda *a, **k: None
tools.Optimizer = object
act = types.ModuleType('TPNN_2023.lab2.activation_functions')
exec(compile(act_src, NAME + ':activation_functions', 'exec'), act.__dict__)
met = types.ModuleType('TPNN_2023.lab2.metrics')
exec(compile(met_src, NAME + ':metrics', 'exec'), met.__dict__)
for m in (pkg, lab2, perc, tools, act, met):
    sys.modules[m.__name__] = m
pkg.lab2 = lab2
lab2.Perceptron, lab2.tools, lab2.activation_functions, lab2.metrics = perc, tools, act, met


def load_rnn(src):
    mod = types.ModuleType('rnn_under_test')
    exec(compile(src, NAME + ':rnn', 'exec'), mod.__dict__)
    return mod


R = load_rnn(rnn_src)
# correct the h-gradient recursion (line 145 of the note) to test later lines locally
BAD = "np.matmul(np.matmul(self.W.T, diag_der_array[timestamp]),"
assert rnn_src.count(BAD) == 1
R_fixed_h = load_rnn(rnn_src.replace(BAD, "np.matmul(np.matmul(self.W.T, diag_der_array[timestamp + 1]),"))

rng = np.random.default_rng(1)
EPS = 1e-6
results = {}


def close(a, b, tol=1e-6):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = max(1e-8, np.max(np.abs(b)), np.max(np.abs(a)))
    return np.max(np.abs(a - b)) / scale < tol


def record(line, ok):
    results[line] = results.get(line, True) and bool(ok)


def num_grad(f, x):
    g = np.zeros_like(x)
    for i in np.ndindex(*x.shape):
        old = x[i]
        x[i] = old + EPS
        fp = f()
        x[i] = old - EPS
        fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g


T, H, D, O = 5, 4, 3, 2
X = rng.normal(size=(T, D, 1))
Y = rng.normal(scale=0.5, size=(T, O, 1))
P = dict(W=rng.normal(scale=0.5, size=(H, H)), U=rng.normal(scale=0.5, size=(H, D)),
         V=rng.normal(scale=0.5, size=(O, H)), b_h=rng.normal(scale=0.3, size=(H, 1)),
         b_o=rng.normal(scale=0.3, size=(O, 1)))
f, fprime = np.tanh, lambda v: 1 - np.tanh(v) ** 2


def make_layer(mod, Pm=P, out_dim=O):
    layer = mod.RNNlayer(timestamps=T, neuron_count=H, output_vector_shape=(out_dim, 1),
                         activation=act.th, input_vector_shape=(D, 1))
    for k, v in Pm.items():
        setattr(layer, k, v.copy())
    return layer


def forward(Pm=P, Xm=X, pert=None, loss='mse', Ym=Y, Gm=None):
    """Independent forward; pert = (kind, t, idx, eps) on 'a', 'h', 'o', 'out'."""
    def bump(v, kind, t):
        if pert and pert[0] == kind and pert[1] == t:
            v = v.copy()
            v[pert[2]] += pert[3]
        return v
    h = np.zeros((H, 1))
    L = 0.0
    st = []
    for t in range(T):
        a = bump(Pm['U'] @ Xm[t] + Pm['W'] @ h + Pm['b_h'], 'a', t)
        h = bump(f(a), 'h', t)
        o = bump(Pm['V'] @ h + Pm['b_o'], 'o', t)
        out = bump(f(o), 'out', t)
        st.append(dict(a=a, h=h, o=o, out=out))
        if loss == 'mse':
            L += 0.5 * np.sum((out - Ym[t]) ** 2)
        elif loss == 'mae':
            L += np.sum(np.abs(out - Ym[t]))
        elif loss == 'lin':
            L += np.sum(Gm[t] * out)
    return L, st


def adj(kind, t, shape, **kw):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        g[i] = (forward(pert=(kind, t, i, EPS), **kw)[0] - forward(pert=(kind, t, i, -EPS), **kw)[0]) / (2 * EPS)
    return g


# ---------------------------------------------------------------- forward lines
layer = make_layer(R)
outs = layer.calc_output(X)
_, st = forward()
record(94, close(layer.h_args[0], P['U'] @ X[0] + P['b_h']))
record(96, close(layer.h_vectors[0], st[0]['h']))
record(97, close(layer.o_vectors[0], st[0]['o']))
record(98, close(layer.output_vectors[0], st[0]['out']))
for line, key, arr in [(104, 'a', layer.h_args), (106, 'h', layer.h_vectors),
                       (107, 'o', layer.o_vectors), (108, 'out', layer.output_vectors)]:
    record(line, all(close(arr[t], st[t][key]) for t in range(1, T)))

# docstring loss, line 8: L = 1/2 sum (y_i - o_i) as written; its gradient w.r.t. the outputs is
# -1/2, which is not the out - y that line 126 uses for the MSE loss
out_flat = layer.output_vectors.copy()
g_doc = num_grad(lambda: 0.5 * np.sum(Y - out_flat), out_flat)
record(8, close(g_doc, out_flat - Y))

# ---------------------------------------------------------------- backward, last layer, MSE
layer.learn_step(Y, True)
ok = {k: True for k in (121, 126, 131, 137, 138, 142, 144)}
for t in range(T):
    ok[121] &= close(np.diag(np.apply_along_axis(func1d=act.get_der(act.th), axis=0,
                     arr=layer.o_vectors[t].reshape(O, ))), np.diag(fprime(st[t]['o']).ravel()))
    ok[126] &= close(layer.output_vectors[t] - Y[t], adj('out', t, (O, 1)))
    ok[131] &= close(layer.o_grad_array[t], adj('o', t, (O, 1)))
for t in range(T):
    dd = np.diag(np.apply_along_axis(func1d=act.get_der(act.th), axis=0, arr=layer.h_args[t]).reshape(H, ))
    # f'(a^t) from central differences of the activation itself
    a_t = st[t]['a'].ravel()
    fd_der = np.array([(np.tanh(a_t[i] + EPS) - np.tanh(a_t[i] - EPS)) / (2 * EPS) for i in range(H)])
    ok[142 if t < T - 1 else 138] &= close(dd, np.diag(fd_der), tol=1e-5)
ok[137] &= close(layer.h_grad_array[T - 1], adj('h', T - 1, (H, 1)))
ok[144] = all(close(layer.h_grad_array[t], adj('h', t, (H, 1))) for t in range(T - 1))
for k, v in ok.items():
    record(k, v)

def fd_param(key):
    Pm = {k: v.copy() for k, v in P.items()}
    return num_grad(lambda: forward(Pm=Pm)[0], Pm[key])


Xc = X.copy()
fd_x = num_grad(lambda: forward(Xm=Xc)[0], Xc)

# lines that do not depend on the h-gradient recursion: original code
record(161, close(layer.b_o_grad, fd_param('b_o')))
print('info: sum_t o_grad[t] (without the second f\'(o) factor) matches FD for b_o:',
      close(sum(layer.o_grad_array[t] for t in range(T)), fd_param('b_o')))
record(158, all(close(np.diag(np.apply_along_axis(func1d=act.get_der(act.th), axis=0,
                arr=layer.o_vectors[t].reshape(O, ))), np.diag(fprime(st[t]['o']).ravel())) for t in range(T)))
record(173, close(layer.V_grad, fd_param('V')))

# lines downstream of line 144: checked with line 144 corrected (local judgement)
lf = make_layer(R_fixed_h)
lf.calc_output(X)
resf = lf.learn_step(Y, True)
print('info: with line 144 corrected, every h-gradient matches FD:',
      all(close(lf.h_grad_array[t], adj('h', t, (H, 1))) for t in range(T)))
record(157, close(lf.b_h_grad, fd_param('b_h')))
record(164, close(lf.W_grad, fd_param('W')))
record(166, close(lf.W_grad, fd_param('W')))
record(168, close(lf.W_grad, fd_param('W')))
record(170, close(lf.U_grad, fd_param('U')))
record(171, close(lf.U_grad, fd_param('U')))
record(174, close(resf, fd_x))
print('info: original code, W/U/b_h/x gradients match FD:',
      [close(layer.W_grad, fd_param('W')), close(layer.U_grad, fd_param('U')),
       close(layer.b_h_grad, fd_param('b_h'))])

# ---------------------------------------------------------------- non-last layer (line 133)
Gm = rng.normal(size=(T, O, 1))
l2 = make_layer(R_fixed_h)
l2.calc_output(X)
l2.learn_step(Gm, False)
record(133, all(close(l2.o_grad_array[t], adj('o', t, (O, 1), loss='lin', Gm=Gm)) for t in range(T)))

# ---------------------------------------------------------------- MAE, scalar output (line 128)
P1 = {k: v.copy() for k, v in P.items()}
P1['V'] = P['V'][:1]
P1['b_o'] = P['b_o'][:1]
Y1 = rng.normal(scale=0.5, size=(T, 1, 1))
l3 = make_layer(R_fixed_h, Pm=P1, out_dim=1)
l3.loss_type = R_fixed_h.LOSS_TYPE.MAE
l3.calc_output(X)
assert np.min(np.abs(l3.output_vectors - Y1)) > 1e-3
l3.learn_step(Y1, True)
ok128 = True
for t in range(T):
    fd_o = np.zeros((1, 1))
    for i in np.ndindex(1, 1):
        fd_o[i] = (forward(Pm=P1, pert=('o', t, i, EPS), loss='mae', Ym=Y1)[0]
                   - forward(Pm=P1, pert=('o', t, i, -EPS), loss='mae', Ym=Y1)[0]) / (2 * EPS)
    ok128 &= close(l3.o_grad_array[t], fd_o)
record(128, ok128)

# ---------------------------------------------------------------- activation_functions
v = np.array([1.3, -0.7, 0.4, -2.1])
record(419, close(act.ReLU(np.abs(v)), np.abs(v)))
record(421, close(act.ReLU(-np.abs(v)), 0 * v))
record(427, close(act.ident(v), v))
vneg = np.array([-36.0, -40.0])
record(435, np.max(np.abs(act.sigmoid(vneg) - 1 / (1 + np.exp(-vneg)))) < 1e-14)
record(437, close(act.sigmoid(v), 1 / (1 + np.exp(-v))))
record(443, close(act.th(v), np.tanh(v)))
record(452, close(act.ELU(np.abs(v)), np.abs(v)))
record(454, close(act.ELU(-np.abs(v)), np.exp(-np.abs(v)) - 1))


def elementwise_fd(fun, x):
    x = x.astype(float).copy()
    return np.array([(fun(x + EPS * e)[i] - fun(x - EPS * e)[i]) / (2 * EPS)
                     for i, e in enumerate(np.eye(len(x)))])


record(461, close(act.ident_der(v), elementwise_fd(act.ident, v), tol=1e-5))
record(465, close(act.sigmoid(v), 1 / (1 + np.exp(-v))))
record(467, close(act.sigmoid_der(v), elementwise_fd(act.sigmoid, v), tol=1e-5))
record(471, close(act.th_der(v), elementwise_fd(act.th, v), tol=1e-5))
record(480, close(act.ELU_der(np.abs(v)), elementwise_fd(act.ELU, np.abs(v)), tol=1e-5))
record(482, close(act.ELU_der(-np.abs(v)), elementwise_fd(act.ELU, -np.abs(v)), tol=1e-5))
record(492, close(act.ReLU_der(np.abs(v)), elementwise_fd(act.ReLU, np.abs(v)), tol=1e-5))
record(494, close(act.ReLU_der(-np.abs(v)), elementwise_fd(act.ReLU, -np.abs(v)), tol=1e-5))

# ---------------------------------------------------------------- metrics
p = np.array([0.2, 0.5, 0.3])
yy = np.array([0.0, 1.0, 0.0])
record(523, close(met.log_loss(p, yy), -np.sum(yy * np.log(p))))
pr, ds = rng.normal(size=(T, 2, 1)), rng.normal(size=(T, 2, 1))
record(531, close(met.mse(pr, ds), np.sum((pr - ds) ** 2) / T))
record(539, close(met.mae(pr, ds), np.sum(np.abs(pr - ds)) / T))
# set_ones / get_mae_gradient: sign of (pred - dst) for every output component
try:
    g2 = met.get_mae_gradient(np.array([[0.5], [-0.2]]), np.array([[0.1], [0.3]]))
    ok543 = close(g2, np.array([[1], [-1]]))
except IndexError:
    ok543 = False
record(543, ok543)
record(547, close(met.set_ones(np.array([True])), [1]))
record(549, close(met.set_ones(np.array([False])), [-1]))
pa, da = np.array([[0.7]]), np.array([[0.2]])
record(558, bool((pa > da)[0, 0]))
okg = close(met.get_mae_gradient(pa, da), np.sign(pa - da)) and \
    close(met.get_mae_gradient(da, pa), np.sign(da - pa))
record(560, okg)

# ---------------------------------------------------------------- report
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
agree = True
for line in sorted(set(results) | {int(k) for k in exp}):
    got = results.get(line)
    want = exp.get(str(line), {}).get('expected')
    status = 'NOT CHECKED' if got is None else ('OK' if got else 'MISMATCH')
    consistent = (want == 'pass' and got is True) or (want == 'fail' and got is False)
    agree &= consistent
    print(f"line {line}: {status}  (expected {want}) {'agrees' if consistent else 'DISAGREES'}")
print('ALL VERDICTS AGREE' if agree else 'SOME VERDICTS DISAGREE')
sys.exit(0 if agree else 1)
