"""Reading the text: a .tex file's rows (macros expanded, bounds kept) parsed into neutral trees, and what a written symbol names."""
