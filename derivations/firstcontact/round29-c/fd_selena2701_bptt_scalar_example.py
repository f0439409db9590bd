"""Finite-difference / arithmetic check of selena2701_bptt_scalar_example.md (numpy only).
Model (the author's 3.3 setup): scalar RNN z_t = W_hh h_{t-1} + W_xh x_t, h_t = tanh(z_t),
o_t = W_hy h_t, L = 1/2 sum_t (o_t - y_t)^2, h_0 = 0.
* Formula lines are checked on a generic random instance (T = 5) against central differences,
  with correct upstream quantities.
* Numeric lines of the worked example are recomputed from the numbers the author displays on
  that line or the lines above (local judgement); a value passes if it is within one unit of
  the last displayed digit (1.5e-4 for 4 decimals) of the exact value.
Prints OK when the line is mathematically right, MISMATCH when it is wrong."""
import json, os
import numpy as np
here = os.path.dirname(os.path.abspath(__file__)); F = "selena2701_bptt_scalar_example.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
res = {}
def rep(line, ok, note=""):
    res[str(line)] = bool(ok); print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")
EPS = 1e-6; TOL4 = 1.5e-4
near = lambda shown, exact, tol=TOL4: abs(shown - exact) <= tol
close = lambda a, b: np.allclose(a, b, atol=1e-7, rtol=1e-6)

# ---------- generic instance ----------
rng = np.random.default_rng(2901)
T = 5
xs = rng.normal(0, 1, T); ys = rng.normal(0, 1, T)
P0 = dict(Wxh=0.7, Whh=0.8, Why=1.1)
def fwd(P, hpert=None, opert=None):
    h = 0.0; hs = [0.0]; zs = [None]; os_ = [None]
    for t in range(1, T + 1):
        z = P["Whh"] * h + P["Wxh"] * xs[t - 1]; h = np.tanh(z)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        o = P["Why"] * h
        if opert is not None and opert[0] == t: o = o + opert[1]
        hs.append(h); zs.append(z); os_.append(o)
    return hs, zs, os_
def loss(P, **kw):
    hs, zs, os_ = fwd(P, **kw)
    return 0.5 * sum((os_[t] - ys[t - 1]) ** 2 for t in range(1, T + 1))
def fdP(k):
    Q = dict(P0); Q[k] += EPS; lp = loss(Q); Q[k] -= 2 * EPS; return (lp - loss(Q)) / (2 * EPS)
hs, zs, os_ = fwd(P0)
dL_do = {t: (loss(P0, opert=(t, EPS)) - loss(P0, opert=(t, -EPS))) / (2 * EPS) for t in range(1, T + 1)}
dL_dh = {t: (loss(P0, hpert=(t, EPS)) - loss(P0, hpert=(t, -EPS))) / (2 * EPS) for t in range(1, T + 1)}

# row-vector forward (line 28, 36) vs the same map written with column vectors
Hd, Dd, Qd = 3, 2, 2
Wxh = rng.normal(size=(Dd, Hd)); Whh = rng.normal(size=(Hd, Hd)); bh = rng.normal(size=Hd)
Whq = rng.normal(size=(Hd, Qd)); bq = rng.normal(size=Qd)
x = rng.normal(size=Dd); hp = rng.normal(size=Hd)
h_row = np.tanh(x @ Wxh + hp @ Whh + bh)
h_col = np.tanh(Wxh.T @ x + Whh.T @ hp + bh)
rep(28, close(h_row, h_col), "h_t = phi(x_t W_xh + h_{t-1} W_hh + b_h), row-vector layout (definition)")
rep(36, close(h_row @ Whq + bq, Whq.T @ h_col + bq), "o_t = h_t W_hq + b_q (definition)")
rep(45, True, "objective definition L = (1/T) sum_t l(y_t, o_t); nothing to differentiate")
rep(64, all(close(hs[t], np.tanh(zs[t])) and close(os_[t], P0["Why"] * hs[t]) for t in range(1, T + 1)),
    "forward definition of the worked example")
rep(65, True, "loss definition L = 1/2 sum (o_t - y_t)^2")

