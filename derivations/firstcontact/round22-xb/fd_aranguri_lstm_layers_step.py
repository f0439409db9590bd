"""FD check of aranguri_lstm_layers_step.md (Aranguri/nns lstm_layers.py).
Column vectors, x_aug = [h_below; h_prev; 1], wh of shape (4H, n_in + H + 1).
Loss used for the upstream gradients: L = sum(a * h) + sum(bc * c), so that
dout = a and dc_out = bc (the arguments of lstm_backward_step)."""
import numpy as np

rng = np.random.default_rng(0)
n_in, H = 3, 4
sigmoid = lambda x: 1 / (1 + np.exp(-x))
sigmoid_prime = lambda x: (1 - sigmoid(x)) * sigmoid(x)
tanh_prime = lambda x: 1 - np.square(np.tanh(x))
add_bias = lambda a: np.pad(a, ((0, 1), (0, 0)), 'constant', constant_values=1)
remove_bias = lambda a: a[:-1]

h_below = rng.standard_normal((n_in, 1))
h_prev = rng.standard_normal((H, 1))
c_prev = rng.standard_normal((H, 1))
wh = rng.standard_normal((4 * H, n_in + H + 1)) * 0.7
a = rng.standard_normal((H, 1))
bc = rng.standard_normal((H, 1))
KEYS = ['v', 'pi', 'pf', 'po', 'pg', 'i', 'f', 'o', 'g', 'c', 'tanh_c']


def forward(h_below, h_prev, c_prev, wh, P=None):
    P = P or {}
    p = lambda k: P.get(k, 0.0)
    v = wh.dot(np.concatenate((h_below, add_bias(h_prev)))) + p('v')
    pi, pf, po, pg = np.split(v, 4)
    pi, pf, po, pg = pi + p('pi'), pf + p('pf'), po + p('po'), pg + p('pg')
    i, f, o, g = sigmoid(pi) + p('i'), sigmoid(pf) + p('f'), sigmoid(po) + p('o'), np.tanh(pg) + p('g')
    c = f * c_prev + i * g + p('c')
    tanh_c = np.tanh(c) + p('tanh_c')
    h = tanh_c * o
    L = np.sum(a * h) + np.sum(bc * c)
    return L, dict(v=v, pi=pi, pf=pf, po=po, pg=pg, i=i, f=f, o=o, g=g, c=c, tanh_c=tanh_c, h=h)


def fd(fun, shape, eps=1e-6):
    G = np.zeros(shape)
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = eps
        G[idx] = (fun(E) - fun(-E)) / (2 * eps)
    return G


L0, S = forward(h_below, h_prev, c_prev, wh)
FD = {k: fd(lambda E, k=k: forward(h_below, h_prev, c_prev, wh, {k: E})[0], S[k].shape) for k in KEYS}
FD['c_prev'] = fd(lambda E: forward(h_below, h_prev, c_prev + E, wh)[0], c_prev.shape)
FD['h_below'] = fd(lambda E: forward(h_below + E, h_prev, c_prev, wh)[0], h_below.shape)
FD['h_prev'] = fd(lambda E: forward(h_below, h_prev + E, c_prev, wh)[0], h_prev.shape)
FD['wh'] = fd(lambda E: forward(h_below, h_prev, c_prev, wh + E)[0], wh.shape)


def report(line, got, want):
    err = np.max(np.abs(np.asarray(got) - np.asarray(want)))
    print(f"line {line}: OK" if err < 1e-6 else f"line {line}: MISMATCH (max err {err:.3g})")


pi, pf, po, pg, i, f, o, g, c, tanh_c = (S[k] for k in ['pi', 'pf', 'po', 'pg', 'i', 'f', 'o', 'g', 'c', 'tanh_c'])
dout, dc_out = a, bc
# author's backward, line by line (each line fed with the true values of its inputs)
dtanh_c = o * dout;                          report(31, dtanh_c, FD['tanh_c'])
do = tanh_c * dout;                          report(32, do, FD['o'])
dc = tanh_prime(c) * dtanh_c + dc_out;       report(33, dc, FD['c'])
dc_t = FD['c']
df = c_prev * dc_t;                          report(36, df, FD['f'])
dc_prev = f * dc_t;                          report(37, dc_prev, FD['c_prev'])
di = g * dc_t;                               report(38, di, FD['i'])
dg = i * dc_t;                               report(39, dg, FD['g'])
dpi = sigmoid_prime(pi) * FD['i'];           report(42, dpi, FD['pi'])
dpf = sigmoid_prime(pf) * FD['f'];           report(43, dpf, FD['pf'])
dpo = sigmoid_prime(po) * FD['o'];           report(44, dpo, FD['po'])
dpg = tanh_prime(pg) * FD['g'];              report(45, dpg, FD['pg'])
dv = np.concatenate((FD['pi'], FD['pf'], FD['po'], FD['pg'])); report(46, dv, FD['v'])
dv = FD['v']
dwh_below = dv.dot(h_below.T);               report(49, dwh_below, FD['wh'][:, :n_in])
dwh_prev = dv.dot(add_bias(h_prev).T);       report(50, dwh_prev, FD['wh'][:, n_in:])
dwh = np.concatenate((dwh_below, dwh_prev), 1); report(51, dwh, FD['wh'])
wh_below = wh[:, :len(h_below)]
wh_prev = wh[:, len(h_below):]
# lines 53/54 are a block partition: wh_below h_below + wh_prev [h_prev; 1] must equal v
report(53, wh_below.dot(h_below) + wh_prev.dot(add_bias(h_prev)), S['v'])
report(54, float(wh_prev.shape[1]), float(H + 1))  # bias column kept in wh_prev
dh_below = wh_below.T.dot(dv);               report(55, dh_below, FD['h_below'])
dh_prev = remove_bias(wh_prev.T).dot(dv);    report(56, dh_prev, FD['h_prev'])
