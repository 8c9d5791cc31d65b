"""nbgrader assignments generated from the notebooks (`make assignments`); not part of the package."""
