# FD check of lstm_nasdaq_numpy.py: executes the author's helpers, forward_one_sequence and backward_one_sequence
# (taken from the transcription, lines 1-140) and compares with central finite differences of L = (pred - y)^2.
import numpy as np
src = open('lstm_nasdaq_numpy.py').read().split('# >>> cut: data preparation')[0]
g = {'np': np}
exec(src, g)
rng = np.random.default_rng(2)
g.update(sequence_length=6, hidden_size=4, input_size=1)
H = 4
W_input = rng.normal(0, .5, (1, 4*H)); W_hidden = rng.normal(0, .5, (H, 4*H)); bias_gates = rng.normal(0, .3, (1, 4*H))
W_output = rng.normal(0, .5, (H, 1)); bias_output = rng.normal(0, .3, (1, 1))
seq = rng.normal(size=(6, 1)); y = 0.3
fwd, bwd = g['forward_one_sequence'], g['backward_one_sequence']

def loss():
    p, _ = fwd(seq, W_input, W_hidden, bias_gates, W_output, bias_output); return (p-y)**2
pred, cache = fwd(seq, W_input, W_hidden, bias_gates, W_output, bias_output)
dL_dy = np.array([[2*(pred-y)]])                                   # lines 152/155-156
final_hidden = cache['hidden_states'][-1].reshape(1, -1)
dW_output = final_hidden.T @ dL_dy; db_output = dL_dy              # lines 159-160
dW_input, dW_hidden, db_gates = bwd(cache, dL_dy, W_input, W_hidden, W_output)

def fd(A, eps=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        A[idx] += eps; a = loss(); A[idx] -= 2*eps; b = loss(); A[idx] += eps; G[idx] = (a-b)/(2*eps)
    return G
for name, mine, A in [('dW_output (159)', dW_output, W_output), ('db_output (160)', db_output, bias_output),
                      ('dW_input (132, via 96-137)', dW_input, W_input), ('dW_hidden (133, via 96-137)', dW_hidden, W_hidden),
                      ('db_gates (134, via 96-137)', db_gates, bias_gates)]:
    e = np.abs(mine-fd(A)).max()
    print(('PASS' if e < 1e-6 else 'FAIL'), name, 'max abs err %.1e' % e)
# helpers (lines 11-12, 20-21): derivative evaluated at the pre-activation
z = np.linspace(-3, 3, 7); eps = 1e-6
print('PASS' if np.allclose(g['sigmoid_derivative'](z), (g['sigmoid'](z+eps)-g['sigmoid'](z-eps))/(2*eps)) else 'FAIL', 'sigmoid_derivative (11-12)')
print('PASS' if np.allclose(g['tanh_derivative'](z), (np.tanh(z+eps)-np.tanh(z-eps))/(2*eps)) else 'FAIL', 'tanh_derivative (20-21)')
