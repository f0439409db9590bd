"""Finite-difference check of oksanatkach/nlu-rnn @0476954 code/gru.py + code/gru_abstract.py
(Edinburgh NLU CW1 2025 GRU).  Convention: every delta* is the NEGATIVE gradient of
J = -log softmax(W s_t)[d] (delta_output = onehot(d) - y_t; Model.apply_deltas does param += lr*delta).
"""
import numpy as np

np.random.seed(0)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x):
    xt = np.exp(x - max(x))
    return xt / sum(xt)


def make_onehot(i, n):
    y = np.zeros(n)
    y[i] = 1
    return y


V, H, O = 5, 4, 3          # vocab_size, hidden_dims, out_vocab_size
P = {k: np.random.randn(*sh) * 0.8 for k, sh in
     dict(Ur=(H, H), Vr=(H, V), Uz=(H, H), Vz=(H, V), Uh=(H, H), Vh=(H, V), W=(O, H)).items()}
xs = [1, 3, 0, 4, 2]
dlabel = [2]
T = len(xs)


def forward_seq(Pt, taps=None, tap_t=None):
    """Forward with per-time-step parameter copies Pt[t] and additive taps on the nodes of step tap_t.
    Returns J = -log y_T-1[d] and the stored arrays (like predict)."""
    taps = taps or {}
    s = np.zeros((T + 1, H)); hs = np.zeros((T, H)); zs = np.zeros((T, H)); rs = np.zeros((T, H))
    y = None
    for t in range(T):
        p = Pt[t]
        tp = taps if t == tap_t else {}
        g = lambda k: tp.get(k, 0.0)
        sp = s[t - 1]
        x = make_onehot(xs[t], V)
        a_r = p['Vr'] @ x + p['Ur'] @ (sp + g('sp_r')) + g('a_r')
        r = sigmoid(a_r) + g('r')
        a_z = p['Vz'] @ x + p['Uz'] @ (sp + g('sp_z')) + g('a_z')
        z = sigmoid(a_z) + g('z')
        m = r * (sp + g('sp_m')) + g('m')
        a_h = p['Vh'] @ x + p['Uh'] @ m + g('a_h')
        h = np.tanh(a_h) + g('h')
        st = z * (sp + g('sp_direct')) + (1 - z) * h + g('s')
        s[t], hs[t], zs[t], rs[t] = st, h, z, r
        y = softmax(p['W'] @ st)
    J = -np.log(y[dlabel[0]])
    return J, s, hs, zs, rs, y


def Pcopies():
    return [{k: v.copy() for k, v in P.items()} for _ in range(T)]


def fd_tap(name, t, eps=1e-6):
    g = np.zeros(H)
    for i in range(H):
        e = np.zeros(H); e[i] = eps
        Jp = forward_seq(Pcopies(), {name: e}, t)[0]
        Jm = forward_seq(Pcopies(), {name: -e}, t)[0]
        g[i] = (Jp - Jm) / (2 * eps)
    return g


def fd_param(name, t=None, eps=1e-6):
    """dJ/dparam; if t given, only the copy used at step t is perturbed."""
    shape = P[name].shape
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        out = []
        for sgn in (1, -1):
            Pt = Pcopies()
            steps = range(T) if t is None else [t]
            for tt in steps:
                Pt[tt][name][idx] += sgn * eps
            out.append(forward_seq(Pt)[0])
        g[idx] = (out[0] - out[1]) / (2 * eps)
    return g


J, s, hs, zs, rs, yT = forward_seq(Pcopies())
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

# ---- forward rows (gru.py lines 20-26 of note) checked against an independent GRU forward ----
def author_forward(x, s_previous):
    x = make_onehot(x, V)
    r_t = sigmoid(P['Vr'] @ x + P['Ur'] @ s_previous)
    z_t = sigmoid(P['Vz'] @ x + P['Uz'] @ s_previous)
    h_t = np.tanh(P['Vh'] @ x + P['Uh'] @ (r_t * s_previous))
    s_t = z_t * s_previous + (1 - z_t) * h_t
    net_out_t = P['W'] @ s_t
    y_hat_t = softmax(net_out_t)
    return y_hat_t, s_t, h_t, z_t, r_t

sprev = np.zeros(H)
for t in range(T):
    ya, sa, ha, za, ra = author_forward(xs[t], sprev)
    assert close(sa, s[t]) and close(ha, hs[t]) and close(za, zs[t]) and close(ra, rs[t])
    sprev = sa
assert close(ya, yT)
print("forward rows: pass")

# ---- line 49: delta_output = onehot - y = -dJ/dnet ----
delta_output = make_onehot(dlabel[0], O) - yT
net = P['W'] @ s[T - 1]
g_net = np.array([(-np.log(softmax(net + e)[dlabel[0]]) + np.log(softmax(net - e)[dlabel[0]])) / 2e-6
                  for e in np.eye(O) * 1e-6])
assert close(delta_output, -g_net)
print("line 49 delta_output: pass")

# ---- line 72: make_onehot(d[0], self.vocab_size) - y[t]  (vocab_size=5 != out_vocab_size=3) ----
try:
    bad = make_onehot(dlabel[0], V) - yT
    raise AssertionError("expected a shape error")
except ValueError:
    print("line 72 delta_output with vocab_size: fail (shape mismatch (5,) vs (3,)) -> as annotated")

