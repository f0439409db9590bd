# Finite-difference check of okl_lstm_sine.md (Ok-landscape LSTM notebook). numpy only.
# Column layout: states (H, B); concat = [h_prev; x]; W (4H, H+D) rows [f, i, g, o].
import numpy as np
rng = np.random.default_rng(0)
D, H, O, B, T = 2, 3, 1, 2, 4
sig = lambda x: 1 / (1 + np.exp(-x))
W = rng.normal(0, 0.6, (4 * H, H + D)); b = rng.normal(0, 0.3, (4 * H, 1))
Wout = rng.normal(0, 0.6, (O, H)); bout = rng.normal(0, 0.3, (O, 1))
X = rng.normal(size=(T, D, B)); Y = rng.normal(size=(T, O, B))

def forward(hk=None, W=W, b=b, Wout=Wout, bout=bout, X=X):
    """hk: dict (name, t) -> additive perturbation of that node at step t."""
    hk = hk or {}
    g = lambda n, t, v: v + hk.get((n, t), 0)
    h = np.zeros((H, B)); c = np.zeros((H, B)); outs = []
    for t in range(T):
        hin = g('hin', t, h); cin = g('cin', t, c)
        concat = np.vstack([hin, X[t]])
        gates = g('W', t, W) @ concat + g('b', t, b)
        zf, zi, zg, zo = (g(n, t, gates[k * H:(k + 1) * H]) for k, n in enumerate(['zf', 'zi', 'zg', 'zo']))
        f = g('f', t, sig(zf)); i = g('i', t, sig(zi)); gg = g('g', t, np.tanh(zg)); o = g('o', t, sig(zo))
        c = g('c', t, f * cin + i * gg)
        h = g('h', t, o * np.tanh(c))
        outs.append(g('Wout', t, Wout) @ h + g('bout', t, bout))
    return np.array(outs)

L_nb = lambda out: np.mean((out - Y) ** 2)                 # train_step's loss (line 364)
L_dy = lambda out: np.sum((out - Y) ** 2) / B              # the loss whose gradient dy (line 333) is

def fd(loss, name, t, shape, **kw):
    G = np.zeros(shape); e = 1e-6
    for idx in np.ndindex(*shape):
        P = np.zeros(shape); P[idx] = e
        G[idx] = (loss(forward({(name, t): P}, **kw)) - loss(forward({(name, t): -P}, **kw))) / (2 * e)
    return G

# ---- author's backward, formulas copied from the notebook, with intermediates recorded ----
sigmoid_derivative = lambda x: sig(x) * (1 - sig(x))          # line 72-75
tanh_derivative = lambda x: 1 - np.tanh(x) ** 2               # line 77-79
# forward caches (author's forward, lines 143-163)
caches = []; h = np.zeros((H, B)); c = np.zeros((H, B)); hs = [h]; outputs = []
for t in range(T):
    h_prev, c_prev = h, c
    concat = np.vstack([h_prev, X[t]]); gates = W @ concat + b
    f_gate, i_gate, c_tilde, o_gate = gates[:H], gates[H:2*H], gates[2*H:3*H], gates[3*H:]
    f, i, c_candidate, o = sig(f_gate), sig(i_gate), np.tanh(c_tilde), sig(o_gate)
    c = f * c_prev + i * c_candidate; h = o * np.tanh(c)
    caches.append((X[t], h_prev, c_prev, concat, f, i, c_candidate, o, c, f_gate, i_gate, c_tilde, o_gate))
    hs.append(h); outputs.append(Wout @ h + bout)
outputs = np.array(outputs)
assert np.allclose(outputs, forward())
rec = {}; dWc = np.zeros_like(W); dbc = np.zeros_like(b); dW_out = np.zeros_like(Wout); db_out = np.zeros_like(bout)
dh_next = np.zeros((H, B)); dc_next = np.zeros((H, B))
for t in reversed(range(T)):
    dy = 2 * (outputs[t] - Y[t]) / B                                    # 333
    dW_out_t = dy @ hs[t + 1].T; dW_out += dW_out_t                     # 336
    db_out_t = np.sum(dy, axis=1, keepdims=True); db_out += db_out_t    # 337
    dh = Wout.T @ dy + dh_next                                          # 338
    x, h_prev, c_prev, concat, f, i, c_candidate, o, c, f_gate, i_gate, c_tilde, o_gate = caches[t]
    dh_in, dc_in = dh, dc_next
    do = dh_in * np.tanh(c)                                             # 199
    dc = dh_in * o * tanh_derivative(c) + dc_in                         # 200
    df = dc * c_prev; di = dc * c_candidate; dc_candidate = dc * i; dc_prev = dc * f   # 203-206
    df_gate = df * sigmoid_derivative(f_gate); di_gate = di * sigmoid_derivative(i_gate)  # 209-210
    dc_tilde = dc_candidate * tanh_derivative(c_tilde); do_gate = do * sigmoid_derivative(o_gate)  # 211-212
    dgates = np.vstack([df_gate, di_gate, dc_tilde, do_gate])           # 215
    dW_t = dgates @ concat.T; dWc += dW_t                               # 218
    db_t = np.sum(dgates, axis=1, keepdims=True); dbc += db_t           # 219
    dconcat = W.T @ dgates                                              # 222
    dh_prev = dconcat[:H]; dx = dconcat[H:]                             # 223-224
    rec[t] = dict(dy=dy, dW_out_t=dW_out_t, db_out_t=db_out_t, dh=dh, do=do, dc=dc, df=df, di=di,
                  dc_candidate=dc_candidate, dc_prev=dc_prev, df_gate=df_gate, di_gate=di_gate,
                  dc_tilde=dc_tilde, do_gate=do_gate, dW_t=dW_t, db_t=db_t, dh_prev=dh_prev, dx=dx)
    dh_next, dc_next = dh_prev, dc_prev

