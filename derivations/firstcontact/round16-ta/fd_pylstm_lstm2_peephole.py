# FD check of pylstm_lstm2_peephole.tex (pylstm developer notes, peephole LSTM, no biases).
# Reading: column-vector states, W_{q,X}, W_{q,H} full matrices, peepholes W_{I,S}, W_{F,S}, W_{O,S} diagonal
# (vectors, as in pylstm's IS/FS/OS buffers), f = sigmoid for the gates, f(s^t) = tanh, f_s (cell input) = tanh.
# dE/d(vector) is a row (numerator layout), so dE/da W is a row times a matrix.
# The output layer the notes leave as "o": a_y^t = W_y h^t, E = sum_t 0.5 ||a_y^t - d^t||^2.
import numpy as np
rng = np.random.default_rng(2)
n, m, K, T = 4, 3, 2, 5
sig = lambda a: 1/(1+np.exp(-a)); dsig = lambda a: sig(a)*(1-sig(a)); tanh = np.tanh; dtanh = lambda a: 1-np.tanh(a)**2
P = {}
for q in 'IFZO': P[q+'X'] = rng.normal(0, .6, (n, m)); P[q+'H'] = rng.normal(0, .6, (n, n))
for q in 'IFO': P[q+'S'] = rng.normal(0, .6, n)
P['Y'] = rng.normal(0, .6, (K, n))
X = rng.normal(size=(T+2, m)); Dt = rng.normal(size=(T+2, K))
def fwd(off=None):
    off = off or {}; o = lambda k, t: off.get((k, t), 0.0)
    h = {0: np.zeros(n)}; s = {0: np.zeros(n)}; A = {}; B = {}; E = 0.0
    for t in range(1, T+1):
        A['I', t] = P['IX'] @ X[t] + P['IH'] @ h[t-1] + P['IS']*s[t-1] + o('aI', t)
        A['F', t] = P['FX'] @ X[t] + P['FH'] @ h[t-1] + P['FS']*s[t-1] + o('aF', t)
        A['Z', t] = P['ZX'] @ X[t] + P['ZH'] @ h[t-1] + o('aZ', t)
        B['I', t] = sig(A['I', t]) + o('bI', t); B['F', t] = sig(A['F', t]) + o('bF', t); B['Z', t] = tanh(A['Z', t]) + o('bZ', t)
        s[t] = B['F', t]*s[t-1] + B['I', t]*B['Z', t] + o('s', t)
        A['O', t] = P['OX'] @ X[t] + P['OH'] @ h[t-1] + P['OS']*s[t] + o('aO', t)
        B['O', t] = sig(A['O', t]) + o('bO', t)
        h[t] = B['O', t]*tanh(s[t]) + o('h', t)
        y = P['Y'] @ h[t]; E += 0.5*np.sum((y - Dt[t])**2)
    return E, h, s, A, B
def g(k, t, eps=1e-6):
    if t > T: return np.zeros(n)
    return np.array([(fwd({(k, t): eps*np.eye(n)[j]})[0]-fwd({(k, t): -eps*np.eye(n)[j]})[0])/(2*eps) for j in range(n)])
E, h, s, A, B = fwd()
rep = lambda nm, a, b: print(f"{nm:55s} maxdiff={np.max(np.abs(a-b)):.2e}")
for t in (2, T):
    print(f"-- t = {t}")
    y = P['Y'] @ h[t]; dEdo = y - Dt[t]
    rep("L51 dE/dh^t", g('h', t), dEdo @ P['Y'] + g('aI', t+1) @ P['IH'] + g('aF', t+1) @ P['FH'] + g('aZ', t+1) @ P['ZH'] + g('aO', t+1) @ P['OH'])
    rep("L56 dE/db_O^t = dE/dh^t f(s^t)", g('bO', t), g('h', t)*tanh(s[t]))
    rep("L59 dE/da_O^t = dE/dh f(s) f'(a_O)", g('aO', t), g('h', t)*tanh(s[t])*dsig(A['O', t]))
    Fn = B['F', t+1] if t < T else np.zeros(n)
    rep("L65 dE/ds^t", g('s', t), g('h', t)*B['O', t]*dtanh(s[t]) + g('aO', t)*P['OS'] + g('s', t+1)*Fn + g('aF', t+1)*P['FS'] + g('aI', t+1)*P['IS'])
    rep("L71 dE/db_z^t = dE/ds b_I", g('bZ', t), g('s', t)*B['I', t])
    rep("L73 dE/da_z^t = dE/ds b_I f_s'(a_z)", g('aZ', t), g('s', t)*B['I', t]*dtanh(A['Z', t]))
    rep("L79 dE/db_F^t = dE/ds s^{t-1}", g('bF', t), g('s', t)*s[t-1])
    rep("L82 dE/da_F^t = dE/ds f'(a_F) s^{t-1}", g('aF', t), g('s', t)*dsig(A['F', t])*s[t-1])
    rep("L88 dE/db_I^t = dE/ds b_z", g('bI', t), g('s', t)*B['Z', t])
    rep("L91 dE/da_I^t = dE/ds b_z f'(a_I)", g('aI', t), g('s', t)*B['Z', t]*dsig(A['I', t]))
