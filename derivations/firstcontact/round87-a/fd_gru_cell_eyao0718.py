# numpy re-implementation of the author's GRUCell forward/backward with the repository's Sigmoid/Tanh
# (backward(dLdA) = dLdA * dA/dZ evaluated on the stored A), checked against central finite differences.
import numpy as np
rng = np.random.default_rng(2)
d, h = 4, 5

class Sigmoid:
    def forward(self, Z): self.A = 1 / (1 + np.exp(-Z)); return self.A
    def backward(self, dLdA): return dLdA * (self.A - np.square(self.A))
class Tanh:
    def forward(self, Z): self.A = (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)); return self.A
    def backward(self, dLdA): return dLdA * (1 - np.square(self.A))

P = {k: rng.standard_normal((h, d)) * 0.7 for k in ["Wrx", "Wzx", "Wnx"]}
P.update({k: rng.standard_normal((h, h)) * 0.7 for k in ["Wrh", "Wzh", "Wnh"]})
P.update({k: rng.standard_normal(h) for k in ["brx", "bzx", "bnx", "brh", "bzh", "bnh"]})
r_act, z_act, h_act = Sigmoid(), Sigmoid(), Tanh()
S = {}

def forward(x, hp):
    S['x'], S['hidden'] = x, hp
    S['r'] = r_act.forward(x @ P['Wrx'].T + P['brx'] + hp @ P['Wrh'].T + P['brh'])                   # line 88
    S['z'] = z_act.forward(x @ P['Wzx'].T + P['bzx'] + hp @ P['Wzh'].T + P['bzh'])                   # line 89
    S['n'] = h_act.forward(x @ P['Wnx'].T + P['bnx'] + S['r'] * (hp @ P['Wnh'].T + P['bnh']))        # line 90
    return (1 - S['z']) * S['n'] + S['z'] * hp                                                       # line 91

def backward(delta):
    x, hid, r, z, n = S['x'], S['hidden'], S['r'], S['z'], S['n']
    G = {}
    dz = (hid - n) * delta                                                          # 118
    dn = (1 - z) * delta                                                            # 119
    dr = h_act.backward(dn) * (hid @ P['Wnh'].T + P['bnh'])                         # 120
    G['dWrx'] = r_act.backward(dr)[:, None] @ x[None, :]                            # 122
    G['dWzx'] = z_act.backward(dz)[:, None] @ x[None, :]                            # 123
    G['dWnx'] = h_act.backward(dn)[:, None] @ x[None, :]                            # 124
    G['dWrh'] = r_act.backward(dr)[:, None] @ hid[None, :]                          # 126
    G['dWzh'] = z_act.backward(dz)[:, None] @ hid[None, :]                          # 127
    G['dWnh'] = (h_act.backward(dn) * r)[:, None] @ hid[None, :]                    # 128
    G['dbrx'] = r_act.backward(dr); G['dbzx'] = z_act.backward(dz); G['dbnx'] = h_act.backward(dn)   # 130-132
    G['dbrh'] = r_act.backward(dr); G['dbzh'] = z_act.backward(dz); G['dbnh'] = h_act.backward(dn) * r  # 134-136
    dx = h_act.backward(dn)[None, :] @ P['Wnx'] + z_act.backward(dz)[None, :] @ P['Wzx'] + r_act.backward(dr)[None, :] @ P['Wrx']   # 138
    dh_prev_t = delta * z + (h_act.backward(dn) * r)[None, :] @ P['Wnh'] + z_act.backward(dz)[None, :] @ P['Wzh'] + r_act.backward(dr)[None, :] @ P['Wrh']  # 139
    return np.reshape(dx, -1), np.reshape(dh_prev_t, -1), G, dict(dz=dz, dn=dn, dr=dr)

def num_grad(f, a, eps=1e-6):
    g = np.zeros_like(a); it = np.nditer(a, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; old = a[k]
        a[k] = old + eps; fp = f(); a[k] = old - eps; fm = f(); a[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
def report(name, a, b):
    r = rel(a, b); print(f"{name:34s} rel.err {r:.2e}  {'AGREES' if r < 1e-6 else 'DISAGREES'}")

x = rng.standard_normal(d); hp = rng.standard_normal(h); delta = rng.standard_normal(h)
L = lambda: float(np.sum(delta * forward(x, hp)))
forward(x, hp)
dx, dhp, G, I = backward(delta)
# intermediate rows: perturb gate values r, z, n themselves (h_t and n as functions of them)
r0, z0, n0 = S['r'].copy(), S['z'].copy(), S['n'].copy()
npre = x @ P['Wnx'].T + P['bnx']; inner = hp @ P['Wnh'].T + P['bnh']
zz = z0.copy(); report("line 118 dz (= dL/dz)", I['dz'], num_grad(lambda: np.sum(delta * ((1 - zz) * n0 + zz * hp)), zz))
nn_ = n0.copy(); report("line 119 dn (= dL/dn)", I['dn'], num_grad(lambda: np.sum(delta * ((1 - z0) * nn_ + z0 * hp)), nn_))
rr = r0.copy(); report("line 120 dr (= dL/dr)", I['dr'], num_grad(lambda: np.sum(delta * ((1 - z0) * np.tanh(npre + rr * inner) + z0 * hp)), rr))
forward(x, hp)
for k, line in [("Wrx", 122), ("Wzx", 123), ("Wnx", 124), ("Wrh", 126), ("Wzh", 127), ("Wnh", 128),
                ("brx", 130), ("bzx", 131), ("bnx", 132), ("brh", 134), ("bzh", 135), ("bnh", 136)]:
    num = num_grad(L, P[k]); forward(x, hp)
    report(f"line {line} d{k}", G['d' + k], num)
report("line 138 dx", dx, num_grad(L, x)); forward(x, hp)
report("line 139 dh_prev_t", dhp, num_grad(L, hp))
