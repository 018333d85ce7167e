"""handout package."""
