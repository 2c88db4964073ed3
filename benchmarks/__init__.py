"""The trainer's speed and memory figures (not shipped with the app): python -m benchmarks [--only ...]."""
