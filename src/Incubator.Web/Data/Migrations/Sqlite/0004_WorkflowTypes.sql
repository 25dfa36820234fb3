-- Workflow types as data: one row per version, shipped by recipes (step WorkflowTypes).
CREATE TABLE "WorkflowTypes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkflowTypes" PRIMARY KEY AUTOINCREMENT,
    "Key" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "StartEvent" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "Definition" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_WorkflowTypes_Key_Version" ON "WorkflowTypes" ("Key", "Version");

CREATE INDEX "IX_WorkflowTypes_StartEvent" ON "WorkflowTypes" ("StartEvent");
