"""Finite-difference check of hicann/ops-nn rnn/gru_block_cell_grad/README.md (GRUBlockCellGrad).

Forward (tf.raw_ops.GRUBlockCell, rnn/gru_block_cell/README.md), row vectors (B, .):
  [r_bar | u_bar] = [x, h_prev] w_ru + b_ru ; r = sig(r_bar), u = sig(u_bar)
  h_prevr = h_prev * r ; c_bar = [x, h_prevr] w_c + b_c ; c = tanh(c_bar)
  h = u*(h_prev - c) + c   ( = u*h_prev + (1-u)*c )
Loss L = <d_h, h> with a fixed random d_h.  Line numbers refer to hicann_gru_block_cell_grad_readme.md.
"""
import numpy as np

rng = np.random.default_rng(5702)
B, I, H = 2, 3, 4
EPS = 1e-6
x0 = rng.normal(0, 1, (B, I)); hp0 = rng.normal(0, .6, (B, H))
w_ru = rng.normal(0, .6, (I + H, 2 * H)); b_ru = rng.normal(0, .3, (2 * H,))
w_c = rng.normal(0, .6, (I + H, H)); b_c = rng.normal(0, .3, (H,))
d_h = rng.normal(0, 1, (B, H))
sig = lambda a: 1 / (1 + np.exp(-a))


def forward(pert=None):
    pert = pert or {}
    g = lambda k, v: v + pert.get(k, 0.0)
    x = g('x', x0); hp = g('hp', hp0)
    ru_bar = g('ru_bar', np.concatenate([g('x_gate', x), g('hp_gate', hp)], 1) @ w_ru + b_ru)
    r_bar = g('r_bar', ru_bar[:, :H]); u_bar = g('u_bar', ru_bar[:, H:])
    r, u = sig(r_bar), sig(u_bar)
    h_prevr = g('h_prevr', g('hp_r', hp) * r)
    c_bar = g('c_bar', np.concatenate([g('x_cand', x), h_prevr], 1) @ w_c + b_c)
    c = np.tanh(c_bar)
    h = u * (g('hp_mix', hp) - c) + c
    return np.sum(d_h * h), dict(r=r, u=u, c=c)


L0, F = forward()
r, u, c = F['r'], F['u'], F['c']


def ng(k, shape):
    G = np.zeros(shape)
    for i in np.ndindex(*shape):
        d = np.zeros(shape); d[i] = EPS
        G[i] = (forward({k: d})[0] - forward({k: -d})[0]) / (2 * EPS)
    return G


T = {k: ng(k, s) for k, s in [('c_bar', (B, H)), ('u_bar', (B, H)), ('r_bar', (B, H)), ('ru_bar', (B, 2 * H)),
                              ('h_prevr', (B, H)), ('x', (B, I)), ('hp', (B, H)), ('x_cand', (B, I)),
                              ('x_gate', (B, I)), ('hp_gate', (B, H))]}
res = {}


def check(line, comp, true, exp):
    v = 'pass' if np.allclose(comp, true, rtol=1e-5, atol=1e-7) else 'fail'
    res[line] = v
    assert v == exp, (line, v, exp)


check(12, d_h * (1 - u) * (1 - c * c), T['c_bar'], 'pass')
check(16, d_h * (hp0 - c) * u * (1 - u), T['u_bar'], 'pass')
g20 = T['c_bar'] @ w_c.T                                   # [d_x_component_2 | d_h_prevr]
check(20, g20, np.concatenate([T['x_cand'], T['h_prevr']], 1), 'pass')
check(24, (T['h_prevr'] * hp0 * r) * (1 - r), T['r_bar'], 'pass')
check(28, np.concatenate([T['r_bar'], T['u_bar']], 1), T['ru_bar'], 'pass')
g32 = T['ru_bar'] @ w_ru.T                                 # [d_x_component_1 | d_h_prev_component_1]
check(32, g32, np.concatenate([T['x_gate'], T['hp_gate']], 1), 'pass')
check(36, g32[:, :I] + g20[:, :I], T['x'], 'pass')
check(40, g32[:, I:] + T['h_prevr'] * r + d_h * u, T['hp'], 'pass')
print('verdicts:', res)
