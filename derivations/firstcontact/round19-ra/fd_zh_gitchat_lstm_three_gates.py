"""FD check of zh_gitchat_lstm_three_gates.md (GitChat "LSTM 三重门背后的故事", sections 2-3).
Column vectors; f,i,o = sigma(W h_{t-1} + U x_t + b); C~ = tanh(W_C h + U_C x + b_C); C_t = f o C_{t-1} + i o C~;
h_t = o o tanh C_t; y_t = h_t.  E_t: the step-t error (unspecified; here 0.5||h_t - y*||^2).  The delta rows are
"current step" partials of E_t: (h_{t-1}, C_{t-1}, x_t) are the cell's independent inputs.  The abbreviation
W_f s_t uses W_f for the stacked [W_f U_f b_f] and s_t = [h_{t-1}; x_t; 1]."""
import numpy as np
rng = np.random.default_rng(2)
nh, nx = 4, 3
sig = lambda z: 1/(1+np.exp(-z))
S = {g: rng.normal(size=(nh, nh+nx+1))*0.7 for g in 'fioc'}   # stacked [W U b]
hp = rng.normal(size=(nh, 1)); Cp = rng.normal(size=(nh, 1)); x = rng.normal(size=(nx, 1)); ystar = rng.normal(size=(nh, 1))
s_t = np.vstack([hp, x, [[1.0]]])

def cell(Sd=S, pert=None, cand=np.tanh, hp=hp, Cp=Cp):
    pert = pert or {}
    s = np.vstack([hp, x, [[1.0]]])
    f = sig(Sd['f'] @ s) + pert.get('f', 0); i = sig(Sd['i'] @ s) + pert.get('i', 0)
    o = sig(Sd['o'] @ s) + pert.get('o', 0); Ct = cand(Sd['c'] @ s) + pert.get('Ct', 0)
    C = f*Cp + i*Ct + pert.get('C', 0)
    h = o*np.tanh(C) + pert.get('h', 0)
    return 0.5*float(np.sum((h-ystar)**2)), dict(f=f, i=i, o=o, Ct=Ct, C=C, h=h)

def fdv(key, eps=1e-6):
    g = np.zeros((nh, 1))
    for k in range(nh):
        e = np.zeros((nh, 1)); e[k] = eps
        g[k] = (cell(pert={key: e})[0]-cell(pert={key: -e})[0])/(2*eps)
    return g

def fdS(g, cand=np.tanh, eps=1e-6):
    G = np.zeros_like(S[g])
    for idx in np.ndindex(*G.shape):
        Sp = dict(S); Sm = dict(S)
        Sp[g] = S[g].copy(); Sp[g][idx] += eps; Sm[g] = S[g].copy(); Sm[g][idx] -= eps
        G[idx] = (cell(Sp, cand=cand)[0]-cell(Sm, cand=cand)[0])/(2*eps)
    return G

ok = lambda a, b: a.shape == b.shape and np.allclose(a, b, atol=1e-6, rtol=1e-5)
E, c = cell(); res = {}
dh = fdv('h'); do = fdv('o'); dC = fdv('C'); df = fdv('f'); di = fdv('i'); dCt = fdv('Ct')
res[58] = ok(dh, c['h']-ystar)
res[68] = ok(dh*np.tanh(c['C']), do)
res[72] = ok(dh*c['o']*(1-np.tanh(c['C'])**2), dC)
res[81] = ok(dC*Cp, df)
res[85] = ok(dC*c['Ct'], di)
# 89: partial w.r.t. C_{t-1} with h_{t-1} held fixed (cell input)
g = np.zeros((nh, 1))
for k in range(nh):
    e = np.zeros((nh, 1)); e[k] = 1e-6
    g[k] = (cell(Cp=Cp+e)[0]-cell(Cp=Cp-e)[0])/2e-6
