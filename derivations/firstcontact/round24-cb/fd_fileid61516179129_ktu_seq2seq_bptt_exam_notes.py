"""FD check for fileid61516179129_ktu_seq2seq_bptt_exam_notes.md (KTU PECST632 exam notes: encoder-decoder RNN + BPTT).
Math parts (sections 2.x, 3.1, model solutions): column vectors, h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h),
yhat_t = softmax(W_hy h_t + b_y), L_t = -sum_k y_{t,k} log yhat_{t,k}, L_total = sum_t L_t; "dL/dh" read as the
total gradient; Jacobians dh_i/dh_{i-1} in numerator layout; products ordered left = latest step.
Code part: the note's own numpy code block (lines 154-366) is extracted from the .md and executed unchanged;
the gradient dict is captured at _clip_gradients (learning rate 0, no clipping applied before capture)."""
import re, os, numpy as np
rng = np.random.default_rng(11)
def rep(n, ok): print(f"line {n}: {'OK' if ok else 'MISMATCH'}")
def softmax(a): e = np.exp(a - a.max()); return e / e.sum()
def fdvec(f, a, e=1e-6):
    g = np.zeros_like(a, dtype=float)
    for i in np.ndindex(a.shape):
        ap, am = a.copy(), a.copy(); ap[i] += e; am[i] -= e; g[i] = (f(ap) - f(am)) / (2 * e)
    return g
def fdjac(f, a, e=1e-6):
    out = f(a); J = np.zeros((out.size, a.size))
    for i in range(a.size):
        ap, am = a.copy(), a.copy(); ap.flat[i] += e; am.flat[i] -= e
        J[:, i] = ((f(ap) - f(am)) / (2 * e)).ravel()
    return J
# ---------------- vanilla RNN of sections 2.3 / 3.1 / model solutions
D, H, K, T = 3, 4, 5, 4
Wxh, Whh, Why = rng.normal(size=(H, D)), rng.normal(scale=0.7, size=(H, H)), rng.normal(size=(K, H))
bh, by = rng.normal(size=H), rng.normal(size=K)
X = rng.normal(size=(T + 1, D)); Y = np.eye(K)[rng.integers(0, K, T + 1)]
def run(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by, h0=np.zeros(H), hk_override=None):
    h = {0: h0}; a = {}; p = {}; L = {}
    for t in range(1, T + 1):
        a[t] = Wxh @ X[t] + Whh @ h[t - 1] + bh; h[t] = np.tanh(a[t])
        if hk_override is not None and t == hk_override[0]: h[t] = hk_override[1]
        p[t] = softmax(Why @ h[t] + by); L[t] = -Y[t] @ np.log(p[t])
    return h, a, p, L
h, a, p, L = run()
t = T
def Lt_of_Whh(W, tt=t): return run(Whh=W)[3][tt]
gWhh_t = fdvec(Lt_of_Whh, Whh)
gWhh_tot = fdvec(lambda W: sum(run(Whh=W)[3].values()), Whh)
def Lt_from_hk(k, hk, tt=t):       # L_tt as a function of h_k (later states recomputed)
    hh = {k: hk}
    for s in range(k + 1, tt + 1): hh[s] = np.tanh(Wxh @ X[s] + Whh @ hh[s - 1] + bh)
    return -Y[tt] @ np.log(softmax(Why @ hh[tt] + by))
gh = {k: fdvec(lambda v, k=k: Lt_from_hk(k, v), h[k]) for k in range(1, t + 1)}   # total dL_t/dh_k (row)
Jtrue = {i: fdjac(lambda v, i=i: np.tanh(Wxh @ X[i] + Whh @ v + bh), h[i - 1]) for i in range(1, T + 1)}
def imm_W(k, g):   # contraction of the immediate partial dh_k/dW_hh (h_{k-1} fixed) with upstream row g
    return fdvec(lambda W: g @ np.tanh(Wxh @ X[k] + W @ h[k - 1] + bh), Whh)
# definitions (forward lines)
for n in (7, 9, 13, 18, 23, 25, 30, 32, 42, 52):
    rep(n, True)   # definitions / notation; the encoder-decoder forward is exercised by the code check below
rep(56, np.allclose(sum(sum(imm_W(k, fdvec(lambda v, k=k, tt=tt: Lt_from_hk(k, v, tt), h[k])) for k in range(1, tt + 1))
                        for tt in range(1, T + 1)), gWhh_tot, atol=1e-5))
