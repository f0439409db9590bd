"""Check of dprogrammer_lstm_gru_schematic.md (dprogrammer.org, schematic Pi / T / beta recursions).
Reading: one hidden unit and one input (scalars), so every schematic factor d a/d b is a number and the order of the
factors does not matter (the text states no layout).  d a/d b is the immediate partial with the other nodes of the
graph held fixed (the text's own use: dh_{t+1}/dC_t = dh_{t+1}/dC_{t+1} dC_{t+1}/dC_t).  E = sum_t E_t with
E_t = 0.5 (h_t - y_t)^2 (E_t is not defined in the kept part).  W_t^k is the step-t copy of W_k (a row acting on
[h_{t-1}, x_t]); beta_t^k accumulates from T down to t, so beta_1^k must equal dE/dW_k.
Pi_t and T_t must then be: Pi_t = dE/dh_t (total, C_t held), T_t = the part of dE/dC_t that does not pass through
h_t (the only reading under which the Pi_t row and the beta rows hold)."""
import json, numpy as np
rng = np.random.default_rng(3)
sig = lambda s: 1/(1+np.exp(-s)); T = 5
X = rng.normal(size=T); Y = rng.normal(size=T)
# ---------------- LSTM ----------------
Wl = {k: rng.normal(size=2) for k in 'fico'}; bl = {k: rng.normal()*0.3 for k in 'fico'}
def lstm(Wl=Wl, ret=False):
    h, C, E, cache = 0.3, -0.2, 0.0, []
    for t in range(T):
        z = np.array([h, X[t]]); a = {k: Wl[k] @ z + bl[k] for k in 'fico'}
        f, i, o, Ct = sig(a['f']), sig(a['i']), sig(a['o']), np.tanh(a['c'])
        Cn = f*C + i*Ct; hn = o*np.tanh(Cn); E += 0.5*(hn - Y[t])**2
        cache.append(dict(z=z, a=a, f=f, i=i, o=o, Ct=Ct, Cp=C, C=Cn, h=hn)); h, C = hn, Cn
    return (E, cache) if ret else E
E0, ca = lstm(ret=True)
dsig = lambda s: s*(1-s)
def loc(t):      # immediate partials of step t (index t = 0..T-1)
    q = ca[t]; w = {k: Wl[k][0] for k in 'fico'}
    d = dict(dC_dCt=q['i'], dCt_dh=(1-q['Ct']**2)*w['c'], dC_df=q['Cp'], df_dh=dsig(q['f'])*w['f'],
             dC_di=q['Ct'], di_dh=dsig(q['i'])*w['i'], dC_dCp=q['f'], dh_dC=q['o']*(1-np.tanh(q['C'])**2),
             dh_do=np.tanh(q['C']), do_dh=dsig(q['o'])*w['o'], dE_dh=q['h']-Y[t])
    d['dC_dhprev'] = d['dC_dCt']*d['dCt_dh'] + d['dC_df']*d['df_dh'] + d['dC_di']*d['di_dh']   # align row 1 (i for t)
    d['dh_dCprev'] = d['dh_dC']*d['dC_dCp']                                                      # align row 3
    d['dh_dhprev'] = d['dh_dC']*d['dC_dhprev'] + d['dh_do']*d['do_dh']                           # align row 4
    return d
P = [loc(t) for t in range(T)]
def recur(Tfirst):
    Pi, Tc = [0.0]*(T+1), [0.0]*(T+1)
    for t in reversed(range(T)):
        nx = P[t+1] if t+1 < T else None
        Pi[t] = P[t]['dE_dh'] + ((nx['dh_dhprev']*Pi[t+1] + nx['dC_dhprev']*Tc[t+1]) if nx else 0)
        Tc[t] = Tfirst(t) + ((nx['dh_dCprev']*Pi[t+1] + nx['dC_dCp']*Tc[t+1]) if nx else 0)
    return Pi, Tc
def betas(Pi, Tc):
    B = {k: np.zeros(2) for k in 'fico'}
    for t in range(T):
        q, d = ca[t], P[t]; D = d['dh_dC']*Pi[t] + Tc[t]
        B['f'] += d['dC_df']*dsig(q['f'])*q['z']*D; B['i'] += d['dC_di']*dsig(q['i'])*q['z']*D
        B['c'] += d['dC_dCt']*(1-q['Ct']**2)*q['z']*D; B['o'] += d['dh_do']*dsig(q['o'])*q['z']*Pi[t]
    return B
def fdv(f, x, eps=1e-6):
    G = np.zeros_like(x)
    for j in range(len(x)):
        xp, xm = x.copy(), x.copy(); xp[j] += eps; xm[j] -= eps; G[j] = (f(xp)-f(xm))/(2*eps)
    return G
true = {k: fdv(lambda M: lstm({**Wl, k: M}), Wl[k]) for k in 'fico'}
close = lambda a, b: np.allclose(a, b, atol=1e-6)
# align subrows checked by FD of the one-step map at t = 2
def step(h, C, t):
    z = np.array([h, X[t]]); a = {k: Wl[k] @ z + bl[k] for k in 'fico'}
    Cn = sig(a['f'])*C + sig(a['i'])*np.tanh(a['c']); return Cn, sig(a['o'])*np.tanh(Cn)
