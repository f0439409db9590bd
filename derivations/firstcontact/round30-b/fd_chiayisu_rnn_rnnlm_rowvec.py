"""Finite-difference check of chiayisu_rnn_rnnlm_rowvec.md (numpy only).
The two ```python fences are exec'd as modules 'RNN' and 'RNNLM' (the author's own code).  Local checks:
a line is judged with every upstream quantity correct, so for checks downstream of the two failing lines
(48: missing transpose, 84: wrong softmax) the fences are exec'd a second time with exactly that one line
repaired (string replacement printed below).  Prints 'line N: OK|MISMATCH' for every line of expected.json."""
import json, os, re, sys, types
import numpy as np
here = os.path.dirname(os.path.abspath(__file__)); F = "chiayisu_rnn_rnnlm_rowvec.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
text = open(os.path.join(here, F)).read()
fences = re.findall(r"```python\n(.*?)```", text, re.S)
assert len(fences) == 2
EPS = 1e-6; rng = np.random.default_rng(30)
FIX48 = ("np.dot(dtanh, self.W_h)\n", "np.dot(dtanh, self.W_h.T)\n")
FIX84 = ("np.exp(x) / np.exp(denominator)", "np.exp(x) / denominator")

def load(fix48=False, fix84=False):
    src_rnn, src_lm = fences
    if fix48: assert FIX48[0] in src_rnn; src_rnn = src_rnn.replace(*FIX48)
    if fix84: assert FIX84[0] in src_lm; src_lm = src_lm.replace(*FIX84)
    m1 = types.ModuleType("RNN"); exec(compile(src_rnn, "RNN.py", "exec"), m1.__dict__)
    sys.modules["RNN"] = m1
    m2 = types.ModuleType("RNNLM"); exec(compile(src_lm, "RNNLM.py", "exec"), m2.__dict__)
    return m1, m2

def fd(f, A):
    G = np.zeros_like(A, dtype=float)
    for i in np.ndindex(*A.shape):
        old = A[i]; A[i] = old + EPS; lp = f(); A[i] = old - EPS; lm = f(); A[i] = old; G[i] = (lp - lm) / (2 * EPS)
    return G
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def rep(line, ok, note=""):
    res[str(line)] = ok

M, LM = load()                      # author's code as published
Mf, LMf = load(fix48=True)          # line 48 repaired (for lines downstream of it)
Mff, LMff = load(fix48=True, fix84=True)  # lines 48 and 84 repaired

N, D, H, V = 2, 3, 4, 5
# --- tanh layer (lines 14-16, 20)
x = rng.normal(size=(N, H)); th = M.tanh(); out = th.forward(x)
num = np.exp(x) - np.exp(-x); den = np.exp(x) + np.exp(-x)
rep(14, close(num, 2 * np.sinh(x))); rep(15, close(den, 2 * np.cosh(x))); rep(16, close(out, np.tanh(x)))
g = rng.normal(size=(N, H)); got = th.backward(g)
rep(20, close(got, fd(lambda: np.sum(g * np.tanh(x)), x)))

# --- RNN cell (lines 38-51): loss L = sum(G * h_t)
def cell_check(mod):
    r = mod.RNN(D, H, N); xx = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))
    L = lambda: np.sum(G * np.tanh(xx @ r.W_x + hp @ r.W_h + r.b))
    h = r.forward(xx, hp)
    dhp, dx = r.backward(G); dWh, dWx, db = r.grads
    pre = xx @ r.W_x + hp @ r.W_h + r.b
    dpre = fd(lambda: np.sum(G * np.tanh(pre)), pre)
    return dict(h=close(h, np.tanh(xx @ r.W_x + hp @ r.W_h + r.b)), dt=close(r.tanh.backward(G), dpre),
                dWh=close(dWh, fd(L, r.W_h)), dWx=close(dWx, fd(L, r.W_x)), dh=close(dhp, fd(L, hp)),
                db=close(db, fd(L, r.b)), dx=close(dx, fd(L, xx)))
