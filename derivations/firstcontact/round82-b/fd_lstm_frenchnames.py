# Finite-difference check of lstm_frenchnames.py (adcondev/long-short-term-memory). numpy only.
# The author's functions are exec'd from the note as written (pandas/matplotlib stubbed, sizes made small);
# losses, FD and the comparisons are ours.
import sys, types
import numpy as np

for name in ['pandas', 'matplotlib', 'matplotlib.pyplot']:
    sys.modules[name] = types.ModuleType(name)
sys.modules['matplotlib'].pyplot = sys.modules['matplotlib.pyplot']
V, E, H, B, T = 5, 3, 4, 2, 4          # vocab, input_units (embedding), hidden_units, batch, characters per name
ns = {'vocab_size': V, '__name__': 'author'}
exec(open(__file__.replace('fd_lstm_frenchnames.py', 'lstm_frenchnames.py')).read(), ns)
ns['input_units'], ns['hidden_units'], ns['output_units'] = E, H, V
ns['learning_rate'] = 1.0               # so that update_embeddings returns embeddings - derivative

rng = np.random.default_rng(3)
np.random.seed(3)
params = ns['initialize_parameters']()
for k in params: params[k] = rng.normal(0, 0.6, params[k].shape)
emb = rng.normal(0, 0.6, (V, E))
batches = [np.eye(V)[rng.integers(0, V, B)] for _ in range(T)]   # one-hot (B, V) per position

def run():
    return ns['forward_propagation'](batches, params, emb)
def L_author():          # the loss the code reports (cal_loss_accuracy, lines 203-228)
    ec, lc, ac, cc, oc = run(); return ns['cal_loss_accuracy'](batches, oc)[1]
def L_ce():              # categorical cross-entropy with the same 1/batch_size and the same label alignment
    ec, lc, ac, cc, oc = run()
    return -sum(np.sum(batches[i] * np.log(oc['o' + str(i)])) for i in range(1, len(oc) + 1)) / B

def fd(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; fp = f(); P[idx] = old - eps; fm = f(); P[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g
def ok(a, b, tol=1e-6): return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))
def report(row, name, a, b, expect):
    print(f"line {row:>3} {name:<44} {'AGREES' if ok(a, b) else 'DIFFERS'} with FD "
          f"(max|diff|={np.max(np.abs(a-b)):.2e}, max|FD|={np.max(np.abs(b)):.2e})  expected {expect}")

# ---------- 1. one LSTM cell step: calculate_single_lstm_cell_error / _derivatives (lines 258-400) ----------
print("== one cell step, L = sum(Ga*a_t) + sum(Gc*c_t)")
x = rng.normal(size=(B, E)); ap = rng.normal(size=(B, H)); cp = rng.normal(size=(B, H))
Ga = rng.normal(size=(B, H)); Gc = rng.normal(size=(B, H))
def Lcell():
    acts, c, a = ns['lstm_cell'](x, ap, cp, params); return float(np.sum(Ga * a) + np.sum(Gc * c))
acts, c, a = ns['lstm_cell'](x, ap, cp, params)
pae, pce, ee, le = ns['calculate_single_lstm_cell_error'](Ga, np.zeros_like(Ga), Gc, params, acts, c, cp)
d = ns['calculate_single_lstm_cell_derivatives'](le, x, ap)
for row, k, p in [(385, 'dfgw', 'fgw'), (387, 'digw', 'igw'), (389, 'dogw', 'ogw'), (391, 'dcgw', 'cgw')]:
    report(row, f"{k} * batch_size (errors ef/ei/eo/eg)", d[k] * B, fd(Lcell, params[p]), 'pass')
report(334, 'prev_activation_error', pae, fd(Lcell, ap), 'pass')
report(311, 'prev_cell_error = cell_error * fa', pce, fd(Lcell, cp), 'pass')
report(337, 'embed_error', ee, fd(Lcell, x), 'pass')

# ---------- 2. whole model ----------
ec, lc, ac, cc, oc = run()
der, eec = ns['backward_propagation'](batches, ec, lc, ac, cc, oc, params)
demb = emb - ns['update_embeddings'](emb.copy(), eec, batches)
print("== whole sequence vs FD of the loss the code reports (binary CE on softmax outputs, line 220)")
for row, k, p in [(248, 'dhow (via error_output = pred - labels)', 'how'), (461, 'dfgw summed over t', 'fgw'),
                  (462, 'digw summed over t', 'igw'), (463, 'dogw summed over t', 'ogw'), (464, 'dcgw summed over t', 'cgw')]:
    report(row, k, der[k.split()[0]], fd(L_author, params[p]), 'fail (inherits line 248)' if row != 248 else 'fail')
report(479, 'embedding derivative', demb, fd(L_author, emb), 'fail (inherits line 248)')
print("== same gradients vs FD of categorical cross-entropy -(1/B) sum y log p (what pred - labels is the gradient of)")
for row, k, p in [(364, 'dhow', 'how'), (461, 'dfgw', 'fgw'), (462, 'digw', 'igw'), (463, 'dogw', 'ogw'), (464, 'dcgw', 'cgw')]:
    report(row, k + ' vs FD of categorical CE', der[k], fd(L_ce, params[p]), 'agree')
report(479, 'embedding derivative vs FD of categorical CE', demb, fd(L_ce, emb), 'agree')
