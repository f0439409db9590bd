# source: public GitHub Python file, search-index file id 19944254974 (28866 characters; the index does not name its repository, path, author or date; a Chinese-commented tutorial script "纯 NumPy 实现循环神经网络 (RNN/LSTM/GRU)" with VanillaRNNCell, LSTMCell, GRUCell, an RNN wrapper doing BPTT and a counting-sequence demo). Kept verbatim: module docstring, imports, banner prints, class Activation, class GRUCell, class RNN (__init__, forward, backward). Cut: class VanillaRNNCell and class LSTMCell (between Activation and GRUCell; same single-cache design), RNN.train_step / RNN.predict, the data generation, one-hot encoding, training loop over cell types, plots and prediction demo.
"""
纯 NumPy 实现循环神经网络 (RNN/LSTM/GRU)
从零开始实现，不使用任何深度学习框架
包含：基础RNN、LSTM、GRU、文本生成示例
"""

import numpy as np
import matplotlib.pyplot as plt
from collections import defaultdict

print("=" * 70)
print("纯 NumPy 实现的循环神经网络 (RNN/LSTM/GRU)")
print("=" * 70)

# ==================== 1. 激活函数 ====================
class Activation:
    """激活函数及其导数"""
    
    @staticmethod
    def tanh(x):
        """双曲正切函数"""
        return np.tanh(x)
    
    @staticmethod
    def tanh_derivative(x):
        """tanh 导数"""
        return 1 - np.tanh(x) ** 2
    
    @staticmethod
    def sigmoid(x):
        """Sigmoid 函数"""
        return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
    
    @staticmethod
    def sigmoid_derivative(x):
        """Sigmoid 导数"""
        s = Activation.sigmoid(x)
        return s * (1 - s)
    
    @staticmethod
    def softmax(x):
        """Softmax 函数"""
        exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
        return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
    
    @staticmethod
    def relu(x):
        """ReLU 函数"""
        return np.maximum(0, x)
    
    @staticmethod
    def relu_derivative(x):
        """ReLU 导数"""
        return (x > 0).astype(float)


# ==================== 4. GRU 单元 ====================
class GRUCell:
    """GRU (Gated Recurrent Unit) 单元"""
    
    def __init__(self, input_size, hidden_size, output_size):
        """
        初始化 GRU 单元
        
        参数:
            input_size: 输入维度
            hidden_size: 隐藏层维度
            output_size: 输出维度
        """
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.output_size = output_size
        
        # 重置门权重
        self.Wr = np.random.randn(input_size + hidden_size, hidden_size) * 0.01
        self.br = np.zeros((1, hidden_size))
        
        # 更新门权重
        self.Wz = np.random.randn(input_size + hidden_size, hidden_size) * 0.01
        self.bz = np.zeros((1, hidden_size))
        
        # 候选隐藏状态权重
        self.Wh = np.random.randn(input_size + hidden_size, hidden_size) * 0.01
        self.bh = np.zeros((1, hidden_size))
        
        # 输出层权重
        self.Wy = np.random.randn(hidden_size, output_size) * 0.01
        self.by = np.zeros((1, output_size))
        
        self.cache = {}
    
    def forward(self, x, h_prev):
        """
        GRU 前向传播
        
        参数:
            x: 输入
            h_prev: 上一时刻隐藏状态
        返回:
            h_next: 当前隐藏状态
            y: 输出
        """
        # 拼接输入和隐藏状态
        concat = np.concatenate([x, h_prev], axis=1)
        
        # 重置门: r_t = σ(W_r · [h_{t-1}, x_t] + b_r)
        r = Activation.sigmoid(np.dot(concat, self.Wr) + self.br)
        
        # 更新门: z_t = σ(W_z · [h_{t-1}, x_t] + b_z)
        z = Activation.sigmoid(np.dot(concat, self.Wz) + self.bz)
        
        # 候选隐藏状态: h̃_t = tanh(W_h · [r_t ⊙ h_{t-1}, x_t] + b_h)
        concat_reset = np.concatenate([x, r * h_prev], axis=1)
        h_tilde = np.tanh(np.dot(concat_reset, self.Wh) + self.bh)
        
        # 隐藏状态: h_t = (1 - z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t
        h_next = (1 - z) * h_prev + z * h_tilde
        
        # 输出
        y = np.dot(h_next, self.Wy) + self.by
        
        # 保存中间值
        self.cache = {
            'x': x, 'h_prev': h_prev, 'concat': concat,
            'r': r, 'z': z, 'concat_reset': concat_reset,
            'h_tilde': h_tilde, 'h_next': h_next, 'y': y
        }
        
        return h_next, y
    
    def backward(self, dy, dh_next, learning_rate=0.01):
        """
        GRU 反向传播
        
        参数:
            dy: 输出梯度
            dh_next: 下一时刻隐藏状态梯度
            learning_rate: 学习率
        返回:
            dh_prev: 上一时刻隐藏状态梯度
        """
        # 提取缓存值
        x = self.cache['x']
        h_prev = self.cache['h_prev']
        concat = self.cache['concat']
        r = self.cache['r']
        z = self.cache['z']
        concat_reset = self.cache['concat_reset']
        h_tilde = self.cache['h_tilde']
        h_next = self.cache['h_next']
        
        # 输出层梯度
        dWy = np.dot(h_next.T, dy)
        dby = np.sum(dy, axis=0, keepdims=True)
        
        # 隐藏状态梯度
        dh = np.dot(dy, self.Wy.T) + dh_next
        
        # 更新门梯度
        dz = dh * (h_tilde - h_prev)
        dz_raw = dz * z * (1 - z)
        
        # 候选隐藏状态梯度
        dh_tilde = dh * z
        dh_tilde_raw = dh_tilde * (1 - h_tilde ** 2)
        
        # 重置门梯度
        dconcat_reset = np.dot(dh_tilde_raw, self.Wh.T)
        dr = dconcat_reset[:, self.input_size:] * h_prev
        dr_raw = dr * r * (1 - r)
        
        # 权重梯度
        dWz = np.dot(concat.T, dz_raw)
        dbz = np.sum(dz_raw, axis=0, keepdims=True)
        
        dWr = np.dot(concat.T, dr_raw)
        dbr = np.sum(dr_raw, axis=0, keepdims=True)
        
        dWh = np.dot(concat_reset.T, dh_tilde_raw)
        dbh = np.sum(dh_tilde_raw, axis=0, keepdims=True)
        
        # 上一时刻隐藏状态梯度
        dh_prev = (dh * (1 - z) + 
                   dconcat_reset[:, self.input_size:] * r +
                   np.dot(dz_raw, self.Wz.T)[:, self.input_size:] +
                   np.dot(dr_raw, self.Wr.T)[:, self.input_size:])
        
        # 梯度裁剪
        for grad in [dWr, dWz, dWh, dWy]:
            np.clip(grad, -5, 5, out=grad)
        
        # 更新权重
        self.Wr -= learning_rate * dWr
        self.br -= learning_rate * dbr
        self.Wz -= learning_rate * dWz
        self.bz -= learning_rate * dbz
        self.Wh -= learning_rate * dWh
        self.bh -= learning_rate * dbh
        self.Wy -= learning_rate * dWy
        self.by -= learning_rate * dby
        
        return dh_prev


