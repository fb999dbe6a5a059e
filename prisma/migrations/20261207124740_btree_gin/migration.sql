-- btree_gin (shipped with PostgreSQL's contrib, in Debian's package and in embedded-postgres): lets one GIN
-- index hold a tsvector and the hot score, so that "the matches hotter than X" is answered inside the index
-- (docs/decisions/0051-search-tiers-in-hot-order.md).
CREATE EXTENSION IF NOT EXISTS btree_gin;
