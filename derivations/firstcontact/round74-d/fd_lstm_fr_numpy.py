"""Finite-difference check of lstm_fr_numpy.py (French hand-written numpy LSTM).
Uses the author's class as transcribed (forward, loss, backward) and compares
every gradient it produces, plus the intermediate quantities of the backward
loop, with central finite differences of the author's own loss."""
import numpy as np
import importlib.util, sys, os

spec = importlib.util.spec_from_file_location("lstm_fr", os.path.join(os.path.dirname(os.path.abspath(__file__)), "lstm_fr_numpy.py"))
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)

rng = np.random.default_rng(1)
V, H, T = 5, 4, 6
net = m.LSTM(V, H, seed=3)
for k, v in net.params().items():            # larger weights so nothing is tiny
    v[...] = rng.standard_normal(v.shape) * 0.6
inputs = list(rng.integers(0, V, T)); targets = list(rng.integers(0, V, T))
s0 = rng.standard_normal((H, 1)) * 0.5; c0 = rng.standard_normal((H, 1)) * 0.5

cache, probs = net.forward(inputs, s0, c0)
grads, _ = net.backward(inputs, targets, cache, probs)
# NB: backward starts from zero ds/dc at t=-1; s0,c0 are constants here.

def L():
    return net.loss(inputs, targets, s0, c0)

ok_all = True
def report(name, a, b, tol=1e-5):
    global ok_all
    err = np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(b)))
    ok = err < tol
    ok_all &= ok
    print(f"{'OK  ' if ok else 'FAIL'} {name:40s} rel.err={err:.2e}")

eps = 1e-6
for k, P in net.params().items():
    num = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]
        P[idx] = old + eps; lp = L()
        P[idx] = old - eps; lm = L()
        P[idx] = old
        num[idx] = (lp - lm) / (2 * eps)
    report(f"grads[{k}] (lines 112-113,125-132)", grads[k], num)

# ---- intermediate quantities: my own forward with additive probes -------------
def fwd_probe(probe):
    Wf, Wi, Wo, Wg = net.Wf, net.Wi, net.Wo, net.Wg
    s, c = s0, c0; loss = 0.0
    for t in range(T):
        x = np.zeros((V, 1)); x[inputs[t]] = 1
        z = np.vstack([s, x])
        af = Wf @ z + net.bf + probe.get(("af", t), 0)
        ai = Wi @ z + net.bi + probe.get(("ai", t), 0)
        ao = Wo @ z + net.bo + probe.get(("ao", t), 0)
        ag = Wg @ z + net.bg + probe.get(("ag", t), 0)
        f, i, o, g = m.sigmoid(af), m.sigmoid(ai), m.sigmoid(ao), np.tanh(ag)
        c = f * c + i * g + probe.get(("c", t), 0)
        s = o * np.tanh(c) + probe.get(("s", t), 0)
        p = m.softmax(net.Why @ s + net.by)
        loss += -np.log(p[targets[t], 0] + 1e-12)
    return loss

def num_grad(key):
    g = np.zeros((H, 1))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = eps
        g[j] = (fwd_probe({key: e}) - fwd_probe({key: -e})) / (2 * eps)
    return g

# replay the author's backward loop (lines 105-138) to record intermediates
rec = {}
ds_next = np.zeros((H, 1)); dc_next = np.zeros((H, 1))
for t in reversed(range(T)):
    c = cache[t]; c_prev = cache[t - 1]["c"]
    dy = probs[t].copy(); dy[targets[t]] -= 1.0
    ds_total = net.Why.T @ dy + ds_next
    dc_total = ds_total * c["o"] * (1 - c["tanh_c"] ** 2) + dc_next
    do_raw = (ds_total * c["tanh_c"]) * c["o"] * (1 - c["o"])
    di_raw = (dc_total * c["g"]) * c["i"] * (1 - c["i"])
    dg_raw = (dc_total * c["i"]) * (1 - c["g"] ** 2)
    df_raw = (dc_total * c_prev) * c["f"] * (1 - c["f"])
    dconcat = (net.Wo.T @ do_raw + net.Wi.T @ di_raw + net.Wg.T @ dg_raw + net.Wf.T @ df_raw)
    rec[t] = dict(s=ds_total, c=dc_total, ao=do_raw, ai=di_raw, ag=dg_raw, af=df_raw,
                  s_prev=dconcat[:H], c_prev=dc_total * c["f"])
    ds_next = dconcat[:H]; dc_next = dc_total * c["f"]

for t in [T - 1, 2, 0]:
    report(f"t={t} ds_total = dL/ds_t (115)", rec[t]["s"], num_grad(("s", t)))
    report(f"t={t} dc_total = dL/dc_t (118)", rec[t]["c"], num_grad(("c", t)))
    report(f"t={t} do_raw = dL/da_o (120)", rec[t]["ao"], num_grad(("ao", t)))
    report(f"t={t} di_raw = dL/da_i (121)", rec[t]["ai"], num_grad(("ai", t)))
    report(f"t={t} dg_raw = dL/da_g (122)", rec[t]["ag"], num_grad(("ag", t)))
    report(f"t={t} df_raw = dL/da_f (123)", rec[t]["af"], num_grad(("af", t)))
    if t > 0:
        # ds_next/dc_next leaving step t must be the through-time part of dL/ds_{t-1}, dL/dc_{t-1}
        dy = probs[t - 1].copy(); dy[targets[t - 1]] -= 1
        report(f"t={t} ds_next + Why^T dy_(t-1) = dL/ds_(t-1) (137)", rec[t]["s_prev"] + net.Why.T @ dy, num_grad(("s", t - 1)))
        c1 = cache[t - 1]
        local = (rec[t]["s_prev"] + net.Why.T @ dy) * c1["o"] * (1 - c1["tanh_c"] ** 2)
        report(f"t={t} dc_next + local = dL/dc_(t-1) (138)", rec[t]["c_prev"] + local, num_grad(("c", t - 1)))

print("ALL ROWS AGREE" if ok_all else "SOME ROWS DISAGREE")
