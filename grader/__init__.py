"""Course tooling: discovery, release, headless runs, checks and grading."""
