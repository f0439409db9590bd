# Finite-difference check of gru_ctx_seq2seq.py (search-index file id 63116105030), one decoder step.
# Row-vector layout: a = x @ W + h @ U + c @ C + b.  The author's gradients at step t are the gradients of
# L_t = -log p_t[target] with h_prev and enc_context held fixed (one-step truncation; parameters are
# updated right after each step), so the FD below holds h_prev, enc_context fixed; a second check shows
# how far this one-step part is from the full derivative through h_prev (informational only).
import numpy as np
rng = np.random.default_rng(1)
Vv, Ed, H = 6, 3, 4
sigmoid = lambda x: 1 / (1 + np.exp(-np.clip(x, -20, 20)))
tanh = lambda x: np.tanh(np.clip(x, -20, 20))
P = {k: rng.normal(0, 0.7, s) for k, s in dict(W_r=(Ed, H), U_r=(H, H), b_r=(H,), W_z=(Ed, H), U_z=(H, H), b_z=(H,),
                                             W_h=(Ed, H), U_h=(H, H), b_h=(H,), C_r=(H, H), C_z=(H, H), C_h=(H, H),
                                             W_y=(H, Vv), b_y=(Vv,)).items()}
x0 = rng.normal(size=Ed); h_prev0 = rng.normal(0, 0.5, H); ctx = rng.normal(0, 0.5, H); tgt = 2

def step(P, x, h_prev, enc_context):
    r = sigmoid(np.dot(x, P['W_r']) + np.dot(h_prev, P['U_r']) + np.dot(enc_context, P['C_r']) + P['b_r'])
    z = sigmoid(np.dot(x, P['W_z']) + np.dot(h_prev, P['U_z']) + np.dot(enc_context, P['C_z']) + P['b_z'])
    h_tilde = tanh(np.dot(x, P['W_h']) + np.dot(r * h_prev, P['U_h']) + np.dot(enc_context, P['C_h']) + P['b_h'])
    h_state = (1 - z) * h_prev + z * h_tilde
    return r, z, h_tilde, h_state

def loss(P, x=x0, h_prev=h_prev0, inj=None):
    inj = inj or {}
    g = lambda n: inj.get(n, 0.0)
    r = sigmoid(np.dot(x, P['W_r']) + np.dot(h_prev, P['U_r']) + np.dot(ctx, P['C_r']) + P['b_r'] + g('ar'))
    z = sigmoid(np.dot(x, P['W_z']) + np.dot(h_prev, P['U_z']) + np.dot(ctx, P['C_z']) + P['b_z'] + g('az'))
    h_tilde = tanh(np.dot(x, P['W_h']) + np.dot(r * h_prev, P['U_h']) + np.dot(ctx, P['C_h']) + P['b_h'] + g('ah'))
    h_state = (1 - z) * h_prev + z * h_tilde + g('h')
    y = np.dot(h_state, P['W_y']) + P['b_y'] + g('y')
    y_shifted = y - np.max(y); exp_y = np.exp(y_shifted); probs = exp_y / (np.sum(exp_y) + 1e-9)
    return -np.log(max(probs[tgt], 1e-10))

