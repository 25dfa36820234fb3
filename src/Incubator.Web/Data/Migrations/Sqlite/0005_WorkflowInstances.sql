-- Workflow instances (one row per run, pinned to a type version; Version is the optimistic concurrency token)
-- and their history (append-only).
CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "TypeKey" TEXT NOT NULL,
    "TypeVersion" INTEGER NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Fault" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "FinishedUtc" TEXT NULL,
    "NextDueUtc" TEXT NULL
);

CREATE TABLE "WorkflowHistory" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkflowHistory" PRIMARY KEY AUTOINCREMENT,
    "InstanceId" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "By" TEXT NULL,
    "ActivityId" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "Comment" TEXT NULL,
    "Internal" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_WorkflowHistory_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_WorkflowHistory_InstanceId" ON "WorkflowHistory" ("InstanceId");

CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");

CREATE INDEX "IX_WorkflowInstances_NextDueUtc" ON "WorkflowInstances" ("NextDueUtc");
