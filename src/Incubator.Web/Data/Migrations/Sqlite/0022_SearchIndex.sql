-- Search on Lucene.Net: each web instance keeps its own index under Search:IndexPath (a cache, rebuilt from the
-- database when missing), so the old engines' tables go. The outbox stays and is read by every instance past its
-- index's own checkpoint; "SearchCheckpoints" holds each instance's report (checkpoint, condition, rebuild progress),
-- "SearchIndexState" the pruning watermark and the last rebuild request. Outbox rows are pruned by age, hence the
-- index on "CreatedUtc".
-- The FTS5 table (dropping it drops its shadow tables), the narrow facets table and the triggers that kept it.
DROP TRIGGER IF EXISTS "SearchFacets_AfterInsert";
DROP TRIGGER IF EXISTS "SearchFacets_AfterUpdate";
DROP TRIGGER IF EXISTS "SearchFacets_AfterDelete";
DROP TABLE IF EXISTS "SearchFts";
DROP TABLE IF EXISTS "SearchFacets";

DROP TABLE "SearchDocuments";

DROP TABLE "SearchState";

CREATE TABLE "SearchCheckpoints" (
    "InstanceId" TEXT NOT NULL CONSTRAINT "PK_SearchCheckpoints" PRIMARY KEY,
    "Machine" TEXT NOT NULL,
    "CheckpointTxId" INTEGER NOT NULL,
    "CheckpointId" INTEGER NOT NULL,
    "Condition" TEXT NOT NULL,
    "RebuildStatus" TEXT NOT NULL,
    "RebuildDone" INTEGER NOT NULL,
    "RebuildTotal" INTEGER NOT NULL,
    "RebuildStartedUtc" TEXT NULL,
    "RebuildFinishedUtc" TEXT NULL,
    "RebuildError" TEXT NULL,
    "BuiltUtc" TEXT NULL,
    "Documents" INTEGER NOT NULL,
    "UpdatedUtc" TEXT NOT NULL
);

CREATE TABLE "SearchIndexState" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_SearchIndexState" PRIMARY KEY,
    "PrunedTxId" INTEGER NOT NULL,
    "PrunedId" INTEGER NOT NULL,
    "RebuildRequestedUtc" TEXT NULL
);

CREATE INDEX "IX_SearchOutbox_CreatedUtc" ON "SearchOutbox" ("CreatedUtc");

CREATE INDEX "IX_SearchCheckpoints_UpdatedUtc" ON "SearchCheckpoints" ("UpdatedUtc");
