"""FD check of treszkai/edinburgh-nlu-cw code/rnn.py + rnnmath.py @7312229 (Edinburgh NLU coursework 2018, Q1).

Model (column vectors, one sequence): net_in_t = V[:, x_t] + U s_{t-1}, s_t = sigmoid(net_in_t), net_out_t = W s_t,
y_t = softmax(net_out_t); s_{-1} = 0 (stored in the extra last row s[-1]).
LM loss L = sum_t L_t, L_t = -log y_t[d_t]; number-prediction ("_np") loss L = L_{T-1} with target d[0].
The author's "deltas" are accumulated UPDATES (apply_deltas does U += lr*deltaU), i.e. NEGATIVE gradients, and
  acc_deltas / acc_deltas_np      = plain backprop: every L_t is back-propagated to net_in_t only (s_{t-1} held fixed);
  acc_deltas_bptt(_np)(steps=k)   = truncated BPTT: L_t is back-propagated through k earlier steps (s_{t-k-1} held fixed).
Reference values: central finite differences of the matching (truncated) loss, and of L_t with additive hooks on
net_in / s / net_out for the per-step quantities.  The author's loops are re-run here line by line.
"""
import numpy as np

rng = np.random.default_rng(24)
vocab, H, out_vocab, T = 5, 4, 5, 5
U = rng.normal(size=(H, H)) * 0.8
V = rng.normal(size=(H, vocab)) * 0.8
W = rng.normal(size=(out_vocab, H)) * 0.8
x = [0, 3, 1, 3, 4]          # repeated word 3 on purpose
d = [3, 1, 4, 2, 0]
d_np = [1]


def rep(line, a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    ok = a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}")
    return ok


def ng(f, a0, eps=1e-6):
    g = np.zeros_like(a0)
    for idx in np.ndindex(a0.shape):
        ap = a0.copy(); ap[idx] += eps
        am = a0.copy(); am[idx] -= eps
        g[idx] = (f(ap) - f(am)) / (2 * eps)
    return g


# independent primitives (not the author's): sigmoid via tanh, softmax via log-sum-exp
def sig_ref(z): return 0.5 * (1.0 + np.tanh(0.5 * z))
def smax_ref(z): return np.exp(z - (np.max(z) + np.log(np.sum(np.exp(z - np.max(z))))))


def forward(U, V, W, x, hooks=None, start=0, s_init=None):
    """hooks: {(name, t): additive perturbation}, name in net_in, s, net_out.  start/s_init allow truncated recomputation."""
    hooks = hooks or {}
    n = len(x)
    s = np.zeros((n + 1, H)); y = np.zeros((n, out_vocab))
    prev = np.zeros(H) if s_init is None else s_init
    for t in range(start, n):
        net_in = V[:, x[t]] + U @ prev + hooks.get(('net_in', t), 0)
        s[t] = sig_ref(net_in) + hooks.get(('s', t), 0)
        net_out = W @ s[t] + hooks.get(('net_out', t), 0)
        y[t] = smax_ref(net_out)
        prev = s[t]
    return y, s


y0, s0 = forward(U, V, W, x)


def Lt(t, U=U, V=V, W=W, hooks=None, dd=d):
    y, _ = forward(U, V, W, x, hooks)
    return -np.log(y[t][dd if np.isscalar(dd) else dd[t]])


def L_trunc(U, V, W, k, terms, target):
    """sum over t in terms of L_t back-propagated through k earlier steps only (state s_{t-k-1} frozen at its value)."""
    tot = 0.0
    for t in terms:
        st = t - k
        if st <= 0:
            y, _ = forward(U, V, W, x[:t + 1])
        else:
            y, _ = forward(U, V, W, x[:t + 1], start=st, s_init=s0[st - 1])
        tot += -np.log(y[t][target(t)])
    return tot


def hook_grad(t_loss, name, t_node, dd=d, size=None):
    size = size or (out_vocab if name == 'net_out' else H)
    return ng(lambda e: Lt(t_loss, hooks={(name, t_node): e}, dd=dd), np.zeros(size))


