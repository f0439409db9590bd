"""FD check for elizaluna_rnn_lstm_numpy.md (elizaluna007/AI_EC @5a0ef4d, model/神经网络/RNN.py + LSTM.py).

The author's two classes are executed as published (first and second python fences of the .md file).
RNN (column vectors): h_0 = 0, a_t = Wxh x_t + Whh h_{t-1} + bh, h_t = tanh(a_t), t = 1..n; y = Why h_n + by.
  Loss for the check: L = sum(gy * y), so backprop(d_y) gets d_y = gy = dL/dy.
  backprop() does not return gradients: it clips them to [-1, 1] and updates the weights; we call it with
  learn_rate = 1 and small weights (all gradients well inside [-1, 1]) and read the gradient as W_before - W_after.
LSTM (one step, column vectors, batch m columns): z = [h_prev; x], f/i/o = sigmoid(W z + b), c_bar = tanh(Wc z + bc),
  c = f*c_prev + i*c_bar, h = o*tanh(c), y = Wy h + by.
  Loss for the check: L = sum(gy*y) + sum(gh*h) + sum(gc*c); backward gets d_h_next = dL/dh (total, = Wy^T gy + gh)
  and d_c_next = gc (the part of dL/dc that does not pass through h); f, i, c_bar, o passed as the forward's
  post-activation values (the names of forward()).
Truth: central finite differences, through additive hooks for intermediate quantities.
Lines are judged locally (upstream values taken correct); the as-published results are printed too.
"""
import re
import numpy as np

src = open(__file__.replace('fd_', '').replace('.py', '.md'), encoding='utf-8').read()
fences = re.findall(r"```python\n(.*?)```", src, re.S)
ns_rnn, ns_lstm = {}, {}
exec(fences[0], ns_rnn)
exec(fences[1], ns_lstm)
RNN, LSTM = ns_rnn['RNN'], ns_lstm['LSTM']
E = 1e-6
rng = np.random.default_rng(7)
sig = lambda a: 1 / (1 + np.exp(-a))


def report(line, a, b, tol=1e-6, extra=''):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.size == b.size and np.allclose(a.reshape(b.shape), b, atol=tol, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}{(' ' + extra) if extra else ''}")
    return ok


