-- Search on Lucene.Net: each web instance keeps its own index under Search:IndexPath (a cache, rebuilt from the
-- database when missing), so the old engines' tables go. The outbox stays and is read by every instance past its
-- index's own checkpoint; "SearchCheckpoints" holds each instance's report (checkpoint, condition, rebuild progress),
-- "SearchIndexState" the pruning watermark and the last rebuild request. Outbox rows are pruned by age, hence the
-- index on "CreatedUtc".
-- The tsvector columns "Folded" and "Exact" and their GIN index "IX_SearchDocuments_Folded" go with the table.
DROP TABLE "SearchDocuments";

DROP TABLE "SearchState";

CREATE TABLE "SearchCheckpoints" (
    "InstanceId" character varying(200) NOT NULL,
    "Machine" character varying(200) NOT NULL,
    "CheckpointTxId" bigint NOT NULL,
    "CheckpointId" bigint NOT NULL,
    "Condition" character varying(16) NOT NULL,
    "RebuildStatus" character varying(16) NOT NULL,
    "RebuildDone" integer NOT NULL,
    "RebuildTotal" integer NOT NULL,
    "RebuildStartedUtc" timestamp with time zone,
    "RebuildFinishedUtc" timestamp with time zone,
    "RebuildError" character varying(2000),
    "BuiltUtc" timestamp with time zone,
    "Documents" integer NOT NULL,
    "UpdatedUtc" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SearchCheckpoints" PRIMARY KEY ("InstanceId")
);

CREATE TABLE "SearchIndexState" (
    "Name" character varying(32) NOT NULL,
    "PrunedTxId" bigint NOT NULL,
    "PrunedId" bigint NOT NULL,
    "RebuildRequestedUtc" timestamp with time zone,
    CONSTRAINT "PK_SearchIndexState" PRIMARY KEY ("Name")
);

CREATE INDEX "IX_SearchOutbox_CreatedUtc" ON "SearchOutbox" ("CreatedUtc");

CREATE INDEX "IX_SearchCheckpoints_UpdatedUtc" ON "SearchCheckpoints" ("UpdatedUtc");
