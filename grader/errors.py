"""The one exception the CLI turns into a one-line message instead of a traceback."""


class CourseError(Exception):
    """A problem the user can fix: bad input, a missing file, a failed step."""
