"""Finite-difference check of ahmadraza_char_lstm_numpy.md (numpy only, float64).

The notebook's own code cells (helpers, lstm, forward, backward) are extracted from the
.md file and exec'd.  Every annotated line is then checked against central finite
differences of L = sum_t -log p_t[target_t] on a small random instance.  Backward lines
are evaluated with TRUE inputs (their right-hand side is fed finite-difference values of
the quantities it uses) and compared with the finite-difference value of the quantity
the line claims to compute.  Exit code 0 iff every verdict agrees with expected.json.
"""
import json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "ahmadraza_char_lstm_numpy.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
MD = open(os.path.join(HERE, NAME)).read()
LINES = MD.split("\n")
code = re.findall(r"```python\n(.*?)```", MD, re.S)

rng = np.random.default_rng(53)
H, V, T = 3, 4, 4
EPS = 1e-6
G_ = {}
G_["hidden_size"], G_["vocab_size"], G_["epsilon"] = H, V, 1e-8
for k in ("Wf", "Wi", "Wc", "Wo"):
    G_[k] = rng.normal(size=(H, H + V)) * 0.6
G_["Wy"] = rng.normal(size=(V, H)) * 0.8
for k in ("bf", "bi", "bc", "bo"):
    G_[k] = rng.normal(size=(H, 1)) * 0.3
G_["by"] = rng.normal(size=(V, 1)) * 0.3
G_["np"] = np
for c in code:
    if c.startswith("def sigmoid") or c.startswith("def lstm") or c.startswith("def forward") or c.startswith("def backward"):
        exec(c, G_)
P = G_
inputs = list(rng.integers(V, size=T)); targets = list(rng.integers(V, size=T))
h0 = rng.normal(size=(H, 1)) * 0.5; c0 = rng.normal(size=(H, 1)) * 0.5

sig = lambda a: 1 / (1 + np.exp(-a))
HOOKS = ["zt_h", "z", "zf", "f", "zi", "i", "zc", "g", "cprev", "c", "c_h", "zo", "o", "h", "y"]
def zero_hooks():
    d = {}
    for n in HOOKS:
        size = (H + V) if n == "z" else (V if n == "y" else H)
        d[n] = [np.zeros((size, 1)) for _ in range(T)]
    return d
hooks = zero_hooks()

def run(hk=None, Pm=None, h_init=None, c_init=None, keep=False):
    hk = hk or hooks; Pm = Pm or P
    h = h0.copy() if h_init is None else h_init; c = c0.copy() if c_init is None else c_init
    L = 0.0; st = []
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        z = np.concatenate((h + hk["zt_h"][t], x), axis=0) + hk["z"][t]
        zf = Pm["Wf"] @ z + Pm["bf"] + hk["zf"][t]; f = sig(zf) + hk["f"][t]
        zi = Pm["Wi"] @ z + Pm["bi"] + hk["zi"][t]; i = sig(zi) + hk["i"][t]
        zc = Pm["Wc"] @ z + Pm["bc"] + hk["zc"][t]; g = np.tanh(zc) + hk["g"][t]
        c_prev = c
        c = f * (c_prev + hk["cprev"][t]) + i * g + hk["c"][t]
        zo = Pm["Wo"] @ z + Pm["bo"] + hk["zo"][t]; o = sig(zo) + hk["o"][t]
        h_prev = h
        h = o * np.tanh(c + hk["c_h"][t]) + hk["h"][t]
        y = Pm["Wy"] @ h + Pm["by"] + hk["y"][t]
        p = np.exp(y - y.max()); p /= p.sum()
        L += -np.log(p[targets[t], 0])
        st.append(dict(x=x, z=z, zf=zf, f=f, zi=zi, i=i, zc=zc, g=g, c=c, c_prev=c_prev, zo=zo, o=o,
                       h=h, h_prev=h_prev, y=y, p=p))
    return (L, st) if keep else L

