# source: public GitHub Python file, search-index file id 32770440295 (117869 characters; a Streamlit module "单神经元可视化模块 - Single Neuron Visualization", v2.2.0, "Author: Neural Network Math Explorer"; the index does not name its repository, path or date). Kept verbatim: classes RNNNeuron, GRUNeuron and LSTMNeuron (one-step "neurons" with forward and a one-step backward; the GRU and LSTM backward are labelled 简化版 = simplified and return parameter gradients only); cut: module docstring and imports (numpy as np, streamlit, pandas, plotly, simple_latex, utils.numerical_stability_checker), classes SingleNeuron, ConvNeuron, AttentionNeuron and the rest of the module (visualisation code).
class RNNNeuron:
    """
    循环神经元 - 用于序列处理

    数学模型：
        h_t = activation(W_hh * h_{t-1} + W_xh * x_t + b)
        其中：
        - h_t: 当前隐藏状态
        - h_{t-1}: 前一时刻隐藏状态
        - x_t: 当前输入
    """

    def __init__(self, input_size=3, hidden_size=3, activation="tanh", seed=42):
        np.random.seed(seed)
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.activation_name = activation

        # 初始化权重
        self.W_xh = np.random.randn(hidden_size, input_size) * 0.5  # 输入到隐藏
        self.W_hh = np.random.randn(hidden_size, hidden_size) * 0.5  # 隐藏到隐藏
        self.b_h = np.random.randn(hidden_size) * 0.1

        # 初始化隐藏状态
        self.h = np.zeros(hidden_size)

        self.forward_history = {}
        self.backward_history = {}

    def activation(self, z):
        if self.activation_name == "relu":
            return np.maximum(0, z)
        elif self.activation_name == "sigmoid":
            return 1 / (1 + np.exp(-np.clip(z, -500, 500)))
        elif self.activation_name == "tanh":
            return np.tanh(z)
        return z

    def activation_derivative(self, z):
        if self.activation_name == "relu":
            return (z > 0).astype(float)
        elif self.activation_name == "sigmoid":
            s = self.activation(z)
            return s * (1 - s)
        elif self.activation_name == "tanh":
            return 1 - np.tanh(z) ** 2
        return np.ones_like(z)

    def forward(self, x):
        """
        前向传播

        Args:
            x: 当前时刻输入 (input_size,)
        """
        x = np.array(x, dtype=np.float64)
        h_prev = self.h.copy()

        # RNN 计算
        weighted_sum = np.dot(self.W_hh, h_prev) + np.dot(self.W_xh, x) + self.b_h
        self.h = self.activation(weighted_sum)

        self.forward_history = {
            "input": x.copy(),
            "h_prev": h_prev,
            "W_xh": self.W_xh.copy(),
            "W_hh": self.W_hh.copy(),
            "b_h": self.b_h.copy(),
            "weighted_sum": weighted_sum,
            "activation_derivative": self.activation_derivative(weighted_sum),
            "output": self.h.copy(),
        }

        return self.h

    def backward(self, upstream_gradient):
        """反向传播"""
        local_gradient = (
            upstream_gradient * self.forward_history["activation_derivative"]
        )

        # 计算各参数梯度
        grad_W_xh = np.outer(local_gradient, self.forward_history["input"])
        grad_W_hh = np.outer(local_gradient, self.forward_history["h_prev"])
        grad_b_h = local_gradient

        # 传递给前一时刻的梯度
        grad_h_prev = np.dot(self.W_hh.T, local_gradient)
        grad_input = np.dot(self.W_xh.T, local_gradient)

        self.backward_history = {
            "upstream_gradient": upstream_gradient,
            "local_gradient": local_gradient,
            "grad_W_xh": grad_W_xh,
            "grad_W_hh": grad_W_hh,
            "grad_b_h": grad_b_h,
            "grad_h_prev": grad_h_prev,
            "grad_input": grad_input,
        }

        return {
            "W_xh": grad_W_xh,
            "W_hh": grad_W_hh,
            "b_h": grad_b_h,
            "h_prev": grad_h_prev,
            "input": grad_input,
        }

    def update_parameters(self, learning_rate=0.01):
        """更新参数"""
        self.W_xh -= learning_rate * self.backward_history["grad_W_xh"]
        self.W_hh -= learning_rate * self.backward_history["grad_W_hh"]
        self.b_h -= learning_rate * self.backward_history["grad_b_h"]

    def reset_hidden(self):
        """重置隐藏状态"""
        self.h = np.zeros(self.hidden_size)


