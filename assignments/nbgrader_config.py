# nbgrader's settings for this course folder (`make assignments` writes source/ here; nbgrader adds
# release/, submitted/, autograded/, feedback/ and gradebook.db). Only this file is committed.
import os

c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))  # this folder

# The students' copy keeps the stub above the cleared region, so the notebook still runs end to end
# and a blank answer fails its check with the check's message; no `raise NotImplementedError()`.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE (or edit the stub above)"}

# Per-cell time limit while autograding. nbgrader's default (30 s) is too short for the training
# cells on a busy machine: on 2 shared cores (load average ~20) the slowest cell took 31.7 s in
# notebook 05 and 119.3 s in notebook 06 (`python -m grading.cell_times`; see the README).
c.Execute.timeout = 300