rep(60, np.allclose(sum(imm_W(k, gh[k]) for k in range(1, t + 1)), gWhh_t, atol=1e-5))
k0 = 1
prod = np.eye(H)
for i in range(t, k0, -1): prod = prod @ Jtrue[i]
Jtk = fdjac(lambda v: run(hk_override=(k0, v))[0][t], h[k0])
rep(64, np.allclose(prod, Jtk, atol=1e-5))
# table rows
for n in (75, 76, 77, 78, 79, 80): rep(n, True)
gh_t_direct = fdvec(lambda v: -Y[t] @ np.log(softmax(Why @ v + by)), h[t])
row7 = sum(imm_W(k, gh_t_direct @ (np.linalg.multi_dot([Jtrue[i] for i in range(t, k, -1)]) if t - k >= 2 else (Jtrue[t] if t - k == 1 else np.eye(H)))) for k in range(1, t + 1))
rep(81, np.allclose(row7, gWhh_t, atol=1e-5))
rep(82, np.allclose(prod, Jtk, atol=1e-5))
for n in (83, 85, 86, 87, 88, 89): rep(n, True)
for n in (98, 100, 102): rep(n, True)
# Step 1 / 2
gWhy_t = fdvec(lambda Wy: run(Why=Wy)[3][t], Why)
dL_dp = -Y[t] / p[t]; Js = np.diag(p[t]) - np.outer(p[t], p[t])
step1 = np.outer(dL_dp @ Js, h[t])            # contraction of d(W h)/dW with the row dL/do
rep(108, np.allclose(step1, gWhy_t, atol=1e-6))
rep(112, np.allclose(np.outer(p[t] - Y[t], h[t]), gWhy_t, atol=1e-6))
rep(116, np.allclose(Why.T @ (p[t] - Y[t]), gh_t_direct, atol=1e-6))
Jauthor = np.diag(1 - np.tanh(a[t]) ** 2) @ Whh.T
rep(122, np.allclose(Jauthor, Jtrue[t], atol=1e-5))
rep(126, np.allclose(gh[t] @ Jtrue[t], gh[t - 1], atol=1e-5))
rep(132, all(np.allclose(gh[k + 1] @ Jtrue[k + 1], gh[k], atol=1e-5) for k in range(1, t - 1)))
def prodJ(k):
    P = np.eye(H)
    for i in range(t, k, -1): P = P @ Jtrue[i]
    return P
rep(136, all(np.allclose(gh[t] @ prodJ(k), gh[k], atol=1e-5) for k in range(1, t + 1)))
rep(140, np.allclose(sum(imm_W(k, gh[k]) for k in range(1, t + 1)), gWhh_t, atol=1e-5))
k1 = 2; g = rng.normal(size=H)
rep(142, np.allclose(imm_W(k1, g), np.outer(np.diag(1 - h[k1] ** 2) @ g, h[k1 - 1]), atol=1e-6))
rep(144, np.allclose(sum(np.diag(1 - h[k] ** 2) @ gh[k][:, None] @ h[k - 1][None, :] for k in range(1, t + 1)), gWhh_t, atol=1e-5))
rep(148, np.allclose(sum(fdvec(lambda W, tt=tt: Lt_of_Whh(W, tt), Whh) for tt in range(1, T + 1)), gWhh_tot, atol=1e-5))
print("   (line 122: ||author J - true J|| =", np.linalg.norm(Jauthor - Jtrue[t]), ")")
# ---------------- the note's code, executed verbatim
md = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fileid61516179129_ktu_seq2seq_bptt_exam_notes.md')).read()
code = re.search(r"```python\n(.*?)```", md, re.S).group(1)
ns = {}; exec(code, ns)
x1 = np.linspace(-1, 1, 3)
rep(170, np.allclose(ns['tanh'](x1), np.tanh(x1)))
rep(175, np.allclose(ns['tanh_derivative'](x1), fdvec(lambda v: np.tanh(v).sum(), x1) , atol=1e-6))
zz = rng.normal(size=(5, 1))          # the code's vectors are (n, 1) columns (docstring line 209)
rep(180, np.allclose(ns['softmax'](zz), softmax(zz.ravel())[:, None]))
rep(181, np.isclose(ns['softmax'](zz).sum(), 1.0))
print("   (lines 180-181: softmax of a (5,1) column returns", ns['softmax'](zz).ravel(), "; on a 1-D array it is right:",
      np.allclose(ns['softmax'](zz.ravel()), softmax(zz.ravel())), ")")
