# source: public GitHub Python file held by the code-search index as file id 14313700272 (13,356 characters with CRLF line ends; the index does not name its repository, path, author or date): a single-file numpy GRU for sequence regression with classes Adam, GRU, DataBatcher and GRUTrainer. Kept verbatim (CRLF written as LF): 'import numpy as np' (line 1), class GRU whole (__init__, reset_state, sigmoid, forward, backward), and class GRUTrainer from its class line through backward (__init__, forward, compute_loss, compute_metrics, backward). Cut: class Adam (standard bias-corrected Adam step params -= lr*m_hat/(sqrt(v_hat)+eps), returns params), class DataBatcher (yields batches transposed to (time_steps, batch, features)), GRUTrainer.train_epoch (calls forward, compute_metrics, backward, then gru.reset_state() between batches), train and predict.
import numpy as np

class GRU:
    def __init__(self, input_size, hidden_size, batch_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.batch_size = batch_size
        
        # Initialize weights
        # Update gate weights
        self.Wz = np.random.randn(input_size, hidden_size) * 0.01
        self.Uz = np.random.randn(hidden_size, hidden_size) * 0.01
        self.bz = np.zeros((1, hidden_size))
        
        # Reset gate weights
        self.Wr = np.random.randn(input_size, hidden_size) * 0.01
        self.Ur = np.random.randn(hidden_size, hidden_size) * 0.01
        self.br = np.zeros((1, hidden_size))
        
        # Hidden state weights
        self.Wh = np.random.randn(input_size, hidden_size) * 0.01
        self.Uh = np.random.randn(hidden_size, hidden_size) * 0.01
        self.bh = np.zeros((1, hidden_size))
        
        # Initialize optimizers for each weight
        self.optimizers = {
            'Wz': Adam(), 'Uz': Adam(), 'bz': Adam(),
            'Wr': Adam(), 'Ur': Adam(), 'br': Adam(),
            'Wh': Adam(), 'Uh': Adam(), 'bh': Adam()
        }
        
        self.reset_state()
    
    def reset_state(self):
        self.h = np.zeros((self.batch_size, self.hidden_size))
    
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -15, 15)))
    
    def forward(self, x):
        """
        Forward pass of GRU
        x shape: (time_steps, batch_size, input_size)
        Returns: (time_steps, batch_size, hidden_size)
        """
        time_steps = x.shape[0]
        outputs = np.zeros((time_steps, self.batch_size, self.hidden_size))
        self.cache = []
        
        for t in range(time_steps):
            # Get current input
            xt = x[t]
            
            # Update gate
            z = self.sigmoid(np.dot(xt, self.Wz) + np.dot(self.h, self.Uz) + self.bz)
            
            # Reset gate
            r = self.sigmoid(np.dot(xt, self.Wr) + np.dot(self.h, self.Ur) + self.br)
            
            # Candidate hidden state
            h_candidate = np.tanh(np.dot(xt, self.Wh) + np.dot(r * self.h, self.Uh) + self.bh)
            
            # New hidden state
            self.h = z * self.h + (1 - z) * h_candidate
            
            outputs[t] = self.h
            self.cache.append((xt, z, r, h_candidate))
        
        return outputs
    
    def backward(self, dh_next, learning_rate=0.001):
        """
        Backward pass of GRU
        dh_next shape: (time_steps, batch_size, hidden_size)
        """
        time_steps = len(self.cache)
        
        dWz, dUz, dbz = 0, 0, 0
        dWr, dUr, dbr = 0, 0, 0
        dWh, dUh, dbh = 0, 0, 0
        
        dh_prev = np.zeros_like(self.h)
        
        for t in reversed(range(time_steps)):
            xt, z, r, h_candidate = self.cache[t]
            dh = dh_next[t] + dh_prev
            
            # Update gate derivatives
            dz = dh * (self.h - h_candidate)
            dz_input = dz * z * (1 - z)
            dWz += np.dot(xt.T, dz_input)
            dUz += np.dot(self.h.T, dz_input)
            dbz += np.sum(dz_input, axis=0, keepdims=True)
            
            # Reset gate derivatives
            dh_candidate = dh * (1 - z)
            dh_prev = dh * z + np.dot(dz_input, self.Uz.T)
            
            dr = np.dot(dh_candidate, self.Uh.T) * self.h
            dr_input = dr * r * (1 - r)
            dWr += np.dot(xt.T, dr_input)
            dUr += np.dot(self.h.T, dr_input)
            dbr += np.sum(dr_input, axis=0, keepdims=True)
            
            # Hidden state derivatives
            dh_tilde = dh_candidate * (1 - h_candidate**2)
            dWh += np.dot(xt.T, dh_tilde)
            dUh += np.dot((r * self.h).T, dh_tilde)
            dbh += np.sum(dh_tilde, axis=0, keepdims=True)
        
        # Update weights using Adam optimizer
        self.Wz = self.optimizers['Wz'].update(self.Wz, dWz)
        self.Uz = self.optimizers['Uz'].update(self.Uz, dUz)
        self.bz = self.optimizers['bz'].update(self.bz, dbz)
        
        self.Wr = self.optimizers['Wr'].update(self.Wr, dWr)
        self.Ur = self.optimizers['Ur'].update(self.Ur, dUr)
        self.br = self.optimizers['br'].update(self.br, dbr)
        
        self.Wh = self.optimizers['Wh'].update(self.Wh, dWh)
        self.Uh = self.optimizers['Uh'].update(self.Uh, dUh)
        self.bh = self.optimizers['bh'].update(self.bh, dbh)

