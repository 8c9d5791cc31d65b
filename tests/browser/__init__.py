"""Real-browser tests and their support: servers.py (JupyterLab, Voila), browser_ui.py (pages), specs/."""
