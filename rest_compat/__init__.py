"""The REST compatibility layer: one route table, generated routes and OpenAPI document."""
