# Mistake: rounds up with np.ceil, which returns a NumPy float (9.0), not the Python int the
# contract asks for.
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    if first_call_s <= eager_step_s:
        return 1
    saving = eager_step_s - compiled_step_s
    if saving <= 0:
        return math.inf
    return np.ceil((first_call_s - compiled_step_s) / saving)