# ---------------- rnnmath.py ----------------
# author's helpers, verbatim semantics
def sigmoid(z): return 1.0 / (1.0 + np.exp(-z))
def softmax(z):
    xt = np.exp(z - max(z))
    return xt / sum(xt)
def grad(z): return z * (1 - z)
def make_onehot(i, n):
    v = np.zeros(n); v[i] = 1; return v

z = rng.normal(size=6) * 2
rep(8, sigmoid(z), sig_ref(z))
xt_ = np.exp(z - max(z))
rep(12, xt_ * np.exp(max(z)), np.exp(z))          # xt = exp(z - max z): exp(z) up to the constant factor exp(-max z)
rep(13, softmax(z), smax_ref(z))
rep(17, grad(sigmoid(z)), ng(lambda v: sig_ref(v).sum(), z))   # grad(s) = sigma'(net) when s = sigma(net)

# ---------------- predict ----------------
s = np.zeros((len(x) + 1, H)); y = np.zeros((len(x), out_vocab))
ok = {111: True, 112: True, 113: True, 114: True}
for t, w_t in enumerate(x):
    net_in = V[:, w_t] + U @ s[t - 1]
    ok[111] &= np.allclose(net_in, V @ make_onehot(w_t, vocab) + U @ (s0[t - 1] if t > 0 else np.zeros(H)))
    s[t] = sigmoid(net_in)
    ok[112] &= np.allclose(s[t], s0[t])
    net_out = W @ s[t]
    ok[113] &= np.allclose(net_out, W @ s0[t])
    y[t] = softmax(net_out)
    ok[114] &= np.allclose(y[t], y0[t])
for k_ in ok: print(f"line {k_}: {'OK' if ok[k_] else 'MISMATCH'}")

# ---------------- acc_deltas (plain BP, LM loss) ----------------
dU = np.zeros((H, H)); dV = np.zeros((H, vocab)); dW = np.zeros((out_vocab, H))
ok = {136: True, 137: True, 141: True, 142: True}
for t in reversed(range(len(x))):
    d_onehot = make_onehot(d[t], out_vocab)
    ok[136] &= d_onehot[d[t]] == 1 and d_onehot.sum() == 1
    net_out_t_bar = d_onehot - y[t]
    ok[137] &= np.allclose(net_out_t_bar, -hook_grad(t, 'net_out', t), atol=1e-6)
    dW += np.outer(net_out_t_bar, s[t])
    s_t_bar = W.T @ net_out_t_bar
    ok[141] &= np.allclose(s_t_bar, -hook_grad(t, 's', t), atol=1e-6)
    net_in_t_bar = s_t_bar * s[t] * (1 - s[t])
    ok[142] &= np.allclose(net_in_t_bar, -hook_grad(t, 'net_in', t), atol=1e-6)
    dU += np.outer(net_in_t_bar, s[t - 1])
    dV[:, x[t]] += net_in_t_bar
for k_ in (136, 137): print(f"line {k_}: {'OK' if ok[k_] else 'MISMATCH'}")
terms = range(len(x)); tgt = lambda t: d[t]
rep(139, dW, -ng(lambda Wp: L_trunc(U, V, Wp, 0, terms, tgt), W))
for k_ in (141, 142): print(f"line {k_}: {'OK' if ok[k_] else 'MISMATCH'}")
rep(144, dU, -ng(lambda Up: L_trunc(Up, V, W, 0, terms, tgt), U))
rep(146, dV, -ng(lambda Vp: L_trunc(U, Vp, W, 0, terms, tgt), V))
# info: the full (untruncated) gradient differs, as it should for plain BP
full_dU = -ng(lambda Up: sum(Lt(t, U=Up) for t in terms), U)
print("info: acc_deltas deltaU equals full BPTT gradient?", np.allclose(dU, full_dU, atol=1e-6), "(expected False: plain BP by design)")

