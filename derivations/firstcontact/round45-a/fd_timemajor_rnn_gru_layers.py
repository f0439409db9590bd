"""Finite-difference check of timemajor_rnn_gru_layers.md (numpy only).

The python fence is exec'd after replacing its relative import line
`from .Intermediate_Layers import Layer` by a stub `class Layer: pass` (harness only; the .md is untouched).
Forward lines: the author's Forward() intermediates are compared with an independent forward pass.
Activation lines: get_act against the textbook formula, get_deri against a central difference of get_act.
Backward lines: each annotated right-hand side is re-evaluated with TRUE upstream quantities (local judgement);
the true quantities come from central differences of an independent forward pass with additive hooks:
    SimpleRNN: z_t = W x_t + V h_t + b, h_{t+1} = tanh(z_t), h_0 = repeat(h0 vector)
    GRU:       r = sig(W_r x + V_r h + b_r), u = sig(W_u x + V_u h + b_u),
               h~ = tanh(W~ x + V~ (r*h) + b~), h_{t+1} = (1-u) h + u h~
    loss (return_sequence=True):  L = sum_t sum(G_t * h_{t+1})   (delta_h = G = dL/dh_{t+1}, direct part)
    loss (return_sequence=False): L = sum(G * h_T)
Arrays are time-major with batch last: x (T, D, B), h (T+1, H, B).
"""
import os, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "timemajor_rnn_gru_layers.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
a = lines.index("```python"); b = lines.index("```", a + 1)
src = "\n".join(lines[a + 1:b]).replace("from .Intermediate_Layers import Layer", "class Layer: pass")
import sys, types
_mod = types.ModuleType("author_layers"); sys.modules["author_layers"] = _mod   # copy_class pickles by module lookup
ns = _mod.__dict__
exec(compile(src, "<author>", "exec"), ns)
RNN_Activation, SimpleRNN, GRU = ns["RNN_Activation"], ns["SimpleRNN"], ns["GRU"]

rng = np.random.default_rng(45)
T, D, H, B = 3, 2, 3, 2
eps = 1e-6
res = {}
def rec(line, good): res[line] = "pass" if good else "fail"
def close(a_, b_, tol=1e-6):
    a_ = np.asarray(a_, float); b_ = np.asarray(b_, float)
    return a_.shape == b_.shape and np.allclose(a_, b_, rtol=1e-5, atol=tol)
