"""Consultation aid for anti-wrinkle injections and excessive sweating treatment."""

__version__ = "0.1.0"
