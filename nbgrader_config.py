# nbgrader course configuration. Stock `nbgrader generate_assignment|autograde|
# generate_feedback|export` work from this folder, and `python -m grader` loads
# the same file, so there is one configuration for both.
from grader.batch.model import Limits
from grader.course.noise import STDERR_NOISE

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "pytorch-tensorflow-side-by-side"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# A deleted test cell is restored (not only an edited one).
c.OverwriteCells.add_missing_cells = True
# Lesson cells train small models: 30 s (the default) is too tight on a 2-core CPU;
# an infinite loop still ends within two minutes per cell.
c.Execute.timeout = Limits.cell_timeout  # 120 s, the batch grader's default too
# TensorFlow/torch start-up notices on stderr must not zero a passing test cell.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = STDERR_NOISE
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
