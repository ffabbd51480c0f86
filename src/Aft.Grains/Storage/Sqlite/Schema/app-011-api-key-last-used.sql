-- When an API key last passed a request's key check (Unix ms), written at most once a minute per key and node.
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER NULL;
