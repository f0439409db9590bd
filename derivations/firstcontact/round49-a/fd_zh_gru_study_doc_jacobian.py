"""Finite-difference check of zh_gru_study_doc_jacobian.md (numpy only).
Author's conventions: column vectors, concatenation [h_{t-1}, x_t] (h first), W_r, W_z, W_h of shape H x (H+D),
r = s(W_r[h;x]+b_r), z = s(W_z[h;x]+b_z), h~ = tanh(W_h[r*h; x]+b_h), h_t = (1-z)*h_{t-1} + z*h~.
Line 56 (the one-step Jacobian) is compared with the central-difference Jacobian dh_t/dh_{t-1}
(numerator layout J[i,j] = d h_t[i]/d h_{t-1}[j]); the author's expression is read in its most charitable
typed form diag(1-z) + diag(h_{t-1}-h~) diag(s'(W_z[h;x])), and, to show the sign is wrong independently of the
missing pieces, also with W_z's h-block and the candidate path added."""
import json, os, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "zh_gru_study_doc_jacobian.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
LINES = open(os.path.join(HERE, NAME), encoding="utf-8").read().split("\n")
rng = np.random.default_rng(7)
D, H = 3, 4
s = lambda a: 1 / (1 + np.exp(-a))
Wr, Wz, Wh = (rng.normal(0, 0.7, (H, H + D)) for _ in range(3))
br, bz, bh = (rng.normal(0, 0.3, (H, 1)) for _ in range(3))
x = rng.normal(0, 1, (D, 1)); hp = rng.normal(0, 0.6, (H, 1))
# independent forward with split weights
def indep(hp, x):
    r = s(Wr[:, :H] @ hp + Wr[:, H:] @ x + br); z = s(Wz[:, :H] @ hp + Wz[:, H:] @ x + bz)
    ht = np.tanh(Wh[:, :H] @ (r * hp) + Wh[:, H:] @ x + bh)
    return r, z, ht, hp + z * (ht - hp)
r, z, ht, h = indep(hp, x)
close = lambda a, b: np.allclose(a, b, atol=1e-7, rtol=1e-6)
cat = lambda a, b: np.vstack([a, b])
res = {}
res[22] = close(s(Wr @ cat(hp, x) + br), r)
res[30] = close(s(Wz @ cat(hp, x) + bz), z)
res[37] = close(np.tanh(Wh @ cat(r * hp, x) + bh), ht)
res[42] = close((1 - z) * hp + z * ht, h)
res[47] = close((1 - 1.0) * hp + 1.0 * ht, ht)     # z_t = 1 -> h_t = h~_t
res[48] = close((1 - 0.0) * hp + 0.0 * ht, hp)     # z_t = 0 -> h_t = h_{t-1}
res[54] = res[42]
def J(part, eps=1e-6):
    M = np.zeros((H, H))
    for j in range(H):
        d = np.zeros((H, 1)); d[j] = eps
        M[:, j] = ((indep(hp + d, x)[part] - indep(hp - d, x)[part]) / (2 * eps))[:, 0]
    return M
Jtrue = J(3)
sp = (z * (1 - z))[:, 0]  # s'(W_z[h;x] + b_z); the author even drops b_z, use it with b_z (charitable)
auth = np.diag(1 - z[:, 0]) + np.diag((hp - ht)[:, 0]) @ np.diag(sp)
auth_plus = np.diag(1 - z[:, 0]) + np.diag((hp - ht)[:, 0]) @ np.diag(sp) @ Wz[:, :H] + np.diag(z[:, 0]) @ J(2)
fixed = np.diag(1 - z[:, 0]) + np.diag((ht - hp)[:, 0]) @ np.diag(sp) @ Wz[:, :H] + np.diag(z[:, 0]) @ J(2)
assert close(fixed, Jtrue)          # the correct Jacobian for this forward
res[56] = close(auth, Jtrue) or close(auth_plus, Jtrue)
ok = True
for ln in sorted(int(k) for k in EXP):
    e = EXP[str(ln)]["expected"]; n = ("pass" if res[ln] else "fail") if ln in res else "unchecked"
    print(f"line {ln}: expected {e}, numeric {n}   | {LINES[ln-1].strip()[:70]}")
    ok &= (e == n)
if set(res) - {int(k) for k in EXP}: ok = False; print("unannotated checks:", set(res) - {int(k) for k in EXP})
print("ALL AGREE" if ok else "DISAGREEMENT"); sys.exit(0 if ok else 1)