# ---------------- acc_deltas_np (plain BP, loss on last step only) ----------------
Tl = len(x) - 1
dU = np.zeros((H, H)); dV = np.zeros((H, vocab)); dW = np.zeros((out_vocab, H))
d_one = make_onehot(d_np[0], out_vocab)
rep(166, d_one, np.eye(out_vocab)[d_np[0]])
delta_out = d_one - y[-1]
rep(167, delta_out, -hook_grad(Tl, 'net_out', Tl, dd=d_np[0]))
dW += np.outer(delta_out, s[-2])
rep(169, dW, -ng(lambda Wp: L_trunc(U, V, Wp, 0, [Tl], lambda t: d_np[0]), W))
s_t_bar = delta_out @ W
rep(171, s_t_bar, -hook_grad(Tl, 's', Tl, dd=d_np[0]))
net_in_t_bar = s_t_bar * grad(s[-2])
rep(172, net_in_t_bar, -hook_grad(Tl, 'net_in', Tl, dd=d_np[0]))
dU += np.outer(net_in_t_bar, s[-3])
rep(174, dU, -ng(lambda Up: L_trunc(Up, V, W, 0, [Tl], lambda t: d_np[0]), U))
dV[:, x[-1]] += net_in_t_bar
rep(175, dV, -ng(lambda Vp: L_trunc(U, Vp, W, 0, [Tl], lambda t: d_np[0]), V))
try:
    s1 = np.zeros((2, H)); _ = s1[-3]
except IndexError:
    print("info: line 174 raises IndexError for a one-word input (s has 2 rows, s[-3] does not exist)")


# ---------------- acc_deltas_bptt (truncated BPTT, LM loss) ----------------
def run_bptt(steps):
    dU = np.zeros((H, H)); dV = np.zeros((H, vocab)); dW = np.zeros((out_vocab, H))
    ok = {k: True for k in (197, 198, 201, 202, 208, 209)}
    for t in reversed(range(len(x))):
        d_one = make_onehot(d[t], out_vocab)
        ok[197] &= d_one[d[t]] == 1 and d_one.sum() == 1
        delta_out = d_one - y[t]
        ok[198] &= np.allclose(delta_out, -hook_grad(t, 'net_out', t), atol=1e-6)
        dW += np.outer(delta_out, s[t])
        delta_in = np.dot(delta_out, W)
        ok[201] &= np.allclose(delta_in, -hook_grad(t, 's', t), atol=1e-6)
        delta_in = np.multiply(delta_in, grad(s[t]))
        ok[202] &= np.allclose(delta_in, -hook_grad(t, 'net_in', t), atol=1e-6)
        dV[:, x[t]] += delta_in
        dU += np.outer(delta_in, s[t - 1])
        for tau in range(1, min(t, steps) + 1):
            delta_in = np.dot(delta_in, U)
            ok[208] &= np.allclose(delta_in, -hook_grad(t, 's', t - tau), atol=1e-6)
            delta_in = np.multiply(delta_in, grad(s[t - tau]))
            ok[209] &= np.allclose(delta_in, -hook_grad(t, 'net_in', t - tau), atol=1e-6)
            dV[:, x[t - tau]] += delta_in
            dU += np.outer(delta_in, s[t - tau - 1])
    return dU, dV, dW, ok


res = {}
for steps in (2, 10):
    dU, dV, dW, ok = run_bptt(steps)
    res[steps] = dict(ok=ok,
                      W=np.allclose(dW, -ng(lambda Wp: L_trunc(U, V, Wp, steps, terms, tgt), W), atol=1e-6),
                      V=np.allclose(dV, -ng(lambda Vp: L_trunc(U, Vp, W, steps, terms, tgt), V), atol=1e-6),
                      U=np.allclose(dU, -ng(lambda Up: L_trunc(Up, V, W, steps, terms, tgt), U), atol=1e-6))
    if steps == 10:
        print("info: with steps >= T-1 acc_deltas_bptt equals the full gradient:", np.allclose(dU, full_dU, atol=1e-6))
allok = lambda k: all(res[s_]['ok'][k] for s_ in res)
for k_ in (197, 198):
    print(f"line {k_}: {'OK' if allok(k_) else 'MISMATCH'}")
print(f"line 199: {'OK' if all(res[s_]['W'] for s_ in res) else 'MISMATCH'}")
for k_ in (201, 202):
    print(f"line {k_}: {'OK' if allok(k_) else 'MISMATCH'}")
