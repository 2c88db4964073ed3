"""Qt widgets: the main window, the figure view and their parts."""
