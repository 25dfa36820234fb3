-- Search speed. Most of it is code: the engine bounds the work per query (at most Search:ExactUpTo matches ranked and
-- counted) and turns JIT off for search statements.
--
-- A quoted phrase needs each candidate's word positions, which only "Folded" holds. A document's row is larger than
-- the 2 kB TOAST threshold, so PostgreSQL moved "Folded" out of line: checking a candidate meant reading its TOAST
-- chunks through the TOAST index (four pages a row). Kept in the row instead (still compressed; "Exact" and "Body" go
-- out of line first), a phrase check reads the heap page it is on: measured at 100,000 documents, 34 ms -> 9 ms for
-- a phrase of a few percent of the documents.
ALTER TABLE "SearchDocuments" ALTER COLUMN "Folded" SET STORAGE MAIN;

-- Documents indexed before keep their out-of-line copy until they are written again: a rebuild rewrites them all
-- (and searching goes on meanwhile).
UPDATE "SearchState" SET "RebuildStatus" = 'queued', "RebuildError" = NULL
WHERE "Name" = 'index' AND "RebuildStatus" NOT IN ('queued', 'running');
