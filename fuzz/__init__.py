"""Fuzz and fault suite: hostile inputs generated from a seed, and the harness that runs them."""
