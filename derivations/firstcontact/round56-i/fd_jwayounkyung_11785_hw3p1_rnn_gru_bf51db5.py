"""Finite-difference check of jwayounkyung_11785_hw3p1_rnn_gru_bf51db5.md (numpy only, float64).
The transcribed code (activation.py, rnn_cell.py, gru_cell.py, rnn_classifier.py forward/backward)
is executed from the markdown fences; intermediate quantities are recomputed as the author wrote them.
Conventions (11-785 HW3P1): row layout, x (N,d), h (N,h); W_ih (h,d), W_hh (h,h);
RNN cell parameter gradients are batch-averaged (divided by N), dx / dh_prev_t are per-sample;
GRU cell works on single vectors x (d,), h (h,), delta (1,h), PyTorch GRU equations."""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "jwayounkyung_11785_hw3p1_rnn_gru_bf51db5.md"
EXP = json.load(open(os.path.join(HERE, NAME.replace(NAME, "expected.json"))))[NAME]
EPS = 1e-6
rng = np.random.default_rng(5)
def num(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o + EPS; a = f(); arr[idx] = o - EPS; b = f(); arr[idx] = o
        g[idx] = (a - b) / (2 * EPS)
    return g
def close(a, b):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
results = {}
def rec(line, ok): results.setdefault(line, []).append(bool(ok))
sig = lambda v: 1.0 / (1.0 + np.exp(-v))

md = open(os.path.join(HERE, NAME), encoding="utf-8").read()
fences = re.findall(r"```python\n(.*?)```", md, flags=re.S)
act_src, rnn_src, gru_src, clf_src = fences
ns = {"np": np}
exec("class Activation(object):\n    def __init__(self):\n        self.state = None\n    def __call__(self, x):\n        return self.forward(x)\n", ns)
exec(act_src, ns)
exec(rnn_src.replace("from activation import *", ""), ns)
exec(gru_src.replace("from activation import *", ""), ns)
exec("class RNNPhonemeClassifier(object):\n    def __call__(self, x, h_0=None):\n        return self.forward(x, h_0)\n" + clf_src, ns)
Sigmoid, Tanh, RNNCell, GRUCell, Clf = ns["Sigmoid"], ns["Tanh"], ns["RNNCell"], ns["GRUCell"], ns["RNNPhonemeClassifier"]

# ---------------- activation.py (lines 16-47) ----------------
v = rng.standard_normal((3, 4))
s = Sigmoid(); sv = s.forward(v)                                        # line 16
rec(16, close(sv, sig(v)))
vv = v.copy(); rec(20, close(s.backward(), num(lambda: float(np.sum(sig(vv))), vv)))
t_ = Tanh(); tv = t_.forward(v)                                         # line 40
rec(40, close(tv, np.tanh(v)))
vv = v.copy(); dtan = num(lambda: float(np.sum(np.tanh(vv))), vv)
rec(45, close(t_.backward(tv), dtan)); rec(47, close(t_.backward(), dtan))

# ---------------- rnn_cell.py single step (lines 121-172) ----------------
N, d, H = 3, 4, 5
cell = RNNCell(d, H)
cell.init_weights(rng.standard_normal((H, d)) * .6, rng.standard_normal((H, H)) * .6, rng.standard_normal(H), rng.standard_normal(H))
x = rng.standard_normal((N, d)); hp = rng.standard_normal((N, H)); delta = rng.standard_normal((N, H))
ref = lambda: np.tanh(x @ cell.W_ih.T + cell.b_ih + hp @ cell.W_hh.T + cell.b_hh)
ht = cell.forward(x, hp)                                                # line 124 (docstring eq. line 121)
rec(124, close(ht, ref())); rec(121, close(ht, ref()))
Lr = lambda: float(np.sum(delta * ref()))
Zp = x @ cell.W_ih.T + cell.b_ih + hp @ cell.W_hh.T + cell.b_hh
dZ_true = num(lambda: float(np.sum(delta * np.tanh(Zp))), Zp)
dz = delta * cell.activation.backward(ht)                               # line 160
rec(160, close(dz, dZ_true))
dx, dhp = cell.backward(delta, ht, x, hp)
rec(165, close(cell.dW_ih, num(Lr, cell.W_ih) / N)); rec(166, close(cell.dW_hh, num(Lr, cell.W_hh) / N))
rec(167, close(cell.db_ih, num(Lr, cell.b_ih) / N)); rec(168, close(cell.db_hh, num(Lr, cell.b_hh) / N))
rec(171, close(dx, num(Lr, x))); rec(172, close(dhp, num(Lr, hp)))

# ---------------- rnn_classifier.py (lines 392-461), 2 layers, 3 steps ----------------
class Linear:
    def __init__(self, W, b): self.W, self.b = W, b
    def __call__(self, A): self.A = A; return A @ self.W.T + self.b
    def backward(self, dZ): return dZ @ self.W
T, L_, O = 3, 2, 3
clf = Clf(); clf.num_layers, clf.hidden_size, clf.hiddens = L_, H, []
clf.rnn = [RNNCell(d, H), RNNCell(H, H)]
for c in clf.rnn:
    c.init_weights(rng.standard_normal(c.W_ih.shape) * .5, rng.standard_normal((H, H)) * .5, rng.standard_normal(H), rng.standard_normal(H))
clf.output_layer = Linear(rng.standard_normal((O, H)), rng.standard_normal(O))
X = rng.standard_normal((N, T, d)); h0 = rng.standard_normal((L_, N, H)); dlog = rng.standard_normal((N, O))
def ref_fwd(X, h0):
    hs = [h0.copy()]; hid = h0.copy()
    for t in range(T):
        hid = hid.copy()
        hid[0] = np.tanh(X[:, t] @ clf.rnn[0].W_ih.T + clf.rnn[0].b_ih + hid[0] @ clf.rnn[0].W_hh.T + clf.rnn[0].b_hh)
        hid[1] = np.tanh(hid[0] @ clf.rnn[1].W_ih.T + clf.rnn[1].b_ih + hid[1] @ clf.rnn[1].W_hh.T + clf.rnn[1].b_hh)
        hs.append(hid.copy())
    return hs, hid[-1] @ clf.output_layer.W.T + clf.output_layer.b
hs_ref, log_ref = ref_fwd(X, h0)
logits = clf.forward(X, h0.copy())
ok_h = all(close(a, b) for a, b in zip(clf.hiddens, hs_ref)) and len(clf.hiddens) == T + 1
rec(392, ok_h); rec(394, ok_h); rec(395, ok_h); rec(399, close(logits, log_ref))
Lc = lambda: float(np.sum(dlog * ref_fwd(X, h0)[1]))
for c in clf.rnn: c.zero_grad()
dh0 = clf.backward(dlog)
rec(424, close(clf.output_layer.backward(dlog), num(lambda: float(np.sum(dlog * (HH @ clf.output_layer.W.T))), HH := hs_ref[-1][-1].copy())))
rec(454, True); rec(456, True)      # h_prev_l choices; verified through the gradients below
ok457 = all(close(c.dW_ih, num(Lc, c.W_ih) / N) and close(c.dW_hh, num(Lc, c.W_hh) / N) and close(c.db_ih, num(Lc, c.b_ih) / N) and close(c.db_hh, num(Lc, c.b_hh) / N) for c in clf.rnn)
rec(457, ok457); rec(454, ok457); rec(456, ok457); rec(459, ok457)
rec(461, close(dh0, num(Lc, h0) / N))
# line 162 (except branch): state of the activation = last forward output of that cell (time T-1)
c0 = clf.rnn[0]
hid_prev = hs_ref[0][0]; ht0 = hs_ref[1][0]
Z0 = X[:, 0] @ c0.W_ih.T + c0.b_ih + hid_prev @ c0.W_hh.T + c0.b_hh
dn_any = rng.standard_normal((N, H))
dz162 = dn_any * c0.activation.backward()                               # as written: uses self.state
rec(162, close(dz162, num(lambda: float(np.sum(dn_any * np.tanh(Z0))), Z0)))

# ---------------- gru_cell.py (lines 274-338) ----------------
dg, hg = 4, 3
g = GRUCell(dg, hg)
P = {k: rng.standard_normal(getattr(g, k).shape) * .7 for k in ["Wrx", "Wzx", "Wnx", "Wrh", "Wzh", "Wnh", "brx", "bzx", "bnx", "brh", "bzh", "bnh"]}
g.init_weights(*[P[k] for k in ["Wrx", "Wzx", "Wnx", "Wrh", "Wzh", "Wnh", "brx", "bzx", "bnx", "brh", "bzh", "bnh"]])
xg = rng.standard_normal(dg); hg0 = rng.standard_normal(hg); dl = rng.standard_normal((1, hg))
def gru_ref(xg, hg0):
    r = sig(P["Wrx"] @ xg + P["brx"] + P["Wrh"] @ hg0 + P["brh"]); z = sig(P["Wzx"] @ xg + P["bzx"] + P["Wzh"] @ hg0 + P["bzh"])
    n = np.tanh(P["Wnx"] @ xg + P["bnx"] + r * (P["Wnh"] @ hg0 + P["bnh"]))
    return (1 - z) * n + z * hg0, r, z, n
hT, rR, zR, nR = gru_ref(xg, hg0)
out = g.forward(xg, hg0)
rec(274, close(g.r, rR)); rec(275, close(g.z, zR)); rec(276, close(g.n, nR)); rec(277, close(out, hT))
Lg = lambda: float(np.sum(dl * gru_ref(xg, hg0)[0]))
# gradients w.r.t. the intermediate activations (z, n, r) and pre-activations
Zz = P["Wzx"] @ xg + P["bzx"] + P["Wzh"] @ hg0 + P["bzh"]; Zr = P["Wrx"] @ xg + P["brx"] + P["Wrh"] @ hg0 + P["brh"]
def L_of(z=None, n=None, r=None):
    r_ = rR if r is None else r; z_ = zR if z is None else z
    n_ = np.tanh(P["Wnx"] @ xg + P["bnx"] + r_ * (P["Wnh"] @ hg0 + P["bnh"])) if n is None else n
    return float(np.sum(dl * ((1 - z_) * n_ + z_ * hg0)))
zz = zR.copy(); nn_ = nR.copy(); rr = rR.copy()
dz_true = num(lambda: L_of(z=zz), zz); dn_true = num(lambda: L_of(n=nn_), nn_); dr_true = num(lambda: L_of(r=rr), rr)
dz_a = dl*(g.hidden)                                                    # line 321
dn_a = dl*np.transpose(1-g.z)                                           # line 322
rec(321, close(dz_a.ravel(), dz_true)); rec(322, close(dn_a.ravel(), dn_true))
dr_a = dn_a*g.h_act.backward()*np.transpose(g.Wnh@g.hidden + g.bnh)      # line 327
rec(327, close(dr_a.ravel(), dr_true))
dxg, dhg = g.backward(dl)
rec(324, close(g.dWnx, num(Lg, P["Wnx"]))); rec(325, close(g.dbnx, num(Lg, P["bnx"])))
rec(329, close(g.dWnh, num(Lg, P["Wnh"]))); rec(330, close(g.dbnh, num(Lg, P["bnh"])))
rec(332, close(g.dWzx, num(Lg, P["Wzx"]))); rec(333, close(g.dbzx, num(Lg, P["bzx"])))
dx_true = num(Lg, xg); dh_true = num(Lg, hg0)
# commented-out attempts (lines 335-336), evaluated as written
rec(335, close(np.ravel(g.Wrx.T@dz_a.ravel() + g.Wzx.T@dz_a.ravel() + g.Wnx.T@dn_a.ravel()), dx_true))
rec(336, close(np.ravel(g.Wrh.T@dz_a.ravel() + g.Wzh.T@dz_a.ravel() + g.Wnh.T@dn_a.ravel()), dh_true))
rec(337, close(np.ravel(dxg) * np.ones(dg), dx_true)); rec(338, close(np.ravel(dhg) * np.ones(hg), dh_true))

bad = 0
for ln in sorted(set(int(k) for k in EXP) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    if ln not in results:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    got = "pass" if all(results[ln]) else "fail"
    print(f"line {ln}: expected {exp}, numeric {got}")
    if exp != got: bad += 1
sys.exit(1 if bad else 0)
