"""LaTeX and text printers of cells and derivations, and pdflatex."""