class GRUTrainer:
    def __init__(self, input_size, hidden_size, output_size, batch_size):
        self.gru = GRU(input_size, hidden_size, batch_size)
        self.output_size = output_size
        self.batch_size = batch_size
        
        # Output layer weights
        self.Wy = np.random.randn(hidden_size, output_size) * 0.01
        self.by = np.zeros((1, output_size))
        
        # Output layer optimizer
        self.Wy_optimizer = Adam()
        self.by_optimizer = Adam()
        
        # Initialize loss history
        self.train_losses = []
        self.val_losses = []
    
    def forward(self, X):
        """Forward pass through GRU and output layer"""
        self.gru_outputs = self.gru.forward(X)
        
        time_steps = X.shape[0]
        current_batch_size = X.shape[1]
        predictions = np.zeros((time_steps, current_batch_size, self.output_size))
        
        for t in range(time_steps):
            predictions[t] = np.dot(self.gru_outputs[t], self.Wy) + self.by
            # predictions[t] = self.gru.sigmoid(predictions[t])
        
        return predictions
    
    def compute_loss(self, predictions, targets):
        """
        Compute MSE loss for regression
        """
        return np.mean((predictions - targets) ** 2)
    
    def compute_metrics(self, predictions, targets):
        """
        Compute regression metrics
        """
        mse = np.mean((predictions - targets) ** 2)
        rmse = np.sqrt(mse)
        mae = np.mean(np.abs(predictions - targets))
        
        metrics = {
            'mse': mse,
            'rmse': rmse,
            'mae': mae,
            'loss':self.compute_loss(predictions,targets)
        }
        
        return metrics
    
    def backward(self, predictions, targets):
        """Backward pass through output layer and GRU"""
        time_steps = predictions.shape[0]
        batch_size = predictions.shape[1]
        
        dWy = np.zeros_like(self.Wy)
        dby = np.zeros_like(self.by)
        dgru_outputs = np.zeros_like(self.gru_outputs)
        
        # Compute gradients
        for t in range(time_steps):
            # Binary cross-entropy gradient
            dout = (predictions[t] - targets[t]) / (batch_size * time_steps)
            
            dWy += np.dot(self.gru_outputs[t].T, dout)
            dby += np.sum(dout, axis=0, keepdims=True)
            dgru_outputs[t] = np.dot(dout, self.Wy.T)
        
        # Update weights
        self.Wy = self.Wy_optimizer.update(self.Wy, dWy)
        self.by = self.by_optimizer.update(self.by, dby)
        self.gru.backward(dgru_outputs)
