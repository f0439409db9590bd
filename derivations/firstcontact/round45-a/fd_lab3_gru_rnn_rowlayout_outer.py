"""Finite-difference check of lab3_gru_rnn_rowlayout_outer.md (numpy only).

Both python fences are exec'd (imports of lab3.common / pandas / sklearn are replaced by stubs in the
harness only).  Forward intermediates are captured from the author's own frames with sys.settrace.
Backward lines are re-evaluated with TRUE upstream quantities (local judgement); truths come from central
differences of an independent forward pass with additive hooks.
  GRU (row vectors): z = sig(x Wz + h Uz + bz), r = sig(x Wr + h Ur + br),
       c = tanh(x Wh + (r*h) Uh + bh), h' = (1-z) h + z c,  logits_t = h_t W_out + b_out,
       loss L = sum_t G_t . logits_t  (so grad_output[t] = G_t = dL/dlogits_t exactly).
  RNN: h_j = tanh(x_j Wi + h_{j-1} Wh + bh), h_{-1} = 0, out_j = h_j Wo + bo, L = sum_j G_j . out_j.
"""
import os, sys, json, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "lab3_gru_rnn_rowlayout_outer.md"
lines = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
expected = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
starts = [i for i, l in enumerate(lines) if l == "```python"]
fences = []
for s in starts:
    e = lines.index("```", s + 1)
    fences.append((s + 2, "\n".join(lines[s + 1:e])))     # (md line number of first code line, code)
# harness-only stubs for imports that are irrelevant to the math
for modname in ["lab3", "lab3.common", "pandas", "sklearn", "sklearn.preprocessing"]:
    m = types.ModuleType(modname); sys.modules[modname] = m
sys.modules["lab3.common"].load_weights = lambda f: None
sys.modules["lab3"].common = sys.modules["lab3.common"]
sys.modules["sklearn.preprocessing"].StandardScaler = object
sys.modules["sklearn.preprocessing"].LabelEncoder = object
NS = []
for k, (first, code) in enumerate(fences):
    ns = {}
    exec(compile(code, f"<fence{k}>", "exec"), ns)
    NS.append((first, ns))
GRULayer = NS[0][1]["GRULayer"]; RNNLayer = NS[1][1]["RNNLayer"]

def capture(func, fname, first, *args):
    """run func under settrace; return {md_line: [value of assigned locals after that line, ...]}"""
    rec_ = {}; prev = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != fname: return tracer
        if event in ("line", "return"):
            key = id(frame)
            if key in prev:
                rec_.setdefault(prev[key] + first - 1, []).append({k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in frame.f_locals.items()})
            prev[key] = frame.f_lineno
        return tracer
    sys.settrace(tracer)
    try: out = func(*args)
    finally: sys.settrace(None)
    return out, rec_

rng = np.random.default_rng(4545)
T, D, H, O = 4, 3, 3, 2
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
sig = lambda q: 1 / (1 + np.exp(-q))
def softmax(v):
    e = np.exp(v - v.max(axis=-1, keepdims=True)); return e / e.sum(axis=-1, keepdims=True)

# ================= GRU =================
conf = [{"units": D}, {"hidden": H, "output": O}]
gl = GRULayer(conf)
P = {k: getattr(gl, k).copy() for k in ["Wz", "Uz", "bz", "Wr", "Ur", "br", "Wh", "Uh", "bh", "W_output", "b_output"]}
for k in P: P[k] = rng.normal(0, .7, P[k].shape); setattr(gl, k, P[k].copy())
x = rng.normal(0, 1, (T, D)); h0 = rng.normal(0, .5, (1, H)); G = rng.normal(0, 1, (T, O))

# helpers 63, 67, 68
v = rng.normal(0, 2, (1, 5))
rec(63, close(gl.sigmoid(v), sig(v)))
ex = np.exp(v - v.max()); rec(67, close(ex / ex.sum(), softmax(v)))   # shifted exponentials give the same softmax
rec(68, close(gl.softmax(v), softmax(v)))

fname0 = "<fence0>"; first0 = NS[0][0]
(hiddens, h_tildes, zs, rs, outs), tr0 = capture(gl.forward, fname0, first0, x, h0.copy())
shapes = {"hin": (T, 1, H), "hout": (T, 1, H), "hy": (T, 1, H), "zp": (T, 1, H), "rp": (T, 1, H),
          "cp": (T, 1, H), "cand": (T, 1, H), "rh": (T, 1, H)}
