# source: public GitHub Python file (jupytext-style notebook of a course assignment "Task 2: Manual Back-propagation Through Time (BPTT)", char-level vanilla RNN in PyTorch; search-index file id 60256565411, 44286 characters; the index does not name its repository, author or date). Kept verbatim: the Task 2 markdown cells (forward table, Steps 1-4 with Eqs 2.1-2.11) and the function rnn_forward_and_backward; cut: data loading, Task 1 (rnn_update, rnn_forward, sample), the autograd verification cell and Tasks 3+.
# %% [markdown]
# ---
# ## Task 2: Manual Back-propagation Through Time (BPTT)
#
# Implement the backward pass manually for **cross-entropy** loss over a character sequence.
#
# **Forward pass** — at each timestep $t = 1, \dots, T$:
#
# | Step | Equation | Shape |
# |:-----|:---------|:------|
# | Hidden state | $h_t = \tanh(z_t) = \tanh(W_h h_{t-1} + U_h x_t + b_h)$ | $(H, 1)$ |
# | Logits | $y_t = W_y h_t + b_y$ | $(V, 1)$ |
# | Probabilities | $p_t = \text{softmax}(y_t)$ | $(V, 1)$ |
# | Loss | $\mathcal{L}_t = -\log p_t[\text{target}_t]$ | scalar |
#
# Total loss: $\mathcal{L} = \sum_{t=1}^{T} \mathcal{L}_t$.
#
# **Goal:** Manually compute the partial derivatives of the total loss $\mathcal{L}$ with respect to each parameter, then check them against **`loss.backward()`**.  
#
# | Parameter | Quantity | Shape |
# |:----------|:---------|:------|
# | $W_y$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial W_y}$ | $\mathbb{R}^{V \times H}$ |
# | $b_y$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial b_y}$ | $\mathbb{R}^{V \times 1}$ |
# | $W_h$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial W_h}$ | $\mathbb{R}^{H \times H}$ |
# | $U_h$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial U_h}$ | $\mathbb{R}^{H \times V}$ |
# | $b_h$ | $\displaystyle\frac{\partial \mathcal{L}}{\partial b_h}$ | $\mathbb{R}^{H \times 1}$ |
#
# We have provided you with the mathematical derivations. You need to implement these in the code block below.
#

# %% [markdown]
# ### Step 1: Softmax + Cross-Entropy Gradient
#
# With $p_t = \text{softmax}(y_t)$ and $\mathcal{L}_t = -\log p_t[\text{target}_t]$, the element-wise derivative is:
#
# $$\frac{\partial \mathcal{L}_t}{\partial y_t[j]} = p_t[j] - \mathbb{1}[j = \text{target}_t] = \begin{cases} p_t[j] - 1 & \text{correct class} \\ p_t[j] & \text{wrong class} \end{cases}$$
#
# In vector form:
#
# $$\boxed{\frac{\partial \mathcal{L}_t}{\partial y_t} = p_t - e_t \quad \in \mathbb{R}^{V \times 1}} \tag{2.1}$$
#
# where $e_t \in \mathbb{R}^{V}$ denotes the one-hot target vector at time $t$.

# %% [markdown]
# ### Step 2: Output Layer Gradients
#
#
# From $y_t = W_y h_t + b_y$:
#
# $$\boxed{\frac{\partial \mathcal{L}_t}{\partial W_y} = \frac{\partial \mathcal{L}_t}{\partial y_t} \frac{\partial \mathcal{y}_t}{\partial W_y} = (p_t - e_t)\, h_t^\top \quad \in \mathbb{R}^{V \times H}} \tag{2.2}$$
#
# $$\boxed{\frac{\partial \mathcal{L}_t}{\partial b_y} = \frac{\partial \mathcal{L}_t}{\partial y_t} \frac{\partial \mathcal{y}_t}{\partial b_y} = p_t - e_t \quad \in \mathbb{R}^{V \times 1}} \tag{2.3}$$
#
# Gradient flowing back into the hidden state (direct contribution from $\mathcal{L}_t$):
#
# $$\frac{\partial \mathcal{L}_t}{\partial h_t} = \frac{\partial \mathcal{L}_t}{\partial y_t} \frac{\partial \mathcal{y}_t}{\partial h_t} = W_y^\top\,(p_t - e_t) \quad \in \mathbb{R}^{H \times 1} \tag{2.4}$$
#

