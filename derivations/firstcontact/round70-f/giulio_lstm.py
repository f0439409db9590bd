# source: https://github.com/giulio-zhou/rnn/blob/29af144547b23fc2aff4906ea50bbbb20a0ef708/network/lstm.py (Giulio Zhou, repository "rnn" (numpy RNN/LSTM character-level text generation, train_shakespeare.py), commit 29af144 "Put networks in network module" of 2017-01-29; the LSTM was first added as lstm.py in 0c8d5b8 of 2017-01-25). Kept verbatim: lines 1-133 (dtanh, dsigmoid, __init__, init helpers, forward_propagation, forward_probs, bptt), 138-145 (loss) and 209-214 (sigmoid, softmax methods); cut: predict (134-137), loss_avg, sgd_step, train, gradient_check_one_elem, gradient_check, get_weights_dict (146-208). The two '# >>> cut' marker comments were added by the annotator.
import numpy as np

def dtanh(x):
    return 1 - np.square(x)

def dsigmoid(x):
    return x * (1 - x)

class LSTM:
    def __init__(self, input_dim, hidden_dim, output_dim):
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.output_dim = output_dim
        # Input weights
        self.b = self.init_bias_term(hidden_dim)
        self.U = self.init_weight_matrix(hidden_dim, input_dim)
        self.W = self.init_weight_matrix(hidden_dim, hidden_dim)
        # Input gate weights 
        self.bg = self.init_bias_term(hidden_dim)
        self.Ug = self.init_weight_matrix(hidden_dim, input_dim)
        self.Wg = self.init_weight_matrix(hidden_dim, hidden_dim)
        # Forget gate weights 
        self.bf = self.init_bias_term(hidden_dim)
        self.Uf = self.init_weight_matrix(hidden_dim, input_dim)
        self.Wf = self.init_weight_matrix(hidden_dim, hidden_dim)
        # Output gate weights 
        self.bo = self.init_bias_term(hidden_dim)
        self.Uo = self.init_weight_matrix(hidden_dim, input_dim)
        self.Wo = self.init_weight_matrix(hidden_dim, hidden_dim)
        # Output weights
        self.by = self.init_bias_term(output_dim)
        self.Wy = self.init_weight_matrix(output_dim, hidden_dim)

    def init_weight_matrix(self, output_dim, input_dim):
        shape = (output_dim, input_dim)
        return np.random.uniform(
                -np.sqrt(1. / input_dim), np.sqrt(1. / input_dim), shape)

    def init_bias_term(self, input_dim):
        return np.random.normal(0, 1e-2, input_dim)

    def forward_propagation(self, x):
        sigmoid = self.sigmoid
        softmax = self.softmax
        T = len(x)
        h = np.zeros((T + 1, self.hidden_dim))
        s = np.zeros((T + 1, self.hidden_dim))
        # gates
        f = np.zeros((T, self.hidden_dim))
        g = np.zeros((T, self.hidden_dim))
        q = np.zeros((T, self.hidden_dim))
        # input + outputs
        x_inputs = np.zeros((T, self.hidden_dim))
        y_hat = np.zeros((T, self.output_dim))
        for t in range(T):
            h_old = h[t-1]
            x_inputs[t] = sigmoid(self.b + self.U[:, x[t]] \
                                         + np.dot(self.W, h_old))
            f[t] = sigmoid(self.bf + self.Uf[:, x[t]] \
                                   + np.dot(self.Wf, h_old))
            g[t] = sigmoid(self.bg + self.Ug[:, x[t]] \
                                   + np.dot(self.Wg, h_old))
            q[t] = sigmoid(self.bo + self.Uo[:, x[t]] \
                                   + np.dot(self.Wo, h_old))
            s[t] = f[t] * s[t-1] + g[t] * x_inputs[t]
            h[t] = q[t] * np.tanh(s[t])
            y_hat[t] = softmax(self.by + np.dot(self.Wy, h[t]))
        hidden_states = [h, s]
        gates = [f, g, q]
        return x_inputs, hidden_states, gates, y_hat

    # Forward propagation but only output probs
    def forward_probs(self, x):
        x_inputs, hidden_states, gates, y_hat = self.forward_propagation(x)
        return y_hat

    def bptt(self, x, y):
        T = len(x)
        x_inputs, hidden_states, gates, y_hat = self.forward_propagation(x)
        h, s = hidden_states
        f, g, q = gates
        # Initialize gradient vars
        db, dU, dW = 0, np.zeros(self.U.shape), np.zeros(self.W.shape)
        dbf, dUf, dWf = 0, np.zeros(self.Uf.shape), np.zeros(self.Wf.shape)
        dbg, dUg, dWg = 0, np.zeros(self.Ug.shape), np.zeros(self.Wg.shape)
        dbo, dUo, dWo = 0, np.zeros(self.Uo.shape), np.zeros(self.Wo.shape)
        dby, dWy = 0, np.zeros(self.Wy.shape)
        # Retain h_t and s_t derivatives over time
        delta__h_t_1 = np.zeros(self.hidden_dim)
        delta__s_t_1 = np.zeros(self.hidden_dim)
        for t in np.arange(0, T)[::-1]:
            # Compute deltas
            delta__o_t = y_hat[t]
            delta__o_t[y[t]] -= 1.
            delta__h_t = np.dot(self.Wy.T, delta__o_t) + delta__h_t_1
            delta__q_t = np.tanh(s[t]) * delta__h_t * dsigmoid(q[t])
            delta__s_t = q[t] * delta__h_t * dtanh(np.tanh(s[t])) + delta__s_t_1
            delta__f_t = s[t-1] * delta__s_t * dsigmoid(f[t])
            delta__g_t = x_inputs[t] * delta__s_t * dsigmoid(g[t])
            delta__i_t = g[t] * delta__s_t * dsigmoid(x_inputs[t])
            # Compute and apply gradients
            dby += delta__o_t
            dWy += np.outer(delta__o_t, h[t].T)
            dbf += delta__f_t
            dUf[:, x[t]] += delta__f_t
            dWf += np.outer(delta__f_t, h[t-1].T)
            dbg += delta__g_t
            dUg[:, x[t]] += delta__g_t
            dWg += np.outer(delta__g_t, h[t-1].T)
            dbo += delta__q_t
            dUo[:, x[t]] += delta__q_t
            dWo += np.outer(delta__q_t, h[t-1].T)
            db  += delta__i_t
            dU[:, x[t]]  += delta__i_t
            dW  += np.outer(delta__i_t, h[t-1].T)
            # Compute dX's in order to compute delta__h_t_1
            dXf = np.dot(self.Wf.T, delta__f_t)
            dXg = np.dot(self.Wg.T, delta__g_t)
            dXq = np.dot(self.Wo.T, delta__q_t)
            dXs = np.dot(self.W.T,  delta__i_t)
            # Set h_t and s_t derivatives
            delta__h_t_1 = dXf + dXg + dXq + dXs
            delta__s_t_1 = delta__s_t * f[t]
        # Record gradients in dictionary
        grad_dict = {
            'b': db, 'U': dU, 'W': dW,
            'bf': dbf, 'Uf': dUf, 'Wf': dWf,
            'bg': dbg, 'Ug': dUg, 'Wg': dWg,
            'bo': dbo, 'Uo': dUo, 'Wo': dWo,
            'by': dby, 'Wy': dWy
        }
        return grad_dict

    # >>> cut: predict (lines 134-137)
    def loss(self, x, y):
        T = len(y)
        L = 0
        x_inputs, hidden_states, gates, y_hat = self.forward_propagation(x) 
        for t in range(T):
            L += -np.log(y_hat[t, y[t]])
        return L

    # >>> cut: loss_avg, sgd_step, train, gradient_check_one_elem, gradient_check, get_weights_dict (lines 146-208)

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def softmax(self, x):
        return np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x)))