def gru_fwd(P, hk):
    h = h0.copy(); L = 0.0; st = []
    for t in range(T):
        hin = h + hk["hin"][t]
        zp = x[t] @ P["Wz"] + hin @ P["Uz"] + P["bz"] + hk["zp"][t]; z = sig(zp)
        rp = x[t] @ P["Wr"] + hin @ P["Ur"] + P["br"] + hk["rp"][t]; r = sig(rp)
        q = r * hin + hk["rh"][t]
        cp = x[t] @ P["Wh"] + q @ P["Uh"] + P["bh"] + hk["cp"][t]; c = np.tanh(cp) + hk["cand"][t]
        hn = (1 - z) * hin + z * c + hk["hout"][t]
        L += np.sum(G[t] * ((hn + hk["hy"][t]) @ P["W_output"] + P["b_output"]))
        st.append(dict(h=h, z=z, r=r, c=c, hn=hn, cp=cp)); h = hn
    return L, st
hk = {k: np.zeros(s) for k, s in shapes.items()}
_, st = gru_fwd(P, hk)
f = lambda: gru_fwd(P, hk)[0]
tr = {k: num_grad(f, hk[k]) for k in hk}
for k in P: tr["d" + k] = num_grad(f, P[k])

# forward lines
rec(81, all(close(zs[t], st[t]["z"]) for t in range(T)))
rec(82, all(close(rs[t], st[t]["r"]) for t in range(T)))
cand_author = [v_["h_tilde"] for v_ in tr0[84]]
rec(84, all(close(cand_author[t], st[t]["c"]) for t in range(T)))
rec(86, all(close(hiddens[t], st[t]["h"]) for t in range(T)))
hnew_author = [v_["h_prev"] for v_ in tr0[87]]
rec(87, all(close(hnew_author[t], st[t]["hn"]) for t in range(T)))
rec(88, all(close(outs[0][t], softmax(st[t]["hn"] @ P["W_output"] + P["b_output"])) for t in range(T)))
print("note: h_tildes[t] equals the NEW state h_t:", all(close(h_tildes[t], st[t]["hn"]) for t in range(T)),
      "; equals the candidate:", all(close(h_tildes[t], st[t]["c"]) for t in range(T)))

# backward lines, local judgement with true upstream values
fl = {k: True for k in [121, 122, 125, 126, 127, 128, 129, 146]}
acc = {k: 0 for k in [117, 118, 132, 133, 134, 137, 138, 139, 142, 143, 144]}
for t in reversed(range(T)):
    x_t = x[t]; h_prev = hiddens[t]; h_tilde = h_tildes[t]; z = zs[t]; r = rs[t]; g = G[t]
    acc[117] = acc[117] + np.outer(h_tilde, g)
    acc[118] = acc[118] + g
    dh_output = np.dot(P["W_output"], g); fl[121] &= close(dh_output[None, :], tr["hy"][t])
    dh_next_true = tr["hin"][t + 1] if t + 1 < T else np.zeros((1, H))
    dh = dh_output + dh_next_true; fl[122] &= close(dh, tr["hout"][t])
    dh = tr["hout"][t]
    fl[125] &= close(dh * z, tr["cand"][t])
    fl[126] &= close(dh * (1 - z), tr["hin"][t])
    dh_tanh = tr["cand"][t] * (1 - h_tilde ** 2); fl[127] &= close(dh_tanh, tr["cp"][t])
    dz = (dh * (h_tilde - h_prev)) * z * (1 - z); fl[128] &= close(dz, tr["zp"][t])
    dr = (dh * (h_tilde - h_prev)) * (h_prev * r) * (1 - r); fl[129] &= close(dr, tr["rp"][t])
    dz, dr, dh_tanh = tr["zp"][t], tr["rp"][t], tr["cp"][t]
    acc[132] = acc[132] + np.outer(x_t, dz); acc[133] = acc[133] + np.outer(h_prev, dz); acc[134] = acc[134] + dz
    acc[137] = acc[137] + np.outer(x_t, dr); acc[138] = acc[138] + np.outer(h_prev, dr); acc[139] = acc[139] + dr
    acc[142] = acc[142] + np.outer(x_t, dh_tanh); acc[143] = acc[143] + np.outer(r * h_prev, dh_tanh)
    acc[144] = acc[144] + dh_tanh
    fl[146] &= close(np.dot(dh_tanh, P["Uh"].T), tr["hin"][t])
for k, v_ in fl.items(): rec(k, v_)
tg = {117: "dW_output", 118: "db_output", 132: "dWz", 133: "dUz", 134: "dbz", 137: "dWr", 138: "dUr", 139: "dbr",
      142: "dWh", 143: "dUh", 144: "dbh"}
