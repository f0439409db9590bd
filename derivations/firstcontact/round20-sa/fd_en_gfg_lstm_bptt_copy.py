# FD check of en_gfg_lstm_bptt_copy.md (GeeksforGeeks LSTM BPTT, scalar single-unit reading).
# Reading: one LSTM cell at time t, E depends on this cell only through ht, E_delta = dE/dht given
# (step-local gradient "at a particular timestamp"); we take E = E_delta*ht (+ an MSE check).
import numpy as np
rng = np.random.default_rng(3)
sig = lambda z: 1/(1+np.exp(-z))
P = dict(zip("wxg whg bg wxi whi bi wxf whf bf wxo who bo".split(), rng.normal(size=12)))
xt, hprev, cprev, Ed = rng.normal(size=4)
eps = 1e-6

def fwd(p=P, x=xt, hp=hprev, cp=cprev, inj={}):
    Zg = p['wxg']*x + p['whg']*hp + p['bg']; g = np.tanh(Zg) + inj.get('g', 0)
    Zi = p['wxi']*x + p['whi']*hp + p['bi']; i = sig(Zi) + inj.get('i', 0)
    Zf = p['wxf']*x + p['whf']*hp + p['bf']; f = sig(Zf) + inj.get('f', 0)
    Zo = p['wxo']*x + p['who']*hp + p['bo']; o = sig(Zo) + inj.get('o', 0)
    ct = cp*f + g*i + inj.get('c', 0)
    ht = o*np.tanh(ct)
    return dict(Zg=Zg, g=g, Zi=Zi, i=i, Zf=Zf, f=f, Zo=Zo, o=o, ct=ct, ht=ht)
E = lambda v: Ed*v['ht']
def dinj(k):
    return (E(fwd(inj={k: eps})) - E(fwd(inj={k: -eps})))/(2*eps)
def dpar(k):
    p1 = dict(P); p1[k] += eps; p2 = dict(P); p2[k] -= eps
    return (E(fwd(p=p1)) - E(fwd(p=p2)))/(2*eps)
def dcp():
    return (E(fwd(cp=cprev+eps)) - E(fwd(cp=cprev-eps)))/(2*eps)
def dht_(v):  # dht/dct
    return v['o']*(1-np.tanh(v['ct'])**2)
v = fwd(); o, g, i, f, ct = v['o'], v['g'], v['i'], v['f'], v['ct']
T2 = 1-np.tanh(ct)**2
res = {}
def chk(line, a, b): res[line] = 'OK' if np.allclose(a, b, rtol=1e-6, atol=1e-8) else 'MISMATCH'
# forward rows are the definitions used in fwd(); check ct/ht identities
chk(57, ct, cprev*f + g*i); chk(60, v['ht'], o*np.tanh(ct))
# 70: E_delta = dE/dht (definition of the upstream gradient)
dEdh = (E(dict(v, ht=v['ht']+eps)) - E(dict(v, ht=v['ht']-eps)))/(2*eps); chk(70, dEdh, Ed)
# 73: MSE E = 1/2 (y-h)^2 -> dE/dh = h - y, text says y - h
y = rng.normal(); h = v['ht']; mse = lambda hh: 0.5*(y-hh)**2
chk(73, (mse(h+eps)-mse(h-eps))/(2*eps), y-h)
chk(78, dinj('o'), Ed*np.tanh(ct)); chk(79, dinj('o'), Ed*np.tanh(ct))
chk(82, dinj('c'), Ed*dht_(v)); chk(83, dinj('c'), Ed*o*T2)
chk(87, dinj('i'), dinj('i')*g)            # dE/di = (dE/di)*(dct/di): wrong link (needs dE/dct)
chk(88, dinj('i'), Ed*o*T2*g); chk(90, dinj('g'), Ed*o*T2*i)
chk(94, dinj('f'), Ed*(Ed*o*T2)*cprev)     # E_delta*(dE/dct)*(dct/df): E_delta counted twice
chk(95, dinj('f'), Ed*o*T2*cprev)
chk(99, dcp(), Ed*(Ed*o*T2)*f)             # dE/dct-1 = E_delta*(dE/dct)*(dct/dct-1): double E_delta (and LHS says dct)
chk(100, dinj('c'), Ed*o*T2*f)             # LHS dE/dct as written
so = sig(v['Zo'])*(1-sig(v['Zo'])); sf = sig(v['Zf'])*(1-sig(v['Zf'])); si = sig(v['Zi'])*(1-sig(v['Zi'])); tg = 1-np.tanh(v['Zg'])**2
chk(104, dpar('wxo'), Ed*np.tanh(ct)*so*xt); chk(105, dpar('who'), Ed*np.tanh(ct)*so*hprev); chk(106, dpar('bo'), Ed*np.tanh(ct)*so)
chk(110, dpar('wxf'), Ed*o*T2*cprev*sf*xt); chk(111, dpar('whf'), Ed*o*T2*cprev*sf*hprev)
chk(112, dpar('bo'), Ed*o*T2*cprev*sf)     # LHS dE/dbo (copy-paste for dE/dbf)
chk(116, dpar('wxi'), Ed*o*T2*g*si*xt); chk(117, dpar('whi'), Ed*o*T2*g*si*hprev); chk(118, dpar('bi'), Ed*o*T2*g*si)
chk(120, dpar('wxg'), Ed*o*T2*i*tg*xt); chk(121, dpar('whg'), Ed*o*T2*i*tg*hprev); chk(122, dpar('bg'), Ed*o*T2*i*tg)
# info: with the bf reading, line 112 is right
print('info 112 read as dE/dbf:', np.isclose(dpar('bf'), Ed*o*T2*cprev*sf), '; 100 read as dE/dct-1:', np.isclose(dcp(), Ed*o*T2*f))
for k in sorted(res): print(k, res[k])