res[89] = ok(dC*c['f'], g)
res[93] = ok(dC*c['i'], dCt)
# 106: block identity (W_f h + U_f x + b_f = [W_f U_f b_f][h; x; 1])
Wf, Uf, bf = S['f'][:, :nh], S['f'][:, nh:nh+nx], S['f'][:, -1:]
res[106] = ok(Wf @ hp + Uf @ x + bf, S['f'] @ s_t)
# weight rows: author's [delta_pre] . s_t  (column . column) is ill-typed; delta_pre s_t^T is the true gradient
for line, g, dpre in [(121, 'f', df*c['f']*(1-c['f'])), (125, 'i', di*c['i']*(1-c['i'])),
                      (129, 'o', do*c['o']*(1-c['o'])), (133, 'c', dCt*(1-c['Ct']**2))]:
    try:
        auth = dpre @ s_t            # as printed: (nh x 1) . ((nh+nx+1) x 1)
        res[line] = ok(auth, fdS(g))
    except ValueError as ex:
        res[line] = 'FAIL (ill-typed: %s)' % str(ex).split('\n')[0][:60]
    res['%d_with_transpose' % line] = ok(dpre @ s_t.T, fdS(g))
# 139: the stacked version
try:
    stacked = np.vstack([df*c['f']*(1-c['f']), di*c['i']*(1-c['i']), do*c['o']*(1-c['o']), dCt*(1-c['Ct']**2)]) @ s_t
    res[139] = 'shape %s' % (stacked.shape,)
except ValueError:
    res[139] = 'FAIL (ill-typed)'
res['139_with_transpose'] = ok(np.vstack([df*c['f']*(1-c['f']), di*c['i']*(1-c['i']), do*c['o']*(1-c['o']), dCt*(1-c['Ct']**2)]) @ s_t.T,
                               np.vstack([fdS('f'), fdS('i'), fdS('o'), fdS('c')]))
# 116: C~ = sigma(W_c s_t).  With a sigmoid candidate the derivative used in 133, (1 - C~^2), is wrong:
E2, c2 = cell(cand=sig)
dCt2 = np.zeros((nh, 1))
for k in range(nh):
    e = np.zeros((nh, 1)); e[k] = 1e-6
    dCt2[k] = (cell(pert={'Ct': e}, cand=sig)[0]-cell(pert={'Ct': -e}, cand=sig)[0])/2e-6
res['116_sigma_candidate_vs_133_tanh_derivative'] = ok((dCt2*(1-c2['Ct']**2)) @ s_t.T, fdS('c', cand=sig))
res['116_sigma_candidate_with_sigma_derivative'] = ok((dCt2*c2['Ct']*(1-c2['Ct'])) @ s_t.T, fdS('c', cand=sig))
# 148: E = sum_t E_t over a short sequence; dE/dW = sum_t dE_t/dW (total derivatives) -- linearity
T = 3; xsq = [rng.normal(size=(nx, 1)) for _ in range(T)]; ysq = [rng.normal(size=(nh, 1)) for _ in range(T)]
def seq(Sd, only=None):
    h = np.zeros((nh, 1)); C = np.zeros((nh, 1)); tot = 0
    for t in range(T):
        s = np.vstack([h, xsq[t], [[1.0]]])
        f, i, o = sig(Sd['f'] @ s), sig(Sd['i'] @ s), sig(Sd['o'] @ s); Ct = np.tanh(Sd['c'] @ s)
        C = f*C + i*Ct; h = o*np.tanh(C)
        if only is None or only == t:
            tot += 0.5*float(np.sum((h-ysq[t])**2))
    return tot
def fdseq(g, only=None, eps=1e-6):
    G = np.zeros_like(S[g])
    for idx in np.ndindex(*G.shape):
        Sp = dict(S); Sm = dict(S); Sp[g] = S[g].copy(); Sp[g][idx] += eps; Sm[g] = S[g].copy(); Sm[g][idx] -= eps
        G[idx] = (seq(Sp, only)-seq(Sm, only))/(2*eps)
    return G
res[148] = ok(fdseq('f'), sum(fdseq('f', t) for t in range(T)))
for k, v in res.items():
    print(k, v)
