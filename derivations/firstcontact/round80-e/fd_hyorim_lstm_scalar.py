# Finite-difference check of hyorim_lstm_scalar.py (scalar LSTM, one Cell object per step, read-out Z at t=T).
# Implements the author's forward pass and the author's backward formulas as written, and compares them with
# central differences of the BCE loss. dh fed to each step's formulas is the EXACT dL/dh_t (by FD), so each
# line is tested on its own; the chained run (author's dh passed back) is reported too.
import numpy as np
rng = np.random.default_rng(0)
T = 5
sig = lambda n: 1/(1+np.exp(-n))
psig = lambda n: sig(n)*(1-sig(n))
def new_params():
    P = []
    for t in range(T+1):
        d = {k: rng.normal(size=(1, 2))*0.9 for k in ('W_f', 'W_u', 'W_o', 'W_c')}
        d.update({k: rng.normal(size=(1, 1))*0.5 for k in ('b_f', 'b_u', 'b_o', 'b_c')})
        P.append(d)
    P[T]['w_z'] = rng.normal(size=(1, 1)); P[T]['b_z'] = rng.normal(size=(1, 1))*0.1
    return P
x = rng.integers(0, 2, size=T).astype(float); y = 1.0

def forward(P, dh_inj=None, dc_inj=None):
    h = [np.zeros((1, 1))]*(T+1); c = [np.zeros((1, 1))]*(T+1); cache = [None]*(T+1)
    h = list(h); c = list(c)
    for t in range(1, T+1):
        p = P[t]
        hehe = np.vstack((h[t-1], np.array([[x[t-1]]])))
        gf = p['W_f']@hehe+p['b_f']; f = sig(gf)
        gu = p['W_u']@hehe+p['b_u']; u = sig(gu)
        go = p['W_o']@hehe+p['b_o']; o = sig(go)
        gc = p['W_c']@hehe+p['b_c']; hc = np.tanh(gc)
        c[t] = f*c[t-1]+u*hc
        if dc_inj is not None and dc_inj[0] == t: c[t] = c[t]+dc_inj[1]
        h[t] = o*np.tanh(c[t])
        if dh_inj is not None and dh_inj[0] == t: h[t] = h[t]+dh_inj[1]
        cache[t] = (gf, gu, go, gc, f, u, o, hc)
    z = P[T]['w_z']@h[T]+P[T]['b_z']; yh = sig(z)
    L = -(y*np.log(yh)+(1-y)*np.log(1-yh))
    return L.item(), h, c, cache, yh.item()

P = new_params(); eps = 1e-6
def fd_param(t, k, idx):
    Q = [{kk: vv.copy() for kk, vv in d.items()} for d in P]
    Q[t][k][idx] += eps; Lp = forward(Q)[0]
    Q[t][k][idx] -= 2*eps; Lm = forward(Q)[0]
    return (Lp-Lm)/(2*eps)
def fd_h(t): return (forward(P, dh_inj=(t, eps))[0]-forward(P, dh_inj=(t, -eps))[0])/(2*eps)

L, h, c, cache, yh = forward(P)
tanh = np.tanh
def author_step(t, dh):  # Cell.backward / Z.backward body (after the dh = dh*w_z line), as written
    gf, gu, go, gc, f, u, o, hc = cache[t]
    r = {}
    r['dw_o'] = dh*tanh(c[t])*psig(go)*h[t-1]
    r['db_o'] = dh*tanh(c[t])*psig(go)
    r['dw_f'] = dh*o*(1-tanh(c[t])**2)*c[t-1]*psig(gf)*h[t-1]
    r['db_f'] = dh*o*(1-tanh(c[t])**2)*c[t-1]*psig(gf)
    r['dw_c'] = dh*o*(1-tanh(c[t])**2)*u*(1-tanh(hc)**2)*h[t-1]
    r['db_c'] = dh*o*(1-tanh(c[t])**2)*u*(1-tanh(hc)**2)
    r['dw_u'] = dh*o*(1-tanh(c[t])**2)*hc*psig(gu)*h[t-1]
    r['db_u'] = dh*o*(1-tanh(c[t])**2)*hc*psig(gu)
    p = P[t]
    dh_next = psig(go)*p['W_o'][0, 0]*tanh(c[t]) \
        + o*(1-tanh(c[t])**2)*psig(gf)*p['W_f'][0, 0]*c[t-1] \
        + psig(gu)*p['W_u'][0, 0] + u*(1-tanh(gc)**2)*p['W_c'][0, 0]
    r['dh*dh_next'] = dh*dh_next
    return {k: float(np.squeeze(v)) for k, v in r.items()}
