-- Search: one document per item, the indexing outbox written in the same transaction as each change, and the
-- index's state row (outbox checkpoint, rebuild progress). A site upgraded to this version queues a full rebuild,
-- so the content it already has becomes searchable on its first start.
CREATE TABLE "SearchDocuments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SearchDocuments" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Public" INTEGER NOT NULL,
    "Sectors" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Stage" TEXT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "IndexedUtc" TEXT NOT NULL
);

CREATE TABLE "SearchOutbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SearchOutbox" PRIMARY KEY AUTOINCREMENT,
    "TxId" INTEGER NOT NULL DEFAULT 0,
    "Type" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL
);

CREATE TABLE "SearchState" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_SearchState" PRIMARY KEY,
    "LastTxId" INTEGER NOT NULL,
    "LastId" INTEGER NOT NULL,
    "LastIndexedUtc" TEXT NULL,
    "RebuildStatus" TEXT NOT NULL,
    "RebuildTotal" INTEGER NOT NULL,
    "RebuildDone" INTEGER NOT NULL,
    "RebuildStartedUtc" TEXT NULL,
    "RebuildFinishedUtc" TEXT NULL,
    "RebuildError" TEXT NULL
);

CREATE UNIQUE INDEX "IX_SearchDocuments_Key" ON "SearchDocuments" ("Key");

CREATE INDEX "IX_SearchDocuments_Type_UpdatedUtc" ON "SearchDocuments" ("Type", "UpdatedUtc");

CREATE INDEX "IX_SearchOutbox_TxId_Id" ON "SearchOutbox" ("TxId", "Id");

-- The FTS5 index beside the documents (rowid = "SearchDocuments"."Id"): folded and exact words of title and body,
-- already split and folded by the application; the tokenizer keeps diacritics since folding (đ included) is ours.
CREATE VIRTUAL TABLE "SearchFts" USING fts5(title_f, body_f, title_x, body_x, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');

INSERT INTO "SearchState" ("Name", "LastTxId", "LastId", "RebuildStatus", "RebuildTotal", "RebuildDone") VALUES ('index', 0, 0, 'queued', 0, 0);
