"""Finite-difference check of Neuron's LSTMCell.swift (pre-PR-#183 version), transcribed to numpy.

Row vectors: x_t (1,I), h (1,H); gate weights W (I+H, H) acting on concat = [x_t, h_{t-1}].
Loss used for the check: L = sum_t sum(A_t * h_t), so dL/dh_t from the output = A_t
(plays the role of activationOutputError).
"""
import numpy as np

rng = np.random.default_rng(0)
I, H, T = 3, 4, 4
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
tanh = np.tanh
der_tanh_author = lambda x: 1.0 - np.tanh(x) ** 2   # device.derivate(x, .tanh): 1 - tanh(x)^2 of the ARGUMENT

P = {k: rng.normal(scale=0.5, size=(I + H, H)) for k in ["Wf", "Wi", "Wg", "Wo"]}
P.update({k: rng.normal(scale=0.5, size=(1, H)) for k in ["bf", "bi", "bg", "bo"]})
X = rng.normal(size=(T, 1, I))
A = rng.normal(size=(T, 1, H))


def forward(P, X):
    h = np.zeros((1, H)); c = np.zeros((1, H))
    caches = []
    for t in range(T):
        concat = np.concatenate([X[t], h], axis=1)                    # line 118
        fa = sig(concat @ P["Wf"] + P["bf"])                          # 121-126
        ia = sig(concat @ P["Wi"] + P["bi"])                          # 129-133
        ga = tanh(concat @ P["Wg"] + P["bg"])                         # 136-140
        oa = sig(concat @ P["Wo"] + P["bo"])                          # 143-147
        c_new = fa * c + ia * ga                                      # 149
        h_new = oa * tanh(c_new)                                      # 151-153
        caches.append(dict(x=X[t], hprev=h, cprev=c, f=fa, i=ia, g=ga, o=oa, c=c_new, h=h_new))
        h, c = h_new, c_new
    return caches


def loss(P, X):
    return sum(float(np.sum(A[t] * cc["h"])) for t, cc in enumerate(forward(P, X)))


def backward_author(P, caches):
    """The published backward, line by line (note line numbers in comments)."""
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dX = np.zeros_like(X)
    eat = np.zeros((1, H)); ect = np.zeros((1, H))
    for t in reversed(range(T)):
        cc = caches[t]
        activationError = A[t] + eat                                  # 172
        prevC = caches[t - 1]["c"] if t > 0 else np.zeros((1, H))     # 176
        tanC = tanh(cc["c"])                                          # 178
        oa, ia, ga, fa = cc["o"], cc["i"], cc["g"], cc["f"]
        eo = activationError * tanC                                   # 182
        eo = (eo * oa) * (1 - oa)                                     # 183
        cellError = activationError * oa                              # 186
        cellError = cellError * der_tanh_author(tanC)                 # 187  (tanh' at tanh(c))
        cellError = cellError + ect                                   # 188
        ei = cellError * ia                                           # 193  (ia instead of ga)
        ei = (ei * ia) * (1 - ia)                                     # 194
        eg = cellError * ia                                           # 197
        eg = eg * der_tanh_author(ga)                                 # 198  (tanh' at tanh(.))
        ef = cellError * prevC                                        # 202
        ef = (ef * fa) * (1 - fa)                                     # 203
        prevCellError = cellError * fa                                # 206
        emb = ef @ P["Wf"].T + ei @ P["Wi"].T + eo @ P["Wo"].T + eg @ P["Wg"].T   # 213-216
        prevAct = emb[:, I:]                                          # 223
        dX[t] = emb[:, :I]                                            # 225
        concat = np.concatenate([cc["x"], cc["h"]], axis=1).T         # 268  (h_t, not h_{t-1})
        for k, e in zip(["Wf", "Wi", "Wo", "Wg"], [ef, ei, eo, eg]):
            G[k] += concat @ e                                        # 275-278, summed over t (54-57)
        for k, e in zip(["bf", "bi", "bg", "bo"], [ef, ei, eg, eo]):
            G[k] += e                                                 # 252-255
        eat, ect = prevAct, prevCellError
    return G, dX


