# Right answer, another algorithm: no formula, count calls until the totals cross (after ruling
# out the case where they never do).
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    """Smallest number of calls after which compiling has paid for itself, or math.inf."""
    if compiled_step_s >= eager_step_s and first_call_s > eager_step_s:
        return math.inf
    n = 1
    while first_call_s + (n - 1) * compiled_step_s > n * eager_step_s:
        n += 1
    return n
