-- Global search (docs/search.md): a weighted tsvector on every searchable record, kept current by
-- triggers in the transaction of the write; a table of known name words for typo correction, as the
-- pg_trgm manual's "Text Search Integration" section describes; the recent items of each user.
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- ── matching text ──────────────────────────────────────────────────────────────────────────────

-- unaccent() is only STABLE (it reads its dictionary through search_path); the two-argument form
-- with a schema-qualified dictionary is safe to declare IMMUTABLE. Lower-case, accent-free, and
-- every run of other characters becomes one space: "Société Générale" → "societe generale".
CREATE FUNCTION search_normalize(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^a-z0-9]+', ' ', 'g')) $$;

-- Names, e-mails, websites, ISINs, phones: exact words ('simple'), so prefixes and typos apply.
CREATE FUNCTION search_words(value text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT setweight(to_tsvector('pg_catalog.simple'::regconfig, coalesce(public.search_normalize(value), '')), weight) $$;

-- Free text (notes, summaries, job titles): French stems, so "réunions" finds "réunion".
CREATE FUNCTION search_text(value text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT setweight(to_tsvector('pg_catalog.french'::regconfig, coalesce(public.search_normalize(value), '')), weight) $$;

-- A phone number as its digits, plus the national form of a French number (+33 1 … → 01…).
CREATE FUNCTION search_phone(phone text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN digits = '' THEN NULL
              WHEN digits ~ '^(0033|33)[1-9][0-9]{8}$' THEN digits || ' 0' || right(digits, 9)
              ELSE digits END
  FROM (SELECT regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') AS digits) AS d
$$;

-- A website without its scheme and "www.": "https://www.carmignac.com" → "carmignac.com".
CREATE FUNCTION search_site(website text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT regexp_replace(website, '^([a-z]+://)?(www\.)?', '', 'i') $$;

-- The letters of a word in order: one key for all its transpositions ("dupnot" → "dnoptu").
CREATE FUNCTION search_anagram(word text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT string_agg(letter, '' ORDER BY letter COLLATE "C") FROM regexp_split_to_table(word, '') AS letter $$;

-- ── documents (A name, B identifiers, C short text, D long text) ──────────────────────────────

ALTER TABLE "Organisation" ADD COLUMN "searchDocument" tsvector;
ALTER TABLE "Person" ADD COLUMN "searchDocument" tsvector;
ALTER TABLE "Mandate" ADD COLUMN "searchDocument" tsvector;
ALTER TABLE "Product" ADD COLUMN "searchDocument" tsvector;
ALTER TABLE "Interaction" ADD COLUMN "searchDocument" tsvector;

CREATE FUNCTION search_organisation_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDocument" :=
    search_words(NEW.name, 'A')
    || search_words(concat_ws(' ', NEW.email, search_site(NEW.website), search_phone(NEW.phone)), 'B')
    || search_text(concat_ws(' ', NEW.city, NEW.category), 'C')
    || search_text(NEW.notes, 'D');
  RETURN NEW;
END $$;

CREATE FUNCTION search_person_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDocument" :=
    search_words(concat_ws(' ', NEW."firstName", NEW."lastName"), 'A')
    || search_words(concat_ws(' ', NEW.email, search_phone(NEW.phone)), 'B')
    || search_text(NEW."jobTitle", 'C')
    || search_text(NEW.notes, 'D');
  RETURN NEW;
END $$;

-- A mandate is found by its reference and by its supplier's name (kept current on rename below).
CREATE FUNCTION search_mandate_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDocument" :=
    search_words(NEW.reference, 'A')
    || search_words((SELECT o.name FROM "Organisation" o WHERE o.id = NEW."organisationId"), 'B')
    || search_text(NEW.notes, 'D');
  RETURN NEW;
END $$;

CREATE FUNCTION search_product_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDocument" := search_words(NEW.name, 'A') || search_words(NEW.isin, 'B');
  RETURN NEW;
END $$;

CREATE FUNCTION search_interaction_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchDocument" := search_text(NEW.summary, 'C') || search_text(NEW.body, 'D');
  RETURN NEW;
END $$;

CREATE TRIGGER search_document BEFORE INSERT OR UPDATE OF name, email, website, phone, city, category, notes
  ON "Organisation" FOR EACH ROW EXECUTE FUNCTION search_organisation_document();
CREATE TRIGGER search_document BEFORE INSERT OR UPDATE OF "firstName", "lastName", email, phone, "jobTitle", notes
  ON "Person" FOR EACH ROW EXECUTE FUNCTION search_person_document();
CREATE TRIGGER search_document BEFORE INSERT OR UPDATE OF reference, "organisationId", notes
  ON "Mandate" FOR EACH ROW EXECUTE FUNCTION search_mandate_document();
CREATE TRIGGER search_document BEFORE INSERT OR UPDATE OF name, isin
  ON "Product" FOR EACH ROW EXECUTE FUNCTION search_product_document();
CREATE TRIGGER search_document BEFORE INSERT OR UPDATE OF summary, body
  ON "Interaction" FOR EACH ROW EXECUTE FUNCTION search_interaction_document();

-- Renaming an organisation re-indexes its mandates (their trigger reads the new name).
CREATE FUNCTION search_organisation_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Mandate" m SET "organisationId" = m."organisationId"
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE m."organisationId" = n.id AND n.name IS DISTINCT FROM o.name;
  RETURN NULL;
END $$;
CREATE TRIGGER search_organisation_renamed AFTER UPDATE ON "Organisation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_organisation_renamed();

-- Existing rows (a no-op on an empty database).
UPDATE "Organisation" SET name = name;
UPDATE "Person" SET "firstName" = "firstName";
UPDATE "Mandate" SET reference = reference;
UPDATE "Product" SET name = name;
UPDATE "Interaction" SET summary = summary;

CREATE INDEX "Organisation_searchDocument_idx" ON "Organisation" USING GIN ("searchDocument");
CREATE INDEX "Person_searchDocument_idx" ON "Person" USING GIN ("searchDocument");
CREATE INDEX "Mandate_searchDocument_idx" ON "Mandate" USING GIN ("searchDocument");
CREATE INDEX "Product_searchDocument_idx" ON "Product" USING GIN ("searchDocument");
CREATE INDEX "Interaction_searchDocument_idx" ON "Interaction" USING GIN ("searchDocument");

-- ── known words, for typo correction ───────────────────────────────────────────────────────────

CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,
    "anagram" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);
CREATE INDEX "SearchWord_anagram_idx" ON "SearchWord"("anagram");
CREATE INDEX "SearchWord_word_trgm_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- Learns the words of the name columns given as arguments, once per statement (a bulk insert adds
-- its words in one go). Words are inserted in order, so concurrent writers never deadlock on them.
-- Words are never forgotten: a stale word can only propose a correction that matches nothing.
CREATE FUNCTION search_learn_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO "SearchWord" (word, anagram)
     SELECT word, search_anagram(word) FROM (
       SELECT DISTINCT word FROM new_rows, regexp_split_to_table(search_normalize(concat_ws('' '', %s)), '' '') AS word
       WHERE word ~ ''^[a-z]{4,40}$'') AS words
     ORDER BY word
     ON CONFLICT (word) DO NOTHING',
    (SELECT string_agg(quote_ident(argument), ', ') FROM unnest(TG_ARGV) AS argument));
  RETURN NULL;
END $$;

CREATE TRIGGER search_learn_words_insert AFTER INSERT ON "Organisation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('name', 'city');
CREATE TRIGGER search_learn_words_update AFTER UPDATE ON "Organisation" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('name', 'city');
CREATE TRIGGER search_learn_words_insert AFTER INSERT ON "Person" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('firstName', 'lastName');
CREATE TRIGGER search_learn_words_update AFTER UPDATE ON "Person" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('firstName', 'lastName');
CREATE TRIGGER search_learn_words_insert AFTER INSERT ON "Mandate" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('reference');
CREATE TRIGGER search_learn_words_update AFTER UPDATE ON "Mandate" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('reference');
CREATE TRIGGER search_learn_words_insert AFTER INSERT ON "Product" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('name');
CREATE TRIGGER search_learn_words_update AFTER UPDATE ON "Product" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_learn_words('name');

INSERT INTO "SearchWord" (word, anagram)
SELECT word, search_anagram(word) FROM (
  SELECT DISTINCT word FROM (
    SELECT concat_ws(' ', name, city) AS text FROM "Organisation"
    UNION ALL SELECT concat_ws(' ', "firstName", "lastName") FROM "Person"
    UNION ALL SELECT reference FROM "Mandate"
    UNION ALL SELECT name FROM "Product"
  ) AS texts, regexp_split_to_table(search_normalize(text), ' ') AS word
  WHERE word ~ '^[a-z]{4,40}$'
) AS words
ON CONFLICT (word) DO NOTHING;

-- Candidate corrections of each query word: trigram neighbours (the threshold is set for this
-- function only) and transpositions (same letters). The caller keeps those within the allowed edits.
CREATE FUNCTION search_corrections(words text[]) RETURNS TABLE (query text, word text)
LANGUAGE sql STABLE
SET pg_trgm.similarity_threshold = 0.2
AS $$
  SELECT q.word, c.word
  FROM unnest(words) AS q(word)
  CROSS JOIN LATERAL (
    SELECT s.word FROM "SearchWord" s
    WHERE s.word % q.word AND abs(length(s.word) - length(q.word)) <= 2
    ORDER BY similarity(s.word, q.word) DESC, s.word
    LIMIT 60
  ) AS c
  UNION
  SELECT q.word, s.word
  FROM unnest(words) AS q(word)
  JOIN "SearchWord" s ON s.anagram = search_anagram(q.word)
$$;

-- ── recent items ───────────────────────────────────────────────────────────────────────────────

CREATE TABLE "SearchRecentItem" (
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchRecentItem_pkey" PRIMARY KEY ("userId","kind","recordId")
);
CREATE INDEX "SearchRecentItem_userId_visitedAt_idx" ON "SearchRecentItem"("userId", "visitedAt");
ALTER TABLE "SearchRecentItem" ADD CONSTRAINT "SearchRecentItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