def num_grad(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps; fp = f()
        arr[idx] = old - eps; fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g
sig = lambda z: 1 / (1 + np.exp(-z))

# ---------------- activation helpers ----------------
z = rng.normal(0, 1.2, (H, B)); z[np.abs(z) < 0.1] += 0.5
ref = {"relu": lambda q: np.maximum(q, 0), "sigmoid": sig, "tanh": np.tanh, "linear": lambda q: q}
act_line = {"relu": 17, "sigmoid": 19, "tanh": 23, "linear": 25}
der_line = {"relu": 32, "sigmoid": 34, "tanh": 36, "linear": 38}
for nm in ref:
    A = RNN_Activation(nm)
    rec(act_line[nm], close(A.get_act(z), ref[nm](z)))
    num_d = (A.get_act(z + eps) - A.get_act(z - eps)) / (2 * eps)
    rec(der_line[nm], close(np.broadcast_to(A.get_deri(A.get_act(z), z), z.shape), num_d))
At = RNN_Activation("tanh")
rec(21, close(At.exp_clip(z), np.exp(z)))
rec(22, close(At.exp_clip(-z), np.exp(-z)))
rec(28, close(At.exp_clip(np.array([-3., 0.5, 700., 800.])), np.exp(np.array([-3., 0.5, 700., 709.78]))))

x = rng.normal(0, 1, (T, D, B))
G = rng.normal(0, 1, (T, H, B))      # delta_h for return_sequence=True
GT = rng.normal(0, 1, (H, B))        # delta_h for return_sequence=False

# ---------------- SimpleRNN ----------------
R = {"W": rng.normal(0, .6, (H, D)), "V": rng.normal(0, .6, (H, H)), "b": rng.normal(0, .3, (H, 1)), "h0": rng.normal(0, .5, H)}
def rnn_fwd(P, hk, seq=True, mask=None):
    h = np.repeat(P["h0"], B).reshape(-1, B); L = 0.0; st = []
    for t in range(T):
        hin = h + hk["hin"][t]; xt = x[t] + hk["x"][t]
        zt = P["W"] @ xt + P["V"] @ hin + P["b"] + hk["z"][t]
        hn = np.tanh(zt) + hk["hout"][t]
        if seq: L += (1.0 if mask is None else mask[t]) * np.sum(G[t] * hn)
        st.append(dict(h=h, z=zt, hn=hn)); h = hn
    if not seq: L = np.sum(GT * h)
    return L, st
def zero_hooks(shapes): return {k: np.zeros(s) for k, s in shapes.items()}
rshapes = {"hin": (T, H, B), "x": (T, D, B), "z": (T, H, B), "hout": (T, H, B)}
def rnn_truth(seq, mask=None):
    hk = zero_hooks(rshapes)
    f = lambda: rnn_fwd(R, hk, seq, mask)[0]
    tr = {k: num_grad(f, hk[k]) for k in hk}
    for k in ["W", "V", "b", "h0"]: tr["d" + k] = num_grad(f, R[k])
    return tr
def make_rnn(seq, graph):
    m = SimpleRNN(H, return_sequence=seq, graph=graph)
    m.W_h, m.V_h, m.b_h, m.h_0 = R["W"].copy(), R["V"].copy(), R["b"].copy(), R["h0"].copy()
    m.seq_len, m.bs = T, B
    return m
m = make_rnn(True, True); out = m.Forward(x)
_, st = rnn_fwd(R, zero_hooks(rshapes))
rec(81, close(m.h[0], np.repeat(R["h0"], B).reshape(-1, B)))
rec(83, close(m.z_h, np.array([s["z"] for s in st])))
rec(84, close(m.h[1:], np.array([s["hn"] for s in st])))
dgh = 1 - np.tanh(m.z_h) ** 2
rec(103, close(m.f_func.get_deri(m.h[1:, :], m.z_h), dgh))
rec(127, close(m.f_func.get_deri(m.h[1:, :], m.z_h), dgh))
# return_sequence=True (GRAPH lines 110, 114-121)
tr = rnn_truth(True)
ok110 = ok114 = ok119 = True; sW = sV = sb = 0
for t in reversed(range(T)):
    err_prev = tr["hin"][t + 1] if t + 1 < T else 0
    e = dgh[t] * (G[t] + err_prev)                          # line 110 with true upstream
    ok110 &= close(e, tr["z"][t])
    ok114 &= close(R["W"].T @ tr["z"][t], tr["x"][t])
    sW = sW + tr["z"][t] @ x[t].T; sV = sV + tr["z"][t] @ st[t]["h"].T
    sb = sb + np.sum(tr["z"][t], axis=-1).reshape(-1, 1)
    ok119 &= close(R["V"].T @ tr["z"][t], tr["hin"][t])
rec(110, ok110); rec(114, ok114); rec(119, ok119)
rec(115, close(sW, tr["dW"])); rec(116, close(sV, tr["dV"])); rec(117, close(sb, tr["db"]))
rec(121, close(np.sum(tr["hin"][0], axis=-1), tr["dh0"]))
# return_sequence=False (lines 106, 112)
trN = rnn_truth(False)
ok112 = True
rec(106, close(GT, trN["hout"][T - 1]))
for t in reversed(range(T)):
    up = GT if t == T - 1 else trN["hin"][t + 1]
    ok112 &= close(dgh[t] * up, trN["z"][t])
rec(112, ok112)
# BOOK (per-output losses L_t = sum(G_t * h_{t+1}))
per = []
for t in range(T):
    mask = np.zeros(T); mask[t] = 1.0
    per.append(rnn_truth(True, mask))
ok130 = ok132 = ok138 = True; bW = bV = bb = 0
for t in reversed(range(T)):
    ok130 &= close(G[t], per[t]["hout"][t])
    for tau in reversed(range(t + 1)):
        up = per[t]["hout"][tau]                             # true dL_t/dh_{tau+1}
        dt_ = dgh[tau] * up                                  # line 132
        ok132 &= close(dt_, per[t]["z"][tau])
        zt = per[t]["z"][tau]
        bW = bW + zt @ x[tau].T; bV = bV + zt @ st[tau]["h"].T; bb = bb + np.sum(zt, axis=-1).reshape(-1, 1)
        ok138 &= close(R["V"].T @ zt, per[t]["hin"][tau])
rec(130, ok130); rec(132, ok132); rec(138, ok138)
rec(135, close(bW, tr["dW"])); rec(136, close(bV, tr["dV"])); rec(137, close(bb, tr["db"]))
ok142 = ok143 = ok145 = ok146 = True
for t in reversed(range(T)):
    for tau in reversed(range(t + 1, T)):
        err_prev = tr["hin"][tau + 1] if tau + 1 < T else 0
        e = dgh[tau] * (G[tau] + err_prev); ok142 &= close(e, tr["z"][tau])
        ok143 &= close(R["V"].T @ tr["z"][tau], tr["hin"][tau])
    err_prev = tr["hin"][t + 1] if t + 1 < T else 0
    e = dgh[t] * (G[t] + err_prev); ok145 &= close(e, tr["z"][t])
    ok146 &= close(R["W"].T @ tr["z"][t], tr["x"][t])
rec(142, ok142); rec(143, ok143); rec(145, ok145); rec(146, ok146)
rec(148, close(np.sum(R["V"].T @ tr["z"][0], axis=-1), tr["dh0"]))
# sanity: the author's own GRAPH and BOOK outputs
aG = make_rnn(True, True); aG.Forward(x); outG = aG.Backward_GRAPH(G.copy())
aB = make_rnn(True, False); aB.Forward(x); outB = aB.Backward_BOOK_many2many(G.copy())
print("SimpleRNN author GRAPH dW/dV/db/dh0 == FD:", [close(o, tr[k]) for o, k in zip(outG[:4], ["dW", "dV", "db", "dh0"])],
      " BOOK:", [close(o, tr[k]) for o, k in zip(outB[:4], ["dW", "dV", "db", "dh0"])])

# ---------------- GRU ----------------
P = {k: rng.normal(0, .6, (H, D)) for k in ["Wr", "Wu", "Wc"]}
P.update({k: rng.normal(0, .6, (H, H)) for k in ["Vr", "Vu", "Vc"]})
P.update({k: rng.normal(0, .3, (H, 1)) for k in ["br", "bu", "bc"]})
P["h0"] = rng.normal(0, .5, H)
gshapes = {"hin": (T, H, B), "x": (T, D, B), "x_r": (T, D, B), "zr": (T, H, B), "zu": (T, H, B),
           "zc": (T, H, B), "rh": (T, H, B), "hout": (T, H, B)}
def gru_fwd(P, hk, seq=True):
    h = np.repeat(P["h0"], B).reshape(-1, B); L = 0.0; st = []
    for t in range(T):
        hin = h + hk["hin"][t]; xt = x[t] + hk["x"][t]
        zr = P["Wr"] @ (xt + hk["x_r"][t]) + P["Vr"] @ hin + P["br"] + hk["zr"][t]; r = sig(zr)
        zu = P["Wu"] @ xt + P["Vu"] @ hin + P["bu"] + hk["zu"][t]; u = sig(zu)
        q = r * hin + hk["rh"][t]
        zc = P["Wc"] @ xt + P["Vc"] @ q + P["bc"] + hk["zc"][t]; c = np.tanh(zc)
        hn = (1 - u) * hin + u * c + hk["hout"][t]
        if seq: L += np.sum(G[t] * hn)
        st.append(dict(h=h, zr=zr, r=r, zu=zu, u=u, zc=zc, c=c, hn=hn)); h = hn
    if not seq: L = np.sum(GT * h)
    return L, st
def gru_truth(seq):
    hk = zero_hooks(gshapes)
    f = lambda: gru_fwd(P, hk, seq)[0]
    tr = {k: num_grad(f, hk[k]) for k in hk}
    for k in ["Wr", "Wu", "Wc", "Vr", "Vu", "Vc", "br", "bu", "bc", "h0"]: tr["d" + k] = num_grad(f, P[k])
    return tr
def make_gru(seq):
    m = GRU(H, return_sequence=seq, graph=True)
    m.W_r, m.V_r, m.b_r = P["Wr"].copy(), P["Vr"].copy(), P["br"].copy()
    m.W_u, m.V_u, m.b_u = P["Wu"].copy(), P["Vu"].copy(), P["bu"].copy()
    m.W_tilde_h, m.V_tilde_h, m.b_tilde_h = P["Wc"].copy(), P["Vc"].copy(), P["bc"].copy()
    m.h_0 = P["h0"].copy(); m.seq_len, m.bs = T, B
    return m
g = make_gru(True); g.Forward(x)
_, gs = gru_fwd(P, zero_hooks(gshapes))
arr = lambda k: np.array([s[k] for s in gs])
rec(211, close(g.h[0], np.repeat(P["h0"], B).reshape(-1, B)))
rec(213, close(g.z_r, arr("zr"))); rec(214, close(g.r, arr("r")))
rec(216, close(g.z_u, arr("zu"))); rec(217, close(g.u, arr("u")))
rec(219, close(g.z_tilde_h, arr("zc"))); rec(220, close(g.tilde_h, arr("c")))
rec(222, close(g.h[1:], arr("hn")))
dr = g.sig_func.get_deri(g.r, g.z_r); du = g.sig_func.get_deri(g.u, g.z_u); dc = g.g_func.get_deri(g.tilde_h, g.z_tilde_h)
rec(252, close(dr, sig(arr("zr")) * (1 - sig(arr("zr")))))
rec(253, close(du, sig(arr("zu")) * (1 - sig(arr("zu")))))
rec(254, close(dc, 1 - np.tanh(arr("zc")) ** 2))
trN = gru_truth(False)
rec(258, close(GT, trN["hout"][T - 1]))
tr = gru_truth(True)
flags = {k: True for k in [262, 264, 266, 271, 272, 281, 282, 283, 284, 286, 287]}
acc = {k: 0 for k in [267, 268, 269, 273, 274, 275, 277, 278, 279]}
for t in reversed(range(T)):
    hprev, r, u, c = gs[t]["h"], gs[t]["r"], gs[t]["u"], gs[t]["c"]
    err_up = tr["hin"][t + 1] if t + 1 < T else 0           # true value of err before line 262
    err = err_up + G[t]                                      # line 262
    flags[262] &= close(err, tr["hout"][t])
    err = tr["hout"][t]                                      # true dL/dh_{t+1}
    e_c = err * dc[t] * u                                    # line 264
    flags[264] &= close(e_c, tr["zc"][t])
    e_c = tr["zc"][t]
    e_r = dr[t] * (P["Vc"].T @ e_c)                          # line 266 (author)
    flags[266] &= close(e_r, tr["zr"][t])
    e_r = tr["zr"][t]                                        # true dL/dz_r for the local accumulation lines
    acc[267] = acc[267] + e_r @ x[t].T; acc[268] = acc[268] + e_r @ hprev.T
    acc[269] = acc[269] + np.sum(e_r, axis=-1).reshape(-1, 1)
    e_u1 = du[t] * err                                       # line 271 (intermediate sig'(z_u)*err)
    flags[271] &= close(e_u1 * (c - hprev), tr["zu"][t])
    e_u = e_u1 * (c - hprev)                                 # line 272
    flags[272] &= close(e_u, tr["zu"][t])
    e_u = tr["zu"][t]
    acc[273] = acc[273] + e_u @ x[t].T; acc[274] = acc[274] + e_u @ hprev.T
    acc[275] = acc[275] + np.sum(e_u, axis=-1).reshape(-1, 1)
    acc[277] = acc[277] + e_c @ x[t].T; acc[278] = acc[278] + e_c @ hprev.T   # line 278 uses h, not r*h
    acc[279] = acc[279] + np.sum(e_c, axis=-1).reshape(-1, 1)
    T1 = P["Vc"].T @ e_c                                      # line 281
    flags[281] &= close(T1, tr["rh"][t])
    T2 = tr["rh"][t] * (dr[t] * hprev)                        # line 282 with true input
    flags[282] &= close(T2, tr["zr"][t])
    T3 = P["Wr"].T @ tr["zr"][t]                              # line 283
    flags[283] &= close(T3, tr["x_r"][t])
    dx = P["Wu"].T @ e_u + tr["x_r"][t] + P["Wc"].T @ e_c     # line 284
    flags[284] &= close(dx, tr["x"][t])
    TV = P["Vc"].T @ e_c                                      # line 286
    flags[286] &= close(TV, tr["rh"][t])
    TV = tr["rh"][t]
    err_new = (P["Vu"].T @ e_u + err * (1 - u) + P["Vr"].T @ (dr[t] * hprev * TV) + r * TV)   # line 287
    flags[287] &= close(err_new, tr["hin"][t])
for k, v in flags.items(): rec(k, v)
tgt = {267: "dWr", 268: "dVr", 269: "dbr", 273: "dWu", 274: "dVu", 275: "dbu", 277: "dWc", 278: "dVc", 279: "dbc"}
for k, v in acc.items(): rec(k, close(v, tr[tgt[k]]))
rec(291, close(np.sum(tr["hin"][0], axis=-1), tr["dh0"]))
ag = make_gru(True); ag.Forward(x); outg = ag.Backward_GRAPH(G.copy())
names = ["dWr", "dVr", "dbr", "dWu", "dVu", "dbu", "dWc", "dVc", "dbc", "dh0"]
print("GRU author GRAPH totals == FD:", {n: bool(close(o, tr[n])) for o, n in zip(outg[:10], names)})

bad = 0
for line in sorted(expected, key=int):
    got = res.get(int(line))
    status = "OK" if got == expected[line]["expected"] else "MISMATCH"
    if status != "OK": bad += 1
    print(f"line {line}: computed {got}, expected {expected[line]['expected']} -> {status}")
missing = sorted(set(res) - set(int(k) for k in expected))
if missing: print("checked but not in expected.json:", missing)
print("ALL OK" if bad == 0 and not missing else f"{bad} mismatches")
