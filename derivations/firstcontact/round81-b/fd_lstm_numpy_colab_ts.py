# Finite-difference check of lstm_numpy_colab_ts.md (lucasdelimanogueira/LSTM-from-scratch, cell 10).
# Author's convention: delta_e = y - y_pred, every "delta"/"dw" is MINUS the gradient of L = 1/2 (y - y_pred)^2
# (fit() does w = w + lr*dw).  Forward runs t = 1..T-1 with h_list[0] = c_list[0] = 0; x[0] is never used.
import numpy as np
rng = np.random.default_rng(0)
T, H, D = 4, 3, 1
sig = lambda z: 1/(1+np.exp(-z))
P = {k: rng.normal(0, .8, (H, H+D)) for k in ['wf', 'wi', 'wc', 'wo']}
P.update({k: rng.normal(0, .5, (H, 1)) for k in ['bf', 'bi', 'bc', 'bo']})
P['w_final'] = rng.normal(0, .8, (1, H)); P['b_final'] = rng.normal(0, .5, (1, 1))
x = rng.normal(0, 1, (T, D, 1)); y = np.array([[0.7]])

def forward(P):
    hs = [np.zeros((H, 1)) for _ in range(T)]; cs = [np.zeros((H, 1)) for _ in range(T)]
    fs, is_, gs, os_ = [np.zeros((H, 1)) for _ in range(T)], [np.zeros((H, 1)) for _ in range(T)], [np.zeros((H, 1)) for _ in range(T)], [np.zeros((H, 1)) for _ in range(T)]
    for t in range(1, T):
        z = np.vstack((hs[t-1], x[t]))
        f = sig(P['wf']@z+P['bf']); i = sig(P['wi']@z+P['bi']); g = np.tanh(P['wc']@z+P['bc'])
        c = f*cs[t-1]+i*g; o = sig(P['wo']@z+P['bo']); h = o*np.tanh(c)
        fs[t], hs[t], cs[t], gs[t], os_[t], is_[t] = f, h, c, g, o, i
    yp = P['w_final']@hs[-1]+P['b_final']
    return yp, dict(h=hs, c=cs, f=fs, i=is_, g=gs, o=os_)

def loss(P): return float(0.5*((y-forward(P)[0])**2).sum())

def fd(P, eps=1e-6):
    G = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            Pp = {a: b.copy() for a, b in P.items()}; Pm = {a: b.copy() for a, b in P.items()}
            Pp[k][idx] += eps; Pm[k][idx] -= eps
            g[idx] = (loss(Pp)-loss(Pm))/(2*eps)
        G[k] = g
    return G

yp, S = forward(P); G = fd(P)
# ---- correct reference backward (negative gradients, author's sign), verified against FD below
def ref_backward():
    de = y-yp
    dh_next = np.zeros((H, 1)); dc_next = np.zeros((H, 1)); R = {k: np.zeros_like(P[k]) for k in P}
    R['w_final'] = de@S['h'][-1].T; R['b_final'] = de.copy()
    out = {}
    for t in reversed(range(1, T)):
        dh = (P['w_final'].T@de if t == T-1 else 0) + dh_next
        o, c, f, i, g = S['o'][t], S['c'][t], S['f'][t], S['i'][t], S['g'][t]
        do = np.tanh(c)*dh*o*(1-o)
        dc = o*dh*(1-np.tanh(c)**2) + dc_next
        df = S['c'][t-1]*dc*f*(1-f); di = g*dc*i*(1-i); dg = i*dc*(1-g**2)
        z = np.vstack((S['h'][t-1], x[t]))
        for k, d in [('wf', df), ('wi', di), ('wo', do), ('wc', dg)]:
            R[k] += d@z.T; R['b'+k[1]] += d
        dz = P['wf'].T@df+P['wi'].T@di+P['wo'].T@do+P['wc'].T@dg
        out[t] = dict(dh=dh, dc=dc, do=do, df=df, di=di, dg=dg, dc_next=dc_next, dh_next=dh_next)
        dh_next = dz[:H]; dc_next = dc*f
    return R, out
R, REF = ref_backward()
ok_ref = all(np.allclose(R[k], -G[k], atol=1e-6) for k in P)
print("reference backward (negative gradient) matches FD:", ok_ref)

# ---- author's backward, verbatim logic
ps = lambda z: sig(z)*(1-sig(z)); pt = lambda z: 1-z**2
def author():
    h_list, c_list, f_list, i_list, o_list, cc = S['h'], S['c'], S['f'], S['i'], S['o'], S['g']
    dH = [np.zeros((H, 1)) for _ in range(T+1)]; dO = [np.zeros((H, 1)) for _ in range(T+1)]; dC = [np.zeros((H, 1)) for _ in range(T+1)]
    dF = [np.zeros((H, 1)) for _ in range(T+1)]; dI = [np.zeros((H, 1)) for _ in range(T+1)]; dG = [np.zeros((H, 1)) for _ in range(T+1)]
    A = {k: np.zeros_like(P[k]) for k in P}
    de = y-yp; A['w_final'] = de*h_list[-1].T; A['b_final'] = de
    for t in reversed(range(T)):
        dH[t] = P['w_final'].T@de + dH[t+1]
        dO[t] = np.tanh(c_list[t])*dH[t]*ps(h_list[t])
        dC[t] = o_list[t]*dH[t]*pt(c_list[t]) + dC[t+1]
        dF[t] = c_list[t-1]*dC[t]*ps(f_list[t])
        dI[t] = cc[t]*dC[t]*ps(i_list[t])
        dG[t] = i_list[t]*dC[t]*pt(cc[t])
        z = np.vstack((h_list[t-1], x[t]))
        A['wf'] += dF[t]@z.T; A['bf'] += dF[t]; A['wi'] += dI[t]@z.T; A['bi'] += dI[t]
        A['wo'] += dO[t]@z.T; A['bo'] += dO[t]; A['wc'] += dC[t]@z.T; A['bc'] += dC[t]
    return A, dict(dH=dH, dO=dO, dC=dC)