# ---------- worked example, forward numbers ----------
rep(82, near(0.3, 0.9 * 0 + 0.6 * 0.5), "z_1")
rep(86, near(0.2913, np.tanh(0.3)), f"tanh(0.3)={np.tanh(0.3):.5f}")
rep(90, near(0.2330, 0.8 * 0.2913), "o_1")
rep(95, near(0.2622, 0.9 * 0.2913) and near(0.3222, 0.2622 + 0.06), "z_2")
rep(99, near(0.3115, np.tanh(0.3222)), f"tanh(0.3222)={np.tanh(0.3222):.5f}")
rep(103, near(0.2492, 0.8 * 0.3115), "o_2")
rep(108, near(0.2803, 0.9 * 0.3115) and near(0.5203, 0.2803 + 0.24), "z_3")
rep(112, near(0.4775, np.tanh(0.5203)), f"tanh(0.5203)={np.tanh(0.5203):.5f} (shown 0.4775)")
rep(116, near(0.3820, 0.8 * 0.4775), "o_3 from the shown h_3")
rep(123, True, "substitution of o_t, y_t into L = 1/2 sum (o_t - y_t)^2")
sq = [(0.2330 - 0.4) ** 2, (0.2492 - 0.2) ** 2, (0.3820 - 0.1) ** 2]
ok127 = near(0.0279, sq[0]) and near(0.0024, sq[1]) and near(0.0789, sq[2]) and near(0.1092, 0.0279 + 0.0024 + 0.0789) and near(0.0546, 0.1092 / 2)
rep(127, ok127, f"squares exact {sq[0]:.5f} {sq[1]:.5f} {sq[2]:.5f} (shown 0.0279 0.0024 0.0789)")

# ---------- output layer ----------
rep(135, all(close(dL_do[t], os_[t] - ys[t - 1]) for t in range(1, T + 1)), "dL/do_t = o_t - y_t (FD)")
rep(138, near(0.2820, 0.3820 - 0.1), "delta_o3")
rep(139, near(0.0492, 0.2492 - 0.2), "delta_o2")
rep(140, near(-0.1670, 0.2330 - 0.4), "delta_o1")
rep(145, close(sum((os_[t] - ys[t - 1]) * hs[t] for t in range(1, T + 1)), fdP("Why")), "dL/dW_hy = sum delta_o h_t (FD)")
rep(150, near(-0.0486, -0.1670 * 0.2913), "term t=1")
rep(151, near(0.0153, 0.0492 * 0.3115), "term t=2")
rep(152, near(0.1347, 0.2820 * 0.4775), "term t=3")
rep(157, near(0.1014, -0.0486 + 0.0153 + 0.1347), "sum")

# ---------- hidden layer ----------
# line 167: dL/dh_t = dL/do_t * do_t/dh_t + (part through h_{t+1}); check the split on FD values
contrib = {t: (dL_dh[t + 1] * P0["Whh"] * (1 - hs[t + 1] ** 2) if t < T else 0.0) for t in range(1, T + 1)}
rep(167, all(close(dL_dh[t], dL_do[t] * P0["Why"] + contrib[t]) for t in range(1, T + 1)),
    "total dL/dh_t = direct output part + part through h_{t+1}")
do_dh = (P0["Why"] * (hs[2] + EPS) - P0["Why"] * (hs[2] - EPS)) / (2 * EPS)
rep(173, close(do_dh, P0["Why"]), "do_t/dh_t = W_hy")
# line 179: author's recursion with tanh' at h_t instead of h_{t+1}
auth = {}; nxt = 0.0
for t in range(T, 0, -1):
    auth[t] = (os_[t] - ys[t - 1]) * P0["Why"] + (nxt * P0["Whh"] * (1 - hs[t] ** 2) if t < T else 0.0)
    nxt = auth[t]
rep(179, all(close(auth[t], dL_dh[t]) for t in range(1, T + 1)),
    f"author dh_1={auth[1]:.6f} vs FD {dL_dh[1]:.6f}")
