"""OmniStream: the composition root (settings, app factory, CLI, job wiring)."""
