-- Discovery: French full-text search, similar-idea suggestions and the "hot" sort
-- (docs/decisions/0011-search-and-ranking.md). Hand-written parts (extensions, text search
-- configuration, functions, trigger) are not modelled by Prisma and never show as drift.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- French stemming with accents ignored: a copy of `french` whose word tokens go through the unaccent
-- dictionary first ("réseaux" and "reseau" both give "reseau"). unaccent is a filtering dictionary,
-- so its output continues to french_stem.
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
  ALTER MAPPING FOR hword, hword_part, word, asciihword, hword_asciipart, asciiword WITH unaccent, french_stem;

-- unaccent() is only STABLE (it looks its dictionary up by name through search_path); naming the
-- dictionary explicitly makes the result fixed, so this wrapper may be IMMUTABLE.
CREATE FUNCTION idees_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- What documents and queries both go through before fr_unaccent: lower case, no accents, and a final
-- plural s/x dropped from words of 5+ letters. The Snowball French stemmer keeps the s after a vowel
-- ("emplois" stays "emplois", so it would never meet "emploi"); doing it on both sides keeps them equal.
CREATE FUNCTION idees_fr_normalize(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(lower(idees_unaccent($1)), '([a-z]{4,})[sx]\M', '\1', 'g') $$;

-- The "hot" rank: log10(1 + supports + 2 × comments) + (created_at − 2026-01-01) / 1 week.
-- Ten times the engagement is worth one week of freshness. Age is measured from a fixed epoch instead
-- of from now(), so an idea's score changes only when its counts change: no periodic recomputation,
-- and the order of two ideas never changes with the passing of time alone.
CREATE FUNCTION idees_hot_score(supports integer, comments integer, created_at timestamptz) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT log(greatest(1 + supports + 2 * comments, 1)::double precision)
             + (extract(epoch from created_at)::double precision - 1767225600) / 604800 $$;

-- Keeps the discovery columns right on every write path: creation, edits, and the counter fold
-- (foldCounterDeltas updates support_count / comment_count, which recomputes hot_score here).
CREATE FUNCTION idees_ideas_discovery() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.search_vector IS NULL OR NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body
     OR NEW.tags IS DISTINCT FROM OLD.tags THEN
    NEW.search_vector :=
         setweight(to_tsvector('fr_unaccent', idees_fr_normalize(coalesce(NEW.title, ''))), 'A')
      || setweight(to_tsvector('fr_unaccent', idees_fr_normalize(array_to_string(NEW.tags, ' '))), 'B')
      || setweight(to_tsvector('fr_unaccent', idees_fr_normalize(coalesce(NEW.body, ''))), 'C');
    NEW.title_search := lower(idees_unaccent(NEW.title));
  END IF;
  NEW.hot_score := idees_hot_score(NEW.support_count, NEW.comment_count, NEW.created_at);
  RETURN NEW;
END;
$$;

-- AlterTable
ALTER TABLE "ideas" ADD COLUMN     "hot_score" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "search_vector" tsvector,
ADD COLUMN     "title_search" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "ideas_space_id_hot_score_id_idx" ON "ideas"("space_id", "hot_score" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ideas_space_id_comment_count_created_at_id_idx" ON "ideas"("space_id", "comment_count" DESC, "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ideas_search_vector_idx" ON "ideas" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "ideas_title_search_idx" ON "ideas" USING GIST ("title_search" gist_trgm_ops);

CREATE TRIGGER ideas_discovery
  BEFORE INSERT OR UPDATE ON ideas
  FOR EACH ROW EXECUTE FUNCTION idees_ideas_discovery();

-- Existing ideas: clearing the vector makes the trigger fill all three columns.
UPDATE ideas SET search_vector = NULL;