rep(189, near(0.2256, 0.2820 * 0.8), "delta_h3")
# numeric instances of the recursion: correct factor is (1 - h_{t+1}^2) with the shown h values
corr2 = 0.0492 * 0.8 + 0.2256 * 0.9 * (1 - 0.4775 ** 2); auth2 = 0.0492 * 0.8 + 0.2256 * 0.9 * (1 - 0.3115 ** 2)
rep(194, near(auth2, corr2), f"author {auth2:.4f} vs correct {corr2:.4f} (needs 1 - h_3^2)")
rep(198, near(0.0394, 0.0492 * 0.8) and near(0.0970, 0.3115 ** 2) and near(0.9030, 1 - 0.0970), "arithmetic restatement of line 194")
rep(202, near(0.1830, 0.2256 * 0.9 * 0.9030) and near(0.2224, 0.0394 + 0.1830),
    f"0.2256*0.9*0.9030={0.2256*0.9*0.9030:.5f} (shown 0.1830)")
corr1 = -0.1670 * 0.8 + 0.2224 * 0.9 * (1 - 0.3115 ** 2); auth1 = -0.1670 * 0.8 + 0.2224 * 0.9 * (1 - 0.2913 ** 2)
rep(207, near(auth1, corr1), f"author {auth1:.4f} vs correct {corr1:.4f} (needs 1 - h_2^2)")
rep(211, near(-0.1336, -0.1670 * 0.8) and near(0.0849, 0.2913 ** 2) and near(0.9151, 1 - 0.0849), "arithmetic restatement of line 207")
rep(215, near(0.1832, 0.2224 * 0.9 * 0.9151) and near(0.0496, -0.1336 + 0.1832), "arithmetic")
rep(224, True, "restated forward definition z_t")
rep(228, True, "restated forward definition h_t")
# lines 234/238 with correct (FD) dL/dh_t as delta h_t
gWhh = sum(dL_dh[t] * (1 - hs[t] ** 2) * hs[t - 1] for t in range(1, T + 1))
gWxh = sum(dL_dh[t] * (1 - hs[t] ** 2) * xs[t - 1] for t in range(1, T + 1))
rep(234, close(gWhh, fdP("Whh")), f"{gWhh:.6f} vs FD {fdP('Whh'):.6f}")
rep(238, close(gWxh, fdP("Wxh")), f"{gWxh:.6f} vs FD {fdP('Wxh'):.6f}")
rep(246, near(0.0849, 0.2913 ** 2) and near(0.9151, 1 - 0.2913 ** 2) and near(0.0454, 0.0496 * 0.9151), "delta_1")
rep(251, near(0.9030, 1 - 0.3115 ** 2) and near(0.2008, 0.2224 * 0.9030), "delta_2")
rep(256, near(0.2280, 0.4775 ** 2) and near(0.7720, 1 - 0.2280) and near(0.1743, 0.2256 * 0.7720),
    f"0.2256*0.7720={0.2256*0.772:.5f} (shown 0.1743, one unit in the last digit)")
rep(264, True, "restates dL/dW_hh = sum delta_t h_{t-1} with delta_t = delta h_t (1 - h_t^2)")
rep(270, near(0.0, 0.0454 * 0), "t=1")
rep(274, near(0.0585, 0.2008 * 0.2913), "t=2")
rep(278, near(0.0543, 0.1743 * 0.3115), "t=3")
rep(282, near(0.1128, 0 + 0.0585 + 0.0543), "sum")
rep(287, True, "restates dL/dW_xh = sum delta_t x_t")
rep(291, near(0.0227, 0.0454 * 0.5), "t=1")
rep(295, near(0.0201, 0.2008 * 0.1), "t=2")
rep(299, near(0.0697, 0.1743 * 0.4), "t=3")
rep(303, near(0.1125, 0.0227 + 0.0201 + 0.0697), "sum")

agree = all(res[k] == (exp[k]["expected"] == "pass") for k in exp) and set(res) == set(exp)
print("ALL VERDICTS AGREE WITH expected.json" if agree else "DISAGREEMENT WITH expected.json")
