# source: public GitHub Python file held by the code-search index as file id 6917187679 (repository and path not named by the index; a NumPy homework script, header "Created on Tue Dec 28 15:53:45 2021 / @author: User", class Q3NET "Implements RNN, LSTM and GRU", data file assign3_data3.h5; a sibling stored version is id 45492675599). Kept verbatim: the class line and docstring, forward_gru, backward_gru and activation; cut: imports, __init__/init_params, train, forward_pass/backward_pass, update_params, the perceptron, recurrent and LSTM methods, cross_entropy, predict and the script part (training runs, plots).
class Q3NET(object):
    """
    Network class for Q3. Implements RNN, LSTM and GRU.
    """


    def forward_gru(self, X, fl_p):
        """
        Forward pass for GRU. Again, tthe same as the respective mathematical equations listed out for GRU.
        @param X: input data
        @param fl_p: first layer parameters.
        @return: the final activation value and cache for backprop
        """

        Wz = fl_p["Wz"]
        Wr = fl_p["Wr"]
        Wh = fl_p["Wh"]

        Uz = fl_p["Uz"]
        Ur = fl_p["Ur"]
        Uh = fl_p["Uh"]

        bz = fl_p["bz"]
        br = fl_p["br"]
        bh = fl_p["bh"]

        N, T, D = X.shape
        H = self.size[1]

        h_prev = np.zeros((N, H))

        z = np.empty((N, T, H))
        z_d = np.empty((N, T, H))
        r = np.empty((N, T, H))
        r_d = np.empty((N, T, H))
        h_tilde = np.empty((N, T, H))
        h_tilde_d = np.empty((N, T, H))
        h = np.empty((N, T, H))

        for t in range(T):
            x = X[:, t, :]
            z[:, t, :], z_d[:, t, :] = self.activation(x @ Wz + h_prev @ Uz + bz, "sigmoid")
            r[:, t, :], r_d[:, t, :] = self.activation(x @ Wr + h_prev @ Ur + br, "sigmoid")
            h_tilde[:, t, :], h_tilde_d[:, t, :] = self.activation(x @ Wh + (r[:, t, :] * h_prev) @ Uh + bh, "tanh")
            h[:, t, :] = (1 - z[:, t, :]) * h_prev + z[:, t, :] * h_tilde[:, t, :]

            h_prev = h[:, t, :]

        cache = {"z": (z, z_d),
                 "r": (r, r_d),
                 "h_tilde": (h_tilde, h_tilde_d),
                 "h": h}

        return h_prev, cache


    def backward_gru(self, X, cache, fl_p, delta):
        """
        Backpropagation for GRU. Much easier than LSTM although the errror gradient updates di get a bit confusing.
        I did all of these by hand btw, using the chain rule and the derivative of multiplications.
        @param X: input data
        @param cache: variables needed for backprop from the forward pass
        @param fl_p: first layer parameters
        @param delta: error gradient from upper layer
        @return: gradients
        """

        # unpack
        Uz = fl_p["Uz"]
        Ur = fl_p["Ur"]
        Uh = fl_p["Uh"]

        z, z_d = cache["z"]
        r, r_d = cache["r"]
        h_tilde, h_tilde_d = cache["h_tilde"]
        h = cache["h"]

        H = self.size[1]
        N, T, D = X.shape

        # initialize to zero since we are doing BPTT
        dWz = 0
        dUz = 0
        dbz = 0
        dWr = 0
        dUr = 0
        dbr = 0
        dWh = 0
        dUh = 0
        dbh = 0

        for t in reversed(range(T)):
            x = X[:, t, :]

            # if t = 0 we want h(t-1) = 0
            if t > 0:
                h_prev = h[:, t - 1, :]
            else:
                h_prev = np.zeros((N, H))

            # similar to LSTM we find some intermediate values for each gate
            # dE/dz is named as dz for example, this is true for all naming
            dz = delta * (h_tilde[:, t, :] - h_prev) * z_d[:, t, :]
            dh_tilde = delta * z[:, t, :] * h_tilde_d[:, t, :]
            dr = (dh_tilde @ Uh.T) * h_prev * r_d[:, t, :]

            # add to the sum of gradients
            dWz += x.T @ dz
            dUz += h_prev.T @ dz
            dbz += dz.sum(axis=0, keepdims=True)

            dWr += x.T @ dr
            dUr += h_prev.T @ dr
            dbr += dr.sum(axis=0, keepdims=True)

            dWh += x.T @ dh_tilde
            dUh += h_prev.T @ dh_tilde
            dbh += dh_tilde.sum(axis=0, keepdims=True)

            # update delta, this step uses chain rule and derivative of multiplication, at the end it simplifies to
            #the sum of these three terms
            d1 = delta * (1 - z[:, t, :])
            d2 = dz @ Uz.T
            d3 = (dh_tilde  @ Uh.T) * (r[:, t, :] + h_prev * (r_d[:, t, :] @ Ur.T))

            delta = d1 + d2 + d3


        grads = {"Wz": dWz, "Uz": dUz, "bz": dbz,
                 "Wr": dWr, "Ur": dUr, "br": dbr,
                 "Wh": dWh, "Uh": dUh, "bh": dbh}

        return grads


    def activation(self, X, a):
        """
        Function which outputs activation and derivative calculations
        @param X: input data
        @param a: activation type
        @return: activation, its derivative
        """

        if a == "tanh":
            activation = np.tanh(X)
            derivative = 1 - activation ** 2
            return activation, derivative

        if a == "sigmoid":
            activation = 1 / (1 + np.exp(-X))
            derivative = activation * (1 - activation)
            return activation, derivative

        if a == "relu":
            activation = X * (X > 0)
            derivative = 1 * (X > 0)
            return activation, derivative

        if a == "softmax":
            activation = np.exp(X) / np.sum(np.exp(X), axis=1, keepdims=True)
            derivative = None
            return activation, derivative