ref_name = {'dw_o': ('W_o', (0, 0)), 'db_o': ('b_o', (0, 0)), 'dw_f': ('W_f', (0, 0)), 'db_f': ('b_f', (0, 0)),
            'dw_c': ('W_c', (0, 0)), 'db_c': ('b_c', (0, 0)), 'dw_u': ('W_u', (0, 0)), 'db_u': ('b_u', (0, 0))}
def ok(a, b): return abs(a-b) <= 1e-5*(1+abs(b))
print("Z (t=T) read-out lines:")
dz = yh-y
print("  dw_z = dh*h_t[t]      author %.6g  fd %.6g  %s" % (dz*h[T].item(), fd_param(T, 'w_z', (0, 0)), ok(dz*h[T].item(), fd_param(T, 'w_z', (0, 0)))))
print("  db_z = dh             author %.6g  fd %.6g  %s" % (dz, fd_param(T, 'b_z', (0, 0)), ok(dz, fd_param(T, 'b_z', (0, 0)))))
print("  dh = dh*w_z (dL/dh_T) author %.6g  fd %.6g  %s" % (dz*P[T]['w_z'].item(), fd_h(T), ok(dz*P[T]['w_z'].item(), fd_h(T))))
for t in range(T, 0, -1):
    who = 'Z' if t == T else 'Cell'
    dh_exact = fd_h(t)
    r = author_step(t, dh_exact)
    print("step t=%d (%s), dh = exact dL/dh_t = %.6g" % (t, who, dh_exact))
    for k, (pk, idx) in ref_name.items():
        ref = fd_param(t, pk, idx)
        print("  %-5s author %+.6e  fd %+.6e  %s" % (k, r[k], ref, 'AGREE' if ok(r[k], ref) else 'DIFFER'))
    if t > 1:
        ref = fd_h(t-1)
        print("  dh*dh_next (-> dL/dh_{t-1}) author %+.6e  fd %+.6e  %s" % (r['dh*dh_next'], ref, 'AGREE' if ok(r['dh*dh_next'], ref) else 'DIFFER'))
# isolate each dh_next defect: exact local Jacobian dh_t/dh_{t-1} with c_t path held (t=T, where no future c path exists)
t = T; gf, gu, go, gc, f, u, o, hc = cache[t]; p = P[t]; d1 = 1-tanh(c[t])**2
jac_true = psig(go)*p['W_o'][0, 0]*tanh(c[t]) + o*d1*(psig(gf)*p['W_f'][0, 0]*c[t-1] + psig(gu)*p['W_u'][0, 0]*hc + u*(1-hc**2)*p['W_c'][0, 0])
print("t=T: true dh_T/dh_{T-1} = %.6e ; fd = %.6e" % (jac_true.item(), fd_h(T-1)/fd_h(T)))
# dw_c with the derivative written correctly (1 - headc_t**2) and the full dL/dc_t, to show the formula shape is otherwise right
def fd_c(t): return (forward(P, dc_inj=(t, eps))[0]-forward(P, dc_inj=(t, -eps))[0])/(2*eps)
for t in (T, 2):
    gf, gu, go, gc, f, u, o, hc = cache[t]
    dc_tot = fd_c(t)
    print("t=%d: dL/dc_t exact %.6e ; author's dc (dh*o*(1-tanh^2 c)) %.6e ; with 1-headc^2: dw_c %.6e vs fd %.6e" % (
        t, dc_tot, (fd_h(t)*o*(1-tanh(c[t])**2)).item(), (dc_tot*u*(1-hc**2)*h[t-1]).item(), fd_param(t, 'W_c', (0, 0))))
