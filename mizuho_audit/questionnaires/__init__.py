"""Loading and validation of the checklist files into domain objects."""