# author's formulas (lines 82-108)
r, z, h_tilde, h_state = step(P, x0, h_prev0, ctx)
y = np.dot(h_state, P['W_y']) + P['b_y']; e = np.exp(y - np.max(y)); probs = e / (np.sum(e) + 1e-9)
dy = probs.copy(); dy[tgt] -= 1.0
A = {}
A['L92 dW_y'] = np.outer(h_state, dy); A['L93 db_y'] = dy
dh = np.dot(P['W_y'], dy)
dh_tilde = dh * z * (1 - h_tilde**2)
dz = dh * (h_tilde - h_prev0) * z * (1 - z)
dr = np.dot(P['U_h'], dh_tilde) * h_prev0 * r * (1 - r)
A['L100 dW_h'] = np.outer(x0, dh_tilde); A['L100 dU_h'] = np.outer(r * h_prev0, dh_tilde); A['L100 db_h'] = dh_tilde
A['L101 dW_z'] = np.outer(x0, dz); A['L101 dU_z'] = np.outer(h_prev0, dz); A['L101 db_z'] = dz
A['L102 dW_r'] = np.outer(x0, dr); A['L102 dU_r'] = np.outer(h_prev0, dr); A['L102 db_r'] = dr
dx = np.dot(P['W_h'], dh_tilde) + np.dot(P['W_z'], dz) + np.dot(P['W_r'], dr)
A['L106 dC_h'] = np.outer(ctx, dh_tilde); A['L107 dC_z'] = np.outer(ctx, dz); A['L108 dC_r'] = np.outer(ctx, dr)
pmap = {'L92 dW_y': 'W_y', 'L93 db_y': 'b_y', 'L100 dW_h': 'W_h', 'L100 dU_h': 'U_h', 'L100 db_h': 'b_h', 'L101 dW_z': 'W_z',
        'L101 dU_z': 'U_z', 'L101 db_z': 'b_z', 'L102 dW_r': 'W_r', 'L102 dU_r': 'U_r', 'L102 db_r': 'b_r',
        'L106 dC_h': 'C_h', 'L107 dC_z': 'C_z', 'L108 dC_r': 'C_r'}
eps = 1e-6
def fdv(f, n):
    out = np.zeros(n)
    for i in range(n):
        d = np.zeros(n); d[i] = eps; out[i] = (f(d) - f(-d)) / (2 * eps)
    return out
def fdp(k):
    gk = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        o = P[k][idx]; P[k][idx] = o + eps; lp = loss(P); P[k][idx] = o - eps; lm = loss(P); P[k][idx] = o; gk[idx] = (lp - lm) / (2 * eps)
    return gk
ok_all = True
def rep(lab, a, b):
    global ok_all
    ok = np.allclose(a, b, atol=1e-6); ok_all &= ok; print(f'{lab:45s} {"agree" if ok else "DISAGREE"}')
rep('L89-90 dy = probs - onehot (dL/dy)', dy, fdv(lambda d: loss(P, inj={'y': d}), Vv))
rep('L94 dh = W_y @ dy (dL_t/dh_t)', dh, fdv(lambda d: loss(P, inj={'h': d}), H))
rep('L96 dh_tilde (dL/d pre-tanh)', dh_tilde, fdv(lambda d: loss(P, inj={'ah': d}), H))
rep('L97 dz (dL/d pre-sigmoid z)', dz, fdv(lambda d: loss(P, inj={'az': d}), H))
rep('L98 dr (dL/d pre-sigmoid r)', dr, fdv(lambda d: loss(P, inj={'ar': d}), H))
for lab, a in A.items():
    if lab in pmap: rep(lab + ' (h_prev, enc_context fixed)', a, fdp(pmap[lab]))
rep('L103 dx (dL_t/dx, embedding row)', dx, fdv(lambda d: loss(P, x=x0 + d), Ed))
# informational: if h_prev itself came from one earlier decoder step with the same W_h,
# the full dL_t/dW_h also contains a path through h_prev that the code never adds.
xa = rng.normal(size=Ed); hp2 = rng.normal(0, 0.5, H)
def two_step(P):
    _, _, _, hp = step(P, xa, hp2, ctx); return loss(P, h_prev=hp)
_, _, _, hp = step(P, xa, hp2, ctx)
full = np.zeros_like(P['W_h'])
for idx in np.ndindex(P['W_h'].shape):
    o = P['W_h'][idx]; P['W_h'][idx] = o + eps; lp = two_step(P); P['W_h'][idx] = o - eps; lm = two_step(P); P['W_h'][idx] = o; full[idx] = (lp - lm) / (2 * eps)
r2, z2, ht2, hs2 = step(P, x0, hp, ctx); yy = hs2 @ P['W_y'] + P['b_y']; ee = np.exp(yy - yy.max()); pp = ee / (ee.sum() + 1e-9); dd = pp.copy(); dd[tgt] -= 1
one = np.outer(x0, (P['W_y'] @ dd) * z2 * (1 - ht2**2))
print(f'info: one-step dW_h vs full dL_t/dW_h through h_prev: max|diff| = {np.abs(one - full).max():.3e} (truncation, by design)')
print('ALL ROWS AGREE' if ok_all else 'SOME ROWS DISAGREE')
