# Finite-difference check of manual_lstm_sherlock.py (two stacked ManualLSTM layers + ManualDense), numpy only.
# The Keras embedding is frozen in the source (no backprop into it), so fixed random vectors stand in for it.
import numpy as np
rng = np.random.default_rng(2)
B, T, E, H, V = 4, 3, 6, 5, 7
emb = rng.normal(size=(B, T, E)); Y = np.eye(V)[rng.integers(0, V, size=B)]
def mk(i, h):
    return {n: rng.normal(size=s) * 0.5 for n, s in
            [('W_xi', (h, i)), ('W_hi', (h, h)), ('b_i', (h, 1)), ('W_xf', (h, i)), ('W_hf', (h, h)), ('b_f', (h, 1)),
             ('W_xo', (h, i)), ('W_ho', (h, h)), ('b_o', (h, 1)), ('W_xc', (h, i)), ('W_hc', (h, h)), ('b_c', (h, 1))]}
L1, L2 = mk(E, H), mk(H, H)
D = {'weights': rng.normal(size=(V, H)) * 0.5, 'bias': rng.normal(size=(V, 1)) * 0.1}
sig = lambda x: 1 / (1 + np.exp(-np.clip(x, -50, 50)))
def cell_fwd(p, x, h_prev, c_prev):                                   # lines 57-75
    i = sig(x @ p['W_xi'].T + h_prev @ p['W_hi'].T + p['b_i'].T)
    f = sig(x @ p['W_xf'].T + h_prev @ p['W_hf'].T + p['b_f'].T)
    o = sig(x @ p['W_xo'].T + h_prev @ p['W_ho'].T + p['b_o'].T)
    cc = np.tanh(x @ p['W_xc'].T + h_prev @ p['W_hc'].T + p['b_c'].T)
    c = f * c_prev + i * cc; h = o * np.tanh(c)
    return h, c, (x, h_prev, c_prev, i, f, o, cc, c, h)
def cell_bwd(p, cache, dh, dc):                                       # lines 84-127 (author's formulas)
    x, h_prev, c_prev, i, f, o, cc, c, h = cache
    do = dh * np.tanh(c); dc = dc + dh * o * (1 - np.tanh(c) ** 2)
    df, di, dcc = dc * c_prev, dc * cc, dc * i
    di_in, df_in, do_in, dcc_in = di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dcc * (1 - cc ** 2)
    g = {}
    for gate, d in [('i', di_in), ('f', df_in), ('o', do_in), ('c', dcc_in)]:
        g['W_x' + gate] = d.T @ x; g['W_h' + gate] = d.T @ h_prev; g['b_' + gate] = np.sum(d, axis=0, keepdims=True).T
    dx = di_in @ p['W_xi'] + df_in @ p['W_xf'] + do_in @ p['W_xo'] + dcc_in @ p['W_xc']
    dh_prev = di_in @ p['W_hi'] + df_in @ p['W_hf'] + do_in @ p['W_ho'] + dcc_in @ p['W_hc']
    return g, dx, dh_prev, dc * f
def forward():
    h1 = c1 = h2 = c2 = np.zeros((B, H)); C1, C2 = [], []
    for t in range(T):
        h1, c1, k1 = cell_fwd(L1, emb[:, t, :], h1, c1); C1.append(k1)
        h2, c2, k2 = cell_fwd(L2, h1, h2, c2); C2.append(k2)
    inp = h2.T; out = (D['weights'] @ inp + D['bias']).T               # line 162
    return out, inp, C1, C2
def loss():
    out, *_ = forward(); e = np.exp(out - out.max(-1, keepdims=True)); pr = e / e.sum(-1, keepdims=True)
    return -np.mean(np.sum(Y * np.log(pr), axis=1))                    # line 239 (without the 1e-8)
def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True)); return e / e.sum(-1, keepdims=True)
def add(a, b):
    for k in b: a[k] = a.get(k, 0) + b[k]
out, inp, C1, C2 = forward(); probs = softmax(out)
d_final_out = (probs - Y) / B                                         # line 280
dout = d_final_out.T
gW_author = dout @ inp.T / B; gb_author = np.sum(dout, axis=1, keepdims=True) / B   # lines 166-167
dh2 = (D['weights'].T @ dout).T                                      # lines 168, 221, 224
# author's model backward (lines 228-229): only the last cached step, dh1 <- lstm2's dh_prev, dc1 <- lstm2's dc_prev
gA2, dx2, dh1_a, dc1_a = cell_bwd(L2, C2[-1], dh2, np.zeros_like(dh2))
gA1, *_ = cell_bwd(L1, C1[-1], dh1_a, dc1_a)
# correct BPTT with the same cell formulas and correct wiring
g1, g2 = {}, {}
dh1n = dc1n = dh2n = dc2n = np.zeros((B, H))
for t in reversed(range(T)):
    g, dx, dh2n, dc2n = cell_bwd(L2, C2[t], (dh2 if t == T - 1 else 0) + dh2n, dc2n); add(g2, g)
    g, _, dh1n, dc1n = cell_bwd(L1, C1[t], dx + dh1n, dc1n); add(g1, g)
def num(P, k, eps=1e-6):
    A = P[k]; g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; lp = loss(); A[idx] = old - eps; lm = loss(); A[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
nW, nb = num(D, 'weights'), num(D, 'bias')
print("line 280 d_final_out, lines 166-167 dense grads with the extra /batch_size agree with FD:", ok(gW_author, nW), ok(gb_author, nb))
print("   same without the extra /batch_size agree with FD:", ok(gW_author * B, nW), ok(gb_author * B, nb))
n2 = {k: num(L2, k) for k in L2}; n1 = {k: num(L1, k) for k in L1}
print("cell lines 84-127 inside a correct BPTT (all steps, correct wiring):")
print("   lstm2 all params agree:", all(ok(g2[k], n2[k]) for k in L2), "  lstm1 all params agree:", all(ok(g1[k], n1[k]) for k in L1))
print("author's HybridLSTMModel.backward (lines 228-229):")
print("   lstm2 params agree with FD:", {k: ok(gA2[k], n2[k]) for k in ['W_xi', 'W_hf', 'b_o', 'W_hc']})
print("   lstm1 params agree with FD:", {k: ok(gA1[k], n1[k]) for k in ['W_xi', 'W_hf', 'b_o', 'W_hc']})
# is the value passed as dh1 equal to dL/dh1_T?  correct value is dx2 (lstm2's input gradient)
print("   dh1 passed to lstm1 equals lstm2's dx (= dL/dh1_T at last step):", ok(dh1_a, dx2))
