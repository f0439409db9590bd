# Standalone FD check of the EpyNN LSTM layer code (transcribed in epynn_lstm_layer_code.md).
# Row-vector layout: X[:, s] is (m, e); U* (e, u), V* (u, u), b* (u,).
# Loss: L = sum_s sum(G[:, s] * h[:, s])  (so dA[:, s] = G[:, s], i.e. layer.sequences=True).
import numpy as np
rng = np.random.default_rng(0)
m, S, e, u = 2, 4, 3, 5
sig = lambda x: 1/(1+np.exp(-x)); dsig = lambda x: sig(x)*(1-sig(x))
tanh = np.tanh; dtanh = lambda x: 1-np.tanh(x)**2
P = {}
for g in 'figo':
    P['U'+g] = rng.normal(size=(e, u))*0.6
    P['V'+g] = rng.normal(size=(u, u))*0.6
    P['b'+g] = rng.normal(size=(u,))*0.3
X0 = rng.normal(size=(m, S, e)); G = rng.normal(size=(m, S, u))

def forward(P, X, pert=None):
    pert = pert or {}
    d = lambda k, s: pert.get((k, s), 0.0)
    fc = {k: np.zeros((m, S, u)) for k in ['h','hp','o_','o','i_','i','f_','f','g_','g','C_','Cp_','C']}
    h = np.zeros((m, u)); C_ = np.zeros((m, u))
    for s in range(S):
        Xs = X[:, s] + d('X', s)
        hp = fc['hp'][:, s] = h
        hpg = hp + d('hp', s)           # hp as used by this step's gates
        Cp_ = fc['Cp_'][:, s] = C_
        f_ = fc['f_'][:, s] = Xs@P['Uf'] + hpg@P['Vf'] + P['bf'] + d('f_', s)
        f = fc['f'][:, s] = sig(f_)
        i_ = fc['i_'][:, s] = Xs@P['Ui'] + hpg@P['Vi'] + P['bi'] + d('i_', s)
        i = fc['i'][:, s] = sig(i_)
        g_ = fc['g_'][:, s] = Xs@P['Ug'] + hpg@P['Vg'] + P['bg'] + d('g_', s)
        g = fc['g'][:, s] = tanh(g_)
        o_ = fc['o_'][:, s] = Xs@P['Uo'] + hpg@P['Vo'] + P['bo'] + d('o_', s)
        o = fc['o'][:, s] = sig(o_)
        C_ = fc['C_'][:, s] = (Cp_ + d('Cp_', s))*f + i*g + d('C_', s)
        C = fc['C'][:, s] = tanh(C_)
        h = fc['h'][:, s] = o*C + d('h', s)
    return fc

def loss(P, X, pert=None):
    return np.sum(G*forward(P, X, pert)['h'])

fc = forward(P, X0)
res = {}
# --- forward rows: compare with an independent fused-weight implementation
Wx = np.concatenate([P['U'+k] for k in 'figo'], 1); Wh = np.concatenate([P['V'+k] for k in 'figo'], 1)
bb = np.concatenate([P['b'+k] for k in 'figo'])
h = np.zeros((m, u)); c = np.zeros((m, u)); ref = {k: [] for k in ['f_','f','i_','i','g_','g','o_','o','C_','C','h']}
for s in range(S):
    a = X0[:, s]@Wx + h@Wh + bb
    af, ai, ag, ao = np.split(a, 4, axis=1)
    fg, ig, gg, og = sig(af), sig(ai), tanh(ag), sig(ao)
    c = fg*c + ig*gg; h = og*tanh(c)
    for k, v in zip(['f_','f','i_','i','g_','g','o_','o','C_','C','h'], [af,fg,ai,ig,ag,gg,ao,og,c,tanh(c),h]):
        ref[k].append(v)
for line, k in zip([25,31,34,40,43,49,52,58,61,66,69], ['f_','f','i_','i','g_','g','o_','o','C_','C','h']):
    res[line] = np.allclose(fc[k], np.stack(ref[k], 1))

