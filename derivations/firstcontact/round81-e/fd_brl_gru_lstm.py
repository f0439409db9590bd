# Finite-difference check of brl_gru_lstm.md (numpy GRU / LSTM layers of an unnamed repository).
# The author's code is taken from the note's python fences and executed as written; the
# parameter gradients dW.., dU.., db.. are locals of backward() (the SGD block that used
# them is cut from the note), so they are read from backward's frame when it returns.
import re, sys
import numpy as np

src = open(__file__.replace('fd_brl_gru_lstm.py', 'brl_gru_lstm.md')).read()
layer_code, gru_code, lstm_code = re.findall(r"```python\n(.*?)```", src, re.S)
IMPORT = 'from .layer import Layer, BaseRecurrentLayer'


def load(code, name, fix=None):
    ns = {}
    exec(layer_code, ns)
    code = code.replace(IMPORT, '')
    if fix:
        for a, b in fix:
            assert a in code
            code = code.replace(a, b)
    exec(code, ns)
    return ns[name]


def run_backward(layer, dY):
    caught = {}
    def prof(frame, event, arg):
        if event == 'return' and frame.f_code.co_name == 'backward':
            caught.update(frame.f_locals)
    sys.setprofile(prof)
    try:
        dX = layer.backward(dY, 0.0)
    finally:
        sys.setprofile(None)
    caught['dX'] = dX
    return caught


eps = 1e-6
rng = np.random.default_rng(1)
B, T, D, H, O = 3, 5, 4, 6, 2


def fd(f, P):
    g = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        k = it.multi_index
        old = P[k]
        P[k] = old + eps; lp = f()
        P[k] = old - eps; lm = f()
        P[k] = old
        g[k] = (lp - lm) / (2 * eps)
    return g


def check(cls, pnames, return_sequence, tag, expect):
    np.random.seed(3)
    lay = cls(D, H, O, return_sequence=return_sequence, ws=0.6)
    for p in pnames:        # non-zero biases so that every path is exercised
        if p.startswith('b'):
            setattr(lay, p, rng.normal(size=getattr(lay, p).shape) * 0.3)
    X = rng.normal(size=(B, T, D))
    out = lay.forward(X)
    G = rng.normal(size=out.shape)
    g = run_backward(lay, G)
    L = lambda: np.sum(G * lay.forward(X))
    print(f'-- {tag} (return_sequence={return_sequence}) --')
    for p in pnames + ['X']:
        P = X if p == 'X' else getattr(lay, p)
        num = fd(L, P)
        ana = g['d' + p]
        r = np.max(np.abs(ana - num)) / (np.max(np.abs(num)) + 1e-12)
        e = expect.get(p, 'pass')
        print(f'   d{p:3s} rel.err={r:9.2e}  {"AGREES" if r < 1e-5 else "DISAGREES"}   expected: {e}')


GRU_P = ['Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh', 'Wy', 'by']
LSTM_P = ['Wi', 'Ui', 'bi', 'Wf', 'Uf', 'bf', 'Wo', 'Uo', 'bo', 'Wc', 'Uc', 'bc', 'Wy', 'by']

print('== GRU as written: self.h[:, t - 1, :] at t = 0 is h[:, -1, :] (last state), forward used zeros ==')
bad = 'FAIL via lines 145/150/155/159/164 (t=0 uses h[:, -1])'
exp_gru = {p: bad for p in ['Uz', 'Ur', 'Uh', 'Wr', 'br', 'Wz', 'bz', 'X']}
for rs in (True, False):
    check(load(gru_code, 'GRU'), GRU_P, rs, 'GRU as written', exp_gru)

print('== GRU with only that index fixed (h_{t-1} = 0 at t = 0): all other lines as written ==')
fix = [('self.h[:, t - 1, :]', '(self.h[:, t - 1, :] if t > 0 else np.zeros_like(self.h[:, 0, :]))')]
for rs in (True, False):
    check(load(gru_code, 'GRU', fix), GRU_P, rs, 'GRU index fixed', {})

print('== LSTM as written: line 311 uses dtanh(self.cs) = 1 - c**2 instead of 1 - tanh(c)**2 ==')
bad = 'FAIL via line 311'
exp_lstm = {p: bad for p in LSTM_P if p not in ('Wy', 'by')}  # W/U/b of the output gate too, through dh_next of earlier steps
exp_lstm['X'] = bad
for rs in (True, False):
    check(load(lstm_code, 'LSTM'), LSTM_P, rs, 'LSTM as written', exp_lstm)

print('== LSTM with only line 311 changed to dtanh(self.c_tanh[:, t, :]) ==')
fix = [('self.dtanh(self.cs[:, t, :])', 'self.dtanh(self.c_tanh[:, t, :])')]
for rs in (True, False):
    check(load(lstm_code, 'LSTM', fix), LSTM_P, rs, 'LSTM line 311 fixed', {})

print('== helpers: dsigmoid / dtanh take the activation OUTPUT ==')
z = np.linspace(-3, 3, 7)
ns = {}; exec(layer_code, ns); BRL = ns['BaseRecurrentLayer']
num_s = (BRL.sigmoid(z + eps) - BRL.sigmoid(z - eps)) / (2 * eps)
num_t = (BRL.tanh(z + eps) - BRL.tanh(z - eps)) / (2 * eps)
print('   tanh(line 29) == np.tanh:', np.allclose(BRL.tanh(z), np.tanh(z)))
print('   dsigmoid(sigmoid(z)) == d sigmoid/dz:', np.allclose(BRL.dsigmoid(BRL.sigmoid(z)), num_s))
print('   dtanh(tanh(z)) == d tanh/dz:', np.allclose(BRL.dtanh(BRL.tanh(z)), num_t))
print('   dtanh(z) == d tanh/dz (what line 311 does with the cell state):', np.allclose(BRL.dtanh(z), num_t))
