"""FD check of fileid30366188784_zh_lstm_zen_principles.md (column vectors, W acts on [h_{t-1}; x_t])."""
import numpy as np
rng = np.random.default_rng(0)
H, D, T = 3, 2, 3
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(H, H+D))*0.7 for k in ['Wi','Wf','WC','Wo']}
P.update({k: rng.normal(size=H)*0.3 for k in ['bi','bf','bC','bo']})
X = rng.normal(size=(T, D)); G = rng.normal(size=(T, H))

def fwd(pert={}, Wi_step=None):
    h = np.zeros(H); C = np.zeros(H); L = 0.0; st = []
    for t in range(T):
        z = np.concatenate([h, X[t]])
        Wi = P['Wi'] + (Wi_step[1] if Wi_step is not None and Wi_step[0]==('W',t) else 0)
        bi = P['bi'] + (Wi_step[1] if Wi_step is not None and Wi_step[0]==('b',t) else 0)
        i = sig(Wi@z+bi) + pert.get(('i',t),0)
        f = sig(P['Wf']@z+P['bf']) + pert.get(('f',t),0)
        Ct = np.tanh(P['WC']@z+P['bC']) + pert.get(('Ct',t),0)
        Cp = C
        C = f*Cp + i*Ct + pert.get(('C',t),0)
        o = sig(P['Wo']@z+P['bo']) + pert.get(('o',t),0)
        h = o*np.tanh(C) + pert.get(('h',t),0)
        st.append(dict(z=z,i=i,f=f,Ct=Ct,C=C,Cp=Cp,o=o,h=h))
        L += G[t]@h
    return L, st

def g(name, t, n=H, eps=1e-6):
    out = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = eps
        out[k] = (fwd({(name,t):e})[0] - fwd({(name,t):-e})[0])/(2*eps)
    return out

def gW(kind, t, shape, eps=1e-6):
    out = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        out[idx] = (fwd(Wi_step=((kind,t),e))[0] - fwd(Wi_step=((kind,t),-e))[0])/(2*eps)
    return out

L, st = fwd(); t = 1; s = st[t]; s1 = st[t+1]
dh, dC, do_, di, df, dCt = g('h',t), g('C',t), g('o',t), g('i',t), g('f',t), g('Ct',t)
dC1 = g('C',t+1)
rep = lambda n, a, b: print(f"line {n}: {'OK' if np.allclose(a,b,atol=1e-6) else 'MISMATCH'}")
for n in (10,16,22,28,34,40):
    print(f"line {n}: OK (forward definition used to build the cell)")
rep(50, dh, do_*np.tanh(s['C']) + dC*s['o']*(1-np.tanh(s['C'])**2))
rep(54, dC, dh*s['o']*(1-np.tanh(s['C'])**2) + dC1*s1['f'])
rep(58, do_, dh*np.tanh(s['C']))
rep(62, di, dC*s['Ct'])
rep(64, df, dC*s['Cp'])
rep(66, dCt, dC*s['i'])
rep(70, gW('W',t,(H,H+D)), np.outer(di, s['z']))
rep(72, gW('b',t,(H,)), di)
