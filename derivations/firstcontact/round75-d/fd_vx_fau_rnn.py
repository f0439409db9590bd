# Finite-difference check of vx_fau_rnn.md (Vxrun2000/Deep_Learning, FAU exercise 3 Elman RNN).
# numpy only. FullyConnected and RNN are the author's code (optimizer parts dropped, no optimizer set);
# the batch axis is the time axis, hidden state starts at zero (memorize=False).
# Loss: L = sum(G * Y) with G random, so error_tensor = G = dL/dY.
# Checked: input gradient (return of backward), fc_hidden gradient (RNN.gradient_weights, accumulated
# on line 194) and fc_output gradient (accumulated on line 178).
import numpy as np

rng = np.random.default_rng(2)


class FullyConnected:
    def __init__(self, input_size, output_size):
        self.input_size = input_size
        self.output_size = output_size
        self.weights = rng.normal(0, 0.5, (input_size + 1, output_size))
        self._gradient_weights = None

    def forward(self, input_tensor):
        bias_term = np.ones((input_tensor.shape[0], 1))
        self._input_tensor = np.hstack((input_tensor, bias_term))          # line 39
        return np.dot(self._input_tensor, self.weights)                     # line 40

    def backward(self, error_tensor):
        grad_w = np.dot(self._input_tensor.T, error_tensor)                # line 43
        self._gradient_weights = grad_w
        error_backprop = np.dot(error_tensor, self.weights[:-1, :].T)      # line 49
        return error_backprop


class RNN:
    def __init__(self, input_size, hidden_size, output_size):
        self.input_size, self.hidden_size, self.output_size = input_size, hidden_size, output_size
        self.fc_hidden = FullyConnected(input_size + hidden_size, hidden_size)
        self.fc_output = FullyConnected(hidden_size, output_size)

    def forward(self, input_tensor):
        self._hidden_state = np.zeros((1, self.hidden_size))
        self._cache_inputs, self._cache_hidden_states, self._cache_concatenated = [], [], []
        outputs = []
        for t in range(input_tensor.shape[0]):
            x_t = input_tensor[t:t + 1]
            self._cache_inputs.append(x_t.copy())
            self._cache_hidden_states.append(self._hidden_state.copy())
            concatenated = np.hstack([x_t, self._hidden_state])            # line 141
            self._cache_concatenated.append(concatenated.copy())
            hidden_pre_activation = self.fc_hidden.forward(concatenated)    # line 145
            self._hidden_state = np.tanh(hidden_pre_activation)             # line 146
            output_t = self.fc_output.forward(self._hidden_state)           # line 149
            outputs.append(output_t)
        return np.vstack(outputs)

    def backward(self, error_tensor, restore_output_cache=False):
        grad_w_hidden = np.zeros_like(self.fc_hidden.weights)
        grad_w_output = np.zeros_like(self.fc_output.weights)
        grad_h_next = np.zeros((1, self.hidden_size))
        grad_inputs = []
        for t in reversed(range(len(self._cache_inputs))):
            concatenated = self._cache_concatenated[t]
            error_t = error_tensor[t:t + 1]
            if restore_output_cache:   # NOT in the source: re-run fc_output on h_t so that its cache is step t's
                h_t_ = np.tanh(self.fc_hidden.forward(concatenated))
                self.fc_output.forward(h_t_)
            grad_h_output = self.fc_output.backward(error_t)                 # line 177
            grad_w_output += self.fc_output._gradient_weights                # line 178
            grad_h_total = grad_h_output + grad_h_next                       # line 182
            hidden_pre_activation = self.fc_hidden.forward(concatenated)     # line 185
            h_t = np.tanh(hidden_pre_activation)                             # line 186
            grad_tanh = (1 - h_t ** 2) * grad_h_total                        # line 189
            grad_concatenated = self.fc_hidden.backward(grad_tanh)           # line 193
            grad_w_hidden += self.fc_hidden._gradient_weights                # line 194
            grad_input_t = grad_concatenated[:, :self.input_size]            # line 198
            grad_h_next = grad_concatenated[:, self.input_size:]             # line 199
            grad_inputs.insert(0, grad_input_t)
        return np.vstack(grad_inputs), grad_w_hidden, grad_w_output


T, D, H, O = 5, 3, 4, 2
net = RNN(D, H, O)
X = rng.normal(size=(T, D))
G = rng.normal(size=(T, O))


def L(Xv=None):
    return np.sum(G * net.forward(X if Xv is None else Xv))


def fd_weights(layer):
    eps = 1e-6
    fd = np.zeros_like(layer.weights)
    for idx in np.ndindex(layer.weights.shape):
        old = layer.weights[idx]
        layer.weights[idx] = old + eps; lp = L()
        layer.weights[idx] = old - eps; lm = L()
        layer.weights[idx] = old
        fd[idx] = (lp - lm) / (2 * eps)
    return fd


eps = 1e-6
fdX = np.zeros_like(X)
for idx in np.ndindex(X.shape):
    Xp = X.copy(); Xm = X.copy(); Xp[idx] += eps; Xm[idx] -= eps
    fdX[idx] = (L(Xp) - L(Xm)) / (2 * eps)
fdWh = fd_weights(net.fc_hidden)
fdWy = fd_weights(net.fc_output)

for label, fix in (("AUTHOR (as written)", False), ("with fc_output's cached input restored per step (not in source)", True)):
    net.forward(X)
    dX, dWh, dWy = net.backward(G, restore_output_cache=fix)
    print(label)
    print(f"  input gradient (lines 198/201) vs FD : {'AGREE' if np.allclose(dX, fdX, atol=1e-7) else 'DISAGREE'}  max|diff|={np.max(np.abs(dX-fdX)):.2e}")
    print(f"  fc_hidden grad (line 194)      vs FD : {'AGREE' if np.allclose(dWh, fdWh, atol=1e-7) else 'DISAGREE'}  max|diff|={np.max(np.abs(dWh-fdWh)):.2e}")
    print(f"  fc_output grad (line 178)      vs FD : {'AGREE' if np.allclose(dWy, fdWy, atol=1e-7) else 'DISAGREE'}  max|diff|={np.max(np.abs(dWy-fdWy)):.2e}")

# What line 178 actually accumulates: [h_T, 1]^T e_t for every t (fc_output's cache holds the last step)
net.forward(X)
hs = []
net2_h = np.zeros((1, H))
for t in range(T):
    net2_h = np.tanh(np.hstack([X[t:t+1], net2_h, np.ones((1, 1))]) @ net.fc_hidden.weights)
    hs.append(net2_h)
hT1 = np.hstack([hs[-1], np.ones((1, 1))])
_, _, dWy = net.backward(G)
print("line 178 total == sum_t [h_T,1]^T e_t :", np.allclose(dWy, hT1.T @ G.sum(axis=0, keepdims=True)))
print("correct dL/dW_y == sum_t [h_t,1]^T e_t == FD:", np.allclose(sum(np.hstack([h, np.ones((1, 1))]).T @ G[t:t+1] for t, h in enumerate(hs)), fdWy, atol=1e-7))
