"""Finite-difference checks for so40093165_lstm_peephole_question.md (asker's scalar peephole LSTM).

Model (asker's): scalar, non-layered cell, one time step with a given previous cell state c_prev
  i = sig(i_w*(x + c_prev) + i_b); f = sig(f_w*(x + c_prev) + f_b); g = tanh(c_w*x + c_b)
  c = f*c_prev + i*g;  o = sig(o_w*(x + c) + o_b);  h = o*tanh(c)
Loss L = 0.5*(target - h)^2, so received_error e = target - h = -dL/dh (asker's sign convention);
'error' of a neuron = -dL/d(net input); weight updates w += o_l * (-dL/dw).
"""
import numpy as np

sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
dtanh = lambda z: 1 - np.tanh(z) ** 2
rng = np.random.default_rng(58)
P = dict(zip(["i_w", "i_b", "f_w", "f_b", "c_w", "c_b", "o_w", "o_b"], rng.normal(0, 0.8, 8)))
x, c_prev, target = 0.7, -0.4, 0.3
EPS = 1e-6


def cell(p, x, c_prev, d=None):
    d = d or {}
    ni = p["i_w"] * (x + c_prev) + p["i_b"] + d.get("ni", 0)
    nf = p["f_w"] * (x + c_prev) + p["f_b"] + d.get("nf", 0)
    ng = p["c_w"] * x + p["c_b"] + d.get("ng", 0)
    i, f, g = sig(ni), sig(nf), np.tanh(ng)
    c = f * c_prev + i * g
    no = p["o_w"] * (x + c) + p["o_b"] + d.get("no", 0)
    o = sig(no)
    h = o * np.tanh(c)
    return dict(i=i, f=f, g=g, c=c, o=o, h=h, ni=ni, nf=nf, ng=ng, no=no)


def loss(p, x, c_prev, d=None):
    return 0.5 * (target - cell(p, x, c_prev, d)["h"]) ** 2


def fd(fun):
    return (fun(EPS) - fun(-EPS)) / (2 * EPS)


close = lambda a, b: abs(a - b) <= 1e-6 * max(1.0, abs(b))
results = {}
s = cell(P, x, c_prev)

# forward rows 12-22: the asker's model equals a generic peephole cell with input weight = peephole weight
# and no recurrent h input (their stated "non-layered" design); reference implementation:
def ref(p, x, cp):
    gate = lambda w, b, peep: sig(w * x + w * peep + b)
    i = gate(p["i_w"], p["i_b"], cp); f = gate(p["f_w"], p["f_b"], cp)
    c = f * cp + i * np.tanh(p["c_w"] * x + p["c_b"])
    o = gate(p["o_w"], p["o_b"], c)
    return o * np.tanh(c)
fwd_ok = close(ref(P, x, c_prev), s["h"]) and abs(s["h"]) < 1
for ln in (12, 14, 16, 18, 20, 22):
    results[ln] = fwd_ok

# row 28: generic delta rule error = f'(net) * received_error, received = target-output or sum(o_e*w_io)
# check on a tiny 2-layer sigmoid net: hidden y_j = sig(net_j), output y = sig(net_k), net_k = sum_j w_kj y_j
W1 = rng.normal(size=(3, 2)); w2 = rng.normal(size=3); xin = rng.normal(size=2); tt = 0.2
def mlp(dnet_h=np.zeros(3), dnet_k=0.0):
    nh = W1 @ xin + dnet_h; yh = sig(nh); nk = w2 @ yh + dnet_k; return nh, yh, nk, sig(nk)
nh, yh, nk, yk = mlp()
L2 = lambda dh=np.zeros(3), dk=0.0: 0.5 * (tt - mlp(dh, dk)[3]) ** 2
err_k = dsig(nk) * (tt - yk)                      # output neuron: received_error = target - output
ok_k = close(err_k, -fd(lambda e: L2(dk=e)))
err_h = dsig(nh) * (err_k * w2)                   # hidden: received_error = sum(o_e * w_io)
ok_h = all(close(err_h[j], -fd(lambda e: L2(dh=np.eye(3)[j] * e))) for j in range(3))
results[28] = ok_k and ok_h

# true errors (-dL/dnet) of the asker's gates by FD
true = {k: -fd(lambda e, k=k: loss(P, x, c_prev, {k: e})) for k in ("ni", "nf", "ng", "no")}
e_recv = target - s["h"]

# row 34: o_e = sigmoid'(net_o) * received_error   (received_error = error arriving at h)
o_e_author = dsig(s["no"]) * e_recv
results[34] = close(o_e_author, true["no"])
assert close(dsig(s["no"]) * np.tanh(s["c"]) * e_recv, true["no"])  # correction: extra tanh(c_t) factor

# row 36: o_w += o_l * x_t * o_e  -> increment / o_l should be -dL/do_w
def Lp(name, e):
    q = dict(P); q[name] += e; return loss(q, x, c_prev)
g_ow = -fd(lambda e: Lp("o_w", e))
results[36] = close(x * true["no"], g_ow)
assert close((x + s["c"]) * true["no"], g_ow)  # correction: net_o = o_w*(x_t + c_t) + o_b

# row 38: o_b += o_l * sigmoid(o_b) * o_e
g_ob = -fd(lambda e: Lp("o_b", e))
results[38] = close(sig(P["o_b"]) * true["no"], g_ob)
assert close(true["no"], g_ob)

# row 46: error received by the cell below = tanh'(x_t) * sum(o_e * w_io)
# two stacked asker cells: lower (input x) -> h1 = x_t of upper; loss on upper h
Q = dict(zip(P.keys(), rng.normal(0, 0.8, 8)))
c_prev_up = 0.25
def stack_loss(dh1=0.0, dup=None):
    h1 = cell(P, x, c_prev)["h"] + dh1
    return 0.5 * (target - cell(Q, h1, c_prev_up, dup)["h"]) ** 2
h1 = s["h"]
recv_true = -fd(lambda e: stack_loss(dh1=e))
up_err = {k: -fd(lambda e, k=k: stack_loss(dup={k: e})) for k in ("ni", "nf", "ng", "no")}
author_46 = dtanh(h1) * (up_err["no"] * Q["o_w"])
results[46] = close(author_46, recv_true)
corr = up_err["ni"] * Q["i_w"] + up_err["nf"] * Q["f_w"] + up_err["ng"] * Q["c_w"] + up_err["no"] * Q["o_w"]
assert close(corr, recv_true)

expected = {12: True, 14: True, 16: True, 18: True, 20: True, 22: True, 28: True,
            34: False, 36: False, 38: False, 46: False}
for ln, exp in expected.items():
    print(ln, "pass" if results[ln] else "fail", "(expected", "pass)" if exp else "fail)")
    assert results[ln] == exp, ln
print("all verdicts confirmed")
