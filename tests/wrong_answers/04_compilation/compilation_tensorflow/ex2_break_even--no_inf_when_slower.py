# Mistake: applies the formula even when the compiled step is not faster, which returns a
# negative number of calls (or divides by zero) instead of "never".
def break_even_calls(first_call_s, compiled_step_s, eager_step_s):
    if first_call_s <= eager_step_s:
        return 1
    saving = eager_step_s - compiled_step_s
    if saving == 0:
        return 0
    return int(math.ceil((first_call_s - compiled_step_s) / saving))
