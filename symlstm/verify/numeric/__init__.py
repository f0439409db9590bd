"""The author's forward rows as a numeric program run on random data, and the values of any written expression in that run."""
