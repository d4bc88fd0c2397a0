"""/api/v1/auditfindings: the integrity check's findings, read by integrations and office users."""
