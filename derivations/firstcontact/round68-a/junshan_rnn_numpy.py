# source: https://github.com/Junshan233/Neural_Network/blob/25b19af7dfa92be1191c8c2b0028ce8c35b6030f/RNN/rnn_numpy.py (hujunshan / GitHub user Junshan233, "Neural_Network", RNN/rnn_numpy.py: numpy sigmoid RNN for binary addition, commit 25b19af7 "finish" of 2019-12-21; the README says the backward pass follows the cnblogs post pinard/p/6509630). Kept verbatim: file lines 1-88 (imports, Sigmoid, RNNLayer __init__/forward/calc_loss/backward); cut: update(), change_parameter(), int2binary(), binary2int() and the __main__ training loop.
import numpy as np
import matplotlib.pyplot as plt
# 用RNN实现二进制加法，基于numpy


class Sigmoid(object):
    def forward(self, input):
        return 1.0 / (1.0 + np.exp(-input))

    def gradient(self, output):
        return output * (1 - output)


class RNNLayer(object):
    def __init__(self, input_dim, hidden_dim, output_dim, input_length,
                 activator, learning_rate):
        self.input_dim = input_dim
        self.hidden_dim = hidden_dim
        self.input_length = input_length  # 序列长度
        self.activator = activator
        self.output_dim = output_dim
        self.learning_rate = learning_rate

        self.ot = np.zeros((1, input_length))  # 每一步输出
        self.prediction = np.zeros((1, input_length))  # 每一步的预测输出 0 或 1
        # 初始化模型参数
        # s(t) = sigmoid(z) = sigmoid(U*x(t) + W*s(t-1))
        # output(t) = sigmoid(V*s(t))
        self.U = np.random.randn(hidden_dim, input_dim)
        self.W = np.random.randn(hidden_dim, hidden_dim)
        self.V = np.random.randn(output_dim, hidden_dim)

        self.loss = 0

    def forward(self, input_matrix):  # 低位在左，高位在右
        # input_array - shape(2,input_length)
        # 保存每一步状态
        self.state_list = []
        self.xt_list = []
        self.state_list.append(np.zeros((self.hidden_dim, 1)))  # 初始状态为0
        for i in range(self.input_length):
            xt = input_matrix[:, i].reshape((2, 1))
            self.xt_list.append(xt)
            state = self.activator.forward(
                np.dot(self.U, xt) + np.dot(self.W, self.state_list[-1]))
            ot = self.activator.forward(np.dot(self.V, state))
            self.ot[0, i] = ot
            self.state_list.append(state)
            self.prediction[0, i] = 1 if ot > 0.5 else 0

    def calc_loss(self, y_label):
        # 交叉熵损失函数
        self.loss = np.squeeze(np.sum(np.abs(np.array(self.ot) - y_label)))
        self.loss = -1 / self.input_length * np.sum(y_label * np.log(self.ot) +
                                                    (1 - y_label) *
                                                    np.log(1 - self.ot))
        return self.loss

    def backward(self, y_label):
        # 初始化梯度参数
        self.U_grad = np.zeros_like(self.U)
        self.W_grad = np.zeros_like(self.W)
        self.V_grad = np.zeros_like(self.V)
        ot_grade = -1 / self.input_length * (y_label / self.ot -
                                             (1 - y_label) / (1 - self.ot))
        next_delta = np.zeros((self.hidden_dim, 1))
        st_next = np.zeros((self.hidden_dim, 1))
        for i in range(self.input_length):
            ot_grade_now = ot_grade[0, self.input_length - 1 - i]
            ot_now = self.ot[0, self.input_length - 1 - i]
            st_now = self.state_list[self.input_length - i]
            xt_now = self.xt_list[self.input_length - 1 - i]
            delta = np.dot(
                np.dot(self.W.T,
                       np.diag(np.squeeze(self.activator.gradient(st_next)))),
                next_delta) + np.dot(
                    self.V.T, ot_grade_now * self.activator.gradient(ot_now))
            self.V_grad += np.dot(
                self.activator.gradient(ot_now) * ot_grade_now, st_now.T)
            self.U_grad += np.dot(
                np.dot(np.diag(np.squeeze(self.activator.gradient(st_now))),
                       delta), xt_now.T)
            self.W_grad += np.dot(
                np.dot(np.diag(np.squeeze(self.activator.gradient(st_now))),
                       delta), self.state_list[self.input_length - 1 - i].T)
            next_delta = delta
            st_next = st_now

