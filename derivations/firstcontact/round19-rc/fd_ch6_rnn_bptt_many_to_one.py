# FD check of ch6_rnn_bptt_many_to_one.md. Scalar instance of the note's many-to-one RNN:
# o_1 = f(x_1 W), o_t = f(x_t W + o_{t-1} W_h) (t=2..4), yhat = sigmoid(o_4 W_y), L = BCE(y, yhat), f = tanh.
# Row labels are file line numbers.
# Partial symbols d o_t / d W are read as the explicit (one-step) partials, d o_t/d o_{t-1} = f'(z_t) W_h.
import numpy as np
rng = np.random.default_rng(1)
x = rng.normal(size=5); y = 1.0
W, Wh, Wy = 0.7, -0.9, 1.3
sig = lambda u: 1/(1+np.exp(-u))
def fwd(W, Wh, Wy):
    o = {0: 0.0}; z = {}
    for t in range(1, 5):
        z[t] = x[t]*W + (o[t-1]*Wh if t > 1 else 0.0); o[t] = np.tanh(z[t])
    yh = sig(o[4]*Wy); return o, z, yh, -(y*np.log(yh)+(1-y)*np.log(1-yh))
o, z, yh, L = fwd(W, Wh, Wy)
e = 1e-6
gW = (fwd(W+e, Wh, Wy)[3]-fwd(W-e, Wh, Wy)[3])/(2*e)
gWh = (fwd(W, Wh+e, Wy)[3]-fwd(W, Wh-e, Wy)[3])/(2*e)
dL_dyh = -(y/yh) + (1-y)/(1-yh); dyh_do4 = yh*(1-yh)*Wy
fp = {t: 1-o[t]**2 for t in o if t > 0}
do_do = {t: fp[t]*Wh for t in range(2, 5)}           # d o_t / d o_{t-1}
pW = {t: fp[t]*x[t] for t in range(1, 5)}            # explicit d o_t / d W
pWh = {t: (fp[t]*o[t-1] if t > 1 else 0.0) for t in range(1, 5)}
def path(t):  # product d o_4/d o_t
    p = 1.0
    for s in range(t+1, 5): p *= do_do[s]
    return p
tot_o4_W = sum(path(t)*pW[t] for t in range(1, 5)); tot_o4_Wh = sum(path(t)*pWh[t] for t in range(1, 5))
c = lambda n, a, b: print(f"{n:58s} {a:+.8f} {b:+.8f} diff {abs(a-b):.1e}")
print("row, author's formula (as read), FD")
c("62 dL/dWh = dL/dyh * dyh/dWh (total)", dL_dyh*yh*(1-yh)*Wy*tot_o4_Wh, gWh)
c("66/72 with d o_4/dWh total", dL_dyh*dyh_do4*tot_o4_Wh, gWh)
c("66/72 with d o_4/dWh explicit (= t=4 contribution only)", dL_dyh*dyh_do4*pWh[4], gWh)
c("86 with d o_4/dW total", dL_dyh*dyh_do4*tot_o4_W, gW)
c("92 full path sum (the dots continued)", dL_dyh*dyh_do4*(pW[4]+do_do[4]*pW[3]+do_do[4]*do_do[3]*pW[2]+do_do[4]*do_do[3]*do_do[2]*pW[1]), gW)
contrib_Wh = {t: dL_dyh*dyh_do4*path(t)*pWh[t] for t in range(1, 5)}
contrib_W = {t: dL_dyh*dyh_do4*path(t)*pW[t] for t in range(1, 5)}
# FD of W_h used only at step 3:
def fwd_sep(Whs):
    oo = 0.0
    for t in range(1, 5):
        oo = np.tanh(x[t]*W + (oo*Whs[t] if t > 1 else 0.0))
    yy = sig(oo*Wy); return -(y*np.log(yy)+(1-y)*np.log(1-yy))
Whs = {t: Wh for t in range(1, 5)}
def fd_sep(t):
    a = dict(Whs); a[t] += e; b = dict(Whs); b[t] -= e; return (fwd_sep(a)-fwd_sep(b))/(2*e)
c("106 t=3 contribution vs FD of W_h copy at t=3", contrib_Wh[3], fd_sep(3))
c("151 dL/dW = sum_t contributions", sum(contrib_W.values()), gW)
c("153 dL/dWh = sum_t contributions", sum(contrib_Wh.values()), gWh)
c("173 single path to o_1 only (stated as dL/dW)", dL_dyh*dyh_do4*path(1)*pW[1], gW)
u = 0.4; c("179 sigma' = sigma(1-sigma)", sig(u)*(1-sig(u)), (sig(u+e)-sig(u-e))/(2*e))
