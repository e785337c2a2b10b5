# Right answer, another algorithm: exact rational arithmetic with fractions.Fraction (no rounding
# error before the ceiling), and ceil written as negated floor division.
from fractions import Fraction


def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    """Smallest number of calls after which compiling has paid for itself, or math.inf."""
    first, compiled, eager = Fraction(first_call_s), Fraction(compiled_step_s), Fraction(eager_step_s)
    if first <= eager:
        return 1
    if compiled >= eager:
        return math.inf
    return int(-((compiled - first) // (eager - compiled)))
