"""Template tags of claims.exports."""
