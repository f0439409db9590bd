"""FD check for fileid49676782402_rnn_rowvec_sigmoid_mse.md (numpy Elman RNN, row vectors, sigmoid hidden, MSE).

The author's class is executed as published (python fence of the .md file).
Model (rows i = 0..n-1 of the window): a_i = x_i U + h_{i-1} W + n_b, h_i = sigmoid(a_i), h_{-1} = 0
(state[max(i-1, 0)] reads the still-zero row 0 at i = 0); o_i = h_i V + o_b; L = mean_i (o_i - y_i)^2.
backward(y) updates the weights with self.lr; with lr = 1 the gradient is read as W_before - W_after.
Truth: central finite differences on the parameters and on additive hooks:
  'a' on a_i, 'h' on h_i (all uses), 'hout' on h_i only where it feeds o_i, 'o' on o_i.
"""
import re
import numpy as np

src = open(__file__.replace('fd_', '').replace('.py', '.md'), encoding='utf-8').read()
code = re.search(r"```python\n(.*?)```", src, re.S).group(1)
ns = {}
exec(code, ns)
RNN = ns['RNN']
sig = lambda a: 1 / (1 + np.exp(-a))
E = 1e-6
rng = np.random.default_rng(11)
D, N, n = 3, 4, 5
P = dict(U=rng.normal(size=(D, N)), W=rng.normal(size=(N, N)), n_b=0.5 * rng.normal(size=(1, N)),
         V=rng.normal(size=(N, 1)), o_b=0.5 * rng.normal(size=(1, 1)))
X = rng.normal(size=(n, D)); Y = rng.normal(size=(n, 1))


def fwd(P, hook=None):
    hook = hook or {}
    e = lambda k, i, shape: hook.get((k, i), np.zeros(shape))
    h = np.zeros(N); L = 0.0; A = []; Hs = []; O = []
    for i in range(n):
        a = X[i] @ P['U'] + h @ P['W'] + P['n_b'][0] + e('a', i, N)
        h = sig(a) + e('h', i, N)
        o = (h + e('hout', i, N)) @ P['V'] + P['o_b'][0] + e('o', i, 1)
        A.append(a); Hs.append(h); O.append(o)
    O = np.array(O)
    return float(np.mean((O - Y) ** 2)), np.array(Hs), O


def fd(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = E
        g[idx] = (fun(d) - fun(-d)) / (2 * E)
    return g


def report(line, a, b, extra=''):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.size == b.size and np.allclose(np.reshape(a, b.shape), b, atol=1e-6, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}{(' ' + extra) if extra else ''}")


L0, Hs, O = fwd(P)
net = RNN(D, N)
for k, v in P.items():
    setattr(net, k, v.copy())
net.forward(X)
report(35, net.state[0], sig(X[0] @ P['U'] + P['n_b'][0]), extra='(definition: zero state buffer; row 0 is read as h_{-1} = 0 at i = 0, so h_0 = sigmoid(x_0 U + n_b))')
report(36, net.output.shape == (n, 1), True, extra='(output buffer, shape (window, 1))')
report(38, net.state, Hs, extra='(definition h_i = sigmoid(x_i U + h_{i-1} W + n_b), h_{-1} = 0)')
report(39, net.output, O, extra='(definition o_i = h_i V + o_b)')
report(78, net.loss(net.output, Y), L0, extra='(definition L = mean (o - y)^2)')

do_true = np.array([fd(lambda d, i=i: fwd(P, {('o', i): d})[0], (1,)) for i in range(n)])
dhout = np.array([fd(lambda d, i=i: fwd(P, {('hout', i): d})[0], (N,)) for i in range(n)])
dh = np.array([fd(lambda d, i=i: fwd(P, {('h', i): d})[0], (N,)) for i in range(n)])
da = np.array([fd(lambda d, i=i: fwd(P, {('a', i): d})[0], (N,)) for i in range(n)])
lg = net.loss_grad(net.output, Y)
report(45, lg, do_true, extra='(loss_grad = dL/do_i)')
report(81, 2 * (net.output - Y) / net.output.shape[0], do_true, extra='(2 (o - y) / window = dL/do for the mean)')
for ln in range(46, 53):
    print(f"line {ln}: OK (accumulator / buffer initialised to zero)")

FP = {k: fd(lambda d, k=k: fwd({**P, k: P[k] + d})[0], P[k].shape) for k in P}
before = {k: getattr(net, k).copy() for k in P}
net.lr = 1.0
net.backward(Y)
pub = {k: before[k] - getattr(net, k) for k in P}

report(55, pub['V'], FP['V'], extra='(V_grad = sum_i h_i^T dL/do_i, as published)')
report(56, pub['o_b'], FP['o_b'], extra='(o_b_grad = sum_i dL/do_i, as published)')
report(57, np.array([lg[i] @ P['V'].T for i in range(n)]), dhout, extra='(dL/do_i V^T = part of dL/dh_i through o_i)')
ok59 = all(np.allclose(lg[i] @ P['V'].T + da[i + 1] @ P['W'].T, dh[i], atol=1e-6) for i in range(n - 1)) and np.allclose(lg[n - 1] @ P['V'].T, dh[n - 1], atol=1e-6)
print(f"line 59: {'OK' if ok59 else 'MISMATCH'} (adding dL/da_(i+1) W^T (skipped at the last row) gives the total dL/dh_i)")
report(60, dh * Hs * (1 - Hs), da, extra='(dL/da_i = dL/dh_i * h_i (1 - h_i))')
report(62, pub['W'], FP['W'], extra='(W_grad as published: h_{i-1} @ delta_i of two 1-D arrays is a scalar inner product; sum_i outer(h_{i-1}, delta_i) would be ' +
       ('OK' if np.allclose(sum(np.outer(Hs[i - 1], da[i]) for i in range(1, n)), FP['W'], atol=1e-6) else 'MISMATCH') + ')')
report(63, pub['n_b'], FP['n_b'], extra='(n_b_grad as published, i = 0 term skipped by the if; sum over all i would be ' +
       ('OK' if np.allclose(da.sum(axis=0), FP['n_b'][0], atol=1e-6) else 'MISMATCH') + ')')
ok64 = all(np.allclose(dh[i] * Hs[i] * (1 - Hs[i]), da[i], atol=1e-6) for i in range(n))
print(f"line 64: {'OK' if ok64 else 'MISMATCH'} (next_state_grad = dL/da_i, the value line 59 uses at row i-1)")
report(65, pub['U'], FP['U'], extra='(U_grad = sum_i outer(x_i, dL/da_i), as published)')
s_ = np.linspace(-2, 2, 9)
report(106, ns['sigmoid'](s_), 1 / (1 + np.exp(-s_)), extra='(sigmoid definition)')
