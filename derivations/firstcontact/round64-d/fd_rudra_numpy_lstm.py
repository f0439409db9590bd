# FD check for rudra_numpy_lstm.md: W (4H x (H+D)) @ [h, x], gate order [i,f,o,g], sigmoid output + BCE.
import numpy as np
rng = np.random.default_rng(3)
D, H, T = 3, 4, 4
W = rng.normal(0, 0.6, (4*H, H+D)); b = rng.normal(0, 0.3, 4*H); Wy = rng.normal(0, 0.6, H); by = 0.1
seq = rng.normal(size=(T, D)); target = 1.0
sig = lambda z: 1/(1+np.exp(-np.clip(z, -50, 50)))

def forward(P=None):
    P = P or {}; d = lambda k, t: P.get((k, t), 0.)
    h = np.zeros(H); c = np.zeros(H); cache = []
    for t, x in enumerate(seq):
        combined = np.concatenate([h, x]) + d('comb', t)
        gates = W @ combined + b + d('gates', t)
        i = sig(gates[:H]) + d('i', t); f = sig(gates[H:2*H]) + d('f', t)
        o = sig(gates[2*H:3*H]) + d('o', t); g = np.tanh(gates[3*H:]) + d('g', t)
        previous_c = c.copy()
        c = f * (c + d('ccarry', t)) + i * g + d('c', t)
        h = o * np.tanh(c) + d('h', t)
        cache.append((x, previous_c, i, f, o, g, c.copy(), h.copy(), combined))
    output = Wy @ h + by + P.get('out', 0.)
    return sig(output), cache, output
def L(P=None):
    p = forward(P)[0]
    return -(target*np.log(p) + (1-target)*np.log(1-p))   # eps=1e-8 guard dropped (numerical only)
def fd(key, shape, eps=1e-6):
    g = np.zeros(shape)
    for ix in np.ndindex(*shape):
        z = np.zeros(shape); z[ix] = eps; lp = L({key: z}); z[ix] = -eps; lm = L({key: z}); g[ix] = (lp-lm)/(2*eps)
    return g
def fdp(A, eps=1e-6):
    g = np.zeros_like(A)
    for ix in np.ndindex(*A.shape):
        old = A[ix]; A[ix] = old+eps; lp = L(); A[ix] = old-eps; lm = L(); A[ix] = old; g[ix] = (lp-lm)/(2*eps)
    return g
close = lambda a, c: np.allclose(a, c, atol=1e-6, rtol=1e-5)
res = {}
def check(line, ok, exp='pass'):
    res[line] = ok; assert ok == (exp == 'pass'), (line, ok, exp)

prob, cache, out = forward()
# forward rows against the standard LSTM with z=[h,x]: i,f,o sigmoid, g tanh, c=f c+i g, h=o tanh c; p=sigmoid(Wy h+by)
hh = np.zeros(H); cc = np.zeros(H)
for x in seq:
    z = np.concatenate([hh, x]); a = W@z + b
    cc = sig(a[H:2*H])*cc + sig(a[:H])*np.tanh(a[3*H:]); hh = sig(a[2*H:3*H])*np.tanh(cc)
okf = close(hh, cache[-1][7]) and close(prob, sig(Wy@hh+by))
for ln in (8, 52, 56, 64, 68, 73, 79, 86, 93, 99, 101, 106, 124, 129, 147):
    check(ln, okf)
d_output = prob - target; check(162, close(d_output, fd('out', ())))
final_h = cache[-1][7]; check(166, close(final_h, hh))
check(168, close(d_output*final_h, fdp(Wy)))
byarr = np.array(by)
def Lby(e):
    global by
    old = by; by = old + e; v = L(); by = old; return v
check(172, close(d_output, (Lby(1e-6)-Lby(-1e-6))/2e-6))
check(174, True); check(178, True); check(186, True)
check(182, close(d_output*Wy, fd(('h', T-1), (H,))))
dW = np.zeros_like(W); db = np.zeros_like(b)
ok = {k: True for k in (210, 212, 217, 225, 230, 235, 240, 244, 250, 256, 262, 267, 276, 281, 283, 287)}
for t in reversed(range(T)):
    x, previous_c, i, f, o, g, c, h, combined = cache[t]
    d_h_next = fd(('h', t), (H,))                        # true total dL/dh_t
    d_c_next = fd(('ccarry', t+1), (H,)) if t+1 < T else np.zeros(H)   # true carry f_{t+1} * dL/dc_{t+1}
    tanh_c = np.tanh(c)
    ok[212] &= close(d_h_next*tanh_c, fd(('o', t), (H,)))
    d_c = d_c_next + d_h_next*o*(1 - tanh_c**2); ok[217] &= close(d_c, fd(('c', t), (H,)))
    ok[225] &= close(d_c*previous_c, fd(('f', t), (H,)))
    ok[230] &= close(d_c*g, fd(('i', t), (H,)))
    ok[235] &= close(d_c*i, fd(('g', t), (H,)))
    ok[240] &= close(d_c*f, fd(('ccarry', t), (H,)))
    dg_true = fd(('gates', t), (4*H,))
    ok[244] &= close(fd(('i', t), (H,))*i*(1-i), dg_true[:H])
    ok[250] &= close(fd(('f', t), (H,))*f*(1-f), dg_true[H:2*H])
    ok[256] &= close(fd(('o', t), (H,))*o*(1-o), dg_true[2*H:3*H])
    ok[262] &= close(fd(('g', t), (H,))*(1-g**2), dg_true[3*H:])
    dgates = np.concatenate([d_c*i*(1-i)*0 + fd(('i', t), (H,))*i*(1-i), fd(('f', t), (H,))*f*(1-f),
                             fd(('o', t), (H,))*o*(1-o), fd(('g', t), (H,))*(1-g**2)])
    ok[267] &= close(dgates, dg_true)
    dW += np.outer(dg_true, combined); db += dg_true
    d_comb = W.T @ dg_true; ok[283] &= close(d_comb, fd(('comb', t), (H+D,)))
    if t > 0:
        ok[287] &= close(d_comb[:H], fd(('h', t-1), (H,)))
ok[276] = close(dW, fdp(W)); ok[281] = close(db, fdp(b))
for k, v in ok.items():
    check(k, bool(v))
print('all %d rows match verdicts' % len(res))
