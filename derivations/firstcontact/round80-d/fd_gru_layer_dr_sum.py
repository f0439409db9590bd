"""Finite-difference check of gru_layer_dr_sum.py (numpy GRU layer, row-vector layout).
Loss used: L = sum_{b,t} G[b,t,:] . h_t[b,:]  so output_grad = G (return_sequences=True).
Author's parameter grads are divided by batch_size, so grads*B is compared with dL/dparam;
input_grad is compared with dL/dx directly."""
import numpy as np
rng = np.random.default_rng(0)
B, T, D, H = 3, 4, 2, 3
P = {}
for g in 'zrh':
    P['W_'+g] = rng.normal(0, .6, (D, H)); P['U_'+g] = rng.normal(0, .6, (H, H)); P['b_'+g] = rng.normal(0, .3, (1, H))
X = rng.normal(size=(B, T, D)); G = rng.normal(size=(B, T, H))
sig = lambda a: 1/(1+np.exp(-np.clip(a, -500, 500)))

def forward(P, X, pert=None):
    h = np.zeros((B, H)); cache = []; L = 0.
    for t in range(T):
        x_t = X[:, t, :]; h_prev = h.copy()
        z = sig(x_t@P['W_z'] + h_prev@P['U_z'] + P['b_z'])
        r = sig(x_t@P['W_r'] + h_prev@P['U_r'] + P['b_r'])
        if pert is not None and pert[0] == 'r' and pert[1] == t: r = r + pert[2]
        ht = np.tanh(x_t@P['W_h'] + (r*h_prev)@P['U_h'] + P['b_h'])
        h = (1-z)*h_prev + z*ht
        cache.append(dict(x_t=x_t, h_prev=h_prev, z_t=z, r_t=r, h_tilde=ht))
        L += np.sum(G[:, t, :]*h)
    return L, cache

def backward(P, cache, fix_dr=False):
    grads = {k: np.zeros_like(v) for k, v in P.items()}; dh_next = np.zeros((B, H)); dX = np.zeros((B, T, D)); rows = {}
    for t in reversed(range(T)):
        c = cache[t]
        dh = G[:, t, :] + dh_next                                   # line 171
        dz = dh*(c['h_tilde']-c['h_prev'])                          # 174
        dh_tilde = dh*c['z_t']                                      # 175
        p1 = dh*(1-c['z_t'])                                        # 176
        p2 = dh_tilde*c['r_t']                                      # 177 (unused by author)
        dz_raw = dz*c['z_t']*(1-c['z_t'])                           # 180
        dht_raw = dh_tilde*(1-c['h_tilde']**2)                      # 185
        if fix_dr: dr = (dht_raw@P['U_h'].T)*c['h_prev']
        else:      dr = np.sum(dht_raw*np.dot(c['h_prev'], P['U_h']), axis=1, keepdims=True)  # 186
        dr_raw = dr*c['r_t']*(1-c['r_t'])                           # 187
        dX[:, t, :] = dz_raw@P['W_z'].T + dr_raw@P['W_r'].T + dht_raw@P['W_h'].T   # 193
        x_t, hp = c['x_t'], c['h_prev']
        grads['W_z'] += x_t.T@dz_raw/B; grads['U_z'] += hp.T@dz_raw/B; grads['b_z'] += dz_raw.sum(0, keepdims=True)/B
        grads['W_r'] += x_t.T@dr_raw/B; grads['U_r'] += hp.T@dr_raw/B; grads['b_r'] += dr_raw.sum(0, keepdims=True)/B
        grads['W_h'] += x_t.T@dht_raw/B; grads['U_h'] += (c['r_t']*hp).T@dht_raw/B; grads['b_h'] += dht_raw.sum(0, keepdims=True)/B
        dh_next = p1 + dz_raw@P['U_z'].T + dr_raw@P['U_r'].T + (dht_raw@P['U_h'].T)*c['r_t']   # 213
        rows[t] = dict(dh=dh, dr=dr, p2=p2, dht_raw=dht_raw, true_p2=(dht_raw@P['U_h'].T)*c['r_t'])
    return grads, dX, rows

def num(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        o = A[idx]; A[idx] = o+eps; lp = f(); A[idx] = o-eps; lm = f(); A[idx] = o; g[idx] = (lp-lm)/(2*eps)
    return g

L, cache = forward(P, X)
numg = {k: num(lambda: forward(P, X)[0], P[k]) for k in P}
numX = num(lambda: forward(P, X)[0], X)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
for fix in (False, True):
    grads, dX, rows = backward(P, cache, fix_dr=fix)
    print('=== backward %s ===' % ('with line 186 replaced by (dh_tilde_raw @ U_h.T) * h_prev' if fix else 'AS WRITTEN'))
    for k in P: print('  %-4s grads*B vs FD: %s' % (k, 'agree' if ok(grads[k]*B, numg[k]) else 'DISAGREE (max err %.2e)' % np.abs(grads[k]*B-numg[k]).max()))
    print('  input_grad vs FD dL/dx:', 'agree' if ok(dX, numX) else 'DISAGREE')

# local check of line 186 at the last step (upstream is exact there: dh = G[:,T-1])
grads, dX, rows = backward(P, cache)
t = T-1
fd_dr = np.zeros((B, H))
for b in range(B):
    for j in range(H):
        e = np.zeros((B, H)); e[b, j] = 1e-6
        fd_dr[b, j] = (forward(P, X, ('r', t, e))[0]-forward(P, X, ('r', t, -e))[0])/2e-6
print('line 186 dr at t=T-1 (shape %s) vs FD dL/dr_t (shape %s):' % (rows[t]['dr'].shape, fd_dr.shape),
      'agree' if ok(np.broadcast_to(rows[t]['dr'], fd_dr.shape), fd_dr) else 'DISAGREE')
print('   author dr[0]:', rows[t]['dr'][0], ' FD:', fd_dr[0])
print('line 186 fixed form (dh_tilde_raw@U_h.T)*h_prev vs FD:', 'agree' if ok((rows[t]['dht_raw']@P['U_h'].T)*cache[t]['h_prev'], fd_dr) else 'DISAGREE')
print('line 177 dh_prev_part2 = dh_tilde*r_t vs true h_tilde-path part (dh_tilde_raw@U_h.T)*r_t:',
      'agree' if ok(rows[t]['p2'], rows[t]['true_p2']) else 'DISAGREE (dead code; line 216 has the right term)')
