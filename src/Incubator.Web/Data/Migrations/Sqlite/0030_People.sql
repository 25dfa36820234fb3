-- People (contacts), their e-mails and phones, links to organisations and consents; organisations' pipeline stages and moves.
CREATE TABLE "OrganisationStages" (
    "OrganisationId" TEXT NOT NULL CONSTRAINT "PK_OrganisationStages" PRIMARY KEY,
    "Stage" TEXT NOT NULL,
    "SinceUtc" TEXT NOT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "People" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_People" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL,
    "Title" TEXT NULL,
    "Gender" TEXT NULL,
    "BirthYear" INTEGER NULL,
    "Locality" TEXT NULL,
    "Tags" TEXT NOT NULL,
    "Notes" TEXT NULL,
    "UserId" TEXT NULL,
    "MergedIntoId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "RowVersion" INTEGER NOT NULL
);

CREATE TABLE "PipelineMoves" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PipelineMoves" PRIMARY KEY AUTOINCREMENT,
    "OrganisationId" TEXT NOT NULL,
    "FromStage" TEXT NULL,
    "Stage" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "PersonConsents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PersonConsents" PRIMARY KEY AUTOINCREMENT,
    "PersonId" TEXT NOT NULL,
    "Purpose" TEXT NOT NULL,
    "Given" INTEGER NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Basis" TEXT NULL,
    "ByUserId" TEXT NULL,
    CONSTRAINT "FK_PersonConsents_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PersonContacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PersonContacts" PRIMARY KEY AUTOINCREMENT,
    "PersonId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Normalized" TEXT NOT NULL,
    CONSTRAINT "FK_PersonContacts_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PersonLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PersonLinks" PRIMARY KEY AUTOINCREMENT,
    "PersonId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "From" TEXT NULL,
    "To" TEXT NULL,
    CONSTRAINT "FK_PersonLinks_People_PersonId" FOREIGN KEY ("PersonId") REFERENCES "People" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_OrganisationStages_Stage" ON "OrganisationStages" ("Stage");

CREATE INDEX "IX_People_NormalizedName" ON "People" ("NormalizedName");

CREATE INDEX "IX_People_UserId" ON "People" ("UserId");

CREATE INDEX "IX_PersonConsents_PersonId_Purpose_AtUtc" ON "PersonConsents" ("PersonId", "Purpose", "AtUtc");

CREATE INDEX "IX_PersonContacts_Kind_Normalized" ON "PersonContacts" ("Kind", "Normalized");

CREATE INDEX "IX_PersonContacts_PersonId" ON "PersonContacts" ("PersonId");

CREATE INDEX "IX_PersonLinks_OrganisationId" ON "PersonLinks" ("OrganisationId");

CREATE INDEX "IX_PersonLinks_PersonId" ON "PersonLinks" ("PersonId");

CREATE INDEX "IX_PipelineMoves_OrganisationId_AtUtc" ON "PipelineMoves" ("OrganisationId", "AtUtc");
