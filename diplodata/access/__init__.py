"""Using a published release: download it, read its tables, query them, browse them."""