# ---- __step__ rows at the last step t = T-1 (the author's formulas, verbatim) ----
t = T - 1
z, h, r = zs, hs, rs
delta_zero = P['W'].T @ delta_output                                        # line 159
assert close(delta_zero, -fd_tap('s', t)); print("line 159: pass")
delta_one = z[t] * delta_zero                                               # line 133
assert close(delta_one, -fd_tap('sp_direct', t)); print("line 133: pass")
delta_two = s[t - 1] * delta_zero                                            # line 134
delta_three = h[t] * delta_zero                                              # line 135
delta_four = -1 * delta_three                                                # line 136
delta_five = delta_two + delta_four                                          # line 137
gz = -fd_tap('z', t)
assert close(delta_five, gz) and close(delta_two, s[t - 1] * delta_zero) and close(delta_four, -h[t] * delta_zero)
print("lines 134-137: pass")
delta_six = (1 - z[t]) * delta_zero                                          # line 138
assert close(delta_six, -fd_tap('h', t)); print("line 138: pass")
delta_seven = delta_five * (z[t] * (np.ones_like(z[t]) - z[t]))              # line 139
assert close(delta_seven, -fd_tap('a_z', t)); print("line 139: pass")
delta_eight = delta_six * (np.ones_like(h[t]) - np.square(h[t]))             # line 140
assert close(delta_eight, -fd_tap('a_h', t)); print("line 140: pass")
delta_ten = P['Uh'].T @ delta_eight                                          # line 141
assert close(delta_ten, -fd_tap('m', t)); print("line 141: pass")
delta_eleven = P['Uz'].T @ delta_seven                                       # line 142
assert close(delta_eleven, -fd_tap('sp_z', t)); print("line 142: pass")
delta_twelve = delta_ten * r[t]                                              # line 143
assert close(delta_twelve, -fd_tap('sp_m', t)); print("line 143: pass")
delta_thirteen = delta_ten * h[t - 1]                                        # line 144 (as written)
true_dr = -fd_tap('r', t)
assert not close(delta_thirteen, true_dr)
assert close(delta_ten * s[t - 1], true_dr)
print("line 144: fail (h[t-1] is the previous candidate; needs s[t-1]) -> as annotated")
# line 145 judged as a formula with the true delta_thirteen
delta_fourteen = true_dr * (r[t] * (np.ones_like(r[t]) - r[t]))             # line 145
assert close(delta_fourteen, -fd_tap('a_r', t)); print("line 145: pass")
delta_fifteen = P['Ur'].T @ delta_fourteen                                   # line 146
assert close(delta_fifteen, -fd_tap('sp_r', t)); print("line 146: pass")
ret = delta_eleven + delta_twelve + delta_one + delta_fifteen                # line 155
gs_prev = -fd_tap('s', t - 1)   # total dJ/ds_{t-1}; s_{t-1} only feeds step t here
assert close(ret, gs_prev); print("line 155: pass")

# parameter rows (step-t contributions, true deltas)
xt = make_onehot(xs[t], V)
checks = {
    'Ur': np.outer(delta_fourteen, s[t - 1]),      # line 148
    'Vr': np.outer(delta_fourteen, xt),            # line 149
    'Uz': np.outer(delta_seven, s[t - 1]),         # line 150
    'Vz': np.outer(delta_seven, xt),               # line 151
    'Uh': np.outer(delta_eight, (s[t - 1] * r[t])),# line 152
    'Vh': np.outer(delta_eight, xt),               # line 153
}
for k, v in checks.items():
    assert close(v, -fd_param(k, t)), k
print("lines 148-153: pass")
dW = np.outer(delta_output, s[t])                                            # line 158
assert close(dW, -fd_param('W')); print("line 158: pass")


# ---- whole backward() as written vs as corrected: full BPTT ----
def run_backward(steps, fix13=False, fixloop=False):
    D = {k: np.zeros_like(v) for k, v in P.items()}

    def step(t, delta_zero):
        delta_one = z[t] * delta_zero
        delta_five = s[t - 1] * delta_zero - h[t] * delta_zero
        delta_six = (1 - z[t]) * delta_zero
        delta_seven = delta_five * (z[t] * (1 - z[t]))
        delta_eight = delta_six * (1 - h[t] ** 2)
        delta_ten = P['Uh'].T @ delta_eight
        delta_eleven = P['Uz'].T @ delta_seven
        delta_twelve = delta_ten * r[t]
        delta_thirteen = delta_ten * (s[t - 1] if fix13 else h[t - 1])
        delta_fourteen = delta_thirteen * (r[t] * (1 - r[t]))
        delta_fifteen = P['Ur'].T @ delta_fourteen
        x1 = make_onehot(xs[t], V)
        D['Ur'] += np.outer(delta_fourteen, s[t - 1]); D['Vr'] += np.outer(delta_fourteen, x1)
        D['Uz'] += np.outer(delta_seven, s[t - 1]); D['Vz'] += np.outer(delta_seven, x1)
        D['Uh'] += np.outer(delta_eight, s[t - 1] * r[t]); D['Vh'] += np.outer(delta_eight, x1)
        return delta_eleven + delta_twelve + delta_one + delta_fifteen

    tt = T - 1
    D['W'] += np.outer(delta_output, s[tt])
    delta_next = step(tt, P['W'].T @ delta_output)
    rng = range(1, min(steps, tt) + 1) if fixloop else range(1, min(steps + 1, tt))   # line 162
    for i in rng:
        delta_next = step(tt - i, delta_next)                                       # line 163
    return D


full = {k: -fd_param(k) for k in P}
ok = lambda D: all(close(D[k], full[k]) for k in P)
assert ok(run_backward(steps=10, fix13=True, fixloop=True))
assert not ok(run_backward(steps=10, fix13=True, fixloop=False))
assert not ok(run_backward(steps=10, fix13=False, fixloop=True))
print("line 162: fail (range(1, min(steps+1, t)) never reaches step 0; with both fixes full BPTT matches FD)")
print("all verdicts confirmed")
