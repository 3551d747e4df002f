"""From extracted facts to the published tables: rows, actor resolution, parts on disk."""
