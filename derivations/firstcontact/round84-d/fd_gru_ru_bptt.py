# Finite-difference check of gru_ru_bptt.py (search-index file id 34892357110).
# Forward and backward re-typed from the transcription (same formulas, same names); the
# author's intermediates are recorded per step and compared with central differences of the
# loss w.r.t. additive perturbations injected at that point of the forward graph.
import numpy as np
rng = np.random.default_rng(0)
D, H, C, V, T = 3, 4, 3, 5, 4
sig = lambda x: 1.0 / (1.0 + np.exp(-x))
def softmax(z):
    e = np.exp(z - np.max(z)); return e / np.sum(e)
P = {k: rng.normal(0, 0.6, s) for k, s in dict(W_z=(H, D), U_z=(H, H), b_z=(H,), W_r=(H, D), U_r=(H, H), b_r=(H,),
                                             W_h=(H, D), U_h=(H, H), b_h=(H,), W_y=(C, H), b_y=(C,), W_yV=(V, H), b_yV=(V,)).items()}
X = rng.normal(size=(T, D)); ycls = 1; yseq = rng.integers(0, V, T)

def forward(P, mode, inj=None):
    inj = inj or {}
    g = lambda t, n: inj.get((t, n), 0.0)
    h_prev = np.zeros(H) + g(-1, 'h'); hs = []
    for t in range(T):
        x_t = X[t]
        h_prev = h_prev + g(t, 'hp')  # perturbation of h_(t-1) as seen by step t only
        z_t = sig(P['W_z'] @ x_t + P['U_z'] @ h_prev + P['b_z'] + g(t, 'az')) + g(t, 'z')
        r_t = sig(P['W_r'] @ x_t + P['U_r'] @ h_prev + P['b_r'] + g(t, 'ar')) + g(t, 'r')
        rh = r_t * h_prev + g(t, 'rh')
        h_hat = P['W_h'] @ x_t + P['U_h'] @ rh + P['b_h'] + g(t, 'ah')
        h_tilde = np.tanh(h_hat) + g(t, 'ht')
        h_t = (1.0 - z_t) * h_prev + z_t * h_tilde + g(t, 'h')
        hs.append(h_t); h_prev = h_t
    if mode == 'cls':
        logits = P['W_y'] @ hs[-1] + P['b_y'] + g(T - 1, 'logit')
        return -np.log(softmax(logits)[ycls])
    L = 0.0
    for t in range(T):
        logits = P['W_yV'] @ hs[t] + P['b_yV'] + g(t, 'logit')
        L += -np.log(softmax(logits)[yseq[t]])
    return L

