-- Search speed: the columns searches filter and count facets on, in a narrow table beside the wide documents (one
-- row per document, "Id" = the document's id = the FTS rowid), kept in step by triggers so no writer can forget it.
-- Reading these few bytes per match instead of a whole document row is what keeps a query over tens of thousands
-- of matches cheap. It is the SQLite engine's, like "SearchFts": not part of the EF model.
CREATE TABLE "SearchFacets" (
    "Id" INTEGER NOT NULL PRIMARY KEY,
    "Type" TEXT NOT NULL,
    "Public" INTEGER NOT NULL,
    "Sectors" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Stage" TEXT NULL,
    "UpdatedUtc" TEXT NOT NULL
);

CREATE INDEX "IX_SearchFacets_UpdatedUtc" ON "SearchFacets" ("UpdatedUtc");

INSERT INTO "SearchFacets" ("Id", "Type", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc")
SELECT "Id", "Type", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc" FROM "SearchDocuments";

-- Plain statements: inside a trigger, an upsert's conflict handling would override an OR REPLACE.
CREATE TRIGGER "SearchFacets_AfterInsert" AFTER INSERT ON "SearchDocuments" BEGIN
    INSERT INTO "SearchFacets" ("Id", "Type", "Public", "Sectors", "Locality", "Stage", "UpdatedUtc")
    VALUES (new."Id", new."Type", new."Public", new."Sectors", new."Locality", new."Stage", new."UpdatedUtc");
END;

CREATE TRIGGER "SearchFacets_AfterUpdate" AFTER UPDATE ON "SearchDocuments" BEGIN
    UPDATE "SearchFacets" SET "Id" = new."Id", "Type" = new."Type", "Public" = new."Public", "Sectors" = new."Sectors",
        "Locality" = new."Locality", "Stage" = new."Stage", "UpdatedUtc" = new."UpdatedUtc"
    WHERE "Id" = old."Id";
END;

CREATE TRIGGER "SearchFacets_AfterDelete" AFTER DELETE ON "SearchDocuments" BEGIN
    DELETE FROM "SearchFacets" WHERE "Id" = old."Id";
END;

-- The last word of a query is matched as a prefix (the word being typed). FTS5 answers a prefix of a length it has
-- an index for from one list; any other length merges the lists of every word that starts with it, which for a
-- common 4- or 5-letter start is tens of thousands of rows per query. Vietnamese syllables are short, so prefix
-- indexes up to 5 letters cover nearly everything typed. The table also becomes contentless: nothing reads its
-- text back (snippets are cut from "SearchDocuments"), so storing a second copy of every document's words twice
-- over only slowed indexing; contentless_delete (SQLite 3.43+) still lets a document be replaced or removed.
-- The table is rebuilt from itself: no re-indexing needed.
CREATE VIRTUAL TABLE "SearchFts_new" USING fts5(title_f, body_f, title_x, body_x, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4 5', content = '', contentless_delete = 1);
INSERT INTO "SearchFts_new" (rowid, title_f, body_f, title_x, body_x) SELECT rowid, title_f, body_f, title_x, body_x FROM "SearchFts";
DROP TABLE "SearchFts";
ALTER TABLE "SearchFts_new" RENAME TO "SearchFts";