def fd(fun, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + EPS; fp = fun()
        arr[idx] = old - EPS; fm = fun()
        arr[idx] = old; g[idx] = (fp - fm) / (2 * EPS)
    return g

L0, S = run(keep=True)
G = {n: [fd(run, hooks[n][t]) for t in range(T)] for n in HOOKS}
def Gn(n, t):  # gradient w.r.t. hook n at step t, zero outside the sequence
    return G[n][t] if 0 <= t < T else np.zeros_like(G[n][0])
PG = {k: fd(run, P[k]) for k in ("Wf", "Wi", "Wc", "Wo", "Wy", "bf", "bi", "bc", "bo", "by")}

results = {}
def close(a, b, tol=1e-5):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))
def record(line, ok):
    results.setdefault(line, []).append("pass" if ok else "fail")
def rhs(line):
    """right-hand side of a code line of the .md (comment stripped)"""
    s = LINES[line - 1].split("#")[0].strip()
    m = re.match(r"^[\w\[\]\.]+\s*(\+=|=)\s*(.*)$", s)
    return m.group(2)

# ---------------- forward helpers and forward code ----------------
zz = rng.normal(size=(5, 2))
record(5, close(P["sigmoid"](zz), sig(zz)))
sm = P["softmax"](zz); ref = np.exp(zz) / np.exp(zz).sum(axis=0, keepdims=True)
record(7, close(sm, ref)); record(8, close(sm, ref))
# trace locals of the notebook's lstm() at return
captured = []
def tracer(frame, event, arg):
    if frame.f_code.co_name == "lstm":
        if event == "return":
            captured.append(dict(frame.f_locals))
        return tracer
    return None
sys.settrace(tracer)
out = P["forward"](inputs, targets, c0, h0)
sys.settrace(None)
xt_, ht_, ct_, probt_, loss_, cache_ = out
m = {48: "z", 50: "zf", 51: "f", 53: "zi", 54: "i", 56: "zc", 57: "g", 59: "c", 61: "zo", 62: "o", 64: "h", 66: "y"}
names = {48: "zt", 50: "zf", 51: "ft", 53: "zi", 54: "it", 56: "zc", 57: "cct", 59: "ct", 61: "zo", 62: "ot", 64: "ht", 66: "yt"}
for ln, k in m.items():
    record(ln, all(close(captured[t][names[ln]], S[t][k]) for t in range(T)))
record(133, all(close(ht_[t], S[t]["h"]) and close(ct_[t], S[t]["c"]) for t in range(T)))
record(135, all(close(probt_[t], S[t]["p"]) for t in range(T)))
record(138, abs(loss_ - L0) < 1e-6)   # epsilon = 1e-8 inside the log is negligible
# LaTeX forward definitions: the independent forward above implements them; they must agree with the code
for ln in (17, 18, 19, 20, 21, 22, 23, 24):
    record(ln, all(r == "pass" for l2 in m for r in results[l2]))

# ---------------- backward: LaTeX cell (lines 148-215) ----------------
onehot = lambda t: np.eye(V)[:, [targets[t]]]
for t in range(T):
    st = S[t]
    record(148, close(st["p"] - onehot(t), Gn("y", t)))
    record(331, close(st["p"] - onehot(t), Gn("y", t)))
    record(159, close(P["Wy"].T @ Gn("y", t) + Gn("h", t + 1), Gn("h", t)))          # as written
    record(171, close(Gn("h", t) * np.tanh(st["c"]), Gn("o", t)))
    record(174, close(Gn("o", t) * st["o"] * (1 - st["o"]), Gn("zo", t)))
    record(180, close(Gn("h", t) * st["o"] * (1 - np.tanh(st["c"]) ** 2) + Gn("c", t + 1), Gn("c", t)))  # as written
    record(188, close(Gn("c", t) * st["i"], Gn("g", t)))
    record(190, close(Gn("g", t) * (1 - st["g"] ** 2), Gn("zc", t)))
    record(195, close(Gn("c", t) * st["g"], Gn("i", t)))
    record(197, close(Gn("i", t) * st["i"] * (1 - st["i"]), Gn("zi", t)))
    record(200, close(Gn("c", t) * st["c_prev"], Gn("f", t)))
    record(202, close(Gn("f", t) * st["f"] * (1 - st["f"]), Gn("zf", t)))
    dz = sum(P["W" + k].T @ Gn("z" + k, t) for k in ("f", "i", "c", "o"))
    record(210, close(dz, Gn("z", t)))
    record(212, close(Gn("z", t)[:H], Gn("zt_h", t)))       # step-t contribution to dL/dh_{t-1}
    record(215, close(Gn("c", t) * st["f"], Gn("cprev", t)))  # step-t contribution to dL/dc_{t-1}
    record(345, close(Gn("c", t) * st["f"], Gn("cprev", t)))