def author(P, mode):
    # _forward_steps
    h_prev = np.zeros(H); cache = []; h_list = []
    for t in range(T):
        x_t = X[t]
        z_t = sig(P['W_z'] @ x_t + P['U_z'] @ h_prev + P['b_z'])
        r_t = sig(P['W_r'] @ x_t + P['U_r'] @ h_prev + P['b_r'])
        h_hat = P['W_h'] @ x_t + P['U_h'] @ (r_t * h_prev) + P['b_h']
        h_tilde = np.tanh(h_hat)
        h_t = (1.0 - z_t) * h_prev + z_t * h_tilde
        cache.append(dict(x_t=x_t, h_prev=h_prev, z_t=z_t, r_t=r_t, h_tilde=h_tilde)); h_prev = h_t; h_list.append(h_t)
    rec = {}; G = {}
    if mode == 'cls':
        probs = softmax(P['W_y'] @ h_list[-1] + P['b_y']); y_vec = np.zeros(C); y_vec[ycls] = 1.0
        d_logits = probs - y_vec; G['W_y'] = np.outer(d_logits, h_list[-1]); G['b_y'] = d_logits
        rec[(T - 1, 'logit')] = d_logits
        dh_list = [np.zeros(H) for _ in range(T)]; dh_list[-1] = P['W_y'].T @ d_logits
    else:
        dW_y = np.zeros((V, H)); db_y = np.zeros(V); dh_list = [np.zeros(H) for _ in range(T)]
        for t in range(T):
            y_vec = np.zeros(V); y_vec[int(yseq[t])] = 1.0
            d_logits = softmax(P['W_yV'] @ h_list[t] + P['b_yV']) - y_vec
            rec[(t, 'logit')] = d_logits
            dW_y += np.outer(d_logits, h_list[t]); db_y += d_logits; dh_list[t] = P['W_yV'].T @ d_logits
        G['W_yV'] = dW_y; G['b_yV'] = db_y
    # _backward_steps
    dW_z = np.zeros((H, D)); dU_z = np.zeros((H, H)); db_z = np.zeros(H)
    dW_r = np.zeros((H, D)); dU_r = np.zeros((H, H)); db_r = np.zeros(H)
    dW_h = np.zeros((H, D)); dU_h = np.zeros((H, H)); db_h = np.zeros(H)
    dh_next = np.zeros(H)
    for t in reversed(range(T)):
        s = cache[t]; x_t, h_prev, z_t, r_t, h_tilde = s['x_t'], s['h_prev'], s['z_t'], s['r_t'], s['h_tilde']
        dh = dh_list[t] + dh_next; rec[(t, 'h')] = dh
        dh_tilde = dh * z_t; rec[(t, 'ht')] = dh_tilde
        dz = dh * (h_tilde - h_prev); rec[(t, 'z')] = dz
        dh_prev = dh * (1.0 - z_t)
        dh_hat = dh_tilde * (1.0 - h_tilde**2); rec[(t, 'ah')] = dh_hat
        dW_h += np.outer(dh_hat, x_t); dU_h += np.outer(dh_hat, r_t * h_prev); db_h += dh_hat
        dr_h_prev = P['U_h'].T @ dh_hat; rec[(t, 'rh')] = dr_h_prev
        dr = dr_h_prev * h_prev; rec[(t, 'r')] = dr
        dh_prev += dr_h_prev * r_t
        dz = dz * z_t * (1.0 - z_t); rec[(t, 'az')] = dz
        dr = dr * r_t * (1.0 - r_t); rec[(t, 'ar')] = dr
        dW_z += np.outer(dz, x_t); dU_z += np.outer(dz, h_prev); db_z += dz
        dW_r += np.outer(dr, x_t); dU_r += np.outer(dr, h_prev); db_r += dr
        dh_prev += P['U_z'].T @ dz + P['U_r'].T @ dr
        dh_next = dh_prev
        rec[(t, 'hprev_line172')] = dh_prev
    G.update(W_z=dW_z, U_z=dU_z, b_z=db_z, W_r=dW_r, U_r=dU_r, b_r=db_r, W_h=dW_h, U_h=dU_h, b_h=db_h)
    return rec, G

def fd_inj(mode, t, name, shape, eps=1e-6):
    g = np.zeros(shape)
    for i in range(shape[0]):
        e = np.zeros(shape); e[i] = eps
        g[i] = (forward(P, mode, {(t, name): e}) - forward(P, mode, {(t, name): -e})) / (2 * eps)
    return g

def fd_par(mode, k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]; P[k][idx] = old + eps; lp = forward(P, mode); P[k][idx] = old - eps; lm = forward(P, mode); P[k][idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g

lines = {'h': 'L145 dh', 'ht': 'L147 dh_tilde', 'z': 'L148 dz (dL/dz_t, post-sigmoid)', 'ah': 'L151 dh_hat',
         'rh': 'L157 dr_h_prev', 'r': 'L158 dr (dL/dr_t)', 'az': 'L161 dz pre-activation', 'ar': 'L162 dr pre-activation'}
allok = True
for mode in ('cls', 'lm'):
    rec, G = author(P, mode)
    print(f'--- mode {mode} ({"GRUClassifier" if mode == "cls" else "GRUNextTokenGenerator"})')
    for t in range(T):
        for n, lab in lines.items():
            ok = np.allclose(rec[(t, n)], fd_inj(mode, t, n, (H,)), atol=1e-6); allok &= ok
            print(f'  t={t} {lab:34s} {"agree" if ok else "DISAGREE"}')
        ok = np.allclose(rec[(t, 'hprev_line172')], fd_inj(mode, t, 'hp', (H,)), atol=1e-6); allok &= ok
        print(f'  t={t} L149+L159+L172 dh_prev (dL/dh_(t-1) through step t) {"agree" if ok else "DISAGREE"}')
    for t in ([T - 1] if mode == 'cls' else range(T)):
        n = C if mode == 'cls' else V
        ok = np.allclose(rec[(t, 'logit')], fd_inj(mode, t, 'logit', (n,)), atol=1e-6); allok &= ok
        print(f'  t={t} {"L276" if mode == "cls" else "L395"} d_logits = probs - y_vec {"agree" if ok else "DISAGREE"}')
    for k, gk in G.items():
        ok = np.allclose(gk, fd_par(mode, k), atol=1e-6); allok &= ok
        print(f'  param {k:5s} gradient (summed over t) {"agree" if ok else "DISAGREE"}')
print('ALL ROWS AGREE' if allok else 'SOME ROWS DISAGREE')