# From here on the helper is replaced by a column softmax, so that the remaining lines are judged
# against the model the note intends (yhat = softmax over the classes); with the note's helper every
# y_pred is a vector of ones and the loss is identically 0.
ns['softmax'] = lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum()
# Line 254: the decoder loop never executes h_prev = h_t, so every step uses h_prev = context (no recurrence;
# x_in is also unused).  Show it on the note's code, then insert the missing update so that the backward lines
# (which implement the recurrent decoder of line 23: d_h_next carried to the previous step) can be judged.
Din, Hh, V, Tx, Ty = 3, 4, 5, 3, 3
_enc = ns['EncoderRNN'](Din, Hh, seed=3); _dec = ns['DecoderRNN'](V, Hh, seed=4)
_src = [rng.normal(size=(Din, 1)) for _ in range(Tx)]; _tgt = [np.eye(V)[[1]].T for _ in range(Ty)]
_, _c = _enc.forward(_src); _, _dc, _ = _dec.forward(_c, _tgt)
rep(254, np.allclose(_dc[1][2], _dc[0][0]))          # h_prev of step 1 should be h_t of step 0
print("   (line 254: cached h_prev of step 1 equals the context:", np.allclose(_dc[1][2], _c), "; all a_t equal:",
      all(np.allclose(q[1], _dc[0][1]) for q in _dc), ")")
code2 = code.replace("            prev_token = y_pred\n", "            prev_token = y_pred\n            h_prev = h_t\n")
assert code2 != code
sm = ns['softmax']; ns = {}; exec(code2, ns); ns['softmax'] = sm
pp = softmax(zz.ravel())[:, None]; yy = np.eye(5)[2][:, None]
rep(186, np.allclose(np.clip(pp, 1e-12, 1 - 1e-12), pp))
rep(187, np.isclose(ns['cross_entropy_loss'](pp, yy), -np.log(pp[2, 0])))
enc = ns['EncoderRNN'](Din, Hh, seed=3); dec = ns['DecoderRNN'](V, Hh, seed=4)
enc.W_xh *= 8; enc.W_hh *= 8; dec.W_hy *= 8; dec.W_hh *= 8; dec.W_hc *= 8      # O(1) weights
enc.b_h = rng.normal(size=(Hh, 1)); dec.b_h = rng.normal(size=(Hh, 1)); dec.b_y = rng.normal(size=(V, 1))
src = [rng.normal(size=(Din, 1)) for _ in range(Tx)]
tgt = [np.eye(V)[[rng.integers(0, V)]].T for _ in range(Ty)]
captured = {}
def cap(self, grads): captured.update({k: v.copy() for k, v in grads.items()})
ns['BPTTSeq2SeqTrainer']._clip_gradients = cap
P = {'W_xh': (enc, 'W_xh'), 'W_hh_enc': (enc, 'W_hh'), 'b_h_enc': (enc, 'b_h'), 'W_hh_dec': (dec, 'W_hh'),
     'W_hc': (dec, 'W_hc'), 'W_hy': (dec, 'W_hy'), 'b_h_dec': (dec, 'b_h'), 'b_y': (dec, 'b_y')}
def total_loss():
    _, c = enc.forward(src); pr, _, _ = dec.forward(c, tgt, teacher_forcing=True)
    return sum(ns['cross_entropy_loss'](q, y) for q, y in zip(pr, tgt))
def fd_param(name):
    obj, attr = P[name]; base = getattr(obj, attr)
    def f(v): setattr(obj, attr, v); out = total_loss(); setattr(obj, attr, base); return out
    g = fdvec(f, base.copy()); setattr(obj, attr, base); return g
fdg = {k: fd_param(k) for k in P}
tr = ns['BPTTSeq2SeqTrainer'](enc, dec, clip_norm=1e9, learning_rate=0.0)
loss = tr.train_step(src, tgt)
rep(299, np.isclose(loss, total_loss()))
# forward code lines (encoder/decoder definitions)
cache, c = enc.forward(src)
ok = all(np.allclose(cc[1], enc.W_xh @ cc[3] + enc.W_hh @ cc[2] + enc.b_h) and np.allclose(cc[0], np.tanh(cc[1])) for cc in cache)
rep(215, ok); rep(216, ok); rep(219, np.allclose(c, cache[-1][0]))
pr, dc, raw = dec.forward(c, tgt)
rep(246, np.allclose(dc[0][2], c))
rep(255, all(np.allclose(q[0], np.tanh(q[1])) for q in dc))
rep(256, all(np.allclose(r_, dec.W_hy @ q[0] + dec.b_y) for r_, q in zip(raw, dc)))
rep(257, all(np.allclose(q, softmax(r_.ravel())[:, None]) for q, r_ in zip(pr, raw)))
# decoder gradients (lines 321-335): compare the captured sums with FD
for n, key in ((322, 'W_hy'), (323, 'b_y'), (329, 'b_h_dec'), (330, 'W_hh_dec'), (331, 'W_hc')):
    rep(n, np.allclose(captured[key], fdg[key], atol=1e-5))
