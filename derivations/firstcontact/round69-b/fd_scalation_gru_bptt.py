"""FD check of scalation_gru_bptt.md (ScalaTion GRU.scala). numpy only; rows of matrices = time.
Forward (lines 130-139): z=sig(Uz x+Wz h+bz), r=sig(Ur x+Wr h+br), c=tanh(Uc x+Wc(h*r)+bc),
h_t=(1-z)h_pre+z c, yp=V h+bV, L=||y-yp||^2 (CLASSIF=false) or CE with softmax (CLASSIF=true)."""
import numpy as np
rng = np.random.default_rng(0)
n_seq, n_var, n_mem = 6, 4, 3
S = lambda *s: rng.normal(0, 0.5, s)
P = dict(Uz=S(n_mem, n_var), Wz=S(n_mem, n_mem), b_z=S(n_mem), Ur=S(n_mem, n_var), Wr=S(n_mem, n_mem), b_r=S(n_mem),
         Uc=S(n_mem, n_var), Wc=S(n_mem, n_mem), b_c=S(n_mem), V=S(n_var, n_mem), b_V=S(n_var), h_m1=S(n_mem))
x = S(n_seq, n_var); y = np.abs(S(n_seq, n_var)); y = y/y.sum(1, keepdims=True)
sig = lambda a: 1/(1+np.exp(-a)); sigmoidD = lambda s: s*(1-s); tanhD = lambda s: 1-s**2

def forward(P, classif):
    z, r, c, h, yp = [np.zeros((n_seq, k)) for k in (n_mem, n_mem, n_mem, n_mem, n_var)]; L = 0.0
    for t in range(n_seq):
        h_pre = P['h_m1'] if t == 0 else h[t-1]
        z[t] = sig(P['Uz']@x[t] + P['Wz']@h_pre + P['b_z']); r[t] = sig(P['Ur']@x[t] + P['Wr']@h_pre + P['b_r'])
        c[t] = np.tanh(P['Uc']@x[t] + P['Wc']@(h_pre*r[t]) + P['b_c']); h[t] = (1-z[t])*h_pre + z[t]*c[t]
        if classif:
            a = P['V']@h[t] + P['b_V']; yp[t] = np.exp(a)/np.exp(a).sum(); L += (-y[t]*np.log(yp[t])).sum()
        else:
            yp[t] = P['V']@h[t] + P['b_V']; L += ((y[t]-yp[t])**2).sum()
    return L, z, r, c, h, yp

def backward(P, classif, swapfix=False, e_scale=1.0):
    L, z, r, c, h, yp = forward(P, classif)
    G = {k: np.zeros_like(v) for k, v in P.items()}
    def gate(g, dIn, xt, htm1): G['U'+g] += np.outer(dIn, xt); G['W'+g] += np.outer(dIn, htm1); G['b_'+g] += dIn  # line 54
    e = (yp - y)*e_scale                                   # 154
    db_V = e.sum(1)                                        # 155  sumVr = row sums (length n_seq)
    for t in range(n_seq): G['V'] += np.outer(e[t], h[t]) # 156
    dh_ff = e@P['V']                                       # 157
    dh = np.zeros(n_mem)
    one = lambda zz: (zz if swapfix else 1-zz)             # factor used on the candidate path (author: 1-z)
    other = lambda zz: (1-zz if swapfix else zz)           # factor used on the direct path (author: z)
    for t in range(n_seq-1, 0, -1):
        dh = dh + dh_ff[t]; dh_bk = dh                     # 164-165
        dIn = dh*one(z[t])*tanhD(c[t]); gate('c', dIn, x[t], h[t-1]*r[t])   # 167-168
        dhr = P['Wc'].T@dIn; dh = dhr*r[t]                 # 169-170
        dIn = dhr*h[t-1]*sigmoidD(r[t]); gate('r', dIn, x[t], h[t-1])       # 172-173
        dh = dh + P['Wr'].T@dIn + dh_bk*other(z[t])        # 174
        dIn = dh_bk*(c[t]-h[t-1])*sigmoidD(z[t]); gate('z', dIn, x[t], h[t-1])  # 176-177
        dh = dh + P['Wz'].T@dIn                            # 178
    h_m1 = P['h_m1']; dh = dh + dh_ff[0]                   # 183
    dIn = dh*one(z[0])*tanhD(c[0]); gate('c', dIn, x[0], h_m1*r[0]); dhr = P['Wc'].T@dIn   # 185-187
    G['h_m1'] += dhr*r[0]                                  # 188
    dIn = dhr*h_m1*sigmoidD(r[0]); gate('r', dIn, x[0], h_m1)               # 190-191
    G['h_m1'] += P['Wr'].T@dIn + dh*other(z[0])           # 192
    dIn = dh*(c[0]-h_m1)*sigmoidD(z[0]); gate('z', dIn, x[0], h_m1)         # 194-195
    G['h_m1'] += P['Wz'].T@dIn                             # 196
    G['b_V'] = db_V
    return G

def fd(classif, eps=1e-6):
    F = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for i in np.ndindex(v.shape):
            o = v[i]; v[i] = o+eps; lp = forward(P, classif)[0]; v[i] = o-eps; lm = forward(P, classif)[0]; v[i] = o
            g[i] = (lp-lm)/(2*eps)
        F[k] = g
    return F
def report(label, G, F):
    print("==", label)
    for k in P:
        if G[k].shape != F[k].shape:
            print("  d%-5s DISAGREE (shape %s, true gradient has shape %s)" % (k, G[k].shape, F[k].shape)); continue
        okk = np.allclose(G[k], F[k], rtol=1e-5, atol=1e-8)
        print("  d%-5s %s  maxerr=%.2e" % (k, "AGREE" if okk else "DISAGREE", np.abs(G[k]-F[k]).max()))
Fsse, Fce = fd(False), fd(True)
report("SSE loss (CLASSIF=false, the configured one), backward AS WRITTEN", backward(P, False), Fsse)
report("SSE loss, e doubled (fix of line 154 only)", backward(P, False, e_scale=2.0), Fsse)
report("SSE loss, e doubled AND z/(1-z) swapped back on lines 167/174/185/192", backward(P, False, True, 2.0), Fsse)
report("CE loss (CLASSIF=true), backward AS WRITTEN", backward(P, True), Fce)
report("CE loss, z/(1-z) swapped back on lines 167/174/185/192", backward(P, True, True), Fce)
L, z, r, c, h, yp = forward(P, True); e = yp - y
print("== db_V: column sums e.sum(0) vs FD (CE):", np.allclose(e.sum(0), Fce['b_V'], atol=1e-7),
      "; row sums e.sum(1) (what sumVr gives) has length", e.sum(1).shape[0], "instead of", n_var)
