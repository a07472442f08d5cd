"""Budgets in CHF of the work plans."""