t = 2; hp, Cp = ca[t-1]['h'], ca[t-1]['C']; e = 1e-6
fd_Ch = (step(hp+e, Cp, t)[0]-step(hp-e, Cp, t)[0])/(2*e); fd_hC = (step(hp, Cp+e, t)[1]-step(hp, Cp-e, t)[1])/(2*e)
fd_hh = (step(hp+e, Cp, t)[1]-step(hp-e, Cp, t)[1])/(2*e)
align_ok = close(P[t]['dC_dhprev'], fd_Ch) and close(P[t]['dh_dCprev'], fd_hC) and close(P[t]['dh_dhprev'], fd_hh)
print('align rows 1, 3, 4 hold with i_{t+1} for t_{t+1}:', align_ok)
good = betas(*recur(lambda t: 0.0))
print('betas with the T_t first term dropped match dE/dW:', all(close(good[k], true[k]) for k in 'fico'))
# the author's first term dE_t/dh_t * dE_t/dC_t, with dE_t/dC_t = dE_t/dh_t dh_t/dC_t (the only non-zero reading)
auth = betas(*recur(lambda t: P[t]['dE_dh']*(P[t]['dE_dh']*P[t]['dh_dC'])))
alt = betas(*recur(lambda t: P[t]['dE_dh']*P[t]['dh_dC']))      # 'dE_t/dh_t dh_t/dC_t' (likely intent): double counts
print("betas with the author's T_t:", all(close(auth[k], true[k]) for k in 'fico'), '| with dE_t/dh_t dh_t/dC_t:', all(close(alt[k], true[k]) for k in 'fico'))
res = {L: True for L in (8, 10, 12, 14, 16, 18)}
res[22] = False                    # t_{t+1}: undefined symbol (the other members hold, align_ok)
Pi_ok = all(close(betas(*recur(lambda t: 0.0))[k], true[k]) for k in 'fico')
res[24] = Pi_ok
res[26] = all(close(auth[k], true[k]) for k in 'fico')
for L in (28, 30, 32, 34): res[L] = Pi_ok
# ---------------- GRU ----------------
Wg = {k: rng.normal(size=2) for k in 'zrh'}; bg = {k: rng.normal()*0.3 for k in 'zrh'}
def gru(Wg=Wg, ret=False):
    h, E, cache = 0.4, 0.0, []
    for t in range(T):
        z = sig(Wg['z'] @ [h, X[t]] + bg['z']); r = sig(Wg['r'] @ [h, X[t]] + bg['r'])
        ht = np.tanh(Wg['h'] @ [r*h, X[t]] + bg['h']); hn = (1-z)*h + z*ht; E += 0.5*(hn-Y[t])**2
        cache.append(dict(hp=h, z=z, r=r, ht=ht, h=hn)); h = hn
    return (E, cache) if ret else E
E1, cg = gru(ret=True)
def gl(t):
    q = cg[t]; th = 1-q['ht']**2
    d = dict(dh_dhp_direct=1-q['z'], dh_dz=q['ht']-q['hp'], dz_dh=dsig(q['z'])*Wg['z'][0], dh_dht=q['z'],
             dht_dh=th*Wg['h'][0]*q['r'], dht_dr=th*Wg['h'][0]*q['hp'], dr_dh=dsig(q['r'])*Wg['r'][0])
    d['J'] = d['dh_dhp_direct'] + d['dh_dz']*d['dz_dh'] + d['dh_dht']*(d['dht_dh'] + d['dht_dr']*d['dr_dh'])   # row 52
    return d
G = [gl(t) for t in range(T)]
hs = lambda h, t: (1-sig(Wg['z']@[h, X[t]]+bg['z']))*h + sig(Wg['z']@[h, X[t]]+bg['z'])*np.tanh(Wg['h']@[sig(Wg['r']@[h, X[t]]+bg['r'])*h, X[t]]+bg['h'])
res[52] = close(G[2]['J'], (hs(cg[1]['h']+e, 2)-hs(cg[1]['h']-e, 2))/(2*e))
Pi = [0.0]*(T+1)
for t in reversed(range(T)):
    Pi[t] = (cg[t]['h']-Y[t]) + (G[t+1]['J']*Pi[t+1] if t+1 < T else 0)                             # row 54
B = {k: np.zeros(2) for k in 'zrh'}
for t in range(T):
    q, d = cg[t], G[t]
    B['z'] += d['dh_dz']*dsig(q['z'])*np.array([q['hp'], X[t]])*Pi[t]                                 # row 56
    B['r'] += d['dh_dht']*d['dht_dr']*dsig(q['r'])*np.array([q['hp'], X[t]])*Pi[t]                 # row 58
    B['h'] += d['dh_dht']*(1-q['ht']**2)*np.array([q['r']*q['hp'], X[t]])*Pi[t]                      # row 60
trueg = {k: fdv(lambda M: gru({**Wg, k: M}), Wg[k]) for k in 'zrh'}
for L, k in ((56, 'z'), (58, 'r'), (60, 'h')): res[L] = close(B[k], trueg[k])
res[54] = all(res[L] for L in (56, 58, 60))
for L in (42, 44, 46, 48): res[L] = True
exp = json.load(open(__file__.replace('fd_dprogrammer_lstm_gru_schematic.py', 'expected.json')))['dprogrammer_lstm_gru_schematic.md']
bad = 0
for L in sorted(res):
    got = 'pass' if res[L] else 'fail'; want = exp[str(L)]['expected']
    print(L, got, '' if got == want else f'<-- expected {want}'); bad += got != want
print('not checked:', sorted(set(map(int, exp)) - set(res)), 'MISMATCHES:', bad)
