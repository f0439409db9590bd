"""Finite-difference check of numpy_rnn_gru_lstm_models.md (numpy only).
The activation.py and utils.py fences are exec'd as modules; model_base is replaced by a minimal stub Model (stores the
dimensions, learning rate, type and hidden = zeros((hidden_dim, 1))).  The model fences are exec'd and their feed_forward
is run for the forward-line checks.  Backward lines are checked locally: an independent forward of each model
(many-to-one: softmax of the last step's logits, cross-entropy with a one-hot target; RNN/GRU/LSTM with a random nonzero
initial state; the GRU is the standard GRU the backward pass assumes, candidate tanh(W_c x + U_c (r*h_prev) + b_c))
with additive perturbation hooks on every intermediate node gives, by central differences, the true dL/d(node) and
dL/d(parameter).  Each author statement is evaluated (re-typed, calling the author's Tanh/Sigmoid/CELoss classes) with
true upstream values -- except that variables the code never updates keep their code values (dy = last-step gradient,
reused at every step; GRU dhidden_next = 0) -- and compared with the true value; '+=' lines are summed over t and compared
with the finite-difference parameter gradient.  Prints 'line N: OK|MISMATCH' for every line of expected.json."""
import json, os, re, sys, types, warnings
import numpy as np
warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__)); F = "numpy_rnn_gru_lstm_models.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
text = open(os.path.join(here, F)).read(); lines = text.split("\n")
fences = re.findall(r"```python\n(.*?)```", text, re.S); assert len(fences) == 5
EPS = 1e-6; rng = np.random.default_rng(31)
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
res = {}
def rep(n, snippet, ok):
    assert snippet in lines[n - 1], (n, snippet, lines[n - 1]); res[str(n)] = bool(ok)
def fd(fun, shape):
    G = np.zeros(shape)
    for ix in np.ndindex(*shape):
        d = np.zeros(shape); d[ix] = EPS; G[ix] = (fun(d) - fun(-d)) / (2 * EPS)
    return G
sig = lambda v: 1 / (1 + np.exp(-v)); smax = lambda z: np.exp(z) / np.sum(np.exp(z))
CE = lambda Y, p: -np.sum(Y * np.log(p))

# ---------------- modules
act = types.ModuleType("activation"); exec(fences[0], act.__dict__); sys.modules["activation"] = act
ut = types.ModuleType("utils"); exec(fences[1], ut.__dict__); sys.modules["utils"] = ut
mb = types.ModuleType("model_base")
class Model:
    def __init__(self, input_dim, output_dim, hidden_dim, learning_rate, type):
        self.input_dim, self.output_dim, self.hidden_dim = input_dim, output_dim, hidden_dim
        self.learning_rate, self.type = learning_rate, type; self.hidden = np.zeros((hidden_dim, 1))
mb.Model = Model; sys.modules["model_base"] = mb
nsR, nsG, nsL = {}, {}, {}
exec(fences[2], nsR); exec(fences[3], nsG); exec(fences[4], nsL)
Tanh, Sigmoid = act.Tanh, act.Sigmoid

# ---------------- activation.py / utils.py
v = rng.normal(size=(4, 1))
rep(51, "np.exp(x) / np.sum", close(act.Softmax().forward(v), smax(v)))
rep(68, "1 / (1 + np.exp(-x))", close(Sigmoid().forward(v), sig(v)))
rep(72, "a*(1 - a)", close(Sigmoid().backward(v), (sig(v + EPS) - sig(v - EPS)) / (2 * EPS)))
rep(83, "np.tanh(x)", close(Tanh().forward(v), np.tanh(v)))
rep(87, "1 - a**2", close(Tanh().backward(v), (np.tanh(v + EPS) - np.tanh(v - EPS)) / (2 * EPS)))
Yv = np.zeros((4, 1)); Yv[2] = 1; ce = ut.CELoss()
rep(112, "np.sum(-Y*np.log(Y_hat)", close(ce.forward(Yv, smax(v)), CE(Yv, smax(v))))
rep(119, "self.Y_hat - self.Y", close(ce.backward(), fd(lambda d: CE(Yv, smax(v + d)), (4, 1))))

