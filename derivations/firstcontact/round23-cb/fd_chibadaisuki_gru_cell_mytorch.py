import numpy as np
rng = np.random.default_rng(1)
d, h = 5, 2   # the source hard-codes reshape(1,5) and reshape(1,2)
sig = lambda v: 1/(1+np.exp(-v))
names = ['Wrx','Wzx','Wnx','Wrh','Wzh','Wnh','bir','biz','bin','bhr','bhz','bhn']
P = {k: rng.standard_normal((h, d) if k.endswith('x') else (h, h) if k.startswith('W') else h) for k in names}
x = rng.standard_normal(d); hp = rng.standard_normal(h); delta = rng.standard_normal((1, h))
def fwd(P, x, hp, eps=None):
    e = (eps or {}).get
    ar = P['Wrx']@x+P['bir']+P['Wrh']@hp+P['bhr'] + e('ar', 0.)
    az = P['Wzx']@x+P['biz']+P['Wzh']@hp+P['bhz'] + e('az', 0.)
    r = sig(ar); z = sig(az)
    a = P['Wnh']@hp+P['bhn']
    an = P['Wnx']@x+P['bin']+r*a + e('an', 0.)
    n = np.tanh(an)
    return (1-z)*n+z*hp, dict(r=r, z=z, n=n, a=a)
L = lambda P, x, hp, eps=None: float(delta[0]@fwd(P, x, hp, eps)[0])
def fd(f, v, e=1e-6):
    g = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        vp = v.copy(); vp[i] += e; vm = v.copy(); vm[i] -= e; g[i] = (f(vp)-f(vm))/(2*e)
    return g
def rep(ln, ok): print(f"line {ln}: {'OK' if ok else 'MISMATCH'}")
close = lambda a, b: np.allclose(np.asarray(a).reshape(np.shape(b)), b, atol=1e-6, rtol=1e-5)
# forward rows vs torch-style GRU reference (r, z, n, h' = (1-z)n + z h)
ht, c = fwd(P, x, hp)
Wih = np.vstack([P['Wrx'], P['Wzx'], P['Wnx']]); Whh = np.vstack([P['Wrh'], P['Wzh'], P['Wnh']])
gi = Wih@x + np.concatenate([P['bir'], P['biz'], P['bin']]); gh = Whh@hp + np.concatenate([P['bhr'], P['bhz'], P['bhn']])
rr = sig(gi[:h]+gh[:h]); zz = sig(gi[h:2*h]+gh[h:2*h]); nn = np.tanh(gi[2*h:]+rr*gh[2*h:]); href = (1-zz)*nn+zz*hp
for ln in [7,8,9,10,14]: rep(ln, close(ht, href) and close(c['r'], rr) and close(c['z'], zz) and close(c['n'], nn))
# author backward (activation derivative() = function of stored forward output)
r, z, n, a = c['r'], c['z'], c['n'], c['a']
hd = 1-n*n; zd = z*(1-z); rd = r*(1-r)
dn = delta*(1-z)*hd
dz = delta*(hp-n)*zd
dr = dn*a*rd
G = {}
G['Wrx'] = np.dot(dr.T, x.reshape(1,5)); G['Wzx'] = np.dot(dz.T, x.reshape(1,5)); G['Wnx'] = np.dot(dn.T, x.reshape(1,5))
G['Wrh'] = np.dot(dr.T, hp.reshape(1,2)); G['Wzh'] = np.dot(dz.T, hp.reshape(1,2)); G['Wnh'] = np.dot((dn*r).T, hp.reshape(1,2))
G['bir'] = np.sum(dr, axis=0); G['biz'] = np.sum(dz, axis=0); G['bin'] = np.sum(dn, axis=0)
G['bhr'] = np.sum(dr, axis=0); G['bhz'] = np.sum(dz, axis=0); G['bhn'] = np.sum(dn*r, axis=0)
dx = np.dot(dn, P['Wnx'])+np.dot(dz, P['Wzx'])+np.dot(dr, P['Wrx'])
dh = np.dot(r*dn, P['Wnh'])+np.dot(dz, P['Wzh'])+np.dot(dr, P['Wrh'])+z*delta
zh = np.zeros(h)
rep(39, close(dn, fd(lambda v: L(P, x, hp, {'an': v}), zh)))
rep(40, close(dz, fd(lambda v: L(P, x, hp, {'az': v}), zh)))
rep(41, close(dr, fd(lambda v: L(P, x, hp, {'ar': v}), zh)))
lines = dict(Wrx=43, Wzx=44, Wnx=45, Wrh=47, Wzh=48, Wnh=49, bir=51, biz=52, bin=53, bhr=55, bhz=56, bhn=57)
for k, ln in lines.items():
    def fk(v, k=k):
        Q = dict(P); Q[k] = v; return L(Q, x, hp)
    rep(ln, close(G[k], fd(fk, P[k])))
rep(59, close(dx, fd(lambda v: L(P, v, hp), x)))
rep(60, close(dh, fd(lambda v: L(P, x, v), hp)))
