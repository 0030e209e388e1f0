"""Form classes, one module per feature."""
