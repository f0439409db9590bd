"""The author's cell built from the forward rows of a derivation: names, aliases, stacked weights, heads, layers."""
