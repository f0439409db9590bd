# Finite-difference check of lstm_gru_drift.py: runs the author's own LSTMCell/GRUCell/SequenceHead code
# (loaded from the transcribed file) and compares every parameter gradient and dh_T with central differences
# of the BCE loss of train_step (p = sigmoid(h_T . W + b), L = -(y log p + (1-y) log(1-p))).
import numpy as np, importlib.util, os
spec = importlib.util.spec_from_file_location("src", os.path.join(os.path.dirname(os.path.abspath(__file__)), "lstm_gru_drift.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)
rng = np.random.default_rng(3)
X = rng.normal(size=(6, 2)); label = 1
eps = 1e-6

def bce(cell, head):
    h, _ = cell.forward(X); p = head.forward(h)
    return -(label * np.log(p) + (1 - label) * np.log(1 - p))

for Cell in (src.LSTMCell, src.GRUCell):
    cell = Cell(2, 5, seed=1); head = src.SequenceHead(5, seed=2)
    for k in cell.params():                      # non-zero biases so every term is exercised
        if k.startswith('b'):
            setattr(cell, k, rng.normal(0, 0.5, getattr(cell, k).shape))
    h, cache = cell.forward(X); p = head.forward(h)
    dh, dW, db = head.backward(h, p, label)
    grads = cell.backward(dh, cache)
    print(f"== {Cell.__name__}")
    for k, v in cell.params().items():
        num = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]; v[idx] = old + eps; lp = bce(cell, head); v[idx] = old - eps; lm = bce(cell, head); v[idx] = old
            num[idx] = (lp - lm) / (2 * eps)
        print(f"  d{k:3s} max|analytic-FD| = {np.abs(num - grads[k]).max():.2e}  {'AGREE' if np.allclose(num, grads[k], atol=1e-7) else 'DISAGREE'}")
    numW = np.zeros_like(head.W)
    for j in range(len(head.W)):
        head.W[j] += eps; lp = bce(cell, head); head.W[j] -= 2 * eps; lm = bce(cell, head); head.W[j] += eps
        numW[j] = (lp - lm) / (2 * eps)
    head.b += eps; lp = bce(cell, head); head.b -= 2 * eps; lm = bce(cell, head); head.b += eps
    print(f"  head dW max diff = {np.abs(numW - dW).max():.2e}, db diff = {abs((lp - lm) / (2 * eps) - db):.2e}")
    # dh (SequenceHead.backward) against FD in h_T
    numh = np.zeros_like(h)
    for j in range(len(h)):
        a = h.copy(); a[j] += eps; b_ = h.copy(); b_[j] -= eps
        f = lambda hh: -(label * np.log(head.forward(hh)) + (1 - label) * np.log(1 - head.forward(hh)))
        numh[j] = (f(a) - f(b_)) / (2 * eps)
    print(f"  head dh max diff = {np.abs(numh - dh).max():.2e}  {'AGREE' if np.allclose(numh, dh, atol=1e-7) else 'DISAGREE'}")
print("helpers: dsigmoid(sigmoid(a)) vs FD:", np.allclose(src.dsigmoid(src.sigmoid(0.3)), (src.sigmoid(0.3 + eps) - src.sigmoid(0.3 - eps)) / (2 * eps)),
      " dtanh(tanh(a)) vs FD:", np.allclose(src.dtanh(np.tanh(0.3)), (np.tanh(0.3 + eps) - np.tanh(0.3 - eps)) / (2 * eps)))
