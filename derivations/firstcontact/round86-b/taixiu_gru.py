# source: public GitHub Python file held by the code-search index as file id 60067030209 (11,220 characters; the index names neither repository, path, author nor date): class TaiXiuEnsembleAI, a Vietnamese-commented ensemble (Markov chain, HMM, numpy GRU, MLP) that predicts the next 'tai'/'xiu' outcome of a sequence of 0/1 results and trains online after each result. Kept verbatim: imports, class line, __init__, _sigmoid, _gru_forward, _gru_predict, _train_gru. Cut: load_model, save_model, _extract_features, _markov_predict, _hmm_predict, _mlp_predict, predict, _train_mlp, update (update() calls _train_gru(self.last_gru_seq, result) with the last 5 results and the new 0/1 result).
import json
import numpy as np
from collections import defaultdict, deque

class TaiXiuEnsembleAI:
    def __init__(self, markov_order=5, model_file='taixiu_ensemble.json'):
        self.history = deque(maxlen=500)
        self.markov_order = markov_order
        self.model_file = model_file

        self.markov_memory = defaultdict(lambda: {'tai': 0, 'xiu': 0})
        self.hmm = {
            'A': np.array([[0.9, 0.1], [0.1, 0.9]]),
            'B': np.array([[0.5, 0.5], [0.6, 0.4]]),
            'pi': np.array([0.5, 0.5])
        }
        self.gru = {
            'Wz': np.random.randn(1, 8) * 0.1,
            'Uz': np.random.randn(8, 8) * 0.1,
            'bz': np.zeros(8),
            'Wr': np.random.randn(1, 8) * 0.1,
            'Ur': np.random.randn(8, 8) * 0.1,
            'br': np.zeros(8),
            'Wh': np.random.randn(1, 8) * 0.1,
            'Uh': np.random.randn(8, 8) * 0.1,
            'bh': np.zeros(8),
            'W_out': np.random.randn(8, 1) * 0.1,
            'b_out': np.zeros(1)
        }
        self.mlp = {
            'W1': np.random.randn(12, 16) * 0.1,
            'b1': np.zeros(16),
            'W2': np.random.randn(16, 1) * 0.1,
            'b2': np.zeros(1)
        }
        self.ensemble_weights = {
            'markov': 0.3,
            'hmm': 0.2,
            'gru': 0.25,
            'mlp': 0.25
        }
        self.total_games = 0
        self.last_features = None
        self.last_component_preds = None
        self.last_gru_seq = None

        try:
            self.load_model()
        except Exception:
            # Nếu file model lỗi, dùng trạng thái mặc định
            pass

    def _sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -500, 500)))

    def _gru_forward(self, seq):
        h = np.zeros(8)
        cache = []
        for val in seq:
            x = np.array([val])
            z = self._sigmoid(x @ self.gru['Wz'] + h @ self.gru['Uz'] + self.gru['bz'])
            r = self._sigmoid(x @ self.gru['Wr'] + h @ self.gru['Ur'] + self.gru['br'])
            h_tilde = np.tanh(x @ self.gru['Wh'] + (r * h) @ self.gru['Uh'] + self.gru['bh'])
            h_new = (1 - z) * h + z * h_tilde
            cache.append((x, h.copy(), z, r, h_tilde, h_new.copy()))
            h = h_new
        out = self._sigmoid(h @ self.gru['W_out'] + self.gru['b_out'])
        return out[0], cache

    def _gru_predict(self):
        if len(self.history) < 5:
            return 0.5
        seq = list(self.history)[-5:]
        prob, _ = self._gru_forward(seq)
        return prob

    def _train_gru(self, seq, y):
        lr = 0.001
        prob, cache = self._gru_forward(seq)
        error = y - prob
        d_out = -2 * error * prob * (1 - prob)
        h_final = cache[-1][5]
        d_W_out = np.outer(h_final, d_out)
        d_b_out = d_out
        d_h = self.gru['W_out'] @ d_out
        for t in reversed(range(len(cache))):
            x, h_prev, z, r, h_tilde, h = cache[t]
            d_h_new = d_h
            d_z = d_h_new * (h_tilde - h_prev) * z * (1 - z)
            d_h_tilde = d_h_new * z * (1 - h_tilde**2)
            d_r = (d_h_new * z * (1 - h_tilde**2)) @ self.gru['Uh'].T * h_prev * r * (1 - r)
            d_Wh = np.outer(x, d_h_tilde)
            d_Uh = np.outer(r * h_prev, d_h_tilde)
            d_bh = d_h_tilde
            d_Wz = np.outer(x, d_z)
            d_Uz = np.outer(h_prev, d_z)
            d_bz = d_z
            d_Wr = np.outer(x, d_r)
            d_Ur = np.outer(h_prev, d_r)
            d_br = d_r
            self.gru['Wz'] -= lr * d_Wz
            self.gru['Uz'] -= lr * d_Uz
            self.gru['bz'] -= lr * d_bz
            self.gru['Wr'] -= lr * d_Wr
            self.gru['Ur'] -= lr * d_Ur
            self.gru['br'] -= lr * d_br
            self.gru['Wh'] -= lr * d_Wh
            self.gru['Uh'] -= lr * d_Uh
            self.gru['bh'] -= lr * d_bh
            d_h = (d_h_new * (1 - z)) + (d_h_new * z * (1 - h_tilde**2)) @ self.gru['Uh'].T * r
        self.gru['W_out'] -= lr * d_W_out
        self.gru['b_out'] -= lr * d_b_out
