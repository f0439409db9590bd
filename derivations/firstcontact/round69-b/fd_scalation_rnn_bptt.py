"""FD check of scalation_rnn_bptt.md (ScalaTion RNN.scala). numpy only; rows = time.
Forward (122-128): h_t = tanh(U x_t + W h_{t-1} + b_h), yp_t = V h_t + b_y, L = sum_t ||y_t-yp_t||^2/2.
n_seq <= 64 so train() runs one batch: batch_start=0, batch_end=n_seq-1, truncated_start=0."""
import numpy as np
rng = np.random.default_rng(0)
n_seq, n_var, n_mem, n_out = 7, 3, 4, 2
S = lambda *s: rng.normal(0, 0.6, s)
P = dict(U=S(n_mem, n_var), W=S(n_mem, n_mem), b_h=S(n_mem), V=S(n_out, n_mem), b_y=S(n_out))
h_m1 = S(n_mem); x = S(n_seq, n_var); y = S(n_seq, n_out)
tanhD = lambda s: 1-s**2

def forward(P):
    h = np.zeros((n_seq, n_mem)); yp = np.zeros((n_seq, n_out)); L = 0.0
    for t in range(n_seq):
        h_pre = h_m1 if t == 0 else h[t-1]
        h[t] = np.tanh(P['U']@x[t] + P['W']@h_pre + P['b_h']); yp[t] = P['V']@h[t] + P['b_y']
        L += ((y[t]-yp[t])**2).sum()/2.0
    return L, h, yp

def backward(P, fix_transpose=False, fix_start=False, fix_tanhD=False, fix_range=False):
    L, h, yp = forward(P); batch_end, ts = n_seq-1, 0
    G = {k: np.zeros_like(v) for k, v in P.items()}
    e = yp - y                                              # 147
    G['b_y'] = e.sum(0)                                     # 149 (sumV = column sums)
    for t in range(ts, n_seq): G['V'] += np.outer(e[t], h[t])   # 155
    dh = np.zeros((n_seq, n_mem)); dh[n_seq-1] = P['V'].T@e[n_seq-1]   # 156-158
    start = batch_end-1 if fix_start else batch_end-2       # 160
    for t in range(start, ts-1, -1):                        # 161
        if fix_transpose: dh[t] = P['W'].T@(tanhD(h[t+1])*dh[t+1]) + P['V'].T@e[t]
        else:             dh[t] = (tanhD(h[t+1])[:, None]*P['W'])@dh[t+1] + P['V'].T@e[t]
    stop = batch_end+1 if fix_range else batch_end          # 163: 'until batch_end'
    for t in range(ts, stop):
        h_pre = h_m1 if t == 0 else h[t-1]
        g = tanhD(h[t])*dh[t] if fix_tanhD else dh[t]
        G['U'] += np.outer(g, x[t])                         # 165
        G['W'] += np.outer(g, h_pre)                        # 166
        G['b_h'] += tanhD(h[t])*dh[t]                       # 167
    return G, dh

def fd(eps=1e-6):
    F = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for i in np.ndindex(v.shape):
            o = v[i]; v[i] = o+eps; lp = forward(P)[0]; v[i] = o-eps; lm = forward(P)[0]; v[i] = o; g[i] = (lp-lm)/(2*eps)
        F[k] = g
    return F
def fd_h(eps=1e-6):   # total dL/dh_t (perturb h_t after it is computed)
    D = np.zeros((n_seq, n_mem))
    def fwd_pert(t0, d):
        h_prev = h_m1; L = 0.0
        for t in range(n_seq):
            ht = np.tanh(P['U']@x[t] + P['W']@h_prev + P['b_h'])
            if t == t0: ht = ht + d
            L += ((y[t]-(P['V']@ht+P['b_y']))**2).sum()/2.0; h_prev = ht
        return L
    for t in range(n_seq):
        for i in range(n_mem):
            d = np.zeros(n_mem); d[i] = eps; D[t, i] = (fwd_pert(t, d)-fwd_pert(t, -d))/(2*eps)
    return D
F, Dh = fd(), fd_h()
def report(label, **kw):
    G, dh = backward(P, **kw); print("==", label)
    for k in P: print("  d%-4s %s  maxerr=%.2e" % (k, "AGREE" if np.allclose(G[k], F[k], rtol=1e-5, atol=1e-8) else "DISAGREE", np.abs(G[k]-F[k]).max()))
    print("  dh rows agreeing with FD dL/dh_t:", [t for t in range(n_seq) if np.allclose(dh[t], Dh[t], atol=1e-7)])
report("AS WRITTEN")
report("line 161 transposed: W.T @ (tanhD(h_{t+1}) * dh_{t+1})", fix_transpose=True)
report("loop starts at batch_end-1 only (line 161 still diag(tanhD) W)", fix_start=True)
report("line 161 transposed + loop starts at batch_end-1 (line 160)", fix_transpose=True, fix_start=True)
report("... + tanhD factor in lines 165-166", fix_transpose=True, fix_start=True, fix_tanhD=True)
report("... + loop on line 163 includes t = batch_end (all fixes)", fix_transpose=True, fix_start=True, fix_tanhD=True, fix_range=True)