D, H, O, T = 3, 4, 3, 4
X = [rng.normal(size=(D, 1)) for _ in range(T)]
Y = np.zeros((O, 1)); Y[1] = 1
def pgrads(loss, P):
    out = {}
    for k in P:
        def f(d, k=k):
            Q = dict(P); Q[k] = P[k] + d; return loss(Q, {})
        out[k] = fd(f, P[k].shape)
    return out
def nodegrad(loss, P, key, shape): return fd(lambda d: loss(P, {key: d}), shape)
def last_dy(p):    # the author's dy: CELoss.forward(Y, Y_hat) then CELoss.backward()
    lf = ut.CELoss(); lf.forward(Y, p); return lf.backward()

# ================= RNN
P = {"W_ax": rng.normal(size=(H, D)), "W_aa": rng.normal(scale=0.6, size=(H, H)), "W_ya": rng.normal(size=(O, H)),
     "b_a": rng.normal(size=(H, 1)), "b_y": rng.normal(size=(O, 1))}
h0 = rng.normal(size=(H, 1))
def rnn_loss(P, pt, states=False):
    g = lambda k: pt.get(k, 0.0)
    h = h0 + g(("hrec", -1)); hs = []
    for t in range(T):
        a = P["W_aa"] @ h + P["W_ax"] @ X[t] + P["b_a"] + g(("a", t))
        h = np.tanh(a) + g(("h", t)); hs.append(h); h = h + g(("hrec", t))
    z = P["W_ya"] @ hs[-1] + P["b_y"] + g(("z",)); p = smax(z)
    return (CE(Y, p), hs, p) if states else CE(Y, p)
_, hs, p = rnn_loss(P, {}, True)
gP = pgrads(rnn_loss, P)
dZ = nodegrad(rnn_loss, P, ("z",), (O, 1))
dA = [nodegrad(rnn_loss, P, ("a", t), (H, 1)) for t in range(T)]
dH = [nodegrad(rnn_loss, P, ("h", t), (H, 1)) for t in range(T)]
dHrec = {t: nodegrad(rnn_loss, P, ("hrec", t), (H, 1)) for t in range(-1, T)}
m = nsR["RNN"](D, O, H)
for k in P: setattr(m, k, P[k].copy())
m.hidden = h0.copy(); Yhat = m.feed_forward(X)
ok = ok2 = True
for t in range(T):
    prev = h0 if t == 0 else m.hidden_states[t - 1]
    ok &= close(m.hidden_states[t], np.tanh(P["W_aa"] @ prev + P["W_ax"] @ X[t] + P["b_a"]))
    ok2 &= close(m.outputs[t], smax(P["W_ya"] @ m.hidden_states[t] + P["b_y"]))
rep(187, "self.hidden = tanh.forward", ok); rep(190, "y = self.activation.forward", ok2)
dy = last_dy(Yhat); rep(217, "dy = self.loss_function.backward()", close(dy, dZ))
rep(228, "self.dW_ya += np.dot(dy, self.hidden_states[t].T)", close(sum(np.dot(dy, hs[t].T) for t in range(T)), gP["W_ya"]))
rep(229, "self.db_y += dy", close(sum(dy for t in range(T)), gP["b_y"]))
rep(232, "da = np.dot(self.W_ya.T, dy) + da_next", all(close(np.dot(P["W_ya"].T, dy) + dHrec[t], dH[t]) for t in range(T)))
rep(235, "dtanh = tanh.backward(self.hidden_states[t])*da", all(close(Tanh().backward(hs[t]) * dH[t], dA[t]) for t in range(T)))
rep(236, "self.db_a += dtanh", close(sum(dA), gP["b_a"]))
rep(237, "self.dW_ax += np.dot(dtanh, X[t].T)", close(sum(np.dot(dA[t], X[t].T) for t in range(T)), gP["W_ax"]))
rep(238, "self.dW_aa += np.dot(dtanh, self.hidden_states[t-1].T)", close(sum(np.dot(dA[t], hs[t - 1].T) for t in range(T)), gP["W_aa"]))
rep(241, "da_next = np.dot(self.W_aa.T, dtanh)", all(close(np.dot(P["W_aa"].T, dA[t]), dHrec[t - 1]) for t in range(T)))

