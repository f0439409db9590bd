# Finite-difference check of lstm_dkim949_ko.md (Korean from-scratch LSTM notebook, column vectors).
# Forward (author): f,i,o = sigmoid(W x + U h_prev + b), c_tilde = tanh(Wc x + Uc h_prev + bc),
# c = f*c_prev + i*c_tilde, h = o*tanh(c), y = Why h + by; many-to-one: loss = (y_T - target)^2.
import numpy as np
rng = np.random.default_rng(3)
D, H, T = 5, 4, 4
sig = lambda a: 1/(1+np.exp(-a))
names = ['Wi', 'Ui', 'bi', 'Wf', 'Uf', 'bf', 'Wo', 'Uo', 'bo', 'Wc', 'Uc', 'bc', 'Why', 'by']
shapes = {'W': (H, D), 'U': (H, H), 'b': (H, 1)}
P = {n: rng.normal(size=shapes[n[0]]) * 0.8 for n in names[:12]}
P['Why'] = rng.normal(size=(1, H)); P['by'] = rng.normal(size=(1, 1))
X = [rng.normal(size=(D, 1)) for _ in range(T)]; target = 0.3

def forward(P, override=None):   # override: (step, dict of per-step parameter copies) -> untied weights at that step
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); caches = []
    for t in range(T):
        Q = dict(P)
        if override is not None and override[0] == t: Q.update(override[1])
        x = X[t]
        f = sig(Q['Wf'] @ x + Q['Uf'] @ h + Q['bf']); i = sig(Q['Wi'] @ x + Q['Ui'] @ h + Q['bi'])
        o = sig(Q['Wo'] @ x + Q['Uo'] @ h + Q['bo']); ct = np.tanh(Q['Wc'] @ x + Q['Uc'] @ h + Q['bc'])
        c_prev, h_prev = c, h
        c = f*c_prev + i*ct; h = o*np.tanh(c); y = Q['Why'] @ h + Q['by']
        caches.append((x, h_prev, c_prev, f, i, o, ct, c, h))
    return float(((y - target)**2)[0, 0]), y, caches

def lstm_backward(dy, cache, P):     # transcribed from the note (lines 144-185)
    x, h_prev, c_prev, f, i, o, c_tilde, c, h = cache
    dWhy = dy @ h.T; dby = dy; dh = P['Why'].T @ dy
    do = dh*np.tanh(c); dc = dh*o*(1-np.tanh(c)**2)
    di = dc*c_tilde; df = dc*c_prev; dc_tilde = dc*i
    do = do*o*(1-o); di = di*i*(1-i); df = df*f*(1-f); dc_tilde = dc_tilde*(1-c_tilde**2)
    return dict(Wi=di@x.T, Ui=di@h_prev.T, bi=di, Wf=df@x.T, Uf=df@h_prev.T, bf=df,
                Wo=do@x.T, Uo=do@h_prev.T, bo=do, Wc=dc_tilde@x.T, Uc=dc_tilde@h_prev.T, bc=dc_tilde, Why=dWhy, by=dby)

L, y, caches = forward(P)
eps = 1e-6
def fd(name, step=None):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(G.shape):
        if step is None:
            A = P[name]; A[idx] += eps; Lp = forward(P)[0]; A[idx] -= 2*eps; Lm = forward(P)[0]; A[idx] += eps
        else:
            A = P[name].copy(); A[idx] += eps; Lp = forward(P, (step, {name: A}))[0]
            A[idx] -= 2*eps; Lm = forward(P, (step, {name: A}))[0]
        G[idx] = (Lp - Lm)/(2*eps)
    return G
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
dy = 2*(y - target)                                             # L215
# L211/L215: dL/dy
yp = y + eps; yn = y - eps
print("L 215", "AGREES " if abs(((yp-target)**2 - (yn-target)**2)[0, 0]/(2*eps) - dy[0, 0]) < 1e-6 else "DIFFERS", " dy = 2(y - target)")
auth = lstm_backward(dy, caches[-1], P)                          # L216
# (a) the formulas as ONE-STEP contributions: compare with FD w.r.t. an untied copy of the weights used only at the last step
ok_step = {n: close(auth[n], fd(n, step=T-1)) for n in names}
print("one-step formulas vs FD of last-step-only (untied) weights:", ok_step)
line_of = dict(Why=149, by=150, Wo=169, Uo=170, bo=171, Wi=173, Ui=174, bi=175, Wf=177, Uf=178, bf=179, Wc=181, Uc=182, bc=183)
for n in names: print(f"L{line_of[n]:4d} {'AGREES ' if ok_step[n] else 'DIFFERS'}  d{n} as the step-T contribution")
# (b) the training loop uses them as the FULL gradient (L216)
ok_full = {n: close(auth[n], fd(n)) for n in names}
print("author's gradients (caches[-1] only) vs FD of the tied-weight loss:", ok_full)
print("L 216", "AGREES " if all(ok_full.values()) else "DIFFERS",
      " gradients = lstm_backward(dy, caches[-1], weights) used as the full gradient (only Why/by are complete)")
# (c) full BPTT (my own) reproduces FD, showing what is missing: dh_prev / dc_prev propagation
grads = {n: np.zeros_like(P[n]) for n in names}; dh_next = np.zeros((H, 1)); dc_next = np.zeros((H, 1))
for t in reversed(range(T)):
    x, h_prev, c_prev, f, i, o, ct, c, h = caches[t]
    dh = (P['Why'].T @ dy if t == T-1 else 0) + dh_next
    if t == T-1: grads['Why'] += dy @ h.T; grads['by'] += dy
    do = dh*np.tanh(c)*o*(1-o); dc = dh*o*(1-np.tanh(c)**2) + dc_next
    di = dc*ct*i*(1-i); df = dc*c_prev*f*(1-f); dct = dc*i*(1-ct**2)
    for g, d in (('i', di), ('f', df), ('o', do), ('c', dct)):
        grads['W'+g] += d @ x.T; grads['U'+g] += d @ h_prev.T; grads['b'+g] += d
    dh_next = P['Ui'].T@di + P['Uf'].T@df + P['Uo'].T@do + P['Uc'].T@dct; dc_next = dc*f
print("reference BPTT vs FD:", all(close(grads[n], fd(n)) for n in names))