c = cell_check(M)
rep(38, c["h"]); rep(43, c["dt"]); rep(44, c["dWh"]); rep(46, c["dWx"]); rep(48, c["dh"]); rep(49, c["db"]); rep(51, c["dx"])
print("line 48 repaired for downstream checks:", FIX48)

# --- Time_RNN (lines 64, 70): separate RNN per step; loss on the last hidden state only: L = sum(G * h_T)
T = 3
def time_rnn_check(mod):
    tr = mod.Time_RNN(D, H, N, T); xs = rng.normal(size=(T, N, D)); h0 = rng.normal(size=(N, H)); G = rng.normal(size=(N, H))
    def run():
        h = h0
        for t in range(T):
            r = tr.rnn[t]; h = np.tanh(xs[t] @ r.W_x + h @ r.W_h + r.b)
        return h
    hs = tr.forward(xs, h0)
    fwd_ok = close(hs[-1], run())
    dh0, dx0 = tr.backward(G)
    L = lambda: np.sum(G * run())
    ok = close(dh0, fd(L, h0)) and close(dx0, fd(L, xs)[0])
    for t in range(T):
        ok = ok and close(tr.rnn[t].grads[0], fd(L, tr.rnn[t].W_h)) and close(tr.rnn[t].grads[1], fd(L, tr.rnn[t].W_x))
    return fwd_ok, ok
fwd_ok, _ = time_rnn_check(M); rep(64, fwd_ok)
_, bwd_ok = time_rnn_check(Mf); rep(70, bwd_ok)

# --- Softmax (82-84) and CrossEntropyLoss (88-91)
z = rng.normal(size=(N, V)); ref = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
d1 = np.sum(np.exp(z), axis=1); d2 = d1[:, np.newaxis]
rep(82, close(d1, np.exp(z).sum(axis=1))); rep(83, close(d2 * ref, np.exp(z)))
rep(84, close(LM.Softmax(z), ref))
yy = np.eye(V)[rng.integers(0, V, N)]
lp = np.log(ref); s = np.sum(yy * lp)
rep(88, close(lp, np.log(ref))); rep(89, close(-s, -np.sum(yy * np.log(ref))))
rep(90, close(s * -1, -np.sum(yy * np.log(ref)))); rep(91, close(LM.CrossEntropyLoss(yy, ref), -np.sum(yy * np.log(ref)) / N))

# --- Embedding (103, 106)
E = rng.normal(size=(V, D)); idx = np.array([1, 3, 1]); emb = LM.Embedding_Layer(E); o = emb.forward(idx)
rep(103, close(o, E[idx]))
G = rng.normal(size=o.shape); emb.backward(G)
rep(106, close(emb.grads, fd(lambda: np.sum(G * E[idx]), E)))

# --- Affine (117, 123-125)
af = LM.Affine(H, V, N); xa = rng.normal(size=(N, H)); o = af.forward(xa); G = rng.normal(size=o.shape)
rep(117, close(o, xa @ af.W + af.b))
La = lambda: np.sum(G * (xa @ af.W + af.b)); dxa = af.backward(G)
rep(123, close(dxa, fd(La, xa))); rep(124, close(af.grads[0], fd(La, af.W))); rep(125, close(af.grads[1], fd(La, af.b)))

# --- SoftmaxwithLoss forward (138, 141) as published; backward (146-148) with line 84 repaired
sl = LM.SoftmaxwithLoss(); yh, loss = sl.forward(z, yy)
rep(138, close(yh, LM.Softmax(z))); rep(141, close(loss, LM.CrossEntropyLoss(yy, LM.Softmax(z))))
print("line 84 repaired for downstream checks:", FIX84)
sl = LMff.SoftmaxwithLoss(); zz = z.copy(); sl.forward(zz, yy)
Lsl = lambda: LMff.CrossEntropyLoss(yy, LMff.Softmax(zz))
g_fd = fd(Lsl, zz)
ys = sl.y_hat.copy(); ys[yy == 1] -= 1
rep(146, close(ys, g_fd * N))            # y_hat - y  (before the 1/N and dout factors)
dout = 1.7; tmp = ys * dout; rep(147, close(tmp, g_fd * N * dout))
sl2 = LMff.SoftmaxwithLoss(); sl2.forward(zz.copy(), yy); rep(148, close(sl2.backward(), g_fd))

