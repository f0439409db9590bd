"""FD check of fileid28246577790_lstm_node_numpy.md. Column vectors, x = concat([h_{t-1}, xx]); inDim != nneurons."""
import numpy as np
rng = np.random.default_rng(2)
inDim, nneurons = 2, 3; dim = inDim + nneurons
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(nneurons, dim))*0.7 for k in ['Wf','Wi','Wc','Wo']}
P.update({k: rng.normal(size=nneurons)*0.3 for k in ['bf','bi','bc','bo']})
dtanh = lambda a: 1 - np.tanh(a)**2                  # line 8
dsigma = lambda a: sig(a)**2*np.exp(-a)              # line 13
def dloss(yy, y):                                    # line 25 (author's)
    d = np.zeros_like(yy); d[0] = 2*(y - yy[0]); return d
loss = lambda yy, y: (y - yy[0])**2                  # line 19
rep = lambda n, a, b: print(f"line {n}: {'OK' if np.allclose(a,b,atol=1e-6) else 'MISMATCH'}")

def fd(f, A, eps=1e-6):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        e = np.zeros_like(A); e[idx] = eps
        out[idx] = (f(A+e) - f(A-e))/(2*eps)
    return out

def cell(xx, h1, C1, p=P, pert={}):
    x = np.concatenate([h1, xx])
    xs = {g: x + pert.get(('x',g),0) for g in 'fico'}
    af = p['Wf']@xs['f']+p['bf']+pert.get('af',0); ai = p['Wi']@xs['i']+p['bi']+pert.get('ai',0)
    ac = p['Wc']@xs['c']+p['bc']+pert.get('ac',0); ao = p['Wo']@xs['o']+p['bo']+pert.get('ao',0)
    f = sig(af)+pert.get('f',0); i = sig(ai)+pert.get('i',0); Ctt = np.tanh(ac)+pert.get('Ctt',0)
    C = f*C1 + i*Ctt + pert.get('C',0); o = sig(ao)+pert.get('o',0)
    h = o*np.tanh(C) + pert.get('h',0)
    return dict(x=x,f=f,i=i,Ctt=Ctt,C=C,o=o,h=h,af=af,ai=ai,ac=ac,ao=ao)

# ---- scalar helper rows
a = rng.normal(size=5)
rep(8, dtanh(a), fd(lambda A: np.tanh(A).sum(), a))
rep(13, dsigma(a), fd(lambda A: sig(A).sum(), a))
print("line 19: OK (definition of the loss on the first component of h)")
yy = rng.normal(size=nneurons); y = 0.3
rep(25, dloss(yy, y), fd(lambda A: loss(A, y), yy))
for n in (46,47,48,49,50,51,52):
    print(f"line {n}: OK (forward definition used to build the cell)")

# ---- single-cell local rows: L = Gh.h + Gc.C  (dldh = Gh, dldc = Gc)
xx = rng.normal(size=inDim); h1 = rng.normal(size=nneurons); C1 = rng.normal(size=nneurons)
Gh = rng.normal(size=nneurons); Gc = rng.normal(size=nneurons)
def Lcell(pert={}, p=P, h1=h1, C1=C1):
    s = cell(xx, h1, C1, p, pert); return Gh@s['h'] + Gc@s['C']
s = cell(xx, h1, C1)
dp = lambda name, n=nneurons: fd(lambda A: Lcell({name: A}), np.zeros(n))
tdC, tdo, tdi, tdf, tdCtt = dp('C'), dp('o'), dp('i'), dp('f'), dp('Ctt')
tai, taf, tao, tac = dp('ai'), dp('af'), dp('ao'), dp('ac')
dldh, dldc = Gh, Gc
rep(71, s['o']*dldh + dldc, tdC)
rep(72, s['C']*dldh, tdo)
rep(73, s['Ctt']*tdC, tdi)
rep(74, s['i']*tdC, tdCtt)
rep(75, s['C']*tdC, tdf)
rep(78, dsigma(s['i'])*tdi, tai)
rep(79, dsigma(s['f'])*tdf, taf)
rep(80, dsigma(s['o'])*tdo, tao)
rep(81, dtanh(s['Ctt'])*tdCtt, tac)
def dW(k):
    def f(A):
        p = dict(P); p[k] = A; return Lcell(p=p)
    return fd(f, P[k])
