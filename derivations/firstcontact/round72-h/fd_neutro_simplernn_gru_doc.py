# Finite-difference check of neutro_simplernn_gru_doc.md: the SimpleRNN and GRU forward/backward
# code as written (row-vector layout, batch-first), loss L = sum(G * output) for a random G.
import numpy as np
rng = np.random.default_rng(1)
B, T, F, U = 2, 4, 3, 3
ok = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-4)

def fd(fun, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]; x[idx] = old + eps; a = fun(); x[idx] = old - eps; b = fun(); x[idx] = old
        g[idx] = (a - b) / (2 * eps)
    return g

class SimpleRNN:  # doc lines 13-51, params as in build()
    def __init__(self, act, rs):
        self.activation_name = act; self.return_sequences = rs; self.units = U
        self.params = {'Wx': rng.normal(0, .5, (F, U)), 'Wh': rng.normal(0, .5, (U, U)), 'b': rng.normal(0, .1, U)}
        self.grads = {}
    def forward(self, inputs, training=False):
        self.inputs = inputs
        batch, timesteps, _ = inputs.shape
        self.h_states = np.zeros((batch, timesteps + 1, self.units))
        for t in range(timesteps):
            z = np.dot(inputs[:, t, :], self.params['Wx']) + \
                np.dot(self.h_states[:, t, :], self.params['Wh']) + self.params['b']
            if self.activation_name == 'tanh':
                self.h_states[:, t+1, :] = np.tanh(z)
            else:
                self.h_states[:, t+1, :] = z
        if self.return_sequences:
            return self.h_states[:, 1:, :]
        return self.h_states[:, -1, :]
    def backward(self, grad_output):
        batch, timesteps, _ = self.inputs.shape
        d_Wx, d_Wh, d_b = np.zeros_like(self.params['Wx']), np.zeros_like(self.params['Wh']), np.zeros_like(self.params['b'])
        d_inputs = np.zeros_like(self.inputs)
        dh_next = np.zeros((batch, self.units))
        for t in range(timesteps - 1, -1, -1):
            dh = (grad_output[:, t, :] if self.return_sequences \
                  else (grad_output if t == timesteps - 1 else 0)) + dh_next
            dz = dh * (1 - self.h_states[:, t+1, :]**2)          # line 44
            d_Wx += np.dot(self.inputs[:, t, :].T, dz)            # line 45
            d_Wh += np.dot(self.h_states[:, t, :].T, dz)          # line 46
            d_b += np.sum(dz, axis=0)                             # line 47
            d_inputs[:, t, :] = np.dot(dz, self.params['Wx'].T)   # line 48
            dh_next = np.dot(dz, self.params['Wh'].T)             # line 49
        self.grads['Wx'], self.grads['Wh'], self.grads['b'] = d_Wx, d_Wh, d_b
        return d_inputs