record(153, close(sum(Gn("y", t) @ S[t]["h"].T for t in range(T)), PG["Wy"]))
record(155, close(sum(Gn("y", t) for t in range(T)), PG["by"]))
record(205, all(close(sum(Gn("z" + k, t) @ S[t]["z"].T for t in range(T)), PG["W" + k]) for k in "fico"))
record(206, all(close(sum(Gn("z" + k, t) for t in range(T)), PG["b" + k]) for k in "fico"))
# line 336: the worked example
pt = np.array([0.1, 0.2, 0.6, 0.05, 0.05]); e = pt.copy(); e[2] -= 1
record(336, close(e, np.array([0.1, 0.2, -0.4, 0.05, 0.05])))

# line 352: vanilla RNN claim  d h_0 / d h_T = prod_{t=1}^T W_hh^T diag(1-h_t^2)
Hh = 3; Whh = rng.normal(size=(Hh, Hh)) * 0.9; Wxh = rng.normal(size=(Hh, 2)); Tn = 4
xs = rng.normal(size=(Tn + 1, 2, 1))
def rnn_states(h0_):
    hs = [h0_]
    for t in range(1, Tn + 1):
        hs.append(np.tanh(Wxh @ xs[t] + Whh @ hs[-1]))
    return hs
hr0 = rng.normal(size=(Hh, 1)); hs = rnn_states(hr0)
prod = np.eye(Hh)
for t in range(1, Tn + 1):
    prod = prod @ (Whh.T @ np.diag((1 - hs[t] ** 2).ravel()))
J = np.zeros((Hh, Hh))   # J[a, b] = d h_T[a] / d h_0[b]
for b in range(Hh):
    e_ = np.zeros((Hh, 1)); e_[b] = EPS
    J[:, b] = ((rnn_states(hr0 + e_)[-1] - rnn_states(hr0 - e_)[-1]) / (2 * EPS)).ravel()
# h_0 is an initial state: it does not depend on h_T, so d h_0/d h_T = 0 (the product is J^T, i.e. the reversed derivative)
print("line 352 diagnostic: product equals (dh_T/dh_0)^T:", close(prod, J.T), "; dh_T/dh_0 itself:", close(prod, J))
record(352, close(prod, np.zeros((Hh, Hh))))

# line 355: LSTM cell state  d c_0/d c_T = prod f_t   (here c_0 = initial cell state c0, c_T = last cell state)
Jc = np.zeros((H, H))
for b in range(H):
    e_ = np.zeros((H, 1)); e_[b] = EPS
    cp = run(keep=True, c_init=c0 + e_)[1][-1]["c"]; cm = run(keep=True, c_init=c0 - e_)[1][-1]["c"]
    Jc[:, b] = ((cp - cm) / (2 * EPS)).ravel()
prodf = np.diag(np.prod(np.hstack([S[t]["f"] for t in range(T)]), axis=1))
print("line 355 diagnostic: diag(prod f) equals dc_T/dc_0:", close(prodf, Jc), " max diff", np.max(np.abs(prodf - Jc)))
record(355, close(prodf, np.zeros((H, H))) or close(prodf, Jc))

# ---------------- backward code (lines 264-319), each line fed true inputs ----------------
def ev(line, **ns):
    env = {"np": np, "hidden_size": H, "Wy": P["Wy"], "Wf": P["Wf"], "Wi": P["Wi"], "Wc": P["Wc"], "Wo": P["Wo"]}
    env.update(ns)
    return eval(rhs(line), env)
