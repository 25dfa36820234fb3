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