for k, v_ in acc.items(): rec(k, close(np.reshape(v_, tr[tg[k]].shape), tr[tg[k]]))
# the author's own backward, totals (for information)
g2 = GRULayer(conf)
for k in P: setattr(g2, k, P[k].copy())
hs_, ht_, zs_, rs_, _ = g2.forward(x, h0.copy())
before = {k: getattr(g2, k).copy() for k in P}
g2.backward(x, G, hs_, ht_, zs_, rs_, 1.0)
print("GRU author totals == FD:", {k: bool(close(before[k] - getattr(g2, k), tr["d" + k])) for k in P})

# ================= RNN =================
rl = RNNLayer(D, H, O, 1)
R = {k: rng.normal(0, .7, getattr(rl, k).shape) for k in ["i_weight", "h_weight", "h_bias", "o_weight", "o_bias"]}
for k in R: setattr(rl, k, R[k].copy())
fname1 = "<fence1>"; first1 = NS[1][0]
(hid, out), tr1 = capture(rl.forward, fname1, first1, x)
rsh = {"hin": (T, 1, H), "hout": (T, 1, H), "hy": (T, 1, H), "z": (T, 1, H)}
def rnn_fwd(R, hk):
    h = np.zeros((1, H)); L = 0.0; st = []
    for j in range(T):
        hin = h + hk["hin"][j]
        zj = x[j][None, :] @ R["i_weight"] + hin @ R["h_weight"] + R["h_bias"] + hk["z"][j]
        hn = np.tanh(zj) + hk["hout"][j]
        L += np.sum(G[j] * ((hn + hk["hy"][j]) @ R["o_weight"] + R["o_bias"]))
        st.append(dict(h=h, z=zj, hn=hn)); h = hn
    return L, st
hk = {k: np.zeros(s) for k, s in rsh.items()}
_, st = rnn_fwd(R, hk)
f = lambda: rnn_fwd(R, hk)[0]
trr = {k: num_grad(f, hk[k]) for k in hk}
for k in R: trr["d" + k] = num_grad(f, R[k])
inx = [v_["input_x"] for v_ in tr1[199]]
rec(199, all(close(inx[j], x[j][None, :] @ R["i_weight"]) for j in range(T)))
pre = [v_["hidden_x"] for v_ in tr1[200]]
rec(200, all(close(pre[j], st[j]["z"]) for j in range(T)))
post = [v_["hidden_x"] for v_ in tr1[201]]
rec(201, all(close(post[j], st[j]["hn"]) for j in range(T)))
ox = [v_["output_x"] for v_ in tr1[203]]
rec(203, all(close(ox[j], st[j]["hn"] @ R["o_weight"] + R["o_bias"]) for j in range(T)))
fl = {k: True for k in [214, 216, 217, 218, 219]}
acc = {k: 0 for k in [212, 213, 222, 223, 224]}
for j in range(T - 1, -1, -1):
    out_grad = G[j][None, :]
    acc[212] = acc[212] + hid[j][:, None] @ out_grad; acc[213] = acc[213] + out_grad
    hg = out_grad @ R["o_weight"].T; fl[214] &= close(hg, trr["hy"][j])
    if j < T - 1:
        hh = trr["z"][j + 1] @ R["h_weight"].T; fl[216] &= close(hh, trr["hin"][j + 1])
        fl[217] &= close(hg + trr["hin"][j + 1], trr["hout"][j])
    else:
        fl[217] &= close(hg, trr["hout"][j])
    td = 1 - hid[j][None, :] ** 2; fl[218] &= close(td, 1 - np.tanh(st[j]["z"]) ** 2)
    fl[219] &= close(trr["hout"][j] * td, trr["z"][j])
    dz = trr["z"][j]
    if j > 0:
        acc[222] = acc[222] + hid[j - 1][:, None] @ dz
        acc[223] = acc[223] + dz
    acc[224] = acc[224] + x[j][:, None] @ dz
for k, v_ in fl.items(): rec(k, v_)
tg = {212: "do_weight", 213: "do_bias", 222: "dh_weight", 223: "dh_bias", 224: "di_weight"}
for k, v_ in acc.items(): rec(k, close(np.reshape(v_, trr[tg[k]].shape), trr[tg[k]]))

bad = 0
for line in sorted(expected, key=int):
    got = res.get(int(line))
    status = "OK" if got == expected[line]["expected"] else "MISMATCH"
    if status != "OK": bad += 1
    print(f"line {line}: computed {got}, expected {expected[line]['expected']} -> {status}")
missing = sorted(set(res) - set(int(k) for k in expected))
if missing: print("checked but not in expected.json:", missing)
print("ALL OK" if bad == 0 and not missing else f"{bad} mismatches")