rep(84, np.outer(tai, s['x']), dW('Wi')); rep(85, np.outer(taf, s['x']), dW('Wf'))
rep(86, np.outer(tao, s['x']), dW('Wo')); rep(87, np.outer(tac, s['x']), dW('Wc'))
rep(88, tai, dW('bi')); rep(89, taf, dW('bf')); rep(90, tao, dW('bo')); rep(91, tac, dW('bc'))
dxg = lambda g: fd(lambda A: Lcell({('x',g): A}), np.zeros(dim))
rep(95, P['Wi'].T@tai, dxg('i')); rep(96, P['Wf'].T@taf, dxg('f'))
rep(97, P['Wo'].T@tao, dxg('o')); rep(98, P['Wc'].T@tac, dxg('c'))
xx_true = P['Wi'].T@tai + P['Wf'].T@taf + P['Wo'].T@tao + P['Wc'].T@tac
rep(101, tdC*s['f'], fd(lambda A: Lcell(C1=A), C1) - 0)  # L depends on C1 only through C
rep(102, xx_true[inDim:], fd(lambda A: Lcell(h1=A), h1))

# ---- sequence driver rows (2 steps, losses on h_j[0])
X = [rng.normal(size=inDim) for _ in range(2)]; Y = [-0.5, 0.2]
z0 = np.zeros(nneurons)
print("line 122: OK (first node starts from zero h and C)")
s0 = cell(X[0], z0, z0)
print("line 126: OK (reads C_{t-1} of the previous node)")
print("line 127: OK (reads h_{t-1} of the previous node)")
# author's call forward(x, C_prev, h_prev) against signature forward(xx, ht_1, Ct_1)
s1_author = cell(X[1], s0['C'], s0['h']); s1_true = cell(X[1], s0['h'], s0['C'])
rep(128, s1_author['h'], s1_true['h'])
rep(143, dloss(s1_true['h'], Y[1]), fd(lambda A: loss(A, Y[1]), s1_true['h']))
print("line 144: OK (no future cell after the last node: dL/dC from t+1 is zero)")
rep(151, dloss(s0['h'], Y[0]), fd(lambda A: loss(A, Y[0]), s0['h']))
# true dCt_out / dht_out of node 1 = gradient of the step-1 loss w.r.t. C_0 / h_0
L1 = lambda h0, C0: loss(cell(X[1], h0, C0)['h'], Y[1])
fut_C = fd(lambda A: L1(s0['h'], A), s0['C']); fut_h = fd(lambda A: L1(A, s0['C']), s0['h'])
Ltot = lambda pert: loss(cell(X[0], z0, z0, pert=pert)['h'], Y[0]) + L1(cell(X[0], z0, z0, pert=pert)['h'], cell(X[0], z0, z0, pert=pert)['C'])
# line 152: diff_C := true dCt_out of node 1 equals dL/dC_0 through the future only
# compare with total dL/dC_0 minus the local path via h_0
tot_C = fd(lambda A: Ltot({'C': A}), z0)
s0h_loc = -2*(Y[0]-s0['h'][0])*np.eye(nneurons)[0] + fut_h   # true total dL/dh_0
rep(152, fut_C, tot_C - s0h_loc*s0['o']*(1-np.tanh(s0['C'])**2))
true_own = fd(lambda A: loss(A, Y[0]), s0['h'])
rep(153, true_own + fut_h, fd(lambda A: Ltot({'h': A}), z0))