acc = {k: 0 for k in ("dWy", "dby", "dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo", "dbo")}
for t in reversed(range(T)):
    st = S[t]
    probt = {t: st["p"]}
    dy = ev(264, probt=probt, t=t); dy[targets[t]] -= 1       # line 265 executed as published
    record(264, close(dy, Gn("y", t))); record(265, close(dy, Gn("y", t)))
    ht = {t: st["h"], t - 1: st["h_prev"]}; ct = {t: st["c"], t - 1: st["c_prev"]}
    acc["dWy"] = acc["dWy"] + ev(268, dy=Gn("y", t), ht=ht, t=t)
    acc["dby"] = acc["dby"] + ev(269, dy=Gn("y", t))
    record(273, close(ev(273, dy=Gn("y", t), dh_next=Gn("zt_h", t + 1)), Gn("h", t)))
    tanh_ct = ev(276, ct=ct, t=t); record(276, close(tanh_ct, np.tanh(st["c"])))
    ot, it_, ft, cct = {t: st["o"]}, {t: st["i"]}, {t: st["f"]}, {t: st["g"]}
    record(277, close(ev(277, dh=Gn("h", t), tanh_ct=tanh_ct), Gn("o", t)))
    record(278, close(ev(278, do=Gn("o", t), ot=ot, t=t), Gn("zo", t)))
    record(281, close(ev(281, dh=Gn("h", t), ot=ot, t=t, tanh_ct=tanh_ct), Gn("c_h", t)))   # h-path part of dL/dc_t
    record(282, close(ev(282, dc=Gn("c_h", t), dc_next=Gn("cprev", t + 1)), Gn("c", t)))
    record(285, close(ev(285, dc=Gn("c", t), it=it_, t=t), Gn("g", t)))
    record(286, close(ev(286, dcc=Gn("g", t), cct=cct, t=t), Gn("zc", t)))
    record(289, close(ev(289, dc=Gn("c", t), cct=cct, t=t), Gn("i", t)))
    record(290, close(ev(290, di=Gn("i", t), it=it_, t=t), Gn("zi", t)))
    record(293, close(ev(293, dc=Gn("c", t), ct=ct, t=t), Gn("f", t)))
    record(294, close(ev(294, df=Gn("f", t), ft=ft, t=t), Gn("zf", t)))
    zt = ev(297, ht=ht, xt={t: st["x"]}, t=t); record(297, close(zt, st["z"]))
    for ln, k in ((300, "f"), (303, "i"), (306, "c"), (309, "o")):
        nm = {"f": "dzf", "i": "dzi", "c": "dzcc", "o": "dzo"}[k]
        acc["dW" + k] = acc["dW" + k] + ev(ln, **{nm: Gn("z" + k, t), "zt": st["z"]})
        acc["db" + k] = acc["db" + k] + ev(ln + 1, **{nm: Gn("z" + k, t)})
    record(313, close(ev(313, dzf=Gn("zf", t), dzi=Gn("zi", t), dzcc=Gn("zc", t), dzo=Gn("zo", t)), Gn("z", t)))
    record(316, close(ev(316, dzt=Gn("z", t)), Gn("zt_h", t)))
    record(319, close(ev(319, dc=Gn("c", t), ft=ft, t=t), Gn("cprev", t)))
record(268, close(acc["dWy"], PG["Wy"])); record(269, close(acc["dby"], PG["by"]))
for ln, k in ((300, "f"), (303, "i"), (306, "c"), (309, "o")):
    record(ln, close(acc["dW" + k], PG["W" + k])); record(ln + 1, close(acc["db" + k], PG["b" + k]))
# whole published backward (clipping at +-5 is inactive on this instance)
grads = P["backward"](inputs, targets, xt_, ht_, ct_, probt_, cache_)
whole = all(close(gv, PG[k]) for gv, k in zip(grads, ("Wf", "Wi", "Wc", "Wo", "Wy", "bf", "bi", "bc", "bo", "by")))
print("published backward() matches finite differences:", whole)

bad = 0
for ln in sorted(set(map(int, EXP)) | set(results)):
    exp = EXP.get(str(ln), {}).get("expected")
    got = results.get(ln)
    if got is None:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    num = "fail" if "fail" in got else "pass"
    flag = "" if num == exp else "   <-- MISMATCH"
    print(f"line {ln}: expected {exp}, numeric {num}{flag}")
    bad += num != exp
print("mismatches:", bad)
sys.exit(1 if bad or not whole else 0)
