"""FD check of rahultejwani_rnn_bptt.md. Scalar many-to-one RNN unrolled over 3 steps:
o_t = tanh(w_I x_t + w_H o_{t-1}) (o_0 given), y_hat = sigmoid(w_O o_3), Loss = BCE(y_hat, y).
Partial derivatives in the chain products are local (d o_t/d w_H holds o_{t-1} fixed; d o_t/d o_{t-1}
is the one-step factor). Each '+=' row is checked as the contribution of the step-t copy of the weight."""
import numpy as np

x = np.array([0.0, 0.8, -1.1, 0.5]); y = 1.0; o0 = 0.3
wI, wH, wO = 0.7, -0.9, 1.4
EPS = 1e-7
sig = lambda z: 1 / (1 + np.exp(-z))
close = lambda a, b: abs(a - b) < 1e-6 * max(1, abs(b))


def fwd(wI_t=None, wH_t=None, wO_=wO):
    wI_t = wI_t or {}; wH_t = wH_t or {}
    o = [o0]
    for t in (1, 2, 3):
        o.append(np.tanh(wI_t.get(t, wI) * x[t] + wH_t.get(t, wH) * o[t - 1]))
    yh = sig(wO_ * o[3])
    return -(y * np.log(yh) + (1 - y) * np.log(1 - yh)), o, yh


L, o, yh = fwd()
dL_dyh = -(y / yh) + (1 - y) / (1 - yh)
dyh_do3 = yh * (1 - yh) * wO
dyh_dwO = yh * (1 - yh) * o[3]
do_do = {t: (1 - o[t] ** 2) * wH for t in (2, 3)}          # d o_t / d o_{t-1}
do_dwH = {t: (1 - o[t] ** 2) * o[t - 1] for t in (1, 2, 3)}
do_dwI = {t: (1 - o[t] ** 2) * x[t] for t in (1, 2, 3)}
step = lambda key, t: (fwd(**{key: {t: (wI if key == 'wI_t' else wH) + EPS}})[0]
                       - fwd(**{key: {t: (wI if key == 'wI_t' else wH) - EPS}})[0]) / (2 * EPS)
ok = {}
ok["42"] = close(dL_dyh * dyh_dwO, (fwd(wO_=wO + EPS)[0] - fwd(wO_=wO - EPS)[0]) / (2 * EPS))
tH = {3: dL_dyh * dyh_do3 * do_dwH[3],
      2: dL_dyh * dyh_do3 * do_do[3] * do_dwH[2],
      1: dL_dyh * dyh_do3 * do_do[3] * do_do[2] * do_dwH[1]}
tI = {3: dL_dyh * dyh_do3 * do_dwI[3],
      2: dL_dyh * dyh_do3 * do_do[3] * do_dwI[2],
      1: dL_dyh * dyh_do3 * do_do[3] * do_do[2] * do_dwI[1]}
for line, t in (("59", 3), ("67", 2), ("76", 1)):
    ok[line] = close(tH[t], step("wH_t", t))
for line, t in (("98", 3), ("106", 2), ("115", 1)):
    ok[line] = close(tI[t], step("wI_t", t))
fullH = (fwd(wH_t={1: wH + EPS, 2: wH + EPS, 3: wH + EPS})[0] - fwd(wH_t={1: wH - EPS, 2: wH - EPS, 3: wH - EPS})[0]) / (2 * EPS)
fullI = (fwd(wI_t={1: wI + EPS, 2: wI + EPS, 3: wI + EPS})[0] - fwd(wI_t={1: wI - EPS, 2: wI - EPS, 3: wI - EPS})[0]) / (2 * EPS)
assert close(sum(tH.values()), fullH) and close(sum(tI.values()), fullI)
# update rules: gradient-descent definitions; a small step along them lowers the loss
eta = 1e-3
ok["26"] = ok["48"] = fwd(wO_=wO - eta * dL_dyh * dyh_dwO)[0] < L
ok["87"] = fwd(wH_t={t: wH - eta * fullH for t in (1, 2, 3)})[0] < L
ok["126"] = fwd(wI_t={t: wI - eta * fullI for t in (1, 2, 3)})[0] < L
VERDICT = {k: "pass" for k in ok}
bad = [k for k in ok if ok[k] != (VERDICT[k] == "pass")]
assert not bad, bad
print("rows:", len(ok), "all pass")

# consistency with expected.json (same folder)
import json, os
_exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["rahultejwani_rnn_bptt.md"]
assert set(_exp) == set(VERDICT), (set(_exp) ^ set(VERDICT))
assert all(_exp[k]["expected"] == VERDICT[k] for k in VERDICT)
print("expected.json consistent:", len(_exp), "rows")
