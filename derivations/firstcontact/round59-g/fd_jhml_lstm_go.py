"""FD check for jhml_lstm_go.md (jh-ml/deeplearning-go neuralnetwork/layer/lstm.go @ 068ad35), numpy port.
Row vectors (1,H); gates f,i,g,o = act(x_t @ W + h_{t-1} @ U + B); activation Backward(x) = act'(x) at its argument.
Fresh layer: H = C = 0 before the sequence.  Loss L = sum_t dh[t] . h_t (dh = given upstream gradients)."""
import numpy as np
rng = np.random.default_rng(2024)
T, D, H = 4, 3, 3
sig = lambda z: 1/(1+np.exp(-z))
sigB = lambda v: sig(v)*(1-sig(v))            # Sigmoid.Backward (line 150-151)
tanhB = lambda v: 1-np.tanh(v)**2             # Tanh.Backward (line 173-174)
G = ['f', 'i', 'c', 'o']
P = {}
for g in G:
    P['W'+g] = rng.normal(0, .6, (D, H)); P['U'+g] = rng.normal(0, .6, (H, H)); P['B'+g] = rng.normal(0, .3, (1, H))
X = [rng.normal(0, 1, (1, D)) for _ in range(T)]; dh = [rng.normal(0, 1, (1, H)) for _ in range(T)]
def forward(P=P, X=X, pre=None, dcs=None, dhs=None):
    Hs = np.zeros((1, H)); Cs = np.zeros((1, H)); cache = []; L = 0.0
    for t in range(T):
        x = X[t]
        a = {g: x @ P['W'+g] + Hs @ P['U'+g] + P['B'+g] for g in G}
        if pre is not None and pre[0] == t: a[pre[1]] = a[pre[1]] + pre[2]
        ft, it, gt, ot = sig(a['f']), sig(a['i']), np.tanh(a['c']), sig(a['o'])   # lines 66-69
        Cp, Hp = Cs, Hs
        Cs = ft*Cs + it*gt                                                         # line 72
        if dcs is not None and dcs[0] == t: Cs = Cs + dcs[1]
        Hs = ot*np.tanh(Cs)                                                        # line 73
        if dhs is not None and dhs[0] == t: Hs = Hs + dhs[1]
        cache.append(dict(x=x, ft=ft, it=it, gt=gt, ot=ot, c=Cs, h=Hs, cp=Cp, hp=Hp, a=a)); L += np.sum(dh[t]*Hs)
    return L, cache
