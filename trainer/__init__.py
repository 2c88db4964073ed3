"""Thoracic Trainer: a follow-along coach for the Thoracic Back Press."""
