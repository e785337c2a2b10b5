# Mistake: rounds the number of calls down, so after that many calls the compile has not
# quite paid for itself yet.
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    if first_call_s <= eager_step_s:
        return 1
    saving = eager_step_s - compiled_step_s
    if saving <= 0:
        return math.inf
    return max(1, int((first_call_s - compiled_step_s) / saving))