def backward_correct(P, caches):
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dX = np.zeros_like(X)
    dh_next = np.zeros((1, H)); dc_next = np.zeros((1, H))
    per_step = []
    for t in reversed(range(T)):
        cc = caches[t]
        dh = A[t] + dh_next
        tanC = tanh(cc["c"])
        eo = dh * tanC * cc["o"] * (1 - cc["o"])
        dc_fromh = dh * cc["o"] * (1 - tanC ** 2)
        dc = dc_fromh + dc_next
        ei = dc * cc["g"] * cc["i"] * (1 - cc["i"])
        eg = dc * cc["i"] * (1 - cc["g"] ** 2)
        ef = dc * cc["cprev"] * cc["f"] * (1 - cc["f"])
        z = np.concatenate([cc["x"], cc["hprev"]], axis=1).T
        emb = ef @ P["Wf"].T + ei @ P["Wi"].T + eo @ P["Wo"].T + eg @ P["Wg"].T
        for k, e in zip(["Wf", "Wi", "Wo", "Wg"], [ef, ei, eo, eg]):
            G[k] += z @ e
        for k, e in zip(["bf", "bi", "bg", "bo"], [ef, ei, eg, eo]):
            G[k] += e
        dX[t] = emb[:, :I]
        per_step.append(dict(t=t, dh=dh, dh_next=dh_next, dc_next=dc_next, dc_fromh=dc_fromh, dc=dc,
                             eo=eo, ei=ei, eg=eg, ef=ef, z=z, emb=emb, dcprev=dc * cc["f"]))
        dh_next = emb[:, I:]; dc_next = dc * cc["f"]
    return G, dX, per_step


def fd_grads(P, X, eps=1e-6):
    G = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]
            v[idx] = old + eps; lp = loss(P, X)
            v[idx] = old - eps; lm = loss(P, X)
            v[idx] = old
            g[idx] = (lp - lm) / (2 * eps)
        G[k] = g
    gx = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        old = X[idx]
        X[idx] = old + eps; lp = loss(P, X)
        X[idx] = old - eps; lm = loss(P, X)
        X[idx] = old
        gx[idx] = (lp - lm) / (2 * eps)
    return G, gx


def close(a, b, tol=1e-6):
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


caches = forward(P, X)
Gfd, dXfd = fd_grads(P, X)
Gc, dXc, steps = backward_correct(P, caches)
Ga, dXa = backward_author(P, caches)

print("== reference backward (the derivation the passes are judged against) vs finite differences")
for k in P:
    print(f"  {k}: {'agree' if close(Gc[k], Gfd[k]) else 'DISAGREE'}")
print(f"  dX: {'agree' if close(dXc, dXfd) else 'DISAGREE'}")

print("== published backward (whole BPTT) vs finite differences")
for k in P:
    print(f"  {k}: {'agree' if close(Ga[k], Gfd[k]) else 'DISAGREE'}  max|diff|={np.max(np.abs(Ga[k]-Gfd[k])):.3e}")
print(f"  dX (embeddingError): {'agree' if close(dXa, dXfd) else 'DISAGREE'}")

print("== line-by-line: each published line evaluated on CORRECT inputs, compared with the correct output")
res = {}
for s in steps:
    t = s["t"]; cc = caches[t]
    oa, ia, ga, fa = cc["o"], cc["i"], cc["g"], cc["f"]
    tanC = tanh(cc["c"])
    prevC = caches[t - 1]["c"] if t > 0 else np.zeros((1, H))
    chk = {
        "172 activationError = out + next": (A[t] + s["dh_next"], s["dh"]),
        "176 previousCellActivaion = c_{t-1} or 0": (prevC, cc["cprev"]),
        "182-183 eo": (((s["dh"] * tanC) * oa) * (1 - oa), s["eo"]),
        "186-187 cellError (from h)": ((s["dh"] * oa) * der_tanh_author(tanC), s["dc_fromh"]),
        "188 cellError + nextCellError": (s["dc_fromh"] + s["dc_next"], s["dc"]),
        "193-194 ei": (((s["dc"] * ia) * ia) * (1 - ia), s["ei"]),
        "197-198 eg": ((s["dc"] * ia) * der_tanh_author(ga), s["eg"]),
        "202-203 ef": (((s["dc"] * prevC) * fa) * (1 - fa), s["ef"]),
        "206 prevCellError": (s["dc"] * fa, s["dcprev"]),
        "213-216 embedActivationError": (s["ef"] @ P["Wf"].T + s["ei"] @ P["Wi"].T + s["eo"] @ P["Wo"].T + s["eg"] @ P["Wg"].T, s["emb"]),
        "268+275 dfgw step part (concat uses h_t)": (np.concatenate([cc["x"], cc["h"]], axis=1).T @ s["ef"], s["z"] @ s["ef"]),
        "268+276 digw step part": (np.concatenate([cc["x"], cc["h"]], axis=1).T @ s["ei"], s["z"] @ s["ei"]),
        "268+277 dogw step part": (np.concatenate([cc["x"], cc["h"]], axis=1).T @ s["eo"], s["z"] @ s["eo"]),
        "268+278 dggw step part": (np.concatenate([cc["x"], cc["h"]], axis=1).T @ s["eg"], s["z"] @ s["eg"]),
        "268 rows of x_t only (input part of concat)": ((np.concatenate([cc["x"], cc["h"]], axis=1).T @ s["ef"])[:I], (s["z"] @ s["ef"])[:I]),
    }
    for name, (a, b) in chk.items():
        res.setdefault(name, []).append(close(a, b))
for name, oks in res.items():
    print(f"  {name}: {'agree' if all(oks) else 'DISAGREE'} (steps agreeing: {sum(oks)}/{len(oks)})")
