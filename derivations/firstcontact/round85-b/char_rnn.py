# source: https://github.com/aditsinsinwal/Character_Level-Language-Modelling-from-Scratch/blob/ec71b73a3edec776cc32a4736484972a6c4f0f37/char_rnn.py (Adit Sinsinwal, "Character_Level-Language-Modelling-from-Scratch", char_rnn.py at commit ec71b73 of 2025-08-01; code identical to the first version 7ecf8f0 "Create char_rnn.py" of 2025-06-04 apart from one blank line). Kept verbatim: import numpy, class CharRNN __init__ and loss_and_gradients. Cut: load_data, CharRNN.sample (text generation), CharRNN.update_parameters (SGD step), train_rnn and the __main__ block.
import numpy as np

class CharRNN:
    def __init__(self, vocab_size, hidden_size=100, seq_length=25, learning_rate=1e-1):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.seq_length = seq_length
        self.learning_rate = learning_rate

        self.Wxh = np.random.randn(hidden_size, vocab_size) * 0.01
        self.Whh = np.random.randn(hidden_size, hidden_size) * 0.01
        self.Why = np.random.randn(vocab_size, hidden_size) * 0.01
        self.bh = np.zeros((hidden_size, 1))
        self.by = np.zeros((vocab_size, 1))

    def loss_and_gradients(self, inputs, targets, h_prev):
        xs, hs, ys, ps = {}, {}, {}, {}
        hs[-1] = np.copy(h_prev)
        loss = 0

        for t in range(len(inputs)):
            xs[t] = np.zeros((self.vocab_size, 1))
            xs[t][inputs[t]] = 1
            hs[t] = np.tanh(np.dot(self.Wxh, xs[t]) + np.dot(self.Whh, hs[t-1]) + self.bh)
            ys[t] = np.dot(self.Why, hs[t]) + self.by
            exp_scores = np.exp(ys[t] - np.max(ys[t]))
            ps[t] = exp_scores / np.sum(exp_scores)
            loss += -np.log(ps[t][targets[t], 0])

        dWxh, dWhh, dWhy = np.zeros_like(self.Wxh), np.zeros_like(self.Whh), np.zeros_like(self.Why)
        dbh, dby = np.zeros_like(self.bh), np.zeros_like(self.by)
        dh_next = np.zeros_like(hs[0])

        for t in reversed(range(len(inputs))):
            dy = np.copy(ps[t])
            dy[targets[t]] -= 1
            dWhy += np.dot(dy, hs[t].T)
            dby += dy
            dh = np.dot(self.Why.T, dy) + dh_next
            dh_raw = (1 - hs[t] * hs[t]) * dh
            dbh += dh_raw
            dWxh += np.dot(dh_raw, xs[t].T)
            dWhh += np.dot(dh_raw, hs[t-1].T)
            dh_next = np.dot(self.Whh.T, dh_raw)

        for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
            np.clip(dparam, -5, 5, out=dparam)

        grads = {'Wxh': dWxh, 'Whh': dWhh, 'Why': dWhy, 'bh': dbh, 'by': dby}
        return loss, grads, hs[len(inputs) - 1]
