# FD check of ecosim_lstm_bptt_step.md: Linear layer (3.2) and LSTM single-step BPTT (3.4.3). numpy only.
import numpy as np
rng = np.random.default_rng(1)
sig = lambda z: 1/(1+np.exp(-z))
ok = lambda A, B: np.allclose(A, B, rtol=1e-5, atol=1e-7)

# ---------- 3.2 Linear: a = sigma(W x + b); L = g_out . a (so dL/da = g_out)
n_in, n_out = 4, 3
W = rng.normal(size=(n_out, n_in)); b = rng.normal(size=n_out); x = rng.normal(size=n_in); g_out = rng.normal(size=n_out)
Lin = lambda W, b, x: g_out @ sig(W@x + b)
a = sig(W@x + b)
delta = a*(1-a) * g_out            # line 58, sigma'(a) read as the derivative written through the output a
gW = np.outer(delta, x)            # line 59 (one sample)
gb = delta                         # line 60
gin = W.T @ delta                  # line 61
e = 1e-6
fdW = np.array([[(Lin(W+e*np.eye(n_out)[i][:,None]*np.eye(n_in)[j][None,:], b, x) - Lin(W-e*np.eye(n_out)[i][:,None]*np.eye(n_in)[j][None,:], b, x))/(2*e) for j in range(n_in)] for i in range(n_out)])
fdb = np.array([(Lin(W, b+e*np.eye(n_out)[i], x) - Lin(W, b-e*np.eye(n_out)[i], x))/(2*e) for i in range(n_out)])
fdx = np.array([(Lin(W, b, x+e*np.eye(n_in)[j]) - Lin(W, b, x-e*np.eye(n_in)[j]))/(2*e) for j in range(n_in)])
print("line 58/60 delta = sigma'(a)*g_out (= dL/dpre):", "PASS" if ok(gb, fdb) else "FAIL")
print("line 59 grad_W += delta x^T:", "PASS" if ok(gW, fdW) else "FAIL")
print("line 61 g_in = W^T delta:", "PASS" if ok(gin, fdx) else "FAIL")

# ---------- 3.4 LSTM, T steps, loss L = sum_t v_t . h_t
H, D, T = 3, 2, 4
Wf, Wi, Wc, Wo = [rng.normal(0, 0.8, (H, H+D)) for _ in range(4)]
bf, bi, bc, bo = [rng.normal(0, 0.5, H) for _ in range(4)]
xs = rng.normal(size=(T, D)); vs = rng.normal(size=(T, H))

def forward(pert=None):
    # pert: dict (name, t) -> additive perturbation vector on that intermediate
    P = pert or {}
    g = lambda k, t: P.get((k, t), 0.0)
    h, c = np.zeros(H), np.zeros(H); S = []; L = 0.0
    for t in range(T):
        z = np.concatenate([h, xs[t]])
        af = Wf@z+bf+g('af',t); ai = Wi@z+bi+g('ai',t); ac = Wc@z+bc+g('ac',t); ao = Wo@z+bo+g('ao',t)
        f, i, ct, o = sig(af), sig(ai), np.tanh(ac), sig(ao)          # lines 89-91, 93
        c_prev = c
        c = f*c_prev + i*ct + g('c', t)                                 # line 92
        h = o*np.tanh(c) + g('h', t)                                    # line 94
        S.append(dict(f=f, i=i, ct=ct, o=o, c=c, c_prev=c_prev, h=h, ao=ao, af=af, ai=ai))
        L += vs[t] @ h
    return L, S

def fd(name, t):
    out = np.zeros(H)
    for j in range(H):
        ep = np.zeros(H); ep[j] = 1e-6
        out[j] = (forward({(name, t): ep})[0] - forward({(name, t): -ep})[0]) / 2e-6
    return out

L, S = forward()
t = 1  # an inner step, so the recurrence terms matter
s, sn = S[t], S[t+1]
dLdh = fd('h', t)                    # "given dL/dh_t": total gradient wrt h_t
dc_next = fd('c', t+1)               # delta c_{t+1} (total)
do = dLdh*np.tanh(s['c'])*s['o']*(1-s['o'])                    # line 104, sigma'(o_t) read as o_t(1-o_t)
do_literal = dLdh*np.tanh(s['c'])*sig(s['o'])*(1-sig(s['o']))  # sigma' evaluated AT the value o_t (literal reading)
dc = dLdh*s['o']*(1-np.tanh(s['c'])**2) + dc_next*sn['f']      # line 105
df = dc*s['c_prev']*s['f']*(1-s['f'])                          # line 106
di = dc*s['ct']*s['i']*(1-s['i'])                              # line 107
dct = dc*s['i']*(1-s['ct']**2)                                 # line 108
print("line 104 delta o_t (sigma' via output, as in 3.2):", "PASS" if ok(do, fd('ao', t)) else "FAIL")
print("   literal sigma'(o_t)=sigma(o_t)(1-sigma(o_t)):", "PASS" if ok(do_literal, fd('ao', t)) else "FAIL (so the 3.2 output-convention reading is required)")
print("line 105 delta c_t:", "PASS" if ok(dc, fd('c', t)) else "FAIL")
print("line 106 delta f_t:", "PASS" if ok(df, fd('af', t)) else "FAIL")
print("line 107 delta i_t:", "PASS" if ok(di, fd('ai', t)) else "FAIL")
print("line 108 delta ctilde_t:", "PASS" if ok(dct, fd('ac', t)) else "FAIL")
