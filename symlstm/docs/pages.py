"""The gradient-flow and training pages of docs/, written from the numbers the experiments produced."""
from __future__ import annotations

from ..derive import derive
from ..models.flow_report import flow_table
from ..models.init import INIT_DOC
from ..latex.printing import latex
from ..models.adding import BASELINE_MSE, TOLERANCE, training_table
from .facts import GENERATED

__all__ = ["FLOW_CURVES", "flow_page", "training_page", "FLOW_COMMAND", "TRAIN_COMMAND"]

#: The curves of docs/gradient-flow.png: (cell, forget-gate bias or None).
FLOW_CURVES = (("rnn", None), ("lstm", None), ("lstm", 1.0), ("gru", None))
FLOW_COMMAND = "symlstm flow rnn lstm gru --forget-bias 1 --steps 100 -o gradient-flow.png"
TRAIN_COMMAND = ("symlstm train --task adding --cells rnn,lstm -o training-adding.png "
                 "--json training-adding.json")


def _rate(r, s):
    """Mean factor per step between lags 10 and the last: (n_K / n_10)^(1/(K-10))."""
    K = int(r.lags[-1])
    lo = min(10, K - 1)
    return float((r.norms[s][K] / r.norms[s][lo]) ** (1.0 / (K - lo)))


def flow_page(results, image: str) -> str:
    """docs/gradient-flow.md."""
    s = results[0].settings
    jac = []
    for name in dict.fromkeys(r.cell for r in results):
        d = derive(name)
        for (o, i), j in d.jacobians.items():
            if o == i:
                jac.append(rf"\text{{{name}:}}\quad \frac{{\partial {o}_t}}{{\partial {i}_{{t-1}}}} &= "
                           f"{latex(j, order=d.cell.quantities)}")
    rates = ["| curve | factor per step (lags 10 → " + str(s["steps"]) + ") |", "|---|---:|"]
    for r in results:
        for st in r.norms:
            rates.append(f"| {r.label}: ‖∂{st}_T/∂{st}_t‖ | {_rate(r, st):.3f} |")
    return "\n".join([
        GENERATED, "", "# Gradient flow: why the LSTM has a cell state", "",
        "Backpropagation through time sends the loss's gradient at step T back to step t through "
        "the product of one-step Jacobians,", "",
        "$$", r"\frac{\partial s_T}{\partial s_t} = J_T\, J_{T-1} \cdots J_{t+1}, \qquad "
        r"J_k = \frac{\partial s_k}{\partial s_{k-1}},", "$$", "",
        "where s stacks the states of the cell (h, and c for the LSTM). When the norms of the J_k "
        "stay below one, the product shrinks geometrically with T − t, and what happened many steps "
        "back cannot be learned: the vanishing gradient (Hochreiter 1991; Bengio, Simard & Frasconi "
        "1994). The LSTM's cell state c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t has the one-step Jacobian "
        "diag(f_t) — no matrix product, no squashing — so its gradient decays only as fast as the "
        "forget gate lets it.", "",
        "## The one-step Jacobians, as derived", "",
        "symlstm derives every ∂s_t/∂s′_{t−1} from the cell's equations (the full set for each cell "
        "is on its page in [cells/](cells/README.md)); the diagonal blocks are:", "",
        "$$", r"\begin{aligned}", " \\\\\n".join(jac), r"\end{aligned}", "$$", "",
        "## The experiment", "",
        f"For each curve: {INIT_DOC}; input size I = {s['n_in']}, hidden size H = {s['n_hidden']}, "
        f"{s['batch']} sequences of T = {s['steps']} steps, seed {s['seed']}. The LSTM is drawn "
        "twice: with the same initialization as the others and with every forget-gate bias set to "
        "1 (Gers, Schmidhuber & Cummins 2000; Jozefowicz, Zaremba & Sutskever 2015).", "",
        "The derived Jacobian expressions are evaluated with the forward values the generated NumPy "
        "code computes (`symlstm.models.flow.step_jacobians`), assembled into the Jacobian of the whole "
        "state, and multiplied from step T backwards (`jacobian_products`). Plotted is the spectral "
        "norm ‖·‖₂ of the diagonal blocks of the product, the geometric mean over the batch. "
        "`tests/test_flow.py` checks the evaluated Jacobians against central finite differences of "
        "the generated forward step for every built-in cell, and their product against finite "
        "differences of the whole sequence.", "",
        f"![Norms of the gradient against T − t]({image})", "",
        "Reproduce with:", "", "```", FLOW_COMMAND, "```", "",
        "## The numbers", "",
        flow_table(results),
        "The average factor by which each norm shrinks per step:", "",
        "\n".join(rates), "",
        "Read it as a budget: after k steps a gradient is multiplied by about factor^k. At this "
        "initialization every cell forgets fast; the forget-gate bias of 1 turns the LSTM's "
        "memory path into a slow leak, which is what lets training find long dependencies "
        "(see [training](training.md)).", ""])


