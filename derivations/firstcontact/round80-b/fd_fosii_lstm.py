# Finite-difference check of fosii_lstm.md (SudYar/FOSII, "Расчет LSTM").
# Conventions: row vectors, [x_t, h_{t-1}] (1, in+H), each W_k (in+H, H) (repo's LSTMLayer.py: weights.shape = (input_size+out_size; output_size)),
# x part = [:in_len], h part = [in_len:] (stated in the same author's RNN note). sigma'(g), tanh'(C~) read as derivative of the
# nonlinearity that produced the gate: g(1-g), 1-C~^2; tanh'(C_t) = 1 - tanh(C_t)^2 (C_t is the argument of tanh).
# Loss over a 2-step sequence: L = sum_t g_t * h_t, so dL/dh_t = g_t + (part from t+1).
import numpy as np
rng = np.random.default_rng(1)
IN, H, T = 3, 4, 2
sig = lambda a: 1/(1+np.exp(-a))
P = {k: rng.normal(size=(IN+H, H))*0.6 for k in 'ifoC'}
B = {k: rng.normal(size=(1, H))*0.3 for k in 'ifoC'}
xs = [rng.normal(size=(1, IN)) for _ in range(T)]; gs = [rng.normal(size=(1, H)) for _ in range(T)]
h0 = rng.normal(size=(1, H))*0.5; C0 = rng.normal(size=(1, H))*0.5
def fwd(P, B, xs, h0, C0, literal=False, ext=None):
    h, C, cache = h0, C0, []
    for t in range(T):
        xh = np.hstack([xs[t], h])
        W = (lambda k: P['o']) if literal else (lambda k: P[k])   # literal: lines 17,19,21 use W_o for every gate
        a = {k: xh@W(k) + B[k] for k in 'ifoC'}
        if ext: a = {k: a[k] + ext[t][k] for k in a}
        i, f, o, Ct = sig(a['i']), sig(a['f']), sig(a['o']), np.tanh(a['C'])
        Cp = C; C = f*Cp + i*Ct; h = o*np.tanh(C)              # lines 15, 11
        cache.append(dict(xh=xh, i=i, f=f, o=o, Ct=Ct, C=C, Cp=Cp, h=h))
    return cache
Lf = lambda **k: float(sum(np.sum(gs[t]*c['h']) for t, c in enumerate(fwd(**k))))
def num(f, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        A[i] += eps; p = f(); A[i] -= 2*eps; m = f(); A[i] += eps; G[i] = (p-m)/(2*eps)
    return G
def rep(name, a, b):
    if a is None: print(f"{name:62s} SHAPE ERROR (formula as written cannot be evaluated)"); return
    ok = a.shape == b.shape and np.allclose(a, b, atol=1e-6)
    print(f"{name:62s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b)) if a.shape==b.shape else 'shapes '+str(a.shape)+' '+str(b.shape)}")
def try_(f):
    try: return f()
    except ValueError: return None
base = dict(P=P, B=B, xs=xs, h0=h0, C0=C0)
cache = fwd(**base)
# backward as written, t = T-1 .. 0
dC_next = np.zeros((1, H)); f_next = np.zeros((1, H)); dh_future = np.zeros((1, H))
D = [None]*T; dW = {k: np.zeros((IN+H, H)) for k in 'ifoC'}; db = {k: np.zeros((1, H)) for k in 'ifoC'}
for t in reversed(range(T)):
    c = cache[t]; dh = gs[t] + dh_future
    do = dh*np.tanh(c['C'])*c['o']*(1-c['o'])                  # line 42
    dC = dh*c['o']*(1-np.tanh(c['C'])**2) + dC_next*f_next      # line 45 (RHS)
    di = dC*c['Ct']*c['i']*(1-c['i'])                          # line 48
    df = dC*c['Cp']*c['f']*(1-c['f'])                          # line 51
    dCt = dC*c['i']*(1-c['Ct']**2)                             # line 54
    d = dict(i=di, f=df, o=do, C=dCt)
    for k in 'ifoC': dW[k] += c['xh'].T@d[k]; db[k] += d[k]     # line 75
    D[t] = dict(d, dC=dC, dh=dh)
    lit_h = try_(lambda: (di@P['i'] + df@P['f'] + do@P['o'] + dCt@P['C'])[:, :IN])   # line 64 as written
    lit_x = try_(lambda: (di@P['i'] + df@P['f'] + do@P['o'] + dCt@P['C'])[:, IN:])   # line 67 as written
    S = di@P['i'].T + df@P['f'].T + do@P['o'].T + dCt@P['C'].T
    D[t].update(lit_h=lit_h, lit_x=lit_x, S=S)
    dh_future = S[:, IN:]; dC_next = dC; f_next = c['f']
ext = [{k: np.zeros((1, H)) for k in 'ifoC'} for _ in range(T)]
for t in range(T):
    for k, ln in zip('oifC', ['42 delta o_t', '48 delta i_t', '51 delta f_t', '54 delta C~_t']):
        rep(f"t={t} line {ln} (pre-activation grad)", D[t][k], num(lambda: Lf(ext=ext, **base), ext[t][k]))
# dC_t check: perturb C_t additively is not a leaf; check via dL/dC_{t} = dC with a hook: use C0 for t=0 chain
rep("line 45 RHS (delta C) at t=0 -> delta C_{-1}=delta C_0*f_0 vs dL/dC0", D[0]['dC']*cache[0]['f'], num(lambda: Lf(**base), C0))
for k in 'ifoC':
    rep(f"line 75 dW_{k} = sum_t [x,h]^T delta_{k}", dW[k], num(lambda: Lf(**base), P[k]))
    rep(f"line 75 db_{k} = sum_t delta_{k}", db[k], num(lambda: Lf(**base), B[k]))
fd_h0 = num(lambda: Lf(**base), h0); fd_x0 = num(lambda: Lf(**base), xs[0])
rep("line 64 delta h_{t-1} as written (delta.W, [:in_len])", D[0]['lit_h'], fd_h0)
rep("line 64 with W^T and [in_len:] (corrected)", D[0]['S'][:, IN:], fd_h0)
rep("line 64 with W^T but slice [:in_len] as written", D[0]['S'][:, :IN], fd_h0)
rep("line 67 delta x_t as written (delta.W, [in_len:])", D[0]['lit_x'], fd_x0)
rep("line 67 with W^T and [:in_len] (corrected)", D[0]['S'][:, :IN], fd_x0)
# square case IN == H: delta.W runs (no transpose) but is still wrong
print("-- lines 17/19/21 (W_o used for i, C~, f): gradient of L w.r.t. W_i under the literal forward:")
lit = dict(base, literal=True)
print("   max|dL/dW_i| (literal forward) =", np.max(np.abs(num(lambda: Lf(**lit), P['i']))), " -> W_i does not enter the model as written; the backward (line 64, 75) uses W_i, W_f, W_C")
print("-- line 37 / 45 as written (LHS without delta): h_0 vs dL/dh_0 equal?", np.allclose(cache[0]['h'], D[0]['dh']),
      "; C_0 vs RHS of line 45 equal?", np.allclose(cache[0]['C'], D[0]['dC']))
