"""Whole-course jobs built on the other subpackages: `course` (`make course`), `bench` (`make bench`)."""
