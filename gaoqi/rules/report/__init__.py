"""Turn evaluated variables into the result documents of docs/profile-format.md."""