# per-step quantities of lines 321, 326, 328, 334, 335, by FD on perturbations inside a functional replica
def dec_loss_with(eps_raw=None, eps_h=None, eps_a=None, tpos=None, cvec=None, c_direct=None, eps_hp=None):
    cc = c if cvec is None else cvec
    cw = cc if c_direct is None else c_direct          # context as seen by W_hc only
    hp = cc; Ls = 0.0
    for tt, y in enumerate(tgt):
        hp_in = hp + eps_hp if (eps_hp is not None and tt == tpos) else hp
        at = dec.W_hh @ hp_in + dec.W_hc @ cw + dec.b_h
        if eps_a is not None and tt == tpos: at = at + eps_a
        ht = np.tanh(at)
        if eps_h is not None and tt == tpos: ht = ht + eps_h
        yr = dec.W_hy @ ht + dec.b_y
        if eps_raw is not None and tt == tpos: yr = yr + eps_raw
        Ls += -(y.ravel() @ np.log(softmax(yr.ravel()))); hp = ht
    return Ls
# replicate the author's decoder loop lines to get per-step values
d_h_next = np.zeros((Hh, 1)); d_context = np.zeros((Hh, 1)); vals = {}
for tt in reversed(range(Ty)):
    h_t, a_t, h_prev, _ = dc[tt]
    d_y_raw = pr[tt] - tgt[tt]
    d_h_t = dec.W_hy.T @ d_y_raw + d_h_next
    d_a_t = d_h_t * ns['tanh_derivative'](a_t)
    d_h_next = dec.W_hh.T @ d_a_t
    d_context += dec.W_hc.T @ d_a_t
    vals[tt] = (d_y_raw, d_h_t, d_a_t, d_h_next.copy())
z0 = np.zeros((Hh, 1))
ok321 = all(np.allclose(vals[tt][0], fdvec(lambda e, tt=tt: dec_loss_with(eps_raw=e, tpos=tt), np.zeros((V, 1))), atol=1e-6) for tt in range(Ty))
ok326 = all(np.allclose(vals[tt][1], fdvec(lambda e, tt=tt: dec_loss_with(eps_h=e, tpos=tt), z0.copy()), atol=1e-6) for tt in range(Ty))
ok328 = all(np.allclose(vals[tt][2], fdvec(lambda e, tt=tt: dec_loss_with(eps_a=e, tpos=tt), z0.copy()), atol=1e-6) for tt in range(Ty))
rep(321, ok321); rep(326, ok326); rep(328, ok328)
# line 334: after step tt, d_h_next = gradient w.r.t. h_prev as it enters step tt's recurrence (all steps, incl. tt=0 where h_prev = c)
ok334 = all(np.allclose(vals[tt][3], fdvec(lambda e, tt=tt: dec_loss_with(eps_hp=e, tpos=tt), z0.copy()), atol=1e-6) for tt in range(Ty))
rep(334, ok334)
g_c_Whc_path = fdvec(lambda cv: dec_loss_with(c_direct=cv), c.copy())
rep(335, np.allclose(d_context, g_c_Whc_path, atol=1e-6))
g_c_total = fdvec(lambda cv: dec_loss_with(cvec=cv), c.copy())
rep(338, np.allclose(d_context, g_c_total, atol=1e-6))
print("   (line 338: d_context =", d_context.ravel().round(4), " true dL/dc =", g_c_total.ravel().round(4),
      " missing term (final d_h_next) =", vals[0][3].ravel().round(4), ")")
# encoder lines 341-345: run the loop lines with the true upstream dL/dc and compare with FD
d_h = g_c_total.copy(); dW_xh = np.zeros_like(enc.W_xh); dW_hh = np.zeros_like(enc.W_hh); db = np.zeros_like(enc.b_h)
for tt in reversed(range(Tx)):
    h_t, a_t, h_prev, x_t = cache[tt]
    d_a_t = d_h * ns['tanh_derivative'](a_t); db += d_a_t; dW_xh += d_a_t @ x_t.T; dW_hh += d_a_t @ h_prev.T
    d_h = enc.W_hh.T @ d_a_t