A, AU = author()

def rep(line, name, ok): print(f"line {line:>3} {name:<55} {'AGREES' if ok else 'DISAGREES'}")
# helper definitions
z0 = rng.normal(0, 1, (5,)); e = 1e-6
rep(128, "prime_sigmoid(z) = d sigmoid/dz", np.allclose(ps(z0), (sig(z0+e)-sig(z0-e))/(2*e), atol=1e-6))
rep(136, "prime_tanh(z)=1-z**2 as derivative given tanh OUTPUT z", np.allclose(pt(np.tanh(z0)), (np.tanh(z0+e)-np.tanh(z0-e))/(2*e), atol=1e-6))
rep(88, "delta_e = y - y_pred = -dL/dy_pred", np.allclose(y-yp, -(yp-y)))
rep(90, "dw_final", np.allclose(A['w_final'], -G['w_final'], atol=1e-6))
rep(91, "db_final", np.allclose(A['b_final'], -G['b_final'], atol=1e-6))
rep(96, "delta_h[t] (all real steps t=1..T-1)", all(np.allclose(AU['dH'][t], REF[t]['dh'], atol=1e-6) for t in range(1, T)))
# local checks: plug the TRUE upstream values into each line's formula
loc = lambda f: all(f(t) for t in range(1, T))
rep(97, "delta_o[t] formula with true dh", loc(lambda t: np.allclose(np.tanh(S['c'][t])*REF[t]['dh']*ps(S['h'][t]), REF[t]['do'], atol=1e-8)))
rep(98, "delta_c[t] formula with true dh, true dc_{t+1}", loc(lambda t: np.allclose(S['o'][t]*REF[t]['dh']*pt(S['c'][t]) + (REF[t+1]['dc'] if t+1 < T else 0), REF[t]['dc'], atol=1e-8)))
rep(99, "delta_f[t] formula with true dc", loc(lambda t: np.allclose(S['c'][t-1]*REF[t]['dc']*ps(S['f'][t]), REF[t]['df'], atol=1e-8)))
rep(100, "delta_i[t] formula with true dc", loc(lambda t: np.allclose(S['g'][t]*REF[t]['dc']*ps(S['i'][t]), REF[t]['di'], atol=1e-8)))
rep(101, "delta_c_cand[t] formula with true dc", loc(lambda t: np.allclose(S['i'][t]*REF[t]['dc']*pt(S['g'][t]), REF[t]['dg'], atol=1e-8)))
# t = 0 term of the loop: z uses h_list[-1]; no forward step exists at t = 0
z_t0 = np.vstack((S['h'][-1], x[0]))
# with TRUE dc at t=1 flowing into the author's t=0 iteration, delta_f[0] = c_list[-1]*dc*0.25 is nonzero, so t=0 adds a spurious term
spur = (S['c'][-1]*REF[1]['dc']*ps(S['f'][0]))@z_t0.T
rep(103, "z at t=0 (h_list[-1] wraps to h_{T-1}) adds no term", np.allclose(spur, 0))
# per-step accumulation lines with TRUE deltas -> reference gradient
accum = {k: np.zeros_like(P[k]) for k in ['wf', 'wi', 'wo', 'wc', 'bf', 'bi', 'bo', 'bc']}
for t in range(1, T):
    z = np.vstack((S['h'][t-1], x[t]))
    accum['wf'] += REF[t]['df']@z.T; accum['bf'] += REF[t]['df']; accum['wi'] += REF[t]['di']@z.T; accum['bi'] += REF[t]['di']
    accum['wo'] += REF[t]['do']@z.T; accum['bo'] += REF[t]['do']
accwc = sum(REF[t]['dc']@np.vstack((S['h'][t-1], x[t])).T for t in range(1, T)); accbc = sum(REF[t]['dc'] for t in range(1, T))
for line, k in [(106, 'wf'), (107, 'bf'), (109, 'wi'), (110, 'bi'), (112, 'wo'), (113, 'bo')]:
    rep(line, f"d{k} += delta @ z.T (true deltas) == -grad", np.allclose(accum[k], -G[k], atol=1e-6))
rep(115, "dwc += delta_c_list @ z.T (true dc) == -grad wc", np.allclose(accwc, -G['wc'], atol=1e-6))
rep(116, "dbc += delta_c_list (true dc) == -grad bc", np.allclose(accbc, -G['bc'], atol=1e-6))
print("author's full dw vs -FD grad (returned values, before the /number_of_cells scaling):")
for k in ['wf', 'wi', 'wo', 'wc', 'bf', 'bi', 'bo', 'bc']:
    print(f"   {k}: {'AGREES' if np.allclose(A[k], -G[k], atol=1e-6) else 'DISAGREES'}")