# ==================== 5. RNN 模型 ====================
class RNN:
    """RNN 模型（支持 Vanilla RNN, LSTM, GRU）"""
    
    def __init__(self, input_size, hidden_size, output_size, cell_type='lstm'):
        """
        初始化 RNN 模型
        
        参数:
            input_size: 输入维度
            hidden_size: 隐藏层维度
            output_size: 输出维度
            cell_type: 'vanilla', 'lstm', 'gru'
        """
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.cell_type = cell_type
        
        # 创建 RNN 单元
        if cell_type == 'vanilla':
            self.cell = VanillaRNNCell(input_size, hidden_size, output_size)
        elif cell_type == 'lstm':
            self.cell = LSTMCell(input_size, hidden_size, output_size)
        elif cell_type == 'gru':
            self.cell = GRUCell(input_size, hidden_size, output_size)
        else:
            raise ValueError(f"Unknown cell type: {cell_type}")
        
        self.history = {'loss': [], 'accuracy': []}
    
    def forward(self, X, h_init=None, c_init=None):
        """
        前向传播整个序列
        
        参数:
            X: 输入序列 (seq_len, batch_size, input_size)
            h_init: 初始隐藏状态
            c_init: 初始细胞状态（仅LSTM使用）
        返回:
            outputs: 所有时刻的输出
            hiddens: 所有时刻的隐藏状态
        """
        seq_len, batch_size, _ = X.shape
        
        # 初始化隐藏状态
        if h_init is None:
            h = np.zeros((batch_size, self.hidden_size))
        else:
            h = h_init
        
        if self.cell_type == 'lstm':
            if c_init is None:
                c = np.zeros((batch_size, self.hidden_size))
            else:
                c = c_init
        
        # 保存所有时刻的输出和隐藏状态
        outputs = []
        hiddens = []
        
        # 遍历序列
        for t in range(seq_len):
            if self.cell_type == 'vanilla' or self.cell_type == 'gru':
                h, y = self.cell.forward(X[t], h)
            elif self.cell_type == 'lstm':
                h, c, y = self.cell.forward(X[t], h, c)
            
            outputs.append(y)
            hiddens.append(h)
        
        return np.array(outputs), np.array(hiddens)
    
    def backward(self, X, targets, outputs, learning_rate=0.01):
        """
        反向传播
        
        参数:
            X: 输入序列
            targets: 目标序列
            outputs: 前向传播的输出
            learning_rate: 学习率
        返回:
            loss: 损失值
        """
        seq_len, batch_size, _ = X.shape
        
        # 计算损失
        loss = 0
        dh_next = np.zeros((batch_size, self.hidden_size))
        
        if self.cell_type == 'lstm':
            dc_next = np.zeros((batch_size, self.hidden_size))
        
        # 反向传播通过时间（BPTT）
        for t in reversed(range(seq_len)):
            # Softmax + 交叉熵损失
            probs = Activation.softmax(outputs[t])
            
            # 计算损失
            loss += -np.mean(np.log(probs[range(batch_size), targets[t]] + 1e-10))
            
            # 输出梯度
            dy = probs.copy()
            dy[range(batch_size), targets[t]] -= 1
            dy /= batch_size
            
            # 反向传播
            if self.cell_type == 'vanilla' or self.cell_type == 'gru':
                dh_next = self.cell.backward(dy, dh_next, learning_rate)
            elif self.cell_type == 'lstm':
                dh_next, dc_next = self.cell.backward(dy, dh_next, dc_next, learning_rate)
        
        return loss / seq_len