def fd_out(loss, t):
    G = np.zeros((O, B)); e = 1e-6
    for idx in np.ndindex(O, B):
        P = np.zeros((T, O, B)); P[(t,) + idx] = e
        G[idx] = (loss(outputs + P) - loss(outputs - P)) / (2 * e)
    return G

def fdX(loss, t):
    G = np.zeros((D, B)); e = 1e-6
    for idx in np.ndindex(D, B):
        P = np.zeros_like(X); P[(t,) + idx] = e
        G[idx] = (loss(forward(X=X + P)) - loss(forward(X=X - P))) / (2 * e)
    return G

def report(line, name, got, ref):
    ok = np.allclose(got, ref, rtol=1e-5, atol=1e-8)
    extra = '' if ok else f'   (max|diff|={np.max(np.abs(got-ref)):.3g}, ratio got/ref ~ {np.median(got/np.where(ref==0,np.nan,ref)):.4g})'
    print(f'line {line:>4} {name:<34} {"AGREES" if ok else "DIFFERS"}{extra}')

print('--- dy against the loss the notebook reports, L = np.mean((outputs - Y)**2) (train_step, line 364)')
for t in range(T):
    report(333, f'dy (t={t}) vs dL/dy_t', rec[t]['dy'], fd_out(L_nb, t))
print('--- all other rows against L_dy = sum((outputs-Y)**2)/batch_size, the loss dy is the gradient of')
Lf = L_dy
for t in range(T):
    r = rec[t]
    report(333, f'dy (t={t}) vs dL_dy/dy_t', r['dy'], fd_out(Lf, t))
    report(336, f'dW_out step t={t}', r['dW_out_t'], fd(Lf, 'Wout', t, Wout.shape))
    report(337, f'db_out step t={t}', r['db_out_t'], fd(Lf, 'bout', t, bout.shape))
    report(338, f'dh = dL/dh_t total (t={t})', r['dh'], fd(Lf, 'h', t, (H, B)))
    report(199, f'do (t={t})', r['do'], fd(Lf, 'o', t, (H, B)))
    report(200, f'dc = dL/dc_t total (t={t})', r['dc'], fd(Lf, 'c', t, (H, B)))
    report(203, f'df (t={t})', r['df'], fd(Lf, 'f', t, (H, B)))
    report(204, f'di (t={t})', r['di'], fd(Lf, 'i', t, (H, B)))
    report(205, f'dc_candidate (t={t})', r['dc_candidate'], fd(Lf, 'g', t, (H, B)))
    report(206, f'dc_prev via step t (t={t})', r['dc_prev'], fd(Lf, 'cin', t, (H, B)))
    report(209, f'df_gate (t={t})', r['df_gate'], fd(Lf, 'zf', t, (H, B)))
    report(210, f'di_gate (t={t})', r['di_gate'], fd(Lf, 'zi', t, (H, B)))
    report(211, f'dc_tilde (t={t})', r['dc_tilde'], fd(Lf, 'zg', t, (H, B)))
    report(212, f'do_gate (t={t})', r['do_gate'], fd(Lf, 'zo', t, (H, B)))
    report(218, f'dW step t={t}', r['dW_t'], fd(Lf, 'W', t, W.shape))
    report(219, f'db step t={t}', r['db_t'], fd(Lf, 'b', t, b.shape))
    report(223, f'dh_prev via step t (t={t})', r['dh_prev'], fd(Lf, 'hin', t, (H, B)))
    report(224, f'dx (t={t})', r['dx'], fdX(Lf, t))
print('--- accumulated totals')
def fdfull(loss, which):
    base = dict(W=W, b=b, Wout=Wout, bout=bout)[which]; G = np.zeros(base.shape); e = 1e-6
    for idx in np.ndindex(*base.shape):
        P = np.zeros(base.shape); P[idx] = e
        G[idx] = (loss(forward(**{which: base + P})) - loss(forward(**{which: base - P}))) / (2 * e)
    return G
for nm, got in [('W', dWc), ('b', dbc), ('Wout', dW_out), ('bout', db_out)]:
    report(0, f'sum_t d{nm} vs dL_dy/d{nm}', got, fdfull(L_dy, nm))
    report(0, f'sum_t d{nm} vs dL/d{nm} (line 364 loss)', got, fdfull(L_nb, nm))
print(f'(T*O = {T*O}: every gradient is T*O times the gradient of the reported loss)')
# Markdown Jacobian rows 19 (RNN) checked separately for an RNN: h_i = tanh(Whh h_{i-1} + ...)
Whh = rng.normal(size=(H, H)); u = rng.normal(size=(H,))
hnext = lambda hp: np.tanh(Whh @ hp + 0.3)
J = np.zeros((H, H)); e = 1e-6
for j in range(H):
    P = np.zeros(H); P[j] = e; J[:, j] = (hnext(u + P) - hnext(u - P)) / (2 * e)
hi = hnext(u)
print('line   19 numerator-layout Jacobian = diag(1-h^2) Whh :', np.allclose(J, np.diag(1 - hi**2) @ Whh, atol=1e-7))
print('line   19 Whh^T diag(1-h^2) = Jacobian transposed       :', np.allclose(J.T, Whh.T @ np.diag(1 - hi**2), atol=1e-7))
