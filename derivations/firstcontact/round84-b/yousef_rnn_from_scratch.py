# source: https://github.com/YousefAbdalbary/Assignment-Computational-Neuroscience/blob/2f861e28853cfe34f58539250112a8264c0ccf2f/rnn/rnn_from_scratch.py (GitHub user YousefAbdalbary, "Assignment-Computational-Neuroscience", pure-Python (lists, no numpy) word-level vanilla RNN with hand-written BPTT, uploaded 2025-04-29 as rnn_from_scratch.py in 79e6466 and moved to rnn/ in 2f861e2 the same day, content unchanged). Kept verbatim: file lines 1-85 (imports, class RNN: __init__, tanh, softmax, matrix_vector_multiply, vector_add, forward, loss, backward). Cut: update_weights (plain SGD W -= lr*dW), train, predict, prepare_data and main (lines 86-end). In the driver, vocab = sun/rises/every/morning, inputs = one-hot lists of "sun rises every", targets = one-hot lists of "rises every morning", h_prev = zeros(hidden_size); ys, hs = forward(inputs, h_prev); loss(ys, targets); backward(inputs, targets, hs, ys). No biases.
import random
import math

class RNN:
    def __init__(self, vocab_size, hidden_size, learning_rate=0.05):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.learning_rate = learning_rate
        random.seed(42)
        self.Wx = [[random.random() * 0.02 - 0.01 for _ in range(vocab_size)] 
                   for _ in range(hidden_size)]
        self.Wh = [[random.random() * 0.02 - 0.01 for _ in range(hidden_size)] 
                   for _ in range(hidden_size)]
        self.Wy = [[random.random() * 0.02 - 0.01 for _ in range(hidden_size)] 
                   for _ in range(vocab_size)]
    
    def tanh(self, x):
        return math.tanh(x)
    
    def softmax(self, x):
        max_x = max(x)
        exp_x = [math.exp(xi - max_x) for xi in x]
        sum_exp_x = sum(exp_x)
        return [ex / sum_exp_x for ex in exp_x]
    
    def matrix_vector_multiply(self, A, v):
        result = [0.0 for _ in range(len(A))]
        for i in range(len(A)):
            for j in range(len(v)):
                result[i] += A[i][j] * v[j]
        return result
    
    def vector_add(self, a, b):
        return [ai + bi for ai, bi in zip(a, b)]
    
    def forward(self, inputs, h_prev):
        hs, ys = {}, {}
        hs[-1] = h_prev[:]
        for t in range(len(inputs)):
            wx = self.matrix_vector_multiply(self.Wx, inputs[t])
            wh = self.matrix_vector_multiply(self.Wh, hs[t-1])
            h_input = self.vector_add(wx, wh)
            hs[t] = [self.tanh(x) for x in h_input]
            wy = self.matrix_vector_multiply(self.Wy, hs[t])
            ys[t] = self.softmax(wy)
        return ys, hs
    
    def loss(self, ys, targets):
        loss = 0.0
        for t in range(len(targets)):
            target_idx = targets[t].index(1.0)
            prob = ys[t][target_idx]
            loss += -math.log(max(prob, 1e-10))
        return loss
    
    def backward(self, inputs, targets, hs, ys):
        dWx = [[0.0 for _ in range(self.vocab_size)] for _ in range(self.hidden_size)]
        dWh = [[0.0 for _ in range(self.hidden_size)] for _ in range(self.hidden_size)]
        dWy = [[0.0 for _ in range(self.hidden_size)] for _ in range(self.vocab_size)]
        dh_next = [0.0 for _ in range(self.hidden_size)]
        for t in reversed(range(len(inputs))):
            dy = ys[t][:]
            target_idx = targets[t].index(1.0)
            dy[target_idx] -= 1.0
            for i in range(self.vocab_size):
                for j in range(self.hidden_size):
                    dWy[i][j] += dy[i] * hs[t][j]
            dh = [sum(self.Wy[i][j] * dy[i] for i in range(self.vocab_size)) + dh_next[j] 
                  for j in range(self.hidden_size)]
            dh_raw = [dh[j] * (1 - hs[t][j]**2) for j in range(self.hidden_size)]
            for i in range(self.hidden_size):
                for j in range(self.vocab_size):
                    dWx[i][j] += dh_raw[i] * inputs[t][j]
                for j in range(self.hidden_size):
                    dWh[i][j] += dh_raw[i] * hs[t-1][j]
            dh_next = self.matrix_vector_multiply(
                [[self.Wh[i][j] for j in range(self.hidden_size)] 
                 for i in range(self.hidden_size)], 
                dh_raw
            )
        for dparam in [dWx, dWh, dWy]:
            for i in range(len(dparam)):
                for j in range(len(dparam[i])):
                    dparam[i][j] = max(min(dparam[i][j], 5.0), -5.0)
        return dWx, dWh, dWy
