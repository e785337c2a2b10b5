# Mistake: returns "never" as soon as the compiled step is not faster, even when the first call
# alone already costs no more than an eager step (then n = 1).
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    saving = eager_step_s - compiled_step_s
    if saving <= 0:
        return math.inf
    if first_call_s <= eager_step_s:
        return 1
    return int(math.ceil((first_call_s - compiled_step_s) / saving))
