"""Read-side queries (selectors) of the claims app."""
