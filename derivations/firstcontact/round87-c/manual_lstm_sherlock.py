# source: https://github.com/Premsagar320/Next-word-prediction-using-LSTM-/blob/7b25acad088cb28137ff6685fdafaaa17acd9967/lstm.py (GitHub user Premsagar320, "Next Word Prediction using LSTM (From Scratch)", lstm.py: a notebook exported to .py; two stacked hand-written numpy LSTM layers over a Keras Embedding, next-word prediction on Sherlock Holmes text with 3-word contexts; commit 7b25aca; date not shown by the index). Kept verbatim: class ManualLSTM, class ManualDense, class HybridLSTMModel, softmax, categorical_crossentropy, compute_accuracy, train_hybrid_model. Cut: the header (imports with numpy as np, tensorflow Tokenizer/Embedding; reading 'Sherlock Holmes.txt'; X = 3 previous word ids, y = next word id, one-hot y_categorical), class ManualAdam (Adam update applied to the accumulated dW_* / grad_weights, between ManualDense and HybridLSTMModel), the training call, save_model and the loss plot at the end.
# Manual LSTM Implementation with Gates (FIXED)
class ManualLSTM:
    def __init__(self, input_size, hidden_size):
        self.hidden_size = hidden_size
        
        # Weights for input gate
        self.W_xi = np.random.randn(hidden_size, input_size) * 0.01
        self.W_hi = np.random.randn(hidden_size, hidden_size) * 0.01
        self.b_i = np.zeros((hidden_size, 1))
        
        # Weights for forget gate  
        self.W_xf = np.random.randn(hidden_size, input_size) * 0.01
        self.W_hf = np.random.randn(hidden_size, hidden_size) * 0.01
        self.b_f = np.zeros((hidden_size, 1))
        
        # Weights for output gate
        self.W_xo = np.random.randn(hidden_size, input_size) * 0.01
        self.W_ho = np.random.randn(hidden_size, hidden_size) * 0.01
        self.b_o = np.zeros((hidden_size, 1))
        
        # Weights for cell state
        self.W_xc = np.random.randn(hidden_size, input_size) * 0.01
        self.W_hc = np.random.randn(hidden_size, hidden_size) * 0.01
        self.b_c = np.zeros((hidden_size, 1))
        
        # Initialize gradients
        self.reset_gradients()
    
    def reset_gradients(self):
        self.dW_xi = np.zeros_like(self.W_xi)
        self.dW_hi = np.zeros_like(self.W_hi)
        self.db_i = np.zeros_like(self.b_i)
        self.dW_xf = np.zeros_like(self.W_xf)
        self.dW_hf = np.zeros_like(self.W_hf)
        self.db_f = np.zeros_like(self.b_f)
        self.dW_xo = np.zeros_like(self.W_xo)
        self.dW_ho = np.zeros_like(self.W_ho)
        self.db_o = np.zeros_like(self.b_o)
        self.dW_xc = np.zeros_like(self.W_xc)
        self.dW_hc = np.zeros_like(self.W_hc)
        self.db_c = np.zeros_like(self.b_c)
    
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -50, 50)))
    
    def tanh(self, x):
        return np.tanh(x)
    
    def forward(self, x, h_prev, c_prev):
        """
        x shape: (batch_size, input_size)
        h_prev shape: (batch_size, hidden_size) 
        c_prev shape: (batch_size, hidden_size)
        """
        # Input gate
        i = self.sigmoid(np.dot(x, self.W_xi.T) + np.dot(h_prev, self.W_hi.T) + self.b_i.T)
        
        # Forget gate
        f = self.sigmoid(np.dot(x, self.W_xf.T) + np.dot(h_prev, self.W_hf.T) + self.b_f.T)
        
        # Output gate
        o = self.sigmoid(np.dot(x, self.W_xo.T) + np.dot(h_prev, self.W_ho.T) + self.b_o.T)
        
        # Cell candidate
        c_candidate = self.tanh(np.dot(x, self.W_xc.T) + np.dot(h_prev, self.W_hc.T) + self.b_c.T)
        
        # Update cell state
        c = f * c_prev + i * c_candidate
        
        # Update hidden state
        h = o * self.tanh(c)
        
        # Cache for backward pass
        self.cache = (x, h_prev, c_prev, i, f, o, c_candidate, c, h)
        
        return h, c
    
    def backward(self, dh, dc):
        x, h_prev, c_prev, i, f, o, c_candidate, c, h = self.cache
        batch_size = x.shape[0]
        
        # Gradients from next layer
        do = dh * self.tanh(c)
        d_tanh_c = dh * o * (1 - self.tanh(c)**2)
        dc = dc + d_tanh_c
        
        # Gate gradients
        df = dc * c_prev
        di = dc * c_candidate
        dc_candidate = dc * i
        
        # Gate derivatives
        di_input = di * i * (1 - i)
        df_input = df * f * (1 - f)
        do_input = do * o * (1 - o)
        dc_candidate_input = dc_candidate * (1 - c_candidate**2)
        
        # Weight gradients
        self.dW_xi += np.dot(di_input.T, x)
        self.dW_hi += np.dot(di_input.T, h_prev)
        self.db_i += np.sum(di_input, axis=0, keepdims=True).T
        
        self.dW_xf += np.dot(df_input.T, x)
        self.dW_hf += np.dot(df_input.T, h_prev)
        self.db_f += np.sum(df_input, axis=0, keepdims=True).T
        
        self.dW_xo += np.dot(do_input.T, x)
        self.dW_ho += np.dot(do_input.T, h_prev)
        self.db_o += np.sum(do_input, axis=0, keepdims=True).T
        
        self.dW_xc += np.dot(dc_candidate_input.T, x)
        self.dW_hc += np.dot(dc_candidate_input.T, h_prev)
        self.db_c += np.sum(dc_candidate_input, axis=0, keepdims=True).T
        
        # Input gradients - RETURNS 3 VALUES!
        dx = (np.dot(di_input, self.W_xi) + 
              np.dot(df_input, self.W_xf) + 
              np.dot(do_input, self.W_xo) + 
              np.dot(dc_candidate_input, self.W_xc))
        
        dh_prev = (np.dot(di_input, self.W_hi) + 
                   np.dot(df_input, self.W_hf) + 
                   np.dot(do_input, self.W_ho) + 
                   np.dot(dc_candidate_input, self.W_hc))
        
        dc_prev = dc * f
        
        return dx, dh_prev, dc_prev
    
    def update(self, learning_rate):
        self.W_xi -= learning_rate * self.dW_xi
        self.W_hi -= learning_rate * self.dW_hi
        self.b_i -= learning_rate * self.db_i
        
        self.W_xf -= learning_rate * self.dW_xf
        self.W_hf -= learning_rate * self.dW_hf
        self.b_f -= learning_rate * self.db_f
        
        self.W_xo -= learning_rate * self.dW_xo
        self.W_ho -= learning_rate * self.dW_ho  # Fixed typo
        self.b_o -= learning_rate * self.db_o
        
        self.W_xc -= learning_rate * self.dW_xc
        self.W_hc -= learning_rate * self.dW_hc
        self.b_c -= learning_rate * self.db_c
        
        self.reset_gradients()

        self.bias = npC.zeros((output_size, 1))

