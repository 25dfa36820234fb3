-- Interactions (notes, meetings, calls, e-mails, site visits, events attended) with who took part and their attachments, and follow-up tasks.

CREATE TABLE "FollowUpTasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_FollowUpTasks" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "DueOn" TEXT NOT NULL,
    "AssigneeId" TEXT NOT NULL,
    "OrganisationId" TEXT NULL,
    "PersonId" TEXT NULL,
    "ApplicationId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ClosedUtc" TEXT NULL,
    "ClosedBy" TEXT NULL,
    "DueNoticeSentUtc" TEXT NULL,
    "OverdueNoticeSentUtc" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Interactions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Interactions" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NULL,
    "Visibility" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "InteractionAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InteractionAttachments" PRIMARY KEY AUTOINCREMENT,
    "InteractionId" TEXT NOT NULL,
    "StoredName" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "AddedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_InteractionAttachments_Interactions_InteractionId" FOREIGN KEY ("InteractionId") REFERENCES "Interactions" ("Id") ON DELETE CASCADE
);

CREATE TABLE "InteractionParticipants" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InteractionParticipants" PRIMARY KEY AUTOINCREMENT,
    "InteractionId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "RefId" TEXT NOT NULL,
    CONSTRAINT "FK_InteractionParticipants_Interactions_InteractionId" FOREIGN KEY ("InteractionId") REFERENCES "Interactions" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_FollowUpTasks_AssigneeId_Status_DueOn" ON "FollowUpTasks" ("AssigneeId", "Status", "DueOn");

CREATE INDEX "IX_FollowUpTasks_OrganisationId" ON "FollowUpTasks" ("OrganisationId");

CREATE INDEX "IX_FollowUpTasks_PersonId" ON "FollowUpTasks" ("PersonId");

CREATE INDEX "IX_FollowUpTasks_Status_DueOn" ON "FollowUpTasks" ("Status", "DueOn");

CREATE INDEX "IX_InteractionAttachments_InteractionId" ON "InteractionAttachments" ("InteractionId");

CREATE INDEX "IX_InteractionAttachments_StoredName" ON "InteractionAttachments" ("StoredName");

CREATE INDEX "IX_InteractionParticipants_InteractionId" ON "InteractionParticipants" ("InteractionId");

CREATE INDEX "IX_InteractionParticipants_Kind_RefId" ON "InteractionParticipants" ("Kind", "RefId");

CREATE INDEX "IX_Interactions_AtUtc" ON "Interactions" ("AtUtc");