# ================= GRU (standard GRU assumed by the backward: candidate uses r * h_prev)
P = {k: rng.normal(size=(H, D)) for k in ("W_r", "W_u", "W_c")}
P.update({k: rng.normal(scale=0.6, size=(H, H)) for k in ("U_r", "U_u", "U_c")})
P.update({k: rng.normal(size=(H, 1)) for k in ("b_r", "b_u", "b_c")}); P["W_y"] = rng.normal(size=(O, H)); P["b_y"] = rng.normal(size=(O, 1))
h0 = rng.normal(size=(H, 1))
def gru_loss(P, pt, states=False):
    g = lambda k: pt.get(k, 0.0)
    hp = h0 + g(("hrec", -1)); S = {k: [] for k in "rucH"}
    for t in range(T):
        zr = P["W_r"] @ X[t] + P["U_r"] @ (hp + g(("hpr", t))) + P["b_r"] + g(("zr", t)); r = sig(zr) + g(("r", t))
        zu = P["W_u"] @ X[t] + P["U_u"] @ (hp + g(("hpu", t))) + P["b_u"] + g(("zu", t)); u = sig(zu) + g(("u", t))
        zc = P["W_c"] @ X[t] + P["U_c"] @ (r * (hp + g(("hpc", t)))) + P["b_c"] + g(("zc", t)); c = np.tanh(zc) + g(("c", t))
        h = u * (hp + g(("hpd", t))) + (1 - u) * c + g(("h", t))
        for k, val in zip("rucH", (r, u, c, h)): S[k].append(val)
        hp = h + g(("hrec", t))
    z = P["W_y"] @ S["H"][-1] + P["b_y"] + g(("z",)); p = smax(z)
    return (CE(Y, p), S, p) if states else CE(Y, p)
_, S, p = gru_loss(P, {}, True); r, u, c, hs = S["r"], S["u"], S["c"], S["H"]
gP = pgrads(gru_loss, P)
NG = lambda name: [nodegrad(gru_loss, P, (name, t), (H, 1)) for t in range(T)]
dZ = nodegrad(gru_loss, P, ("z",), (O, 1))
dZr, dR, dZu, dU, dZc, dH = NG("zr"), NG("r"), NG("zu"), NG("u"), NG("zc"), NG("h")
dHPr, dHPu, dHPc, dHPd = NG("hpr"), NG("hpu"), NG("hpc"), NG("hpd")
m = nsG["GRU"](D, O, H)
for k in P: setattr(m, k, P[k].copy())
m.hidden = h0.copy(); m.feed_forward(X)
oks = {n: True for n in (338, 341, 344, 347, 350, 353)}
for t in range(T):
    prev = h0 if t == 0 else m.hidden_states[t - 1]; rt, ut_, ct = m.r_states[t], m.u_states[t], m.c_states[t]
    oks[338] &= close(rt, sig(P["W_r"] @ X[t] + P["U_r"] @ prev + P["b_r"]))
    oks[341] &= close(ut_, sig(P["W_u"] @ X[t] + P["U_u"] @ prev + P["b_u"]))
    oks[344] &= close(ct, np.tanh(P["W_c"] @ X[t] + P["U_c"] @ (rt * prev) + P["b_c"]))
    oks[347] &= close(m.hidden_states[t], ut_ * prev + (1 - ut_) * ct)
    oks[350] &= close(m.y_states[t], P["W_y"] @ m.hidden_states[t] + P["b_y"])
    oks[353] &= close(m.outputs[t], smax(m.y_states[t]))