# Manual Dense Layer
class ManualDense:
    def __init__(self, input_size, output_size):
        self.weights = np.random.randn(output_size, input_size) * 0.01
        self.bias = npC.zeros((output_size, 1))
        self.grad_weights = np.zeros_like(self.weights)
        self.grad_bias = np.zeros_like(self.bias)
    
    def forward(self, x):
        self.input = x.T if x.ndim > 1 else x.reshape(-1, 1)
        return np.dot(self.weights, self.input) + self.bias
    
    def backward(self, dout):
        batch_size = dout.shape[1]
        self.grad_weights += np.dot(dout, self.input.T) / batch_size
        self.grad_bias += np.sum(dout, axis=1, keepdims=True) / batch_size
        return np.dot(self.weights.T, dout)
    
    def update(self, learning_rate):
        self.weights -= learning_rate * self.grad_weights
        self.bias -= learning_rate * self.grad_bias
        self.grad_weights.fill(0)
        self.grad_bias.fill(0)

# Complete Model using Keras Embedding + Manual LSTM (FIXED backward)
class HybridLSTMModel:
    def __init__(self, vocab_size, hidden_size):
        # Use Keras Embedding layer
        self.embedding = Embedding(input_dim=vocab_size, output_dim=100)
        self.embedding.build(input_shape=(None, 3))
        
        # Manual LSTM layers
        self.lstm1 = ManualLSTM(100, hidden_size)
        self.lstm2 = ManualLSTM(hidden_size, hidden_size)
        self.dense = ManualDense(hidden_size, vocab_size)
        self.hidden_size = hidden_size
        
        self.layers = {
            'lstm1': self.lstm1,
            'lstm2': self.lstm2, 
            'dense': self.dense
        }
    
    def forward(self, x_sequence):
        batch_size, seq_length = x_sequence.shape
        
        # Use Keras Embedding for forward pass
        embedded = self.embedding(x_sequence).numpy()
        
        # Initialize hidden states
        h1 = np.zeros((batch_size, self.hidden_size))
        c1 = np.zeros((batch_size, self.hidden_size))
        h2 = np.zeros((batch_size, self.hidden_size))
        c2 = np.zeros((batch_size, self.hidden_size))
        
        # Process sequence through manual LSTM layers
        for t in range(seq_length):
            x_t = embedded[:, t, :]
            h1, c1 = self.lstm1.forward(x_t, h1, c1)
            h2, c2 = self.lstm2.forward(h1, h2, c2)
        
        # Final output through manual dense layer
        output = self.dense.forward(h2)
        self.last_hidden = (h1, c1, h2, c2)
        
        return output.T  # (batch_size, vocab_size)
    
    def backward(self, dout):
        # Backward through manual dense layer
        d_dense = self.dense.backward(dout.T)
        
        # Initialize gradients for LSTM backward pass
        dh2 = d_dense.T
        dc2 = np.zeros_like(dh2)
        
        # Backward through manual LSTM layers - FIXED: unpack 3 values
        dx_lstm2, dh1, dc1 = self.lstm2.backward(dh2, dc2)
        dx_embedded, dh_prev, dc_prev = self.lstm1.backward(dh1, dc1)
        
        # Note: We don't backprop through Keras embedding for manual training