class GRUNeuron:
    """
    GRU神经元 - 门控循环单元（LSTM的简化版）

    数学模型：
        重置门: r_t = σ(W_r · [h_{t-1}, x_t] + b_r)
        更新门: z_t = σ(W_z · [h_{t-1}, x_t] + b_z)
        候选隐藏状态: h̃_t = tanh(W_h · [r_t ⊙ h_{t-1}, x_t] + b_h)
        隐藏状态: h_t = (1 - z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t

    GRU vs LSTM:
    - GRU只有2个门（重置、更新）vs LSTM的3个门（遗忘、输入、输出）
    - GRU没有单独的细胞状态，直接更新隐藏状态
    - GRU参数量更少，训练更快
    - 性能通常与LSTM相当
    """

    def __init__(self, input_size=3, hidden_size=3, seed=42):
        np.random.seed(seed)
        self.input_size = input_size
        self.hidden_size = hidden_size

        combined_size = hidden_size + input_size

        # 初始化3组权重（重置门、更新门、候选隐藏状态）
        self.W_r = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_r = np.random.randn(hidden_size) * 0.1

        self.W_z = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_z = np.random.randn(hidden_size) * 0.1

        self.W_h = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_h = np.random.randn(hidden_size) * 0.1

        # 初始化隐藏状态
        self.h = np.zeros(hidden_size)

        self.forward_history = {}
        self.backward_history = {}

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-np.clip(z, -500, 500)))

    def sigmoid_derivative(self, z):
        s = self.sigmoid(z)
        return s * (1 - s)

    def tanh_derivative(self, z):
        return 1 - np.tanh(z) ** 2

    def forward(self, x):
        """
        GRU前向传播

        Args:
            x: 当前时刻输入 (input_size,)
        """
        x = np.array(x, dtype=np.float64)
        h_prev = self.h.copy()

        # 拼接输入
        combined = np.concatenate([h_prev, x])

        # 重置门
        r_t = self.sigmoid(np.dot(self.W_r, combined) + self.b_r)

        # 更新门
        z_t = self.sigmoid(np.dot(self.W_z, combined) + self.b_z)

        # 候选隐藏状态（使用重置门）
        combined_reset = np.concatenate([r_t * h_prev, x])
        h_tilde = np.tanh(np.dot(self.W_h, combined_reset) + self.b_h)

        # 更新隐藏状态（使用更新门）
        self.h = (1 - z_t) * h_prev + z_t * h_tilde

        # 保存前向传播历史
        self.forward_history = {
            "input": x.copy(),
            "h_prev": h_prev,
            "combined": combined,
            "r_t": r_t,
            "z_t": z_t,
            "combined_reset": combined_reset,
            "h_tilde": h_tilde,
            "output": self.h.copy(),
        }

        return self.h

    def backward(self, upstream_gradient):
        """GRU反向传播（简化版）"""
        # 这是一个简化的反向传播
        dh = upstream_gradient
        h_prev = self.forward_history["h_prev"]
        h_tilde = self.forward_history["h_tilde"]
        z_t = self.forward_history["z_t"]
        r_t = self.forward_history["r_t"]

        # 更新门梯度
        dz_t = dh * (h_tilde - h_prev)

        # 候选隐藏状态梯度
        dh_tilde = dh * z_t

        # 重置门梯度（简化）
        dr_t = (
            np.dot(
                self.W_h[:, : self.hidden_size].T,
                dh_tilde
                * self.tanh_derivative(
                    np.dot(self.W_h, self.forward_history["combined_reset"]) + self.b_h
                ),
            )
            * h_prev
        )

        # 权重梯度
        grad_W_r = np.outer(
            dr_t
            * self.sigmoid_derivative(
                np.dot(self.W_r, self.forward_history["combined"]) + self.b_r
            ),
            self.forward_history["combined"],
        )
        grad_b_r = dr_t * self.sigmoid_derivative(
            np.dot(self.W_r, self.forward_history["combined"]) + self.b_r
        )

        grad_W_z = np.outer(
            dz_t
            * self.sigmoid_derivative(
                np.dot(self.W_z, self.forward_history["combined"]) + self.b_z
            ),
            self.forward_history["combined"],
        )
        grad_b_z = dz_t * self.sigmoid_derivative(
            np.dot(self.W_z, self.forward_history["combined"]) + self.b_z
        )

        grad_W_h = np.outer(
            dh_tilde
            * self.tanh_derivative(
                np.dot(self.W_h, self.forward_history["combined_reset"]) + self.b_h
            ),
            self.forward_history["combined_reset"],
        )
        grad_b_h = dh_tilde * self.tanh_derivative(
            np.dot(self.W_h, self.forward_history["combined_reset"]) + self.b_h
        )

        self.backward_history = {
            "grad_W_r": grad_W_r,
            "grad_b_r": grad_b_r,
            "grad_W_z": grad_W_z,
            "grad_b_z": grad_b_z,
            "grad_W_h": grad_W_h,
            "grad_b_h": grad_b_h,
        }

        return self.backward_history

    def update_parameters(self, learning_rate=0.01):
        """更新所有参数"""
        self.W_r -= learning_rate * self.backward_history["grad_W_r"]
        self.b_r -= learning_rate * self.backward_history["grad_b_r"]
        self.W_z -= learning_rate * self.backward_history["grad_W_z"]
        self.b_z -= learning_rate * self.backward_history["grad_b_z"]
        self.W_h -= learning_rate * self.backward_history["grad_W_h"]
        self.b_h -= learning_rate * self.backward_history["grad_b_h"]

    def reset_state(self):
        """重置隐藏状态"""
        self.h = np.zeros(self.hidden_size)


