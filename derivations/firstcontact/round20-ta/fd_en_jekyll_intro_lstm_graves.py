# FD check for en_jekyll_intro_lstm_graves.md (Graves-style index notation).
# Each backward row is checked locally: LHS by central differences of L w.r.t. an additive
# perturbation of the named quantity at time t; RHS evaluated with FD-obtained deltas.
import numpy as np
rng = np.random.default_rng(1)
sig = lambda a: 1/(1+np.exp(-a)); dsig = lambda a: sig(a)*(1-sig(a))
tanh = np.tanh; dtanh = lambda a: 1-np.tanh(a)**2
EPS = 1e-6
res = {}
def chk(line, ok):
    res[line] = res.get(line, True) and bool(ok)

# ---------------- plain RNN, lines 18, 22, 28, 36, 40, 44 ----------------
I, H, K, T = 3, 4, 2, 5
x = rng.normal(size=(T+1, I)); y = rng.normal(size=(T+1, K))
Wih = rng.normal(size=(I, H))*.5; Whh = rng.normal(size=(H, H))*.5; Whk = rng.normal(size=(H, K))*.5
b0 = rng.normal(size=H)*.3
def rnn(Wih, Whh, Whk, pert=None):
    b = np.zeros((T+1, H)); b[0] = b0; a = np.zeros((T+1, H)); ak = np.zeros((T+1, K)); L = 0.
    for t in range(1, T+1):
        a[t] = x[t] @ Wih + b[t-1] @ Whh               # (1) a_h = sum_i w_ih x_i + sum_h' w_h'h b_h'^{t-1}
        if pert and pert[0] == 'a' and pert[1] == t: a[t] = a[t] + pert[2]
        b[t] = tanh(a[t])                               # (2) theta = tanh
        ak[t] = b[t] @ Whk                              # line 28, v_h^t read as b_h^t
        if pert and pert[0] == 'k' and pert[1] == t: ak[t] = ak[t] + pert[2]
        L += 0.5*np.sum((ak[t]-y[t])**2)
    return L, a, b, ak
L, a, b, ak = rnn(Wih, Whh, Whk)
def dL(kind, t, n):
    out = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        out[j] = (rnn(Wih, Whh, Whk, (kind, t, e))[0] - rnn(Wih, Whh, Whk, (kind, t, -e))[0])/(2*EPS)
    return out
dh = {t: dL('a', t, H) for t in range(1, T+1)}; dh[T+1] = np.zeros(H)
dk = {t: dL('k', t, K) for t in range(1, T+1)}
for t in range(1, T+1):
    rhs = dtanh(a[t])*(Whk @ dk[t] + Whh @ dh[t+1])     # (3): sum_k delta_k w_hk + sum_h' delta_h'^{t+1} w_hh'
    chk(36, np.allclose(dh[t], rhs, atol=1e-6))
def fdW(which):
    Ws = [Wih, Whh, Whk]; W = Ws[which]; G = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = [w.copy() for w in Ws]; Wm = [w.copy() for w in Ws]
        Wp[which][idx] += EPS; Wm[which][idx] -= EPS
        G[idx] = (rnn(*Wp)[0] - rnn(*Wm)[0])/(2*EPS)
    return G
# line 44: dL/dw_ij = sum_t delta_j^t b_i^t, with b_i^t the activation of the sending unit i at time t
g_ih = sum(np.outer(x[t], dh[t]) for t in range(1, T+1))
g_hk = sum(np.outer(b[t], dk[t]) for t in range(1, T+1))
g_hh_written = sum(np.outer(b[t], dh[t]) for t in range(1, T+1))      # b_i^t as written
g_hh_right = sum(np.outer(b[t-1], dh[t]) for t in range(1, T+1))
Gih, Ghh, Ghk = fdW(0), fdW(1), fdW(2)
print('  44 input weights  :', np.allclose(Gih, g_ih, atol=1e-6), '| output weights:', np.allclose(Ghk, g_hk, atol=1e-6),
      '| recurrent weights as written (b^t):', np.allclose(Ghh, g_hh_written, atol=1e-6), '| with b^{t-1}:', np.allclose(Ghh, g_hh_right, atol=1e-6))
chk(44, np.allclose(Gih, g_ih, atol=1e-6) and np.allclose(Ghk, g_hk, atol=1e-6) and np.allclose(Ghh, g_hh_written, atol=1e-6))

# ---------------- LSTM with peepholes, lines 73-125 ----------------
# NB blocks, C cells per block; hidden "h" = all cell outputs (NB*C of them); G = all gate/cell-input units
NB, C = 2, 2; HC = NB*C; I = 3; K = 2; T = 5
x = rng.normal(size=(T+2, I)); y = rng.normal(size=(T+2, K))
P = {n: rng.normal(size=(I, NB))*.5 for n in ['xi', 'xf', 'xo']}
P.update({n: rng.normal(size=(HC, NB))*.5 for n in ['hi', 'hf', 'ho']})
P['xc'] = rng.normal(size=(I, HC))*.5; P['hc'] = rng.normal(size=(HC, HC))*.5
P.update({n: rng.normal(size=(NB, C))*.5 for n in ['pi', 'pf', 'po']})   # peephole w_{c iota}, w_{c phi}, w_{c omega}
P['out'] = rng.normal(size=(HC, K))*.5
blk = np.repeat(np.arange(NB), C)           # block of each cell
def peep(pw, s):                             # sum_c w_{c gate} s_c for each block
    return np.array([np.sum(pw[B]*s[blk == B]) for B in range(NB)])
