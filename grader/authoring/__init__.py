"""Lesson tooling for the course's authors: from solutions/ to the released notebooks, and checks.

- `release`: solutions/ -> notebooks/ with nbgrader's generate_assignment, plus `opening` (title,
  badge, setup cells from `snippets/`) and `hygiene` (outputs and stray metadata removed);
- `lint`: `python -m grader check`, the rules a lesson must follow;
- `wrong_answers`, `answer_check`, `kernel_state`: committed wrong and right answers, and the
  check that the tests reject the one and accept the other;
- `samples`: sample student submissions built from those answers.
"""