# 204/205 and 211/212 are the two halves of the same accumulations (tau = 0 and tau >= 1); judged on the totals
print(f"line 204: {'OK' if all(res[s_]['V'] for s_ in res) else 'MISMATCH'}")
print(f"line 205: {'OK' if all(res[s_]['U'] for s_ in res) else 'MISMATCH'}")
for k_ in (208, 209):
    print(f"line {k_}: {'OK' if allok(k_) else 'MISMATCH'}")
print(f"line 211: {'OK' if all(res[s_]['V'] for s_ in res) else 'MISMATCH'}")
print(f"line 212: {'OK' if all(res[s_]['U'] for s_ in res) else 'MISMATCH'}")


# ---------------- acc_deltas_bptt_np (truncated BPTT, last-step loss) ----------------
def run_bptt_np(steps, s=s, y=y):
    dU = np.zeros((H, H)); dV = np.zeros((H, vocab)); dW = np.zeros((out_vocab, H))
    ok = {k: True for k in (244, 245)}
    d_one = make_onehot(d_np[0], out_vocab)
    delta_out = d_one - y[-1]
    dW += np.outer(delta_out, s[-2])
    s_t_bar = delta_out @ W
    net_in_t_bar = s_t_bar * grad(s[-2])
    dU += np.outer(net_in_t_bar, s[-3])
    dV[:, x[-1]] += net_in_t_bar
    first = (d_one, delta_out, s_t_bar, net_in_t_bar)
    for tau in range(1, min(len(x) - 1, steps) + 1):
        net_in_t_bar = np.dot(net_in_t_bar, U)
        ok[244] &= np.allclose(net_in_t_bar, -hook_grad(Tl, 's', Tl - tau, dd=d_np[0]), atol=1e-6)
        net_in_t_bar = np.multiply(net_in_t_bar, grad(s[-2 - tau]))
        ok[245] &= np.allclose(net_in_t_bar, -hook_grad(Tl, 'net_in', Tl - tau, dd=d_np[0]), atol=1e-6)
        dV[:, x[-1 - tau]] += net_in_t_bar
        dU += np.outer(net_in_t_bar, s[-2 - tau - 1])
    return dU, dV, dW, ok, first


dU, dV, dW, ok, first = run_bptt_np(2)
tnp = lambda t: d_np[0]
rep(232, first[0], np.eye(out_vocab)[d_np[0]])
rep(233, first[1], -hook_grad(Tl, 'net_out', Tl, dd=d_np[0]))
rep(235, dW, -ng(lambda Wp: L_trunc(U, V, Wp, 2, [Tl], tnp), W))
rep(237, first[2], -hook_grad(Tl, 's', Tl, dd=d_np[0]))
rep(238, first[3], -hook_grad(Tl, 'net_in', Tl, dd=d_np[0]))
refV = -ng(lambda Vp: L_trunc(U, Vp, W, 2, [Tl], tnp), V)
refU = -ng(lambda Up: L_trunc(Up, V, W, 2, [Tl], tnp), U)
# 240/241 (tau = 0 part) and 247/248 (tau >= 1 part) judged on the totals
rep(240, dU, refU); rep(241, dV, refV)
for k_ in (244, 245):
    print(f"line {k_}: {'OK' if ok[k_] else 'MISMATCH'}")
rep(247, dV, refV); rep(248, dU, refU)
try:
    run_bptt_np(len(x) - 1)
    print("info: bptt_np with steps >= T-1 ran")
except IndexError:
    print("info: line 248 raises IndexError when steps >= len(x)-1 (s[-2-tau-1] runs past the zero row s[-1]; "
          "the missing term would be an outer product with the zero initial state)")

# ---------------- losses ----------------
loss = - np.sum(np.log(y[range(len(d)), d]))
rep(265, loss, sum(Lt(t) for t in range(len(x))))
loss_np = 0.
loss_np -= np.dot(make_onehot(d_np[0], out_vocab), np.log(y[-1]))
rep(285, loss_np, Lt(Tl, dd=d_np[0]))