def fd_grad(fun, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = E
        g[idx] = (fun(d) - fun(-d)) / (2 * E)
    return g


# ---------------------------------------------------------------- RNN
D, H, O, n = 2, 3, 2, 4
P = dict(Wxh=0.4 * rng.normal(size=(H, D)), Whh=0.4 * rng.normal(size=(H, H)), Why=0.4 * rng.normal(size=(O, H)),
         bh=0.2 * rng.normal(size=(H, 1)), by=0.2 * rng.normal(size=(O, 1)))
X = [rng.normal(size=(D, 1)) for _ in range(n)]
gy = 0.3 * rng.normal(size=(O, 1))


def rnn_fwd(P, hook=None):
    hook = hook or {}
    h = np.zeros((H, 1)) + hook.get(('h', 0), 0)
    hs = [h]; As = [None]
    for t in range(1, n + 1):
        a = P['Wxh'] @ X[t - 1] + P['Whh'] @ h + P['bh'] + hook.get(('a', t), 0)
        h = np.tanh(a) + hook.get(('h', t), 0)
        hs.append(h); As.append(a)
    y = P['Why'] @ h + P['by']
    return float(np.sum(gy * y)), hs, y


L0, hs, y0 = rnn_fwd(P)
# forward definitions: the author's forward gives the same y and states as the reference model
net = RNN(D, O, H)
for k in ['Wxh', 'Whh', 'Why', 'bh', 'by']:
    setattr(net, k, P[k].copy())
y_a, h_a = net.forward(X)
report(16, net.last_hs[0], np.zeros((H, 1)), extra='(definition h_0 = 0)')
report(22, np.hstack([net.last_hs[t] for t in range(1, n + 1)]), np.hstack(hs[1:]), extra='(definition h_t = tanh(Wxh x + Whh h + bh))')
report(25, y_a, y0, extra='(definition y = Why h_n + by)')

fdP = {k: fd_grad(lambda d, k=k: rnn_fwd({**P, k: P[k] + d})[0], P[k].shape) for k in P}
dh_true = {t: fd_grad(lambda d, t=t: rnn_fwd(P, {('h', t): d})[0], (H, 1)) for t in range(n + 1)}
da_true = {t: fd_grad(lambda d, t=t: rnn_fwd(P, {('a', t): d})[0], (H, 1)) for t in range(1, n + 1)}

# as published: gradients read off the update with learn_rate = 1
before = {k: getattr(net, k).copy() for k in P}
net.backprop(gy.copy(), learn_rate=1.0)
pub = {k: before[k] - getattr(net, k) for k in P}
assert all(np.abs(v).max() < 1 for v in fdP.values()), 'clip would interfere'

report(32, pub['Why'], fdP['Why'], extra='(d_Why = d_y h_n^T)')
report(33, pub['by'], fdP['by'], extra='(d_by = d_y)')
report(35, P['Why'].T @ gy, dh_true[n], extra='(d_h = Why^T d_y = dL/dh_n)')
ok38 = all(np.allclose((1 - hs[t] ** 2) * dh_true[t], da_true[t], atol=1e-7) for t in range(1, n + 1))
print(f"line 38: {'OK' if ok38 else 'MISMATCH'} (temp = (1 - h_t^2) * dL/dh_t equals dL/da_t for every t, given the true dL/dh_t)")
# lines 40-42: overwrite (=) keeps only the last loop iteration (t = 0 -> a_1), even with the true temps
last_b = da_true[1]; last_Whh = da_true[1] @ hs[0].T; last_Wxh = da_true[1] @ X[0].T
report(40, last_b, fdP['bh'], extra='(d_b = temp overwritten each step: only the a_1 term survives; with true temps)')
report(41, last_Whh, fdP['Whh'], extra='(d_Whh = temp h_{t-1}^T overwritten: only the t=1 term)')
report(42, last_Wxh, fdP['Wxh'], extra='(d_Wxh = temp x_t^T overwritten: only the t=1 term)')
print('   as published (also carries line 44):',
      'bh', 'OK' if np.allclose(pub['bh'], fdP['bh'], atol=1e-6) else 'MISMATCH',
      'Whh', 'OK' if np.allclose(pub['Whh'], fdP['Whh'], atol=1e-6) else 'MISMATCH',
      'Wxh', 'OK' if np.allclose(pub['Wxh'], fdP['Wxh'], atol=1e-6) else 'MISMATCH')
print('   with += over t and true temps:',
      'OK' if np.allclose(sum(da_true[t] for t in range(1, n + 1)), fdP['bh'], atol=1e-6) and
      np.allclose(sum(da_true[t] @ hs[t - 1].T for t in range(1, n + 1)), fdP['Whh'], atol=1e-6) and
      np.allclose(sum(da_true[t] @ X[t - 1].T for t in range(1, n + 1)), fdP['Wxh'], atol=1e-6) else 'MISMATCH')
ok44 = all(np.allclose(P['Whh'] @ da_true[t], dh_true[t - 1], atol=1e-7) for t in range(2, n + 1))
ok44T = all(np.allclose(P['Whh'].T @ da_true[t], dh_true[t - 1], atol=1e-7) for t in range(2, n + 1))
print(f"line 44: {'OK' if ok44 else 'MISMATCH'} (d_h = Whh @ temp vs dL/dh_(t-1); Whh.T @ temp would be {'OK' if ok44T else 'MISMATCH'})")

# ---------------------------------------------------------------- LSTM (one step)
D, H, O, m = 3, 4, 2, 2
Q = {k: 0.8 * rng.normal(size=(H, H + D)) for k in ['Wf', 'Wi', 'Wc', 'Wo']}
Q.update({k: 0.5 * rng.normal(size=(H, 1)) for k in ['bf', 'bi', 'bc', 'bo']})
Q['Wy'] = 0.8 * rng.normal(size=(O, H)); Q['by'] = 0.5 * rng.normal(size=(O, 1))
x = rng.normal(size=(D, m)); hp = rng.normal(size=(H, m)); cp = rng.normal(size=(H, m))
gyl, gh, gc = rng.normal(size=(O, m)), rng.normal(size=(H, m)), rng.normal(size=(H, m))


def lstm_fwd(Q, hp=hp, cp=cp, x=x, hook=None):
    hook = hook or {}
    e = lambda k: hook.get(k, 0)
    z = np.vstack((hp, x))
    af = Q['Wf'] @ z + Q['bf'] + e('af'); ai = Q['Wi'] @ z + Q['bi'] + e('ai')
    ac = Q['Wc'] @ z + Q['bc'] + e('ac'); ao = Q['Wo'] @ z + Q['bo'] + e('ao')
    f, i, cb, o = sig(af), sig(ai), np.tanh(ac), sig(ao)
    c = f * cp + i * cb + e('c')
    h = o * np.tanh(c) + e('h')
    y = Q['Wy'] @ h + Q['by'] + e('y')
    L = float(np.sum(gyl * y) + np.sum(gh * h) + np.sum(gc * c))
    return L, dict(z=z, f=f, i=i, cb=cb, c=c, o=o, h=h, y=y)


L0, S = lstm_fwd(Q)
cell = LSTM(D, H, O)
for k, v in Q.items():
    setattr(cell, k, v.copy())
ya, ha, ca = cell.forward(x, hp, cp)
report(90, np.vstack((hp, x)), S['z'], extra='(definition z = [h_prev; x])')
for ln, k in [(91, 'f'), (92, 'i'), (93, 'cb'), (96, 'o')]:
    print(f"line {ln}: OK (definition of {k}; same formula as the reference model, checked through lines 95/97)")
report(95, ca, S['c'], extra='(definition c = f*c_prev + i*c_bar)')
report(97, ha, S['h'], extra='(definition h = o*tanh(c))')
report(99, ya, S['y'], extra='(definition y = Wy h + by)')

s_ = np.linspace(-2, 2, 9)
report(78, cell.sigmoid(s_), 1 / (1 + np.exp(-s_)), extra='(sigmoid)')
report(81, cell.dsigmoid(s_), fd_grad(lambda d: float(np.sum(sig(s_ + d))), (9,)), extra="(dsigmoid(x) = s(x)(1-s(x)) = sigmoid'(x) at the PRE-activation x)")
report(84, cell.tanh(s_), np.tanh(s_), extra='(tanh)')
report(87, cell.dtanh(s_), fd_grad(lambda d: float(np.sum(np.tanh(s_ + d))), (9,)), extra="(dtanh(x) = 1 - tanh(x)^2 = tanh'(x) at the PRE-activation x)")
f, i, cb, c, o, h = S['f'], S['i'], S['cb'], S['c'], S['o'], S['h']
dh_in = Q['Wy'].T @ gyl + gh  # dL/dh (total)
out = cell.backward(x, hp, cp, f, i, cb, c, o, h, ya, dh_in.copy(), gc.copy())
d_h_prev, d_c_prev, dWo, dWc, dWi, dWf, dbf, dbi, dbc, dbo = out

T = {k: fd_grad(lambda d, k=k: lstm_fwd(Q, hook={k: d})[0], (H if k != 'y' else O, m)) for k in ['af', 'ai', 'ac', 'ao', 'c', 'h', 'y']}
# dL/dc total = FD on a hook at c (includes the path through h)
report(104, np.copy(dh_in), T['y'], extra='(d_y = copy(d_h_next) vs dL/dy)')
# line 105/106: running sum; line 105 = future part, 106 = total
report(105, gc, fd_grad(lambda d: lstm_fwd(Q, hook={'c': d})[0] - float(np.sum(gh * (o * np.tanh(c + d) - o * np.tanh(c)))) - float(np.sum(gyl * (Q['Wy'] @ (o * np.tanh(c + d) - o * np.tanh(c))))), (H, m)),
       extra='(d_c starts as the part of dL/dc not through h)')
dc_pub = gc + o * dh_in * cell.dtanh(c)
report(106, dc_pub, T['c'], extra='(d_c += o*d_h*(1 - tanh(c)^2): total dL/dc)')
dc_true = T['c']
report(108, dh_in * np.tanh(c) * cell.dsigmoid(o), T['ao'], extra='(d_o with dsigmoid(o) = s(o)(1-s(o)) of the post-activation o; o*(1-o) would be ' +
       ('OK' if np.allclose(dh_in * np.tanh(c) * o * (1 - o), T['ao'], atol=1e-6) else 'MISMATCH') + ')')
report(109, dc_true * i * cell.dtanh(cb), T['ac'], extra='(d_c_bar with dtanh(c_bar) = 1 - tanh(c_bar)^2; 1 - c_bar^2 would be ' +
       ('OK' if np.allclose(dc_true * i * (1 - cb ** 2), T['ac'], atol=1e-6) else 'MISMATCH') + ')')
report(110, dc_true * cb * cell.dsigmoid(i), T['ai'], extra='(d_i with dsigmoid(i); i*(1-i) would be ' +
       ('OK' if np.allclose(dc_true * cb * i * (1 - i), T['ai'], atol=1e-6) else 'MISMATCH') + ')')
report(111, dc_true * cp * cell.dsigmoid(f), T['af'], extra='(d_f with dsigmoid(f); f*(1-f) would be ' +
       ('OK' if np.allclose(dc_true * cp * f * (1 - f), T['af'], atol=1e-6) else 'MISMATCH') + ')')

FQ = {k: fd_grad(lambda d, k=k: lstm_fwd({**Q, k: Q[k] + d})[0], Q[k].shape) for k in Q}
z = S['z']
for ln, g, W, pubv in [(113, 'ao', 'Wo', dWo), (114, 'ac', 'Wc', dWc), (115, 'ai', 'Wi', dWi), (116, 'af', 'Wf', dWf)]:
    report(ln, T[g] @ z.T, FQ[W], extra=f'(local: true dL/da {g} times z^T = d{W}; as published (inherits lines 108-111): ' +
           ('OK' if np.allclose(pubv, FQ[W], atol=1e-6) else 'MISMATCH') + ')')
for ln, g, b, pubv in [(118, 'af', 'bf', dbf), (119, 'ai', 'bi', dbi), (120, 'ac', 'bc', dbc), (121, 'ao', 'bo', dbo)]:
    report(ln, T[g].sum(axis=1), FQ[b][:, 0], extra=f'(local: sum over batch of dL/da {g}; shape {pubv.shape} vs b {Q[b].shape})')
dz_true = fd_grad(lambda d: lstm_fwd(Q, hp=hp + d[:H], x=x + d[H:])[0], (H + D, m))
dz_local = Q['Wf'].T @ T['af'] + Q['Wi'].T @ T['ai'] + Q['Wc'].T @ T['ac'] + Q['Wo'].T @ T['ao']
report(123, dz_local, dz_true, extra='(local: sum of W^T dL/da over the four gates = dL/dz)')
report(128, dz_local[:H], fd_grad(lambda d: lstm_fwd(Q, hp=hp + d)[0], (H, m)), extra='(d_h_prev = first H rows of dL/dz)')
report(129, f * dc_true, fd_grad(lambda d: lstm_fwd(Q, cp=cp + d)[0], (H, m)), extra='(d_c_prev = f * dL/dc)')
print('   as published: d_h_prev', 'OK' if np.allclose(d_h_prev, fd_grad(lambda d: lstm_fwd(Q, hp=hp + d)[0], (H, m)), atol=1e-6) else 'MISMATCH',
      '(inherits lines 108-111); d_c_prev', 'OK' if np.allclose(d_c_prev, fd_grad(lambda d: lstm_fwd(Q, cp=cp + d)[0], (H, m)), atol=1e-6) else 'MISMATCH')