rep(338, "reset = sigmoid.forward", oks[338]); rep(341, "update = sigmoid.forward", oks[341])
rep(344, "cand = tanh.forward", oks[344]); rep(347, "self.hidden = np.multiply(update", oks[347])
rep(350, "h_o = np.dot(self.W_y", oks[350]); rep(353, "y = self.activation.forward(h_o)", oks[353])
dy = last_dy(p); rep(387, "dy = self.loss_function.backward()", close(dy, dZ))
rep(398, "self.dW_y += np.dot(dy, self.hidden_states[t].T)", close(sum(np.dot(dy, hs[t].T) for t in range(T)), gP["W_y"]))
rep(399, "self.db_y += dy", close(sum(dy for t in range(T)), gP["b_y"]))
dhidden_next = np.zeros((H, 1))   # never updated by the code
rep(402, "dh = np.dot(self.W_y.T, dy) + dhidden_next", all(close(np.dot(P["W_y"].T, dy) + dhidden_next, dH[t]) for t in range(T)))
rep(403, "dc = tanh.backward(self.c_states[t])", all(close(Tanh().backward(c[t]) * np.multiply(dH[t], (1 - u[t])), dZc[t]) for t in range(T)))
rep(406, "self.dW_c += np.dot(dc, X[t].T)", close(sum(np.dot(dZc[t], X[t].T) for t in range(T)), gP["W_c"]))
rep(407, "self.dU_c += np.dot(dc, np.multiply(self.r_states[t], self.hidden_states[t-1]).T)",
    close(sum(np.dot(dZc[t], np.multiply(r[t], hs[t - 1]).T) for t in range(T)), gP["U_c"]))
rep(408, "self.db_c += dc", close(sum(dZc), gP["b_c"]))
rep(411, "dr = np.multiply(np.dot(self.U_c.T, dc), self.hidden_states[t-1])",
    all(close(np.multiply(np.dot(P["U_c"].T, dZc[t]), hs[t - 1]), dR[t]) for t in range(T)))
rep(412, "dr = dr*sigmoid.backward(self.r_states[t])", all(close(dR[t] * Sigmoid().backward(r[t]), dZr[t]) for t in range(T)))
rep(415, "self.dW_r += np.dot(dr, X[t].T)", close(sum(np.dot(dZr[t], X[t].T) for t in range(T)), gP["W_r"]))
rep(416, "self.dU_r += np.dot(dr, self.hidden_states[t-1].T)", close(sum(np.dot(dZr[t], hs[t - 1].T) for t in range(T)), gP["U_r"]))
rep(417, "self.db_r += dr", close(sum(dZr), gP["b_r"]))
rep(420, "du = np.multiply(dh, self.hidden_states[t-1] - self.c_states[t])",
    all(close(np.multiply(dH[t], hs[t - 1] - c[t]), dU[t]) for t in range(T)))
rep(421, "du = du*sigmoid.backward(self.u_states[t])", all(close(dU[t] * Sigmoid().backward(u[t]), dZu[t]) for t in range(T)))
rep(424, "self.dW_u += np.dot(du, X[t].T)", close(sum(np.dot(dZu[t], X[t].T) for t in range(T)), gP["W_u"]))
rep(425, "self.dU_u += np.dot(du, self.hidden_states[t-1].T)", close(sum(np.dot(dZu[t], hs[t - 1].T) for t in range(T)), gP["U_u"]))
rep(426, "self.db_u += du", close(sum(dZu), gP["b_u"]))
rep(429, "dhnext = np.dot(self.U_u.T, du) + np.multiply(dh, self.u_states[t])",
    all(close(np.dot(P["U_u"].T, dZu[t]) + np.multiply(dH[t], u[t]), dHPu[t] + dHPd[t]) for t in range(T)))
rep(430, "dhnext += np.multiply(np.dot(self.U_c.T, dc), self.r_states[t]) + np.dot(self.U_r.T, dr)",
    all(close(np.multiply(np.dot(P["U_c"].T, dZc[t]), r[t]) + np.dot(P["U_r"].T, dZr[t]), dHPc[t] + dHPr[t]) for t in range(T)))

