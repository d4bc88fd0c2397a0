"""The REST API's plumbing (Open Dental's shapes, access, paging); each domain has its router."""

PREFIX = "/api/v1"
