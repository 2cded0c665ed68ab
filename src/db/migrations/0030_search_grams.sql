-- The search box's one- and two-character title terms (issue 17): a trigram index has nothing
-- to look up inside a word for them, so every task, workplace and demand title was read. The
-- two-character pieces of a text (lower-cased), in a GIN index, find them; the ILIKE stays as
-- the exact check. IMMUTABLE: the index and the query must compute the same array.
CREATE FUNCTION "kumiai_bigrams"(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}') FROM generate_series(1, char_length(t) - 1) AS i $$;--> statement-breakpoint
CREATE INDEX "tasks_title_bigram_idx" ON "tasks" USING gin (kumiai_bigrams("title"));--> statement-breakpoint
CREATE INDEX "demands_title_bigram_idx" ON "demands" USING gin (kumiai_bigrams("title"));--> statement-breakpoint
CREATE INDEX "workplaces_search_bigram_idx" ON "workplaces" USING gin (kumiai_bigrams(translate(name, ' 　', '') || ' ' || translate(coalesce(name_kana, ''), ' 　', '')));
--> statement-breakpoint
-- The task list's scope for officers (assigned to them, created by them, or unassigned) as
-- index lookups: with the bigram index, a common name in task titles reads only their tasks.
CREATE INDEX "tasks_created_by_idx" ON "tasks" USING btree ("created_by");
