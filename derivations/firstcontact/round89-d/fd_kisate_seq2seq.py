"""Finite-difference check of kisate/myLSTM (numpy LSTM encoder-decoder), as transcribed in kisate_seq2seq.md.

The two python fences of the note (functions.py, model.py) are executed as they are, so the backward
formulas checked are exactly the author's.  numpy only.
"""
import os, re, sys, types
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(here, "kisate_seq2seq.md")).read()
fences = re.findall(r"```python\n(.*?)```", md, re.S)
functions = types.ModuleType("functions")
exec(fences[0], functions.__dict__)
sys.modules["functions"] = functions
model = types.ModuleType("model")
exec(fences[1], model.__dict__)
F = functions

rng = np.random.default_rng(0)
ok = lambda a, b, tol=1e-6: np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b))) < tol


def num_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps; fp = f()
        x[i] = old - eps; fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g


def report(row, cond, what):
    print(f"row {row:4d}: {'AGREE   ' if cond else 'DISAGREE'} {what}")

# ---------------- helpers (functions.py) ----------------
z = rng.normal(size=(6, 1)); dL = rng.normal(size=(6, 1))
report(15, ok(F.sigmoid_grad(dL, z), num_grad(lambda: np.sum(dL * F.sigmoid(z)), z)), "sigmoid_grad = dL*s*(1-s)")
report(20, ok(F.tanh_grad(dL, z), num_grad(lambda: np.sum(dL * F.tanh(z)), z)), "tanh_grad = dL*(1-tanh^2)")
report(33, ok(F.softmax_grad(dL, z), num_grad(lambda: np.sum(dL * F.softmax(z)), z)), "softmax_grad (J^T dL, J symmetric)")
y1 = np.zeros((6, 1)); y1[2] = 1
report(44, ok(F.softmax_cross_entropy_loss_grad(z, y1),
              num_grad(lambda: float(F.softmax_cross_entropy_loss(z, y1).sum()), z)),
       "softmax_ce grad, one-hot target")
y0 = np.zeros((6, 1))   # to_one_hot(-1): the padding target of nb.ipynb
g44 = F.softmax_cross_entropy_loss_grad(z, y0)
n44 = num_grad(lambda: float(F.softmax_cross_entropy_loss(z, y0).sum()), z)
report(44, ok(g44, n44), f"softmax_ce grad, all-zero padding target: loss={float(F.softmax_cross_entropy_loss(z, y0).sum())}, "
       f"FD grad max|.|={np.abs(n44).max():.2e}, author grad = softmax(z) (sum={g44.sum():.3f})")
report(53, ok(F.square_loss_grad(z, y1), num_grad(lambda: float(F.square_loss(z, y1).sum()), z)), "square_loss_grad = z - y")

# ---------------- one LSTM step of BaseLSTM (rows 110-158) ----------------
nin, H = 4, 5
lstm = model.BaseLSTM(n_dims_in=nin, n_dims_hidden=H)
for k in lstm.params:
    lstm.params[k] = tuple(rng.normal(size=p.shape) * 0.5 for p in lstm.params[k])
x = rng.normal(size=(nin, 1)); h0 = rng.normal(size=(H, 1)); c0 = rng.normal(size=(H, 1))
wh = rng.normal(size=(H, 1)); wc = rng.normal(size=(H, 1))


def step_loss():
    lstm.enable_caching = False
    c1, h1 = lstm.forward_step(x, c0, h0)
    lstm.enable_caching = True
    return float(np.sum(wh * h1) + np.sum(wc * c1))

lstm.initialize_gradients(); lstm.cache = []
c1, h1 = lstm.forward_step(x, c0, h0)
_, cache = lstm.cache.pop()
dh0, dc0, dx = lstm.backprop_step_no_output(wh.copy(), wc.copy(), cache)
report(156, ok(dh0, num_grad(step_loss, h0)), "dL/dh_prev = sum of U^T dz over gates (rows 127, 156)")
report(157, ok(dc0, num_grad(step_loss, c0)), "dL/dc_prev = dL_dc*f (rows 145, 157)")
report(158, ok(dx, num_grad(step_loss, x)), "dL/dx = sum of W^T dz (rows 129, 158)")
for name, row in zip("figo", (147, 148, 149, 143)):
    W, U, b = lstm.params[name]
    gW, gU, gb = lstm.grads[name]
    report(row, ok(gW, num_grad(step_loss, W)) and ok(gU, num_grad(step_loss, U)) and ok(gb, num_grad(step_loss, b)),
           f"gate {name}: dW, dU, db (rows 122-135)")

# ---------------- full encoder-decoder (DecoderWithEncoder) ----------------
T_in, tok, hid, emb, max_len = 5, 6, 5, 3, 5
start = np.eye(tok)[0].reshape(tok, 1)


def make():
    m = model.DecoderWithEncoder(token_dims=tok, enc_emb_dims=emb, dec_emb_dims=emb, n_dims_hidden=hid,
                                 loss_func="softmax_ce", activation_func="softmax", max_len=max_len, start_token=start)
    for part in (m.encoder, m.decoder):
        for k in part.params:
            part.params[k] = tuple(rng.normal(size=p.shape) * 0.5 for p in part.params[k])
    return m

xs = np.array([np.eye(tok)[v].reshape(tok, 1) for v in rng.integers(1, tok, T_in)])


def loss_of(m, targets):
    m.enable_caching(False)
    out = m.forward(xs)
    m.enable_caching(True)
    return float(F.cross_entropy_loss(out, np.array(targets)).sum())   # nb.ipynb's loss


def compare(m, targets, label, row):
    m.initialize_gradients()
    m.forward(xs)
    m.backprop(list(targets))
    worst = 0.0
    for part in (m.encoder, m.decoder):
        for k in part.params:
            for p, g in zip(part.params[k], part.grads[k]):
                n = num_grad(lambda: loss_of(m, targets), p)
                worst = max(worst, np.max(np.abs(g - n)) / max(1e-12, np.max(np.abs(n))))
    report(row, worst < 1e-5, f"{label}: all encoder/decoder parameter gradients vs FD, worst rel err {worst:.2e}")

onehot_targets = [np.eye(tok)[v].reshape(tok, 1) for v in [0] + list(rng.integers(1, tok, max_len - 1))]
m = make()
compare(m, onehot_targets, "fresh model, one-hot targets (first backprop call)", 369)
# second call on the same model, same data (the training loop of nb.ipynb calls backprop once per sample)
compare(m, onehot_targets, "same model, second backprop call (self.dL_dx kept from call 1)", 355)
m.decoder.dL_dx = np.zeros((tok, 1))
compare(m, onehot_targets, "same model, self.dL_dx reset to zeros before the call", 355)
# padded targets, as in nb.ipynb (to_one_hot(-1) = zeros), fresh dL_dx
padded = onehot_targets[:3] + [np.zeros((tok, 1))] * (max_len - 3)
m2 = make()
compare(m2, padded, "fresh model, targets padded with all-zero vectors", 44)