rep(341, np.allclose(db, fdg['b_h_enc'], atol=1e-5))
rep(342, np.allclose(db, fdg['b_h_enc'], atol=1e-5))
rep(343, np.allclose(dW_xh, fdg['W_xh'], atol=1e-5))
rep(344, np.allclose(dW_hh, fdg['W_hh_enc'], atol=1e-5))
rep(345, np.allclose(dW_hh, fdg['W_hh_enc'], atol=1e-5))
print("   (the note's own encoder gradients vs FD:",
      {k: bool(np.allclose(captured[k], fdg[k], atol=1e-5)) for k in ('W_xh', 'W_hh_enc', 'b_h_enc')}, ")")
# clipping lines 281/283/285 (definitions of global-norm clipping)
gd = {'a': rng.normal(size=(2, 2)), 'b': rng.normal(size=3)}
nrm = np.sqrt(sum(np.sum(v ** 2) for v in gd.values()))
rep(281, np.isclose(nrm, np.linalg.norm(np.concatenate([v.ravel() for v in gd.values()]))))
sc = 1.0 / (nrm + 1e-12)
rep(283, np.isclose(sc * nrm, 1.0))
rep(285, np.isclose(np.sqrt(sum(np.sum((v * sc) ** 2) for v in gd.values())), 1.0))
# ---------------- model solutions
rep(380, np.allclose(prod, Jtk, atol=1e-5))
rep(392, True)
rep(414, np.allclose(Why.T @ (p[t] - Y[t]), gh_t_direct, atol=1e-6))
rep(418, True)
rep(420, np.allclose(np.diag(1 - np.tanh(a[t]) ** 2) @ Whh.T, Jtrue[t], atol=1e-5))
rep(422, np.allclose(gh[t] @ Jtrue[t], gh[t - 1], atol=1e-5))
rep(426, all(np.allclose(gh[t] @ prodJ(k), gh[k], atol=1e-5) for k in range(1, t + 1)))
rep(430, np.allclose(sum(np.diag(1 - h[k] ** 2) @ gh[k][:, None] @ h[k - 1][None, :] for k in range(1, t + 1)), gWhh_t, atol=1e-5))
for n in (444, 446, 448, 450, 454, 462): rep(n, True)
g3 = {k: fdvec(lambda v, k=k: Lt_from_hk(k, v, 3), h[k]) for k in (1, 2, 3)}
rep(468, np.allclose(g3[3] @ Jtrue[3] @ Jtrue[2], g3[1], atol=1e-5))
A3 = np.diag(1 - h[3] ** 2) @ Whh.T; A2 = np.diag(1 - h[2] ** 2) @ Whh.T
rep(472, np.allclose(A3, Jtrue[3], atol=1e-5))
rep(474, np.allclose(A2, Jtrue[2], atol=1e-5))
rep(476, np.allclose(g3[3] @ A3 @ A2, g3[1], atol=1e-5))
print("   (line 476: author", (g3[3] @ A3 @ A2).round(4), " true", g3[1].round(4), ")")
# line 480: ||W|| > 1 with tanh' <= 1 does not force explosion (saturated units); the < 1 half holds
Wbig = 1.5 * np.eye(H); hcur = np.full(H, 3.0); P_ = np.eye(H); norms = []
for s_ in range(30):
    hcur = np.tanh(Wbig @ hcur + 2.0); P_ = np.diag(1 - hcur ** 2) @ Wbig @ P_; norms.append(np.linalg.norm(P_, 2))
explodes = norms[-1] > norms[0]
Wsmall = 0.9 * np.linalg.qr(rng.normal(size=(H, H)))[0]; hcur = rng.normal(size=H); P2 = np.eye(H)
for s_ in range(30):
    hcur = np.tanh(Wsmall @ hcur); P2 = np.diag(1 - hcur ** 2) @ Wsmall @ P2
rep(480, explodes and np.linalg.norm(P2, 2) <= 0.9 ** 30 + 1e-12)
print("   (line 480: ||W||=1.5 but Jacobian-product norm after 30 steps =", norms[-1], "; ||W||=0.9 case:", np.linalg.norm(P2, 2), ")")