def lstm(pert=None):
    def P_(kind, t, v):
        return v + pert[2] if (pert and pert[0] == kind and pert[1] == t) else v
    s = np.zeros((T+2, HC)); bc = np.zeros((T+2, HC)); L = 0.
    st = {k: np.zeros((T+2, NB)) for k in ['ai', 'af', 'ao']}; ac = np.zeros((T+2, HC))
    for t in range(1, T+1):
        ai = P_('ai', t, x[t] @ P['xi'] + bc[t-1] @ P['hi'] + peep(P['pi'], s[t-1]))   # line 73
        af = P_('af', t, x[t] @ P['xf'] + bc[t-1] @ P['hf'] + peep(P['pf'], s[t-1]))   # line 79
        ao = P_('ao', t, x[t] @ P['xo'] + bc[t-1] @ P['ho'] + peep(P['po'], s[t-1]))   # line 85 AS WRITTEN: s_c^{t-1}
        a_c = P_('ac', t, x[t] @ P['xc'] + bc[t-1] @ P['hc'])                          # line 91
        bi, bf, bo = sig(ai), sig(af), sig(ao)                                          # lines 75, 81, 87 (f = logistic)
        s[t] = P_('s', t, bf[blk]*s[t-1] + bi[blk]*tanh(a_c))                           # line 93 (g = tanh)
        bc[t] = P_('b', t, bo[blk]*tanh(s[t]))                                          # line 97 (h = tanh)
        ak = P_('k', t, bc[t] @ P['out'])
        L += 0.5*np.sum((ak-y[t])**2)
        st['ai'][t], st['af'][t], st['ao'][t] = ai, af, ao; ac[t] = a_c
    return L, st, ac, s, bc
L, st, ac, s, bc = lstm()
def dL2(kind, t, n):
    out = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        out[j] = (lstm((kind, t, e))[0] - lstm((kind, t, -e))[0])/(2*EPS)
    return out
D = {}
for t in range(1, T+2):
    for kind, n in [('ai', NB), ('af', NB), ('ao', NB), ('ac', HC), ('s', HC), ('b', HC), ('k', K)]:
        D[kind, t] = dL2(kind, t, n) if t <= T else np.zeros(n)
for t in range(1, T+1):
    # line 105: eps_c = sum_k w_ck delta_k^t + sum_g w_cg delta_g^{t+1}
    rhs = P['out'] @ D['k', t] + P['hi'] @ D['ai', t+1] + P['hf'] @ D['af', t+1] + P['ho'] @ D['ao', t+1] + P['hc'] @ D['ac', t+1]
    chk(105, np.allclose(D['b', t], rhs, atol=1e-6))
    # line 109: delta_omega = f'(a_omega) sum_c h(s_c^t) eps_c^t  (sum over the block's cells)
    rhs = dsig(st['ao'][t])*np.array([np.sum((tanh(s[t])*D['b', t])[blk == B]) for B in range(NB)])
    chk(109, np.allclose(D['ao', t], rhs, atol=1e-6))
    # line 113 as written: ... + w_{c omega} delta_omega^t
    bo = sig(st['ao'][t])[blk]; bf1 = sig(st['af'][t+1])[blk] if t < T else np.zeros(HC)
    common = bo*dtanh(s[t])*D['b', t] + bf1*D['s', t+1] + P['pi'].ravel()*D['ai', t+1][blk] + P['pf'].ravel()*D['af', t+1][blk]
    written = common + P['po'].ravel()*D['ao', t][blk]
    alt = common + P['po'].ravel()*D['ao', t+1][blk]
    chk(113, np.allclose(D['s', t], written, atol=1e-6))
    chk('113alt', np.allclose(D['s', t], alt, atol=1e-6))
    # line 117: delta_c = b_iota g'(a_c) eps_s
    chk(117, np.allclose(D['ac', t], sig(st['ai'][t])[blk]*dtanh(ac[t])*D['s', t], atol=1e-6))
    # line 121: delta_phi = f'(a_phi) sum_c s_c^{t-1} eps_s^t
    rhs = dsig(st['af'][t])*np.array([np.sum((s[t-1]*D['s', t])[blk == B]) for B in range(NB)])
    chk(121, np.allclose(D['af', t], rhs, atol=1e-6))
    # line 125: delta_iota = f'(a_iota) sum_c g(a_c) eps_s
    rhs = dsig(st['ai'][t])*np.array([np.sum((tanh(ac[t])*D['s', t])[blk == B]) for B in range(NB)])
    chk(125, np.allclose(D['ai', t], rhs, atol=1e-6))
for line in sorted(res, key=str):
    print(line, 'OK' if res[line] else 'MISMATCH')
print("(113alt = line 113 with w_{c omega} delta_omega^{t+1}, i.e. consistent with line 85's s_c^{t-1} peephole)")
