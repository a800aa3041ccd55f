"""OmniStream benchmark: `python -m benchmarks.run [--quick]` (needs PostgreSQL and Redis).

Every figure is printed beside a ceiling measured in the same run on the same machine
(notes/perf-anchors.md: compare ratios, never absolute numbers across machines)."""