# --- author's backward, transcribed
bc = {k: np.zeros((m, S, u)) for k in ['dh_','dh','dhn','dC_','dC','dCn','do_','dg_','di_','df_']}
bc['dX'] = np.zeros((m, S, e)); dA_all = G
dh = np.zeros((m, u)); dC = np.zeros((m, u))
for s in reversed(range(S)):
    dA = dA_all[:, s]
    dhn = bc['dhn'][:, s] = dh
    dCn = bc['dCn'][:, s] = dC
    dh_ = bc['dh_'][:, s] = (dA + dhn)
    dC_ = bc['dC_'][:, s] = dh_*fc['o'][:, s]*dtanh(fc['C_'][:, s]) + dCn
    do_ = bc['do_'][:, s] = dh_*fc['C'][:, s]*dsig(fc['o_'][:, s])
    dg_ = bc['dg_'][:, s] = dC_*fc['i'][:, s]*dtanh(fc['g_'][:, s])
    di_ = bc['di_'][:, s] = dC_*fc['g'][:, s]*dsig(fc['i_'][:, s])
    df_ = bc['df_'][:, s] = dC_*fc['Cp_'][:, s]*dsig(fc['f_'][:, s])
    dC = bc['dC'][:, s] = dC_*fc['f'][:, s]
    dh = bc['dh'][:, s] = do_@P['Vo'].T + dg_@P['Vg'].T + di_@P['Vi'].T + df_@P['Vf'].T
    bc['dX'][:, s] = dg_@P['Ug'].T + do_@P['Uo'].T + di_@P['Ui'].T + df_@P['Uf'].T
g = {'d'+k: np.zeros_like(v) for k, v in P.items()}
for s in reversed(range(S)):
    Xs = X0[:, s]; hp = fc['hp'][:, s]
    for k in 'ogif':
        dk = bc['d'+k+'_'][:, s]
        g['dU'+k] += Xs.T@dk; g['dV'+k] += hp.T@dk; g['db'+k] += np.sum(dk, axis=0)

eps = 1e-6
def fd_pert(key, shape):
    res_ = np.zeros(shape)
    for s in range(S):
        for idx in np.ndindex(shape[0], shape[2]):
            E = np.zeros((m, shape[2])); E[idx] = eps
            res_[idx[0], s, idx[1]] = (loss(P, X0, {(key, s): E}) - loss(P, X0, {(key, s): -E}))/(2*eps)
    return res_
checks = [(97, 'h', bc['dh_']), (102, 'C_', bc['dC_']), (110, 'o_', bc['do_']), (117, 'g_', bc['dg_']),
          (124, 'i_', bc['di_']), (131, 'f_', bc['df_']), (138, 'Cp_', bc['dC']), (144, 'hp', bc['dh'])]
for line, key, val in checks:
    res[line] = np.allclose(fd_pert(key, val.shape), val, atol=1e-6)
# dX
fdX = np.zeros_like(X0)
for idx in np.ndindex(*X0.shape):
    Xp = X0.copy(); Xp[idx] += eps; Xm = X0.copy(); Xm[idx] -= eps
    fdX[idx] = (loss(P, Xp) - loss(P, Xm))/(2*eps)
res[152] = np.allclose(fdX, bc['dX'], atol=1e-6)
def fd_param(name):
    out = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pp[name][idx] += eps
        Pm = {k: v.copy() for k, v in P.items()}; Pm[name][idx] -= eps
        out[idx] = (loss(Pp, X0) - loss(Pm, X0))/(2*eps)
    return out
for line, name in [(183,'Uo'),(184,'Vo'),(185,'bo'),(189,'Ug'),(190,'Vg'),(191,'bg'),(195,'Ui'),(196,'Vi'),(197,'bi'),(201,'Uf'),(202,'Vf'),(203,'bf')]:
    res[line] = np.allclose(fd_param(name), g['d'+name], atol=1e-6)
for line in sorted(res):
    print(f"line {line}: {'OK' if res[line] else 'MISMATCH'}")