# %% [markdown]
# ### Step 3: Recurrence (BPTT)
#
# Since $h_t$ contributes to all future losses $\mathcal{L}_{t+1}, \dots, \mathcal{L}_T$ through the recurrence, the **total** gradient on $h_t$ has a direct term plus a contribution propagated back from $t+1$:
#
# $$\frac{\partial \mathcal{L}}{\partial h_t}
# = \underbrace{\frac{\partial \mathcal{L}_t}{\partial h_t}}_{\text{direct path}}
# \;+\; \underbrace{\left(\frac{\partial h_{t+1}}{\partial h_t}\right)^\top \frac{\partial \mathcal{L}}{\partial h_{t+1}}}_{\text{indirect path through } h_{t+1}}$$
#
# Given $h_{t+1} = \tanh(W_h h_t + U_h x_{t+1} + b_h)$ and $\frac{d}{dz}\tanh(z) = 1 - \tanh^2(z)$, the indirect path:
#
# $$
# \begin{aligned}
# \left(\frac{\partial h_{t+1}}{\partial h_t}\right)^\top\! \frac{\partial \mathcal{L}}{\partial h_{t+1}}
# &= \left[\text{diag}(1 - h_{t+1}^2) \cdot W_h\right]^\top \frac{\partial \mathcal{L}}{\partial h_{t+1}} \\[6pt]
# &= W_h^\top \cdot \text{diag}(1 - h_{t+1}^2)^\top \cdot \frac{\partial \mathcal{L}}{\partial h_{t+1}} \\[6pt]
# &= W_h^\top \cdot \text{diag}(1 - h_{t+1}^2) \cdot \frac{\partial \mathcal{L}}{\partial h_{t+1}} \\[6pt]
# &= W_h^\top \!\left[(1 - h_{t+1}^2) \odot \frac{\partial \mathcal{L}}{\partial h_{t+1}}\right]
# \end{aligned}
# $$
#
# $$\boxed{\frac{\partial \mathcal{L}}{\partial h_t} = W_y^\top(p_t - e_t) \;+\; W_h^\top\!\left[(1 - h_{t+1}^2) \odot \frac{\partial \mathcal{L}}{\partial h_{t+1}}\right] \quad \in \mathbb{R}^{H \times 1}} \tag{2.5}$$
#
# At the final timestep $T$, only the direct term remains: $\;\frac{\partial \mathcal{L}}{\partial h_T} = W_y^\top(p_T - e_T)$.

