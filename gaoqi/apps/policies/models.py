"""Policy library, machine-checkable criteria, matching and push."""