class LSTMNeuron:
    """
    LSTM神经元 - 长短期记忆网络

    数学模型：
        遗忘门: f_t = σ(W_f · [h_{t-1}, x_t] + b_f)
        输入门: i_t = σ(W_i · [h_{t-1}, x_t] + b_i)
        候选值: C̃_t = tanh(W_C · [h_{t-1}, x_t] + b_C)
        细胞状态: C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
        输出门: o_t = σ(W_o · [h_{t-1}, x_t] + b_o)
        隐藏状态: h_t = o_t ⊙ tanh(C_t)
    """

    def __init__(self, input_size=3, hidden_size=3, seed=42):
        np.random.seed(seed)
        self.input_size = input_size
        self.hidden_size = hidden_size

        combined_size = hidden_size + input_size

        # 初始化4组权重（遗忘门、输入门、候选值、输出门）
        self.W_f = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_f = np.random.randn(hidden_size) * 0.1

        self.W_i = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_i = np.random.randn(hidden_size) * 0.1

        self.W_C = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_C = np.random.randn(hidden_size) * 0.1

        self.W_o = np.random.randn(hidden_size, combined_size) * 0.5
        self.b_o = np.random.randn(hidden_size) * 0.1

        # 初始化状态
        self.h = np.zeros(hidden_size)
        self.C = np.zeros(hidden_size)

        self.forward_history = {}
        self.backward_history = {}

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-np.clip(z, -500, 500)))

    def sigmoid_derivative(self, z):
        s = self.sigmoid(z)
        return s * (1 - s)

    def tanh_derivative(self, z):
        return 1 - np.tanh(z) ** 2

    def forward(self, x):
        """
        LSTM前向传播

        Args:
            x: 当前时刻输入 (input_size,)
        """
        x = np.array(x, dtype=np.float64)
        h_prev = self.h.copy()
        C_prev = self.C.copy()

        # 拼接输入
        combined = np.concatenate([h_prev, x])

        # 遗忘门
        f_t = self.sigmoid(np.dot(self.W_f, combined) + self.b_f)

        # 输入门
        i_t = self.sigmoid(np.dot(self.W_i, combined) + self.b_i)

        # 候选值
        C_tilde = np.tanh(np.dot(self.W_C, combined) + self.b_C)

        # 更新细胞状态
        self.C = f_t * C_prev + i_t * C_tilde

        # 输出门
        o_t = self.sigmoid(np.dot(self.W_o, combined) + self.b_o)

        # 更新隐藏状态
        self.h = o_t * np.tanh(self.C)

        # 保存前向传播历史
        self.forward_history = {
            "input": x.copy(),
            "h_prev": h_prev,
            "C_prev": C_prev,
            "combined": combined,
            "f_t": f_t,
            "i_t": i_t,
            "C_tilde": C_tilde,
            "C_t": self.C.copy(),
            "o_t": o_t,
            "output": self.h.copy(),
        }

        return self.h

    def backward(self, upstream_gradient):
        """LSTM反向传播（简化版）"""
        # 这是一个简化的反向传播，实际LSTM的完整BPTT更复杂
        dh = upstream_gradient

        # 输出门梯度
        dC = (
            dh
            * self.forward_history["o_t"]
            * self.tanh_derivative(self.forward_history["C_t"])
        )
        do_t = dh * np.tanh(self.forward_history["C_t"])

        # 候选值梯度
        dC_tilde = dC * self.forward_history["i_t"]
        di_t = dC * self.forward_history["C_tilde"]
        df_t = dC * self.forward_history["C_prev"]

        # 权重梯度
        combined = self.forward_history["combined"]

        grad_W_f = np.outer(
            df_t * self.sigmoid_derivative(np.dot(self.W_f, combined) + self.b_f),
            combined,
        )
        grad_b_f = df_t * self.sigmoid_derivative(np.dot(self.W_f, combined) + self.b_f)

        grad_W_i = np.outer(
            di_t * self.sigmoid_derivative(np.dot(self.W_i, combined) + self.b_i),
            combined,
        )
        grad_b_i = di_t * self.sigmoid_derivative(np.dot(self.W_i, combined) + self.b_i)

        grad_W_C = np.outer(
            dC_tilde * self.tanh_derivative(np.dot(self.W_C, combined) + self.b_C),
            combined,
        )
        grad_b_C = dC_tilde * self.tanh_derivative(
            np.dot(self.W_C, combined) + self.b_C
        )

        grad_W_o = np.outer(
            do_t * self.sigmoid_derivative(np.dot(self.W_o, combined) + self.b_o),
            combined,
        )
        grad_b_o = do_t * self.sigmoid_derivative(np.dot(self.W_o, combined) + self.b_o)

        self.backward_history = {
            "grad_W_f": grad_W_f,
            "grad_b_f": grad_b_f,
            "grad_W_i": grad_W_i,
            "grad_b_i": grad_b_i,
            "grad_W_C": grad_W_C,
            "grad_b_C": grad_b_C,
            "grad_W_o": grad_W_o,
            "grad_b_o": grad_b_o,
        }

        return self.backward_history

    def update_parameters(self, learning_rate=0.01):
        """更新所有参数"""
        self.W_f -= learning_rate * self.backward_history["grad_W_f"]
        self.b_f -= learning_rate * self.backward_history["grad_b_f"]
        self.W_i -= learning_rate * self.backward_history["grad_W_i"]
        self.b_i -= learning_rate * self.backward_history["grad_b_i"]
        self.W_C -= learning_rate * self.backward_history["grad_W_C"]
        self.b_C -= learning_rate * self.backward_history["grad_b_C"]
        self.W_o -= learning_rate * self.backward_history["grad_W_o"]
        self.b_o -= learning_rate * self.backward_history["grad_b_o"]

    def reset_state(self):
        """重置隐藏状态和细胞状态"""
        self.h = np.zeros(self.hidden_size)
        self.C = np.zeros(self.hidden_size)