# --- RNNLM step (164-166 forward, 172-175 backward); batch 1
def lm_step(modlm, check_back):
    Emat = rng.normal(size=(V, D)); m = modlm.RNNLM(D, H, 1, V, Emat)
    w = np.array([2]); hprev = rng.normal(size=(1, H)); yt = np.eye(V)[[4]]
    r, af = m.RNNLM[1], m.RNNLM[2]
    def fwd():
        e = Emat[w]; h = np.tanh(e @ r.W_x + hprev @ r.W_h + r.b); a = h @ af.W + af.b
        return e, h, a
    pw, h, loss = m.forward(w, hprev, yt)
    e, h_ref, a_ref = fwd()
    f_ok = (close(h, h_ref), close(m.RNNLM[2].forward(h), a_ref), close(loss, modlm.CrossEntropyLoss(yt, modlm.Softmax(a_ref))))
    if not check_back: return f_ok
    m.forward(w, hprev, yt)
    dn = rng.normal(size=(1, H))
    L = lambda: modlm.CrossEntropyLoss(yt, modlm.Softmax(fwd()[2])) + np.sum(dn * fwd()[1])
    dh_prev = m.backward(dn)
    g_emb = m.RNNLM[0].grads; gWh = m.RNNLM[1].grads[0]; gW = m.RNNLM[2].grads[0]
    return (close(gW, fd(L, af.W)), close(gWh, fd(L, r.W_h)), close(dh_prev, fd(L, hprev)), close(g_emb, fd(L, Emat)))
f1, f2, f3 = lm_step(LM, False); rep(164, f1); rep(165, f2); rep(166, f3)
b172, b174w, b174h, b175 = lm_step(LMff, True)
rep(172, b172 and b174w); rep(173, b172); rep(174, b174w and b174h); rep(175, b175)

# --- Time_RNNLM (193, 194 forward as published; 199, 201 backward with 48 and 84 repaired)
def time_lm(modlm, back):
    Emat = rng.normal(size=(V, D)); T2 = 3; tl = modlm.Time_RNNLM(D, H, 1, V, Emat, T2)
    ys_ = np.eye(V)[[4, 0, 2]]; x0 = np.array([1]); h0 = rng.normal(size=(1, H))
    def run():
        w, h, tot = x0, h0, 0.0
        for t in range(T2):
            m = tl.rnnlm[t]; r, af = m.RNNLM[1], m.RNNLM[2]
            h = np.tanh(Emat[w] @ r.W_x + h @ r.W_h + r.b); a = h @ af.W + af.b
            p = modlm.Softmax(a); tot += modlm.CrossEntropyLoss(ys_[[t]], p); w = np.argmax(p, axis=1)
        return tot
    words, LOSS = tl.forward(x0, ys_, h0)
    if not back: return close(LOSS, run())
    tl.backward()
    ok = True
    for t in range(T2):
        m = tl.rnnlm[t]
        ok = ok and close(m.RNNLM[1].grads[0], fd(run, m.RNNLM[1].W_h)) and close(m.RNNLM[2].grads[0], fd(run, m.RNNLM[2].W))
    return ok
okf = time_lm(LM, False); rep(193, okf); rep(194, okf)
okb = time_lm(LMff, True); rep(199, okb); rep(201, okb)

bad = 0
for line in sorted(exp, key=int):
    want_fail = exp[line]["expected"] == "fail"
    if line not in res: print(f"line {line}: NOT CHECKED"); bad += 1; continue
    agree = (not res[line]) == want_fail
    bad += not agree
    print(f"line {line}: {'OK' if agree else 'MISMATCH'} (author's statement {'matches' if res[line] else 'differs from'} the finite-difference/reference value; expected {exp[line]['expected']})")
extra = set(res) - set(exp)
if extra: print("checked but not in expected.json:", sorted(extra, key=int)); bad += len(extra)
print("ALL VERDICTS AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
