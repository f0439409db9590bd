# source: public GitHub Python file, search-index file id 44542373002 (7,413 characters; the index does not name its repository, path, author or date; licence not seen). A from-scratch numpy GRU ("class SimpleGRU", column-vector layout, h = (1 - z) * h_prev + z * h_tilde, linear output y = W_y h + b_y, squared-error training loop) with a hand-written BPTT backward. Kept verbatim: the imports and the class from its start through backward (__init__, sigmoid, tanh, softmax, forward, backward); cut: update_parameters, predict, visualize and the example usage / training loop (which computes loss = (1/T) * sum_t np.mean((y_t - target_t)**2) and calls backward once per epoch).
import numpy as np
import matplotlib.pyplot as plt

class SimpleGRU:
    def __init__(self, input_size, hidden_size, output_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.output_size = output_size

        # Initialize weights and biases
        self.W_z = np.random.randn(hidden_size, input_size)
        self.U_z = np.random.randn(hidden_size, hidden_size)
        self.b_z = np.zeros((hidden_size, 1))
        
        self.W_r = np.random.randn(hidden_size, input_size)
        self.U_r = np.random.randn(hidden_size, hidden_size)
        self.b_r = np.zeros((hidden_size, 1))
        
        self.W_h = np.random.randn(hidden_size, input_size)
        self.U_h = np.random.randn(hidden_size, hidden_size)
        self.b_h = np.zeros((hidden_size, 1))
        
        self.W_y = np.random.randn(output_size, hidden_size)
        self.b_y = np.zeros((output_size, 1))

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))
    
    def tanh(self, x):
        return np.tanh(x)
    
    def softmax(self, x):
        exp_x = np.exp(x - np.max(x))
        return exp_x / exp_x.sum(axis=0, keepdims=True)

    def forward(self, x):
        T = len(x)
        h_prev = np.zeros((self.hidden_size, 1))  # Initial hidden state
        h_list = []  # Stores previous h for each time step
        z_list = []
        r_list = []
        h_tilde_list = []
        y_list = []

        for t in range(T):
            x_t = x[t].reshape(-1, 1)

            # Update gate
            z = self.sigmoid(np.dot(self.W_z, x_t) + np.dot(self.U_z, h_prev) + self.b_z)
            z_list.append(z)

            # Reset gate
            r = self.sigmoid(np.dot(self.W_r, x_t) + np.dot(self.U_r, h_prev) + self.b_r)
            r_list.append(r)

            # Candidate hidden state
            h_tilde = self.tanh(np.dot(self.W_h, x_t) + np.dot(self.U_h, r * h_prev) + self.b_h)
            h_tilde_list.append(h_tilde)

            # Hidden state update
            h = (1 - z) * h_prev + z * h_tilde

            # Output
            y = np.dot(self.W_y, h) + self.b_y
            y_list.append(y)

            # Store previous h for this time step
            h_list.append(h_prev)
            h_prev = h  # Update h_prev for next time step

        return y_list, h_list, z_list, r_list, h_tilde_list

    def backward(self, x, y_list, target, h_list, z_list, r_list, h_tilde_list):
        T = len(x)
        dW_z = np.zeros_like(self.W_z)
        dU_z = np.zeros_like(self.U_z)
        db_z = np.zeros_like(self.b_z)
        
        dW_r = np.zeros_like(self.W_r)
        dU_r = np.zeros_like(self.U_r)
        db_r = np.zeros_like(self.b_r)
        
        dW_h = np.zeros_like(self.W_h)
        dU_h = np.zeros_like(self.U_h)
        db_h = np.zeros_like(self.b_h)
        
        dW_y = np.zeros_like(self.W_y)
        db_y = np.zeros_like(self.b_y)
        
        dh_next = np.zeros((self.hidden_size, 1))

        for t in reversed(range(T)):
            x_t = x[t].reshape(-1, 1)
            target_t = target[t].reshape(-1, 1)
            y = y_list[t]
            h_prev = h_list[t]
            z = z_list[t]
            r = r_list[t]
            h_tilde = h_tilde_list[t]

            # Output gradient
            dy = y - target_t
            dW_y += np.dot(dy, h_prev.T)
            db_y += dy

            # Gradient from output to hidden state
            dh = np.dot(self.W_y.T, dy) + dh_next

            # Gradients for h_tilde and h_prev
            dh_prev = dh * (1 - z)
            dh_tilde = dh * z

            # Gradient for h_tilde
            dh_tanh = dh_tilde * (1 - h_tilde ** 2)
            dW_h += np.dot(dh_tanh, x_t.T)
            dU_h += np.dot(dh_tanh, (r * h_prev).T)
            db_h += dh_tanh

            # Gradient for r
            dr = np.dot(self.U_h.T, dh_tanh) * h_prev
            dr_sigmoid = dr * r * (1 - r)
            dW_r += np.dot(dr_sigmoid, x_t.T)
            dU_r += np.dot(dr_sigmoid, h_prev.T)
            db_r += dr_sigmoid

            # Gradient for z
            dz = dh * (h_tilde - h_prev)
            dz_sigmoid = dz * z * (1 - z)
            dW_z += np.dot(dz_sigmoid, x_t.T)
            dU_z += np.dot(dz_sigmoid, h_prev.T)
            db_z += dz_sigmoid

            # Update dh_next for previous time step
            dh_next = dh_prev + np.dot(self.U_z.T, dz_sigmoid) + np.dot(self.U_r.T, dr_sigmoid)

        return dW_z, dU_z, db_z, dW_r, dU_r, db_r, dW_h, dU_h, db_h, dW_y, db_y
