"""FD check of gru_ex2_homework.md (bias-free GRU, scalar hidden state, input vector x).
Forward (lines 5-29): z=s(Wxz^T x + Whz h1), r=s(Wxr^T x + Whr h1), g=tanh(Wxg^T x + Whg (r*h1)),
h2 = z*h1 + (1-z)*g ; eps = 0.5*(h2-y)^2 ; delta = d eps/d h2.
Items c-h differentiate eps_(2) w.r.t. the weights at step 2 with h_(1) held fixed (direct part)."""
import numpy as np
rng = np.random.default_rng(0)
D = 3
s = lambda a: 1/(1+np.exp(-a)); ds = lambda a: s(a)*(1-s(a)); dt = lambda a: 1-np.tanh(a)**2
P = dict(Wxz=rng.normal(size=D), Whz=rng.normal(), Wxr=rng.normal(size=D), Whr=rng.normal(),
         Wxg=rng.normal(size=D), Whg=rng.normal())
x2 = rng.normal(size=D); h1 = 0.7; y2 = -0.3

def eps(P):
    az = P['Wxz']@x2 + P['Whz']*h1; z = s(az)
    ar = P['Wxr']@x2 + P['Whr']*h1; r = s(ar)
    ag = P['Wxg']@x2 + P['Whg']*(r*h1); g = np.tanh(ag)
    h2 = z*h1 + (1-z)*g
    return 0.5*(h2-y2)**2, dict(az=az, z=z, ar=ar, r=r, ag=ag, g=g, h2=h2)

def fd(name, e=1e-6):
    v = np.atleast_1d(np.array(P[name], dtype=float)); out = np.zeros_like(v)
    for k in range(v.size):
        Pp = dict(P); Pm = dict(P); vp = v.copy(); vm = v.copy(); vp[k] += e; vm[k] -= e
        Pp[name] = vp if v.size > 1 else vp[0]; Pm[name] = vm if v.size > 1 else vm[0]
        out[k] = (eps(Pp)[0]-eps(Pm)[0])/(2*e)
    return out

E, c = eps(P); delta = c['h2']-y2
rows = {
 'c (line 145) dW_xz': (delta*(h1-c['g'])*ds(c['az'])*x2, fd('Wxz')),
 'd (line 147) dW_hz': (delta*(h1-c['g'])*ds(c['az'])*c['h2'], fd('Whz')),
 'e (line 149) dW_xg': (delta*(1-c['z'])*dt(c['ag'])*x2, fd('Wxg')),
 'f (line 151) dW_hg': (delta*(1-c['z'])*dt(c['ag'])*(c['r']*h1), fd('Whg')),
 'g (line 153) dW_xr': (delta*(1-c['z'])*dt(c['ag'])*P['Whg']*h1*ds(c['ar'])*x2, fd('Wxr')),
 'h (line 155) dW_hr': (delta*(1-c['z'])*dt(c['ag'])*P['Whg']*h1*ds(c['ar'])*h1, fd('Whr')),
}
for k, (a, n) in rows.items():
    ok = np.allclose(a, n, rtol=1e-5, atol=1e-8)
    print(f"{k}: {'AGREES' if ok else 'DIFFERS'}  author={np.round(np.atleast_1d(a),6)} fd={np.round(n,6)}")
# what item d would be with h_(1) instead of h_(2):
print("d with h_(1) instead of h_(2):", np.allclose(delta*(h1-c['g'])*ds(c['az'])*h1, fd('Whz')))
# definitions: sigma' and tanh'
a = 0.37; e = 1e-6
print("sigma'(x)=sigma(x)(1-sigma(x)):", np.isclose(ds(a), (s(a+e)-s(a-e))/(2*e)))
print("tanh'(x)=1-tanh^2(x):", np.isclose(dt(a), (np.tanh(a+e)-np.tanh(a-e))/(2*e)))
print("delta=h2-y2 is d eps/d h2 of eps=0.5(h2-y2)^2: True by construction")
