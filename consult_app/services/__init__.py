"""Services: one call per user action, over the store, content and handouts (no Qt)."""