# ================= LSTM
P = {k: rng.normal(scale=0.7, size=(H, H + D)) for k in ("W_f", "W_i", "W_g", "W_o")}
P.update({k: rng.normal(size=(H, 1)) for k in ("b_f", "b_i", "b_g", "b_o")}); P["W_h"] = rng.normal(size=(O, H)); P["b_h"] = rng.normal(size=(O, 1))
h0, c0 = rng.normal(size=(H, 1)), rng.normal(size=(H, 1))
def lstm_loss(P, pt, states=False):
    g = lambda k: pt.get(k, 0.0)
    hp = h0 + g(("hrec", -1)); cp = c0 + g(("crec", -1)); S = {k: [] for k in ("f", "i", "g", "o", "hi")}; hs, cs = [hp], [cp]
    for t in range(T):
        hi = np.vstack((hp, X[t])) + g(("hi", t))
        f = sig(P["W_f"] @ hi + P["b_f"] + g(("zf", t))) + g(("f", t)); i = sig(P["W_i"] @ hi + P["b_i"] + g(("zi", t))) + g(("i", t))
        gg = np.tanh(P["W_g"] @ hi + P["b_g"] + g(("zg", t))) + g(("g", t)); o = sig(P["W_o"] @ hi + P["b_o"] + g(("zo", t))) + g(("o", t))
        cc = f * cp + i * gg + g(("c", t)); h = o * np.tanh(cc) + g(("h", t))
        for k, val in zip(("f", "i", "g", "o", "hi"), (f, i, gg, o, hi)): S[k].append(val)
        hs.append(h); cs.append(cc); hp = h + g(("hrec", t)); cp = cc + g(("crec", t))
    z = P["W_h"] @ hs[-1] + P["b_h"] + g(("z",)); p = smax(z)
    return (CE(Y, p), S, hs, cs, p) if states else CE(Y, p)
_, S, hsf, csf, p = lstm_loss(P, {}, True); f, i, gg, o, hi = S["f"], S["i"], S["g"], S["o"], S["hi"]
gP = pgrads(lstm_loss, P)
NG = lambda name, shp=(H, 1): [nodegrad(lstm_loss, P, (name, t), shp) for t in range(T)]
dZ = nodegrad(lstm_loss, P, ("z",), (O, 1))
dZf, dZi, dZg, dZo, dG, dO, dC, dH = NG("zf"), NG("zi"), NG("zg"), NG("zo"), NG("g"), NG("o"), NG("c"), NG("h")
dHI = NG("hi", (H + D, 1))
dHrec = {t: nodegrad(lstm_loss, P, ("hrec", t), (H, 1)) for t in range(-1, T)}
dCrec = {t: nodegrad(lstm_loss, P, ("crec", t), (H, 1)) for t in range(-1, T)}
m = nsL["LSTM"](D, O, H)
for k in P: setattr(m, k, P[k].copy())
m.hidden, m.cmem = h0.copy(), c0.copy(); m.feed_forward(X)
oks = {n: True for n in (551, 555, 556, 557, 558, 561, 564, 567, 570)}
for t in range(T):
    hh = m.hi_states[t]
    oks[551] &= close(hh, np.vstack((m.hidden_states[t], X[t])))
    oks[555] &= close(m.f_states[t], sig(P["W_f"] @ hh + P["b_f"])); oks[556] &= close(m.i_states[t], sig(P["W_i"] @ hh + P["b_i"]))
    oks[557] &= close(m.g_states[t], np.tanh(P["W_g"] @ hh + P["b_g"])); oks[558] &= close(m.o_states[t], sig(P["W_o"] @ hh + P["b_o"]))
    oks[561] &= close(m.cmem_states[t + 1], m.f_states[t] * m.cmem_states[t] + m.i_states[t] * m.g_states[t])
    oks[564] &= close(m.hidden_states[t + 1], m.o_states[t] * np.tanh(m.cmem_states[t + 1]))
    oks[567] &= close(m.h_states[t], P["W_h"] @ m.hidden_states[t + 1] + P["b_h"]); oks[570] &= close(m.outputs[t], smax(m.h_states[t]))
for n, s in ((551, "hi = np.row_stack"), (555, "forget = sigmoid.forward"), (556, "update = sigmoid.forward"), (557, "cand = tanh.forward"),
             (558, "out = sigmoid.forward"), (561, "self.cmem = forget*self.cmem + update*cand"), (564, "self.hidden = out * tanh.forward(self.cmem)"),
             (567, "h_o = np.dot(self.W_h"), (570, "y = self.activation.forward(h_o)")):
    rep(n, s, oks[n])
