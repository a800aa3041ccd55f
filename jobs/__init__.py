"""Background jobs. Each takes ids, builds a system context and calls resolvers."""
