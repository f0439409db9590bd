"""Finite-difference check of LiZhenping/numpy_gru Gru.py (commit 379d9c1) as transcribed in lizhenping_Gru.py.
The transcribed file is executed as written (it only defines data helpers, activations, the parameters and
lossFun); lossFun's gradients are compared with central differences of its own sequence_loss. numpy only."""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(HERE, "lizhenping_Gru.py"), encoding="utf-8").read()
ns = {"__name__": "lizhenping_note"}
exec(compile(src, "lizhenping_Gru.py", "exec"), ns)
lossFun = ns["lossFun"]

rng = np.random.RandomState(5)
names = ["Wy", "Wh", "Wr", "Wz", "Uh", "Ur", "Uz", "by", "bh", "br", "bz"]
for k in names:   # larger, decorrelated weights so that every gradient is clearly nonzero
    ns[k] = ns[k] + 0.3 * rng.randn(*ns[k].shape)
inputs, targets = [7, 3, 41, 3, 19], [7, 3, 0, 0, 0]     # the task of get_pair(5, 2, 50)
hprev = 0.3 * rng.randn(50, 1)                            # the training loop carries hprev between calls

out = lossFun(inputs, targets, hprev)
grads = dict(zip(names, out[1:12]))
L = lambda: lossFun(inputs, targets, hprev)[0]

def lineof(k):
    return {"Wy": 164, "Wh": 174, "Wr": 184, "Wz": 193, "Uh": 175, "Ur": 185, "Uz": 194,
            "by": 166, "bh": 176, "br": 186, "bz": 195}[k]

print("lossFun gradients vs central differences of sequence_loss (hprev != 0):")
for k in names:
    P = ns[k]; G = grads[k]
    idxs = [tuple(rng.randint(0, s) for s in P.shape) for _ in range(25)]
    # make sure the entries of the columns of the inputs actually used are sampled for the W's
    if k in ("Wh", "Wr", "Wz"):
        idxs += [(rng.randint(0, 50), c) for c in inputs]
    errs = []
    for idx in idxs:
        old = P[idx]
        P[idx] = old + 1e-6; lp = L()
        P[idx] = old - 1e-6; lm = L()
        P[idx] = old
        errs.append((G[idx], (lp - lm) / 2e-6))
    a = np.array(errs)
    rel = np.abs(a[:, 0] - a[:, 1]).max() / (np.abs(a[:, 1]).max() + 1e-12)
    print(f"  d{k:3s} (line {lineof(k)}): {'AGREE' if rel < 1e-5 else 'DIFFER'}  max rel err {rel:.1e}")

print()
print("why dWh/dWr/dWz differ: inside the backward loop `inp` is the forward loop's last (50,1) one-hot column,")
inp_last = np.zeros((50, 1)); inp_last[inputs[-1]] = 1
print("  inp[t] for t = 0..4 has shape", inp_last[0].shape, "and values", [float(inp_last[t][0]) for t in range(5)],
      "-> np.dot(d(50,1), inp[t].T) has shape", np.dot(np.ones((50, 1)), inp_last[0].T).shape,
      "and is broadcast over the rows of dW, instead of the outer product with the step-t one-hot input x_t.")
