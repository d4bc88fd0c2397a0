"""The governed SQL read gateway (PUT /api/v1/queries/ShortQuery)."""
