# Mistake: treats the whole first call as compile time, forgetting that it also ran one step,
# so it asks for one call too many (or more).
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    saving = eager_step_s - compiled_step_s
    if saving <= 0:
        return math.inf
    return max(1, int(math.ceil(first_call_s / saving)))