# Training function with proper parameter naming
def softmax(x):
    exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)

def categorical_crossentropy(y_pred, y_true):
    return -np.mean(np.sum(y_true * np.log(y_pred + 1e-8), axis=1))

def compute_accuracy(y_pred, y_true):
    predictions = np.argmax(y_pred, axis=1)
    targets = np.argmax(y_true, axis=1)
    return np.mean(predictions == targets)

def train_hybrid_model(model, X, y_onehot, epochs=20, batch_size=32, learning_rate=0.001):
    optimizer = ManualAdam(learning_rate=learning_rate)
    optimizer.initialize_moments(model.layers)
    
    num_samples = len(X)
    num_batches = num_samples // batch_size
    losses = []
    accuracies = []
    
    for epoch in range(epochs):
        total_loss = 0
        total_accuracy = 0
        
        # Shuffle data
        permutation = np.random.permutation(num_samples)
        X_shuffled = X[permutation]
        y_shuffled = y_onehot[permutation]  # Use y_onehot
        
        for batch in range(num_batches):
            start_idx = batch * batch_size
            end_idx = start_idx + batch_size
            
            X_batch = X_shuffled[start_idx:end_idx]
            y_batch = y_shuffled[start_idx:end_idx]  # This is one-hot encoded
            
            # Forward pass
            outputs = model.forward(X_batch)
            probs = softmax(outputs)
            
            # Calculate loss and accuracy
            batch_loss = categorical_crossentropy(probs, y_batch)
            batch_accuracy = compute_accuracy(probs, y_batch)
            
            # Backward pass
            d_final_out = (probs - y_batch) / batch_size
            model.backward(d_final_out)
            
            # Update weights with Adam
            optimizer.update(model.layers)
            
            total_loss += batch_loss
            total_accuracy += batch_accuracy
            
            if batch % 100 == 0:
                print(f"Epoch {epoch+1}, Batch {batch}, Loss: {batch_loss:.4f}, Accuracy: {batch_accuracy:.4f}")
        
        avg_loss = total_loss / num_batches
        avg_accuracy = total_accuracy / num_batches
        losses.append(avg_loss)
        accuracies.append(avg_accuracy)
        
        print(f"Epoch {epoch+1}/{epochs}, Avg Loss: {avg_loss:.4f}, Avg Accuracy: {avg_accuracy:.4f}")
    
    return losses, accuracies
