# source: https://github.com/ladih/Layered-RNN/blob/913c9b5948e31563b6fad88075588995beb62fe3/rec_net.py (GitHub user ladih, "Layered-RNN: A layered RNN that can be trained using BPTT", inspired by Karpathy's min-char-rnn gist, README dated July 2023; rec_net.py last changed in commit 913c9b5 of 2024-07-06). Kept verbatim: lines 1-109 (imports, class RNN __init__ and the whole step() method: multi-layer tanh forward pass, softmax/cross-entropy loss, BPTT, clipping, SGD update); cut: train_text(), generate() and the helper functions string_to_one_hot, one_hot_to_str, ps_to_labels, getvocab (lines 110-end).
import numpy as np

class RNN():
    def __init__(self, input_size, output_size, hidden_sizes):
        self.input_size = input_size # number of classes, i.e. len of the one-hot encoded input label
        self.output_size = input_size # same but for output (oftne same as input_size)
        self.hidden_sizes = hidden_sizes
        self.num_layers = len(hidden_sizes)

        self.weightmatrices = []
        low, high = -0.4, 0.4 # range of the uniform distribution that is used to initialize weight matrices
        # initialize weightmatrices
        self.weightmatrices.append(np.random.uniform(low, high, (input_size, hidden_sizes[0]))) # weights from input to first hidden
        for i in range(len(hidden_sizes[:-1])):
            self.weightmatrices.append(np.random.uniform(low, high, (hidden_sizes[i], hidden_sizes[i]))) # weights from hidden layer i to itself
            self.weightmatrices.append(np.random.uniform(low, high, (hidden_sizes[i], hidden_sizes[i+1]))) # weights from hidden layer i to hidden layer i+1
        self.weightmatrices.append(np.random.uniform(low, high, (hidden_sizes[-1], hidden_sizes[-1]))) # weights from last hidden to itself
        self.weightmatrices.append(np.random.uniform(low, high, (hidden_sizes[-1], output_size))) # weights from last hidden to output

        self.biases = []
        # initialize biases
        for size in hidden_sizes:
            self.biases.append(np.zeros((1, size))) # biases for hidden layers
        self.biases.append(np.zeros((1, output_size))) # bias for output

        self.hidden_states = []
        # initialize hidden states
        for size in hidden_sizes:
            self.hidden_states.append(np.zeros((1, size))) # initialize hidden states

        self.losscollector = []

    def step(self, inputs, targets, learning_rate, hprevs=0):
        """Forward and backpropagation step. Updates weights.
           inputs and targets should be a lists of one-hot encoded labels."""
        inputs = [np.array(sublist).reshape(1, -1) for sublist in inputs] # reshape input
        targets = [np.array(sublist).reshape(1, -1) for sublist in targets]   

        if hprevs == 0: # if no hidden states at t=-1 are given
            for i, s in enumerate(self.hidden_sizes):
                self.hidden_states[i] = np.zeros((1, s))
        hprevs = self.hidden_states

        # forward step
        loss = 0
        raws_t = []
        ps_t = []
        for t in range(len(inputs)):
            yraw = [inputs[t]] # raw outputs from layers (before weighting them)
            for i in range(self.num_layers):
                hidden = np.tanh(yraw[-1] @ self.weightmatrices[i*2]
                                    + self.hidden_states[i] @ self.weightmatrices[i*2+1]
                                    + self.biases[i]) # hidden state
                self.hidden_states[i] = hidden
                yraw.append(hidden) # collect hidden states, i.e. raw outputs from the hidden layers
            y = yraw[-1] @ self.weightmatrices[-1] + self.biases[-1] # output from last layer
            ps = np.exp(y) / np.sum(np.exp(y)) # softmax activation
            ps_t.append(ps) # collect softmax probabilities
            raws_t.append(yraw) # collect the raw outputs for the current time step
            loss += -np.log(ps[0][np.argmax(targets[t])])
        self.losscollector.append(loss)

        # backpropagation step
        next_dhraws = [] # derivative at next hidden layer (which doesn't exist at the start, so initialize to zero)
        for size in self.hidden_sizes:
            next_dhraws.append(np.zeros((1, size)))
        dW_mats = [] # weight update matrices
        for mat in self.weightmatrices:
            dW_mats.append(np.zeros_like(mat))
        dbiases = [] # bias updates
        for b in self.biases:
            dbiases.append(np.zeros_like(b))
        for t in reversed(range(len(inputs))):
            bp_y = np.copy(ps_t[t])
            bp_y[0][np.argmax(targets[t])] -= 1 # backpropagation at output layer
            dWlast = raws_t[t][-1].T @ bp_y
            dW_mats[-1] += dWlast  # accumulating weight updates for weights from last hidden to output layer
            dbiases[-1] += bp_y
            for l in range(self.num_layers):
                bp = bp_y @ self.weightmatrices[-2*l-1].T + next_dhraws[-l-1] @ self.weightmatrices[-2*l-2].T # backprop through the hidden layers
                bp_tanh = (1 - raws_t[t][-l-1] * raws_t[t][-l-1]) * bp # backprop through tanh
                if t == 0:
                    if hprevs == 0: # if no hidden state before t=0 is given
                        dWh = np.zeros_like(self.weightmatrices[-2*l-2])
                    else:
                        dWh = hprevs[-l-1].T @ bp_tanh
                else:
                    dWh = raws_t[t-1][-l-1].T @ bp_tanh # weight update for hidden weights (uses raw hidden output from previous time step)
                dWx = raws_t[t][-l-2].T @ bp_tanh # weight update for weights from imput to first hidden
                dW_mats[-2*l-2] += dWh # accumulate weight updates
                dW_mats[-2*l-3] += dWx
                dbiases[-l-2] += bp_tanh
                next_dhraws[-l-1] = bp_tanh
                bp_y = bp_tanh

        clipthr = 2
        # clip weight updates (to prevent exploding gradients)
        for i in range(len(dW_mats)):
            dW_mats[i] = np.clip(dW_mats[i], -clipthr, clipthr, out=dW_mats[i])
        for i in range(len(dbiases)):
            dbiases[i] = np.clip(dbiases[i], -clipthr, clipthr, out=dbiases[i])

        # update weights
        for i in range(len(self.weightmatrices)):
            self.weightmatrices[i] += -learning_rate * dW_mats[i]
        for i in range(len(self.biases)):
            self.biases[i] += -learning_rate * dbiases[i]

        return [raws_t[-1][-i-1] for i in range(self.num_layers)] # returns last hidden states, in case these should be used for the next call to step