class GRU:  # doc lines 101-197
    def __init__(self, rs):
        self.return_sequences = rs; self.units = U
        self.params = {'W': rng.normal(0, .5, (F, 3*U)), 'U': rng.normal(0, .5, (U, 3*U)), 'b': rng.normal(0, .1, 3*U)}
        self.grads = {}
    def _sigmoid(self, a): return 1 / (1 + np.exp(-a))
    def forward(self, inputs, training=False):
        self.inputs = inputs
        batch, timesteps, _ = inputs.shape
        self.h_states = np.zeros((batch, timesteps + 1, self.units))
        self.z_gates = np.zeros((batch, timesteps, self.units))
        self.r_gates = np.zeros((batch, timesteps, self.units))
        self.h_tilde = np.zeros((batch, timesteps, self.units))
        self.x_W = np.dot(inputs, self.params['W'])
        for t in range(timesteps):
            x_W_t = self.x_W[:, t, :] + self.params['b']
            h_prev = self.h_states[:, t, :]
            z_r_hidden = np.dot(h_prev, self.params['U'][:, :2*self.units])
            z_r_logits = x_W_t[:, :2*self.units] + z_r_hidden
            z_r = self._sigmoid(z_r_logits)
            z = z_r[:, :self.units]
            r = z_r[:, self.units:]
            self.z_gates[:, t, :] = z
            self.r_gates[:, t, :] = r
            h_tilde_hidden = np.dot(r * h_prev, self.params['U'][:, 2*self.units:])
            h_tilde_logits = x_W_t[:, 2*self.units:] + h_tilde_hidden
            h_tilde = np.tanh(h_tilde_logits)
            self.h_tilde[:, t, :] = h_tilde
            self.h_states[:, t+1, :] = (1 - z) * h_tilde + z * h_prev
        if self.return_sequences:
            return self.h_states[:, 1:, :]
        return self.h_states[:, -1, :]
    def backward(self, grad_output):
        batch, timesteps, _ = self.inputs.shape
        d_W = np.zeros_like(self.params['W']); d_U = np.zeros_like(self.params['U']); d_b = np.zeros_like(self.params['b'])
        d_inputs = np.zeros_like(self.inputs)
        dh_next = np.zeros((batch, self.units))
        for t in range(timesteps - 1, -1, -1):
            dh = (grad_output[:, t, :] if self.return_sequences
                  else (grad_output if t == timesteps - 1 else 0)) + dh_next
            z = self.z_gates[:, t, :]; r = self.r_gates[:, t, :]
            h_tilde = self.h_tilde[:, t, :]; h_prev = self.h_states[:, t, :]
            dz = dh * (h_prev - h_tilde)
            dh_tilde = dh * (1 - z)
            dh_prev_from_h = dh * z
            dtanh = dh_tilde * (1 - h_tilde**2)
            d_W[:, 2*self.units:] += np.dot(self.inputs[:, t, :].T, dtanh)
            d_U[:, 2*self.units:] += np.dot((r * h_prev).T, dtanh)
            d_b[2*self.units:] += np.sum(dtanh, axis=0)
            dr_h_prev = np.dot(dtanh, self.params['U'][:, 2*self.units:].T)
            dr = dr_h_prev * h_prev
            dh_prev_from_tilde = dr_h_prev * r
            dz_logits = dz * z * (1 - z)
            dr_logits = dr * r * (1 - r)
            dzr_logits = np.concatenate([dz_logits, dr_logits], axis=1)
            d_W[:, :2*self.units] += np.dot(self.inputs[:, t, :].T, dzr_logits)
            d_U[:, :2*self.units] += np.dot(h_prev.T, dzr_logits)
            d_b[:2*self.units] += np.sum(dzr_logits, axis=0)
            dh_prev_from_gates = np.dot(dzr_logits, self.params['U'][:, :2*self.units].T)
            dh_next = dh_prev_from_h + dh_prev_from_tilde + dh_prev_from_gates
            d_inputs[:, t, :] = \
                np.dot(dzr_logits, self.params['W'][:, :2*self.units].T) + \
                np.dot(dtanh, self.params['W'][:, 2*self.units:].T)
        self.grads['W'] = d_W; self.grads['U'] = d_U; self.grads['b'] = d_b
        return d_inputs

X = rng.normal(size=(B, T, F))
def check(layer, label):
    out = layer.forward(X); G = rng.normal(size=out.shape)
    dX = layer.backward(G)
    L = lambda: np.sum(G * layer.forward(X))
    res = {k: ok(layer.grads[k], fd(L, layer.params[k])) for k in layer.params}
    res['inputs'] = ok(dX, fd(L, X))
    print(label, {k: ('AGREES' if v else 'DISAGREES') for k, v in res.items()})
    return res
r1 = check(SimpleRNN('tanh', True), "SimpleRNN activation='tanh', return_sequences=True :")
r2 = check(SimpleRNN('tanh', False), "SimpleRNN activation='tanh', return_sequences=False:")
r3 = check(SimpleRNN('linear', True), "SimpleRNN activation='linear' (the else branch, line 24):")
r4 = check(GRU(True), "GRU return_sequences=True :")
r5 = check(GRU(False), "GRU return_sequences=False:")
print()
print("rows 42-49 (SimpleRNN backward) agree for tanh:", all(r1.values()) and all(r2.values()))
print("row 44 dz = dh*(1-h^2) for the non-tanh branch: ", "AGREES" if all(r3.values()) else "DISAGREES (the identity branch needs dz = dh)")
print("rows 149-190 (GRU backward incl. dz, dr, dh_next, d_inputs) agree:", all(r4.values()) and all(r5.values()))
# isolate row 218 / 252 semantics: dz is dL/dz (post-sigmoid), dr is dL/dr (post-sigmoid) -> covered by the full check
