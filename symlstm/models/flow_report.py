"""Reporting gradient flow (:func:`symlstm.models.flow.gradient_flow` results): Markdown and text tables, the plot."""
from __future__ import annotations

__all__ = ["flow_table", "flow_text", "plot_flow"]


def _table_lags(steps):
    return [k for k in (1, 5, 10, 20, 50, 100, 200, 500) if k <= steps] or [steps]


def flow_table(results, lags=None) -> str:
    """A Markdown table of the norms at a few lags (rows: curves; columns: lags)."""
    steps = min(int(r.lags[-1]) for r in results)
    lags = lags or _table_lags(steps)
    head = "| curve | " + " | ".join(f"T − t = {k}" for k in lags) + " |"
    rows = [head, "|---|" + "---:|" * len(lags)]
    for r in results:
        for s in r.norms:
            cells = " | ".join(f"{r.at(s, k):.3g}" for k in lags)
            rows.append(f"| {r.label}: ‖∂{s}_T/∂{s}_t‖ | {cells} |")
    return "\n".join(rows) + "\n"


def flow_text(results, lags=None) -> str:
    """Plain-text table of the same numbers (for the terminal)."""
    steps = min(int(r.lags[-1]) for r in results)
    lags = lags or _table_lags(steps)
    width = max(len(f"{r.label} ∂{s}") for r in results for s in r.norms) + 2
    lines = ["curve".ljust(width) + "".join(f"{'T−t=' + str(k):>11}" for k in lags)]
    for r in results:
        for s in r.norms:
            lines.append(f"{r.label} ∂{s}".ljust(width) + "".join(f"{r.at(s, k):>11.3g}" for k in lags))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ plotting
def plot_flow(results, path, *, title: str | None = None):
    """Plot ‖∂h_T/∂h_t‖ (and ‖∂c_T/∂c_t‖ where a cell has c) against T − t on a log scale, as PNG.

    Deterministic: same numbers, same bytes (no timestamp or software tag in the file).
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not results:
        raise ValueError("plot_flow needs at least one FlowResult")
    states = list(dict.fromkeys(s for r in results for s in r.norms))
    with matplotlib.rc_context({"font.family": "DejaVu Sans", "font.size": 10,
                                "svg.hashsalt": "symlstm", "path.simplify": False}):
        fig, axes = plt.subplots(1, len(states), figsize=(5.2 * len(states), 4.0), squeeze=False,
                                 sharey=True)
        colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for ax, s in zip(axes[0], states):
            for k, r in enumerate(results):
                if s in r.norms:
                    ax.semilogy(r.lags, r.norms[s], label=r.label, color=colors[k % len(colors)], lw=1.8)
            ax.set_xlabel("T − t (steps back)")
            ax.set_title(rf"$\|\partial {s}_T / \partial {s}_t\|_2$")
            ax.grid(True, which="major", alpha=0.3)
            ax.legend(fontsize=9)
        axes[0][0].set_ylabel("spectral norm (geometric mean over the batch)")
        if title:
            fig.suptitle(title)
        fig.tight_layout()
        fig.savefig(path, dpi=110, metadata={"Software": None})
        plt.close(fig)
    return path
