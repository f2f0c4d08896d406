"""The C parts; everything else is in pyproject.toml.

- checks/_wordpass.c: the passes over a call's words;
- transcribe/_columns.c: stored word columns back into Word objects.

``optional=True``: without a C compiler the install still succeeds, and checks/wordpass.py
and transcribe/model.py do the same in Python, slower.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("checks._wordpass", ["checks/_wordpass.c"], optional=True),
        Extension("transcribe._columns", ["transcribe/_columns.c"], optional=True),
    ]
)