# %% [markdown]
# ### Step 4: Parameter Gradients — Summed Over Time
#
# Let $z_t = W_h h_{t-1} + U_h x_t + b_h$ denote the pre-activation ($h_t = \tanh(z_t)$):
#
# $$\boxed{\frac{\partial \mathcal{L}}{\partial z_t} = \frac{\partial \mathcal{L}}{\partial h_t} \odot \frac{\partial h_t}{\partial z_t} = (1 - h_t^2) \odot \frac{\partial \mathcal{L}}{\partial h_t} \quad \in \mathbb{R}^{H \times 1}} \tag{2.6}$$
#
# Each weight matrix appears at **every** timestep, so its total gradient is the sum of per-timestep contributions. Applying the chain rule to each parameter:
#
# At each timestep $t$,
#
# $$
# \frac{\partial \mathcal{L}}{\partial U_h}\bigg|_t = \frac{\partial \mathcal{L}}{\partial z_t} \cdot \frac{\partial z_t}{\partial U_h} = \frac{\partial \mathcal{L}}{\partial z_t} x_t^\top
# $$
#
# Summing over all timesteps:
#
# $$
# \boxed{\frac{\partial \mathcal{L}}{\partial U_h} = \sum_{t=1}^{T} \frac{\partial \mathcal{L}}{\partial z_t}\, x_t^\top \quad \in \mathbb{R}^{H \times V}} \tag{2.7}
# $$
#
# $$\boxed{\frac{\partial \mathcal{L}}{\partial W_h} = \sum_{t=1}^{T} \frac{\partial \mathcal{L}}{\partial z_t}\, h_{t-1}^\top \quad \in \mathbb{R}^{H \times H}} \tag{2.8}$$
#
# $$\boxed{\frac{\partial \mathcal{L}}{\partial b_h} = \sum_{t=1}^{T} \frac{\partial \mathcal{L}}{\partial z_t} \quad \in \mathbb{R}^{H \times 1}} \tag{2.9}$$
#
# Output weights $W_y$ and bias are not part of the recurrence. From $y_t = W_y h_t + b_y$, Eq 2.2 and 2.3:
#
# $$\boxed{\frac{\partial \mathcal{L}}{\partial W_y} = \sum_{t=1}^{T} (p_t - e_t)\, h_t^\top \quad \in \mathbb{R}^{V \times H}} \tag{2.10}$$
#
# $$\boxed{\frac{\partial \mathcal{L}}{\partial b_y} = \sum_{t=1}^{T} (p_t - e_t) \quad \in \mathbb{R}^{V \times 1}} \tag{2.11}$$

# %%
def rnn_forward_and_backward(inputs: list[int], 
                             targets: list[int], 
                             hprev: torch.Tensor, 
                             Uh: torch.Tensor, Wh: torch.Tensor, Wy: torch.Tensor, bh: torch.Tensor, by: torch.Tensor) -> tuple[float, dict[str, torch.Tensor], torch.Tensor]:
    """
    Manual forward and backward pass for the vanilla RNN
    
    Args:
        inputs (list[int]): list of character indices
        targets (list[int]): list of character indices
        hprev (torch.Tensor): initial hidden state
        Uh (torch.Tensor): input-to-hidden weight matrix
        Wh (torch.Tensor): hidden-to-hidden weight matrix
        Wy (torch.Tensor): hidden-to-output weight matrix
        bh (torch.Tensor): hidden bias
        by (torch.Tensor): output bias
        
    Returns:
        loss (float): loss value
        grads (dict[str, torch.Tensor]): dictionary of gradients
        h_final (torch.Tensor): final hidden state
    """
    H, V = Uh.shape
    T = len(inputs)
    
    # forward pass
    loss, xs, hs, ps = rnn_forward(inputs, targets, hprev, Uh, Wh, Wy, bh, by)

    # Initialise gradient accumulators
    dUh = torch.zeros_like(Uh)
    dWh = torch.zeros_like(Wh)
    dWy = torch.zeros_like(Wy)
    dbh = torch.zeros_like(bh)
    dby = torch.zeros_like(by)
    
    # No future gradient at the end of the sequence
    dhnext = torch.zeros(H, 1)
    
    for t in reversed(range(T)):
        # ------------- Task 2A: Implement each step of the BPTT algorithm --------------
        
        dy = ps[t].clone()
        dy[targets[t]] -= 1 # sum(p_t - e_t) from t=1 to T 
        # TODO: Output layer gradients (Eq 2.2, 2.3)
        dWy += dy @ hs[t].T 
        dby += dy 
        
        dh = Wy.T @ dy + dhnext 
        # TODO: Backprop through tanh, let z = W_h h_{t-1} + U_h x_t + b_h (Eq 2.6)
        dz = (1 - hs[t]**2) * dh 
        
        # TODO: Hidden layer gradients (summed over time)
        dUh += dz @ xs[t].T  # Eq 2.7
        dWh += dz @ hs[t-1].T  # Eq 2.8
        dbh += dz  # Eq 2.9
        
        # Pass gradient to previous timestep (for the next iteration of this loop)
        dhnext = Wh.T @ dz
    
    grads = {'dUh': dUh, 'dWh': dWh, 'dWy': dWy, 'dbh': dbh, 'dby': dby}
    h_final = hs[T-1]
    return loss.item(), grads, h_final
