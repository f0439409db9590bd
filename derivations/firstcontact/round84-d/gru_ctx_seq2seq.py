# source: search-index file id 63116105030 (public GitHub Python file, 21926 characters; the index does not name its repository, path, author or date; a Traditional-Chinese-commented chatbot "LanAI 1.0 Beta 3" whose core LanAISeq2Seq is a numpy GRU encoder-decoder with a "Context-Conditioned" decoder GRU (extra matrices C_r, C_z, C_h applied to the encoder's last state) and hand-written per-step gradients with immediate SGD updates; recent, ca. 2025). Kept verbatim: the import block, sigmoid, tanh, and from class LanAISeq2Seq the methods __init__, clip_gradient and train_sequence. Cut: safe_math_eval (calculator helper), LanAISeq2Seq.expand_weights (vocabulary growth) and .generate (sampling), and the whole LanAI chat/driver class (training data, save/load, REPL).
import numpy as np
import random
import time
import re
import os
import ast
import operator

def sigmoid(x):
    return 1 / (1 + np.exp(-np.clip(x, -20, 20)))

def tanh(x):
    return np.tanh(np.clip(x, -20, 20))

# --- LanAI 1.0 Beta 3 核心架構 (引入 Context-Conditioned Attention) ---
class LanAISeq2Seq:
    def __init__(self, vocab_size, embedding_dim=128, hidden_size=384): 
        self.vocab_size = vocab_size
        self.embedding_dim = embedding_dim
        self.hidden_size = hidden_size
        
        limit = np.sqrt(6 / (vocab_size + hidden_size))
        
        self.E = np.random.uniform(-limit, limit, (vocab_size, embedding_dim))
        
        # 基礎 GRU 權重
        self.W_r = np.random.uniform(-limit, limit, (embedding_dim, hidden_size))
        self.U_r = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.b_r = np.zeros(hidden_size)
        
        self.W_z = np.random.uniform(-limit, limit, (embedding_dim, hidden_size))
        self.U_z = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.b_z = np.zeros(hidden_size)
        
        self.W_h = np.random.uniform(-limit, limit, (embedding_dim, hidden_size))
        self.U_h = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.b_h = np.zeros(hidden_size)
        
        # [Beta 3 新增] 上下文條件矩陣 (Context-Conditioned Matrices)
        # 確保在解碼的每一步，都會強制注入問題的語意，解決遺忘問題
        self.C_r = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.C_z = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        self.C_h = np.random.uniform(-limit, limit, (hidden_size, hidden_size))
        
        self.W_y = np.random.uniform(-limit, limit, (hidden_size, vocab_size))
        self.b_y = np.zeros(vocab_size)

    def clip_gradient(self, grad, threshold=3.0):
        norm = np.linalg.norm(grad)
        if norm > threshold:
            return grad * (threshold / norm)
        return grad

    def train_sequence(self, input_indices, target_indices, word_to_idx, lr=0.05):
        # === 1. Encoder 階段 ===
        h_state = np.zeros(self.hidden_size)
        for idx in input_indices:
            idx = idx if idx < self.vocab_size else 0
            x = self.E[idx]
            r = sigmoid(np.dot(x, self.W_r) + np.dot(h_state, self.U_r) + self.b_r)
            z = sigmoid(np.dot(x, self.W_z) + np.dot(h_state, self.U_z) + self.b_z)
            h_tilde = tanh(np.dot(x, self.W_h) + np.dot(r * h_state, self.U_h) + self.b_h)
            h_state = (1 - z) * h_state + z * h_tilde
            
        enc_context = h_state.copy() # 保存整個問題的語意精華
            
        # === 2. Decoder 階段 ===
        total_loss = 0
        # [Beta 3 修復] 強制使用 <SOS> 作為解碼起點，切斷跨句子的記憶污染
        current_x_idx = word_to_idx.get("<SOS>", 0) 
        
        for target_word_idx in target_indices:
            x = self.E[current_x_idx]
            h_prev = h_state.copy()

            # [Beta 3 新增] 注入 enc_context，讓 GRU 在生成每一個字時都能「看到」原來的問題
            r = sigmoid(np.dot(x, self.W_r) + np.dot(h_prev, self.U_r) + np.dot(enc_context, self.C_r) + self.b_r)
            z = sigmoid(np.dot(x, self.W_z) + np.dot(h_prev, self.U_z) + np.dot(enc_context, self.C_z) + self.b_z)
            h_tilde = tanh(np.dot(x, self.W_h) + np.dot(r * h_prev, self.U_h) + np.dot(enc_context, self.C_h) + self.b_h)
            h_state = (1 - z) * h_prev + z * h_tilde
            y = np.dot(h_state, self.W_y) + self.b_y
            
            y_shifted = y - np.max(y)
            exp_y = np.exp(y_shifted)
            probs = exp_y / (np.sum(exp_y) + 1e-9)
            total_loss -= np.log(max(probs[target_word_idx], 1e-10))

            dy = probs.copy()
            dy[target_word_idx] -= 1.0

            dW_y = np.outer(h_state, dy)
            db_y = dy
            dh = np.dot(self.W_y, dy)

            dh_tilde = dh * z * (1 - h_tilde**2)
            dz = dh * (h_tilde - h_prev) * z * (1 - z)
            dr = np.dot(self.U_h, dh_tilde) * h_prev * r * (1 - r)

            dW_h = np.outer(x, dh_tilde); dU_h = np.outer(r * h_prev, dh_tilde); db_h = dh_tilde
            dW_z = np.outer(x, dz);       dU_z = np.outer(h_prev, dz);           db_z = dz
            dW_r = np.outer(x, dr);       dU_r = np.outer(h_prev, dr);           db_r = dr
            dx = np.dot(self.W_h, dh_tilde) + np.dot(self.W_z, dz) + np.dot(self.W_r, dr)

            # [Beta 3 新增] 運算 Context 矩陣的梯度
            dC_h = np.outer(enc_context, dh_tilde)
            dC_z = np.outer(enc_context, dz)
            dC_r = np.outer(enc_context, dr)

            self.W_y -= lr * self.clip_gradient(dW_y); self.b_y -= lr * self.clip_gradient(db_y)
            self.W_h -= lr * self.clip_gradient(dW_h); self.U_h -= lr * self.clip_gradient(dU_h); self.b_h -= lr * self.clip_gradient(db_h)
            self.W_z -= lr * self.clip_gradient(dW_z); self.U_z -= lr * self.clip_gradient(dU_z); self.b_z -= lr * self.clip_gradient(db_z)
            self.W_r -= lr * self.clip_gradient(dW_r); self.U_r -= lr * self.clip_gradient(dU_r); self.b_r -= lr * self.clip_gradient(db_r)
            
            self.C_h -= lr * self.clip_gradient(dC_h)
            self.C_z -= lr * self.clip_gradient(dC_z)
            self.C_r -= lr * self.clip_gradient(dC_r)
            
            self.E[current_x_idx] -= lr * self.clip_gradient(dx)

            current_x_idx = target_word_idx
            
        return total_loss