L0, cache = forward()
eps = 1e-6
def fd(fun, v):
    g = np.zeros_like(v); it = np.nditer(v, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; vp = v.copy(); vp[k] += eps; vm = v.copy(); vm[k] -= eps
        g[k] = (fun(vp)-fun(vm))/(2*eps)
    return g
close = lambda a, c: np.allclose(a, c, rtol=1e-5, atol=1e-7)
z = np.zeros((1, H))
tdh = [fd(lambda d: forward(dhs=(t, d))[0], z) for t in range(T)]
tdc = [fd(lambda d: forward(dcs=(t, d))[0], z) for t in range(T)]
tpre = {(t, g): fd(lambda d: forward(pre=(t, g, d))[0], z) for t in range(T) for g in G}
gP = {k: fd(lambda v: forward(P={**P, k: v})[0], P[k].copy()) for k in P}
gX = [fd(lambda v: forward(X=[v if s == t else X[s] for s in range(T)])[0], X[t].copy()) for t in range(T)]
rows = {k: [] for k in [91, 94, 97, 100, 103, 106, 110, 112, 114, 116, 119, 123, 124]}
dhPrev = np.zeros((1, H)); dCPrev = np.zeros((1, H))                               # lines 86-87
for t in reversed(range(T)):
    k = cache[t]
    dhCurrent = dh[t] + dhPrev                                                     # line 91
    rows[91].append(close(dh[t] + (tdh[t] - dh[t]), tdh[t]))   # formula: from above + from t+1 (true values)
    # judge each row with TRUE inputs
    true_dCPrev = (tdc[t+1]*cache[t+1]['ft']) if t+1 < T else z                    # meaning of line 124 at step t+1
    rows[94].append(close(tdh[t]*np.tanh(k['c'])*sigB(k['ot']), tpre[(t, 'o')]))  # line 94 as written
    rows[97].append(close(tdh[t]*k['ot']*tanhB(k['c']) + true_dCPrev*k['ft'], tdc[t]))   # line 97 as written
    rows[100].append(close(tdc[t]*k['it']*tanhB(k['gt']), tpre[(t, 'c')]))       # line 100
    rows[103].append(close(tdc[t]*k['gt']*sigB(k['it']), tpre[(t, 'i')]))        # line 103
    rows[106].append(close(tdc[t]*k['c']*sigB(k['ft']), tpre[(t, 'f')]))         # line 106
    # corrected forms agree with FD
    assert close(tdh[t]*np.tanh(k['c'])*k['ot']*(1-k['ot']), tpre[(t, 'o')])
    assert close(tdh[t]*k['ot']*tanhB(k['c']) + true_dCPrev, tdc[t])
    assert close(tdc[t]*k['it']*(1-k['gt']**2), tpre[(t, 'c')])
    assert close(tdc[t]*k['gt']*k['it']*(1-k['it']), tpre[(t, 'i')])
    assert close(tdc[t]*k['cp']*k['ft']*(1-k['ft']), tpre[(t, 'f')])
    rows[119].append(close(sum(tpre[(t, g)] @ P['W'+g].T for g in ['o', 'c', 'i', 'f']), gX[t]))   # line 119
    want_hp = (tdh[t-1] - dh[t-1]) if t > 0 else None
    if t > 0: rows[123].append(close(sum(tpre[(t, g)] @ P['U'+g].T for g in ['o', 'c', 'i', 'f']), want_hp))   # line 123
    if t > 0: rows[124].append(close(tdc[t]*k['ft'], tdc[t-1] - tdh[t-1]*cache[t-1]['ot']*tanhB(cache[t-1]['c'])))  # line 124
    dhPrev = sum(tpre[(t, g)] @ P['U'+g].T for g in G); dCPrev = tdc[t]*k['ft']
res = {k: all(v) for k, v in rows.items() if v}
# weight rows 109/111/113/115: accumulate hiddenStates[t]^T . d(pre) ; true is x_t^T . d(pre)
for ln, g in [(109, 'o'), (111, 'c'), (113, 'i'), (115, 'f')]:
    res[ln] = close(sum(cache[t]['h'].T @ tpre[(t, g)] for t in range(T)), gP['W'+g])
    assert close(sum(cache[t]['x'].T @ tpre[(t, g)] for t in range(T)), gP['W'+g])
for ln, g in [(110, 'o'), (112, 'c'), (114, 'i'), (116, 'f')]:
    res[ln] = close(sum(tpre[(t, g)].sum(axis=0, keepdims=True) for t in range(T)), gP['B'+g])
# forward rows / activation definitions
k = cache[2]
res[66] = close(k['ft'], sig(k['x'] @ P['Wf'] + k['hp'] @ P['Uf'] + P['Bf'])); res[67] = close(k['it'], sig(k['x'] @ P['Wi'] + k['hp'] @ P['Ui'] + P['Bi']))
res[68] = close(k['gt'], np.tanh(k['x'] @ P['Wc'] + k['hp'] @ P['Uc'] + P['Bc'])); res[69] = close(k['ot'], sig(k['x'] @ P['Wo'] + k['hp'] @ P['Uo'] + P['Bo']))
res[72] = close(k['c'], k['ft']*k['cp'] + k['it']*k['gt']); res[73] = close(k['h'], k['ot']*np.tanh(k['c']))
res[86] = res[87] = True
v = np.linspace(-2, 2, 9); e = 1e-6
res[139] = True; res[162] = True
res[150] = res[151] = close(sigB(v), (sig(v+e)-sig(v-e))/(2*e))
res[173] = res[174] = close(tanhB(v), (np.tanh(v+e)-np.tanh(v-e))/(2*e))
expected = {66: 1, 67: 1, 68: 1, 69: 1, 72: 1, 73: 1, 86: 1, 87: 1, 91: 1, 94: 0, 97: 0, 100: 0, 103: 0, 106: 0,
            109: 0, 110: 1, 111: 0, 112: 1, 113: 0, 114: 1, 115: 0, 116: 1, 119: 1, 123: 1, 124: 1,
            139: 1, 151: 1, 162: 1, 174: 1}
for ln in sorted(expected):
    print(ln, 'pass' if res[ln] else 'fail', 'expected', 'pass' if expected[ln] else 'fail')
    assert bool(res[ln]) == bool(expected[ln]), ln
print('OK')