dy = last_dy(p); rep(607, "dy = self.loss_function.backward()", close(dy, dZ))
rep(618, "self.dW_h += np.dot(dy, self.hidden_states[t+1].T)", close(sum(np.dot(dy, hsf[t + 1].T) for t in range(T)), gP["W_h"]))
rep(619, "self.db_h += dy", close(sum(dy for t in range(T)), gP["b_h"]))
rep(622, "dh = np.dot(self.W_h.T, dy) + dhidden_next", all(close(np.dot(P["W_h"].T, dy) + dHrec[t], dH[t]) for t in range(T)))
rep(623, "do = dh*tanh.forward(self.cmem_states[t])", all(close(dH[t] * Tanh().forward(csf[t]), dO[t]) for t in range(T)))
rep(624, "do = sigmoid.backward(self.o_states[t])*do", all(close(Sigmoid().backward(o[t]) * dO[t], dZo[t]) for t in range(T)))
rep(627, "self.dW_o += np.dot(do, self.hi_states[t].T)", close(sum(np.dot(dZo[t], hi[t].T) for t in range(T)), gP["W_o"]))
rep(628, "self.db_o += do", close(sum(dZo), gP["b_o"]))
rep(631, "dc = np.copy(dcmem_next) + dh*self.o_states[t]*tanh.backward(tanh.forward(self.cmem_states[t]))",
    all(close(np.copy(dCrec[t]) + dH[t] * o[t] * Tanh().backward(Tanh().forward(csf[t])), dC[t]) for t in range(T)))
rep(632, "dg = dc*self.i_states[t]", all(close(dC[t] * i[t], dG[t]) for t in range(T)))
rep(633, "dg = tanh.backward(self.g_states[t])*dg", all(close(Tanh().backward(gg[t]) * dG[t], dZg[t]) for t in range(T)))
rep(636, "self.dW_g += np.dot(dg, self.hi_states[t].T)", close(sum(np.dot(dZg[t], hi[t].T) for t in range(T)), gP["W_g"]))
rep(637, "self.db_g += dg", close(sum(dZg), gP["b_g"]))
rep(640, "di = sigmoid.backward(self.i_states[t])*dc*self.g_states[t]", all(close(Sigmoid().backward(i[t]) * dC[t] * gg[t], dZi[t]) for t in range(T)))
rep(641, "self.dW_i += np.dot(di, self.hi_states[t].T)", close(sum(np.dot(dZi[t], hi[t].T) for t in range(T)), gP["W_i"]))
rep(642, "self.db_i += di", close(sum(dZi), gP["b_i"]))
rep(645, "df = sigmoid.forward(self.f_states[t])*dc*self.cmem_states[t-1]", all(close(Sigmoid().forward(f[t]) * dC[t] * csf[t - 1], dZf[t]) for t in range(T)))
rep(646, "self.dW_f += np.dot(df, self.hi_states[t].T)", close(sum(np.dot(dZf[t], hi[t].T) for t in range(T)), gP["W_f"]))
rep(647, "self.db_f += df", close(sum(dZf), gP["b_f"]))
dhi = [np.dot(P["W_f"].T, dZf[t]) + np.dot(P["W_i"].T, dZi[t]) + np.dot(P["W_g"].T, dZg[t]) + np.dot(P["W_o"].T, dZo[t]) for t in range(T)]
rep(650, "dhi = (np.dot(self.W_f.T, df)", all(close(dhi[t], dHI[t]) for t in range(T)))
rep(651, "dhidden_next = dhi[:self.hidden_dim, :]", all(close(dhi[t][:H, :], dHrec[t - 1]) for t in range(T)))
rep(652, "dcmem_next = self.f_states[t]*dc", all(close(f[t] * dC[t], dCrec[t - 1]) for t in range(T)))

bad = 0
for line in sorted(exp, key=int):
    want_fail = exp[line]["expected"] == "fail"
    if line not in res: print(f"line {line}: NOT CHECKED"); bad += 1; continue
    agree = (not res[line]) == want_fail; bad += not agree
    print(f"line {line}: {'OK' if agree else 'MISMATCH'} (statement {'matches' if res[line] else 'differs from'} the reference/finite-difference value; expected {exp[line]['expected']})")
extra = set(res) - set(exp)
if extra: print("checked but not in expected.json:", sorted(extra, key=int)); bad += len(extra)
print("ALL VERDICTS AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
