"""The C passes over a call's words (checks/_wordpass.c); everything else is in pyproject.toml.

``optional=True``: without a C compiler the install still succeeds, and checks/wordpass.py
runs the same passes in Python, slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("checks._wordpass", ["checks/_wordpass.c"], optional=True)])