def training_page(results, image: str, record: str) -> str:
    """docs/training.md, from the recorded runs."""
    cfg = results[0].config
    by = {r.cell: r for r in results}
    lines = [GENERATED, "", "# Trained with generated code: the adding problem", "",
             "The adding problem (Hochreiter & Schmidhuber 1997, experiment 4): at each of T steps "
             "the input is a pair (u_t, m_t) with u_t drawn from U(0, 1) and a marker m_t ∈ {0, 1}. "
             "Exactly two steps are marked, one in the first half of the sequence and one in the "
             "second; the target after the last step is the sum of the two marked values. "
             f"Predicting the mean, 1, gives the mean squared error 1/6 ≈ {BASELINE_MSE:.3f}; to do "
             f"better a cell must carry a value across at least T/2 = {cfg.length // 2} steps.", "",
             "## The model and its training", "",
             "Each cell is followed by a linear readout of its last output and the mean squared error "
             "(`symlstm.model(cell, \"linear_last\")`):", "",
             "$$", r"\hat y = V h_T + a, \qquad L = \frac{1}{B} \sum_{b=1}^{B} (\hat y_b - y_b)^2 .",
             "$$", "",
             "The forward pass, the loss and the gradient of every weight are the code symlstm "
             "generates from the equations (`symlstm.compile(symlstm.model(cell, \"linear_last\"))`); "
             "the optimizer is Adam written in NumPy (`symlstm.train.Adam`), with the gradient "
             f"clipped to a global norm of {cfg.clip:g}. Every cell gets the same budget:", "",
             "| setting | value |", "|---|---|",
             f"| sequence length T | {cfg.length} |", f"| hidden size H | {cfg.hidden} |",
             f"| batch | {cfg.batch} sequences, fresh at every update |",
             f"| updates | {cfg.steps} |", f"| Adam | lr {cfg.lr:g}, β₁ 0.9, β₂ 0.999, ε 1e-8 |",
             "| initialization | every weight from U(−1/√H, 1/√H); forget-gate bias "
             f"{cfg.forget_bias:g} where the cell has one |",
             f"| held-out set | {cfg.eval_size} sequences, evaluated every {cfg.eval_every} updates |",
             f"| seed | {cfg.seed} |", "",
             f"![Loss curves of the adding problem]({image})", "",
             "## Results", "",
             training_table(results),
             f"“Within ±{TOLERANCE}” is the fraction of held-out sequences whose prediction is within "
             f"{TOLERANCE} of the target (the criterion of Hochreiter & Schmidhuber); the update "
             "column gives the first evaluation whose held-out MSE fell below a tenth of the "
             "baseline's."]
    if "rnn" in by and "lstm" in by:
        rnn, lstm = by["rnn"], by["lstm"]
        lines += ["", f"With the same budget the LSTM reaches a held-out MSE of {lstm.final_mse:.2g} "
                  f"({100 * lstm.final_accuracy:.1f} % within ±{TOLERANCE}), while the RNN ends at "
                  f"{rnn.final_mse:.3f}, "
                  + ("no better than predicting the mean: the gradient from the target does not reach "
                     "the first marked step (see [gradient flow](gradient-flow.md))."
                     if rnn.final_mse > 0.5 * BASELINE_MSE else "better than the mean.")]
    lines += ["", "## Reproduce", "", "```", TRAIN_COMMAND, "```", "",
              f"Every number on this page is read from [{record}]({record}), which that command "
              "wrote (`--json`), together with a key: a hash of the configuration, of the generated "
              "code of both models and of the training code (task, initialisation, Adam and loop in "
              "`symlstm/models/`). `symlstm docs` renders this page from "
              "the record while the key matches and reruns the training when it does not "
              f"(`symlstm docs --retrain` forces it). The recorded run took "
              + ", ".join(f"{r.seconds:.0f} s ({r.cell})" for r in results)
              + " on the machine that made it.", ""]
    return "\n".join(lines)

