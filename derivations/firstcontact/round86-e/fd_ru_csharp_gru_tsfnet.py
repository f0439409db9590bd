# Finite-difference check of the GRU backward in ru_csharp_gru_tsfnet.md (numpy port, line by line).
# Assumed helper semantics (helpers not in the stored file): MulMatVec(M,v,o): o=M v; MulMatTVec(M,v,o): o=M^T v;
# MulOuterVec(a,b,o): o=a b^T; AddVec/SubVec/MulElemVec elementwise; AddMat(a,b,o): o=a+b;
# Sigmoid/Tanh(x,o) in place; SigmoidDerivative(y,o): o=y(1-y); TanhDerivative(y,o): o=1-y^2 (both of stored
# activations); MSEDerivative(target, output, o): o = dL/doutput.  Loss used here: L = 1/2 ||output_T - target||^2
# on the last output only (Train calls MSEDerivative once per sample, after the last step).
import numpy as np
rng = np.random.default_rng(1)
I, H, O, T = 3, 4, 2, 5
P = {k: rng.normal(scale=0.6, size=s) for k, s in dict(Wz=(H, I), Uz=(H, H), bz=(H,), Wr=(H, I), Ur=(H, H), br=(H,),
     Wh=(H, I), Uh=(H, H), bh=(H,), V=(O, H), by=(O,)).items()}
X = rng.normal(size=(T, I)); Y = rng.normal(size=O)
sig = lambda a: 1/(1+np.exp(-a))
def forward(P, keep=False):
    hid = np.zeros(H); zs, rs, hs, hids = [], [], [], [hid.copy()]
    for t in range(T):
        x = X[t]
        z = sig(P['Wz']@x + P['Uz']@hid + P['bz'])              # lines 45-49
        r = sig(P['Wr']@x + P['Ur']@hid + P['br'])              # lines 52-56
        hh = np.tanh(P['Uh']@(r*hid) + P['Wh']@x + P['bh'])     # lines 59-64
        hid = (1-z)*hid + z*hh                                  # lines 67-71
        out = P['V']@hid + P['by']                              # lines 74-75
        zs.append(z); rs.append(r); hs.append(hh); hids.append(hid.copy())
    return (out, zs, rs, hs, hids) if keep else out
L = lambda P: 0.5*np.sum((forward(P)-Y)**2)
num = {}
for k in P:
    G = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        Pp = {a: b.copy() for a, b in P.items()}; Pm = {a: b.copy() for a, b in P.items()}
        Pp[k][idx] += 1e-6; Pm[k][idx] -= 1e-6
        G[idx] = (L(Pp)-L(Pm))/2e-6
    num[k] = G
out, zH, rH, hH, hidH = forward(P, keep=True)
dOut = out - Y                                                   # line 119 (MSEDerivative)
S = {k: np.zeros_like(v) for k, v in P.items()}
S['V'] += np.outer(dOut, hidH[T]); S['by'] += dOut              # lines 136-138
delta = P['V'].T@dOut                                            # line 141
for sl in range(T-1, -1, -1):
    dz = (hH[sl]-hidH[sl]) * (zH[sl]*(1-zH[sl])) * delta         # lines 147-150
    S['Wz'] += np.outer(dz, X[sl]); S['Uz'] += np.outer(dz, hidH[sl]); S['bz'] += dz   # 152-158
    dh = delta*zH[sl] * (1-hH[sl]**2)                            # lines 161-163
    S['Wh'] += np.outer(dh, X[sl])                               # 165-166
    qt = rH[sl]*hidH[sl]; S['Uh'] += np.outer(dh, qt); S['bh'] += dh   # 168-172
    qt = P['Uh'].T@dh                                            # line 175
    dr = qt*hidH[sl]*(rH[sl]*(1-rH[sl]))                         # lines 176-178
    S['Wr'] += np.outer(dr, X[sl]); S['Ur'] += np.outer(dr, hidH[sl]); S['br'] += dr   # 180-186
    if sl > 0:
        prev = (1-zH[sl])*delta                                  # lines 192-194
        prev = prev + P['Uz'].T@dz                               # 196-197
        qt = qt*rH[sl]; prev = prev + qt                         # 199-200
        prev = prev + P['Ur'].T@dr                               # 202-203
        delta = prev                                             # 205
for k in ['V', 'by', 'Wz', 'Uz', 'bz', 'Wh', 'Uh', 'bh', 'Wr', 'Ur', 'br']:
    print("%-3s author == finite difference:" % k, np.allclose(S[k], num[k], rtol=1e-5, atol=1e-8))
# one-step check of prevDelta (lines 192-205) = dL/dh_{t-1} given delta = dL/dh_t, at the last step
t = T-1; hp = hidH[t]; x = X[t]
def step(hp_):
    z = sig(P['Wz']@x + P['Uz']@hp_ + P['bz']); r = sig(P['Wr']@x + P['Ur']@hp_ + P['br'])
    hh = np.tanh(P['Uh']@(r*hp_) + P['Wh']@x + P['bh']); return (1-z)*hp_ + z*hh
d0 = P['V'].T@dOut
g = np.array([(d0@step(hp+e) - d0@step(hp-e))/2e-6 for e in np.eye(H)*1e-6])
z = zH[t]; r = rH[t]; hh = hH[t]
dz = (hh-hp)*z*(1-z)*d0; dh = d0*z*(1-hh**2); q = P['Uh'].T@dh; dr = q*hp*r*(1-r)
print("prevDelta (lines 192-205) == dL/dh_{t-1}:", np.allclose((1-z)*d0 + P['Uz'].T@dz + q*r + P['Ur'].T@dr, g, rtol=1e-5, atol=1e-8))
